package dev.catalyst.bench;

import dev.catalyst.core.expr.CompiledExpression;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How long a hostile expression runs before the default limits stop it (the issue asks for
 * under 100 ms). Each invocation evaluates one expression that must fail; a success is a bug.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostileExpressionBenchmark {
    @Param({"nested_loops", "string_doubling", "doubling_in_loop", "freeze_repro", "contains_in_loop", "regex_4mb", "regex_in_loop"})
    public String attack;

    private final ExpressionService service = new ExpressionService(ExpressionLimits.DEFAULT);
    private CompiledExpression expression;
    private ExpressionScope scope;

    @Setup
    public void setUp() throws ExpressionException {
        ArrayNode big = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 1000; i++) big.add(i);
        Map<String, JsonNode> vars = Map.of("big", big, "s", JsonNodeFactory.instance.stringNode("x".repeat(1 << 20)),
                "text", JsonNodeFactory.instance.stringNode("a".repeat(300_000)),
                "needle", JsonNodeFactory.instance.stringNode("a".repeat(100_000) + "b"),
                "mega", JsonNodeFactory.instance.stringNode("a".repeat(4 << 20)));
        scope = new ExpressionScope(vars, Map.of(), vars, null);
        expression = service.compile(switch (attack) {
            case "nested_loops" -> "big.all(x, big.all(y, big.all(z, x + y + z >= 0)))";
            case "string_doubling" -> "s + s + s + s + s + s + s + s";
            case "doubling_in_loop" -> "big.map(i, s + s).size()";
            case "freeze_repro" -> freezeRepro();
            case "contains_in_loop" -> "big.exists(i, text.contains(needle))";
            case "regex_4mb" -> "mega.matches('(a|aa)*b')";
            case "regex_in_loop" -> "big.exists(i, text.matches('(a|aa)*b'))";
            default -> throw new IllegalArgumentException(attack);
        });
        Json.MAPPER.hashCode(); // load Jackson before measuring
    }

    // issue 18: a 1 MB and a 256 KB string built by doubling inside map, then a near-miss search
    static String freezeRepro() {
        var e = new StringBuilder("['" + "a".repeat(1024) + "']");
        String[] names = {"k1", "k2", "k4", "k8", "k16", "k32", "k64", "k128", "k256", "k512"};
        for (String n : names) e.append(".map(").append(n).append(", [").append(n).append(" + ").append(n).append("]");
        return e.append(".map(mb, mb.contains(k256 + 'b')))").append(")".repeat(names.length - 1)).toString();
    }

    @Benchmark
    public ExpressionException.Kind evaluateUntilStopped() {
        try {
            service.evaluate(expression, scope);
        } catch (ExpressionException e) {
            return e.kind();
        }
        throw new IllegalStateException(attack + " was not stopped");
    }
}
