package dev.catalyst.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.checker.CelStandardDeclarations;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The hostile inputs of issue 4, one test each. */
class HostileInputTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final TemplateEngine engine = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));
    /** Default limits but a lax clock, to show which limit stops an expression on any machine speed. */
    private final TemplateEngine patient = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT.withTimeout(Duration.ofMinutes(1))));

    private static ExpressionScope scope(Object... kv) {
        var map = new LinkedHashMap<String, JsonNode>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            map.put((String) kv[i], v instanceof JsonNode n ? n : F.stringNode((String) v));
        }
        return new ExpressionScope(map, Map.of("claude", Json.parse("{\"text\":\"hi\"}")), map, null);
    }

    private String render(String template, ExpressionScope scope) throws ExpressionException {
        return engine.render(engine.compile(template), scope, true);
    }

    private String renderPatiently(String template, ExpressionScope scope) throws ExpressionException {
        return patient.render(patient.compile(template), scope, true);
    }

    private static ExpressionException.Kind kindOf(ThrowingRunnable r) {
        try {
            r.run();
        } catch (ExpressionException e) {
            return e.kind();
        }
        throw new AssertionError("expected an ExpressionException");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws ExpressionException;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ nodes }}", "{{ 1+1 }}", "{{ inputs }}", "\\{{ x }}", "}}{{", "{{ topic"})
    void aValueThatLooksLikeATemplateStaysLiteral(String value) throws Exception {
        var s = scope("topic", value);
        assertThat(render("A {{ topic }} B", s)).isEqualTo("A " + value + " B");
        assertThat(render("{{ topic + topic }}", s)).isEqualTo(value + value);
    }

    @Test
    void stringDoublingStopsAtTheSizeLimit() {
        var s = scope("s", "x".repeat(1 << 20));
        String doubling = "s + s + s + s + s + s + s + s";
        assertThatThrownBy(() -> renderPatiently("{{ " + doubling + " }}", s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.LIMIT);
                    assertThat(e.getMessage()).contains("would build a string of 2097152 characters").contains("over the limit of 262144");
                });
        // doubling inside a loop is stopped by the cost of the text it builds
        String loop = "{{ [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20].map(i, s + s).size() }}";
        assertThat(kindOf(() -> renderPatiently(loop, s))).isEqualTo(ExpressionException.Kind.LIMIT);
        // with the default clock, whichever limit comes first stops it
        assertThat(kindOf(() -> render(loop, s))).isIn(ExpressionException.Kind.LIMIT, ExpressionException.Kind.TIMEOUT);
    }

    @Test
    void nestedComprehensionsOverLargeListsHitTheIterationLimit() {
        var big = F.arrayNode();
        for (int i = 0; i < 1000; i++) big.add(i);
        var s = scope("big", big);
        assertThatThrownBy(() -> renderPatiently("{{ big.all(x, big.all(y, big.all(z, x + y + z >= 0))) }}", s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.LIMIT);
                    assertThat(e.getMessage()).contains("too many iterations").contains("10000");
                });
        assertThat(kindOf(() -> renderPatiently("{{ big.map(x, big.map(y, [x, y])) }}", s))).isEqualTo(ExpressionException.Kind.LIMIT);
        assertThat(kindOf(() -> render("{{ big.map(x, big.map(y, [x, y])) }}", s))).isIn(ExpressionException.Kind.LIMIT, ExpressionException.Kind.TIMEOUT);
    }

    @Test
    void heavyEvaluationIsStoppedByTheClockAndTheJvmStaysHealthy() throws Exception {
        // Cost and iteration limits lifted so that only the wall clock can stop it.
        var limits = ExpressionLimits.DEFAULT.withMaxCost(Long.MAX_VALUE).withMaxIterations(Integer.MAX_VALUE).withTimeout(Duration.ofMillis(100));
        var service = new ExpressionService(limits);
        var big = F.arrayNode();
        for (int i = 0; i < 2000; i++) big.add(i);
        var s = scope("big", big);
        var expr = service.compile("big.all(x, big.all(y, big.all(z, x + y + z >= 0)))");
        assertThatThrownBy(() -> service.evaluate(expr, s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("took longer than 100 ms and was stopped");
                });
        // the same service and the shared one keep working
        assertThat(service.evaluate(service.compile("big.size()"), s)).isEqualTo(2000L);
        assertThat(render("{{ big.size() }}", s)).isEqualTo("2000");
    }

    @Test
    void theCostLimitStopsLongChainsOfCheapSteps() {
        var service = new ExpressionService(ExpressionLimits.DEFAULT.withMaxCost(50));
        assertThatThrownBy(() -> service.evaluate(service.compile("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20].map(i, i * 2).size()"), scope()))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.LIMIT);
                    assertThat(e.getMessage()).contains("too costly");
                });
    }

    @Test
    void deepNestingAndHugeExpressionsFailAtCompileTime() {
        String parens = "(".repeat(500) + "1" + ")".repeat(500);
        assertThatThrownBy(() -> engine.compile("{{ " + parens + " }}"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.LIMIT);
                    assertThat(e.getMessage()).contains("recursion limit exceeded");
                });
        String lists = "[".repeat(200) + "]".repeat(200);
        assertThat(kindOf(() -> engine.compile("{{ " + lists + " }}"))).isEqualTo(ExpressionException.Kind.LIMIT);
        String wide = "'" + "a".repeat(5000) + "'";
        assertThatThrownBy(() -> engine.compile("{{ " + wide + " }}")).hasMessageContaining("characters long; the limit is 4096");
        String many = "[" + "1,".repeat(1500) + "1]";
        assertThat(kindOf(() -> engine.compile("{{ " + many + " }}"))).isEqualTo(ExpressionException.Kind.LIMIT);
    }

    @Test
    void deeplyNestedDataDoesNotBreakRendering() throws Exception {
        JsonNode deep = F.arrayNode();
        for (int i = 0; i < 400; i++) deep = F.arrayNode().add(deep);
        var s = scope("d", deep);
        assertThat(render("{{ d }}", s)).isEqualTo("[".repeat(401) + "]".repeat(401));
    }

    /** What CEL exposes is exactly CEL's standard library, and docs/expressions.md lists all of it. */
    @Test
    void theExposedFunctionsAreExactlyTheDocumentedOnes() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "expressions.md"));
        var m = Pattern.compile("<!-- functions -->(.*?)<!-- /functions -->", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).isTrue();
        var documented = Arrays.stream(m.group(1).split("`")).map(String::strip)
                .filter(t -> !t.isEmpty() && !t.startsWith(",") && !t.equals("\n") && !t.contains(" "))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(new TreeSet<>(CelStandardDeclarations.getAllFunctionNames()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "java.lang.System.getenv('HOME')", "java.lang.Runtime.getRuntime()", "topic.getClass()",
            "getClass()", "env.HOME", "environ('HOME')", "System.getProperty('user.home')",
            "file('/etc/passwd')", "read('/etc/passwd')", "http.get('http://127.0.0.1/')", "fetch('http://x')",
            "secrets.anthropic", "secret('anthropic')", "ctx.secrets", "eval('1+1')", "exec('ls')",
            "google.protobuf.Any{}", "google.protobuf.Struct{}", "Class.forName('java.lang.Runtime')", "import('os')"})
    void nothingOutsideTheSandboxIsReachable(String attempt) {
        var s = scope("topic", "t");
        assertThatThrownBy(() -> render("{{ " + attempt + " }}", s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind())
                        .isIn(ExpressionException.Kind.INVALID, ExpressionException.Kind.SYNTAX, ExpressionException.Kind.MISSING_VALUE));
    }

    @Test
    void fieldAccessOnValuesNeverReachesJavaObjects() {
        var s = scope("topic", "t");
        assertThat(kindOf(() -> render("{{ dyn(topic).class }}", s))).isEqualTo(ExpressionException.Kind.MISSING_VALUE);
        assertThat(kindOf(() -> render("{{ inputs.getClass }}", s))).isEqualTo(ExpressionException.Kind.MISSING_VALUE);
        assertThat(kindOf(() -> render("{{ nodes.claude.getClass }}", s))).isEqualTo(ExpressionException.Kind.MISSING_VALUE);
    }

    @Test
    void emojiRtlNulAndAMegabyteStayByteExact() throws Exception {
        String mixed = "🦦 otters 👩‍👩‍👧‍👦 שלום مرحبا \u202Eevil\u202C a\u0000b \uD83D\uDE00 e\u0301";
        String mega = "ﷺ🦦x".repeat(350_000);
        assertThat(mega.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1 << 20);
        var s = scope("m", mixed, "big", mega);
        String out = render("<{{ m }}|{{ big }}|{{ m }}>", s);
        assertThat(out.getBytes(StandardCharsets.UTF_8)).isEqualTo(("<" + mixed + "|" + mega + "|" + mixed + ">").getBytes(StandardCharsets.UTF_8));
        assertThat(render("\u0000 {{ m.size() }} \u0000", s)).isEqualTo("\u0000 " + mixed.codePointCount(0, mixed.length()) + " \u0000");
        assertThat(engine.evaluate(engine.compile("{{ big }}"), s, true).stringValue()).isSameAs(mega);
    }
}
