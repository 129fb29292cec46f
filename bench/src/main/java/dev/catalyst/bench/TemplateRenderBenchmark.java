package dev.catalyst.bench;

import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.template.Template;
import dev.catalyst.core.template.TemplateEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;

/**
 * Renders a pre-compiled three-message prompt (system, user, assistant) that reads ten variables
 * of mixed types: strings, numbers, a boolean, a list and a nested object. Target: at most 5 µs
 * per render of all three messages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TemplateRenderBenchmark {
    static final List<String> MESSAGES = List.of(
            "You are {{ persona }}, writing for {{ audience }} in {{ language }}. Keep it under {{ maxWords }} words.",
            "Topic: {{ topic }}. Tone: {{ tone }}. Work in these keywords: {{ keywords }}. Formal: {{ formal }}.",
            "Understood, {{ user.name }}. Here is draft {{ draft + 1 }}.");

    private final TemplateEngine engine = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));
    private List<Template> templates;
    private ExpressionScope scope;

    @Setup
    public void setUp() throws ExpressionException {
        templates = MESSAGES.stream().map(this::compile).toList();
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        Json.parse("""
                { "persona": "a patient science teacher", "audience": "curious ten-year-olds", "language": "English",
                  "maxWords": 120, "topic": "why sea otters hold hands", "tone": "warm", "keywords": ["kelp", "rafts", "sleep"],
                  "formal": false, "user": { "name": "Zoë", "plan": "pro" }, "draft": 2 }""")
                .properties().forEach(e -> vars.put(e.getKey(), e.getValue()));
        scope = new ExpressionScope(vars, Map.of(), vars, null);
        if (!render()[2].equals("Understood, Zoë. Here is draft 3.")) throw new IllegalStateException("renders wrong text");
    }

    private Template compile(String source) {
        try {
            return engine.compile(source);
        } catch (ExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] render() throws ExpressionException {
        var out = new String[templates.size()];
        for (int i = 0; i < out.length; i++) out[i] = engine.render(templates.get(i), scope, true);
        return out;
    }

    @Benchmark
    public void renderThreeMessages(Blackhole bh) throws ExpressionException {
        for (Template t : templates) bh.consume(engine.render(t, scope, true));
    }
}
