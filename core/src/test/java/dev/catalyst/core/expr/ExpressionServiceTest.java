package dev.catalyst.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExpressionServiceTest {
    private final ExpressionService service = new ExpressionService(ExpressionLimits.DEFAULT);

    private static Map<String, JsonNode> vars(String json) {
        var node = Json.parse(json);
        var map = new java.util.LinkedHashMap<String, JsonNode>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private Object eval(String expr, ExpressionScope scope) throws ExpressionException {
        return service.evaluate(service.compile(expr), scope);
    }

    @Test
    void evaluatesOverInputsNodesVariablesAndInput() throws Exception {
        var inputs = vars("{\"topic\":\"otters\",\"n\":3,\"tags\":[\"a\",\"b\"],\"ratio\":0.5}");
        var nodes = vars("{\"claude\":{\"text\":\"hi\",\"usage\":{\"outputTokens\":7}}}");
        var scope = new ExpressionScope(inputs, nodes, inputs, Json.parse("{\"tokens\":1200}"));
        assertThat(eval("topic + '!'", scope)).isEqualTo("otters!");
        assertThat(eval("inputs.n * 2", scope)).isEqualTo(6L);
        assertThat(eval("inputs['topic'].size()", scope)).isEqualTo(6L);
        assertThat(eval("tags.map(t, t + t)", scope)).isEqualTo(java.util.List.of("aa", "bb"));
        assertThat(eval("nodes.claude.output.text", scope)).isEqualTo("hi");
        assertThat(eval("nodes.claude.output.usage.outputTokens > 5", scope)).isEqualTo(true);
        assertThat(eval("input.tokens > 1000 && ratio < 1", scope)).isEqualTo(true);
        assertThat(eval("has(inputs.missing)", scope)).isEqualTo(false);
        assertThat(eval("size(inputs)", scope)).isEqualTo(4L);
        assertThat(service.evaluateJson(service.compile("tags"), scope)).isSameAs(inputs.get("tags"));
        assertThat(service.test(service.compile("inputs.topic == 'otters'"), scope)).isTrue();
    }

    @Test
    void plainPathsReadDirectlyGiveWhatCelGives() throws Exception {
        var vars = vars("{\"user\":{\"name\":\"Zoë\",\"tags\":[1]},\"n\":null,\"s\":\"x\"}");
        var scope = new ExpressionScope(vars, vars("{\"a\":{\"text\":\"t\"}}"), vars, null);
        for (String path : new String[] {"user.name", "user.tags", "user", "inputs.user.name", "nodes.a.output.text", "nodes.a.output", "n"}) {
            Object direct = eval(path, scope);
            Object viaCel = eval("true ? " + path + " : 0", scope);
            assertThat(Values.toJson(direct)).as(path).isEqualTo(Values.toJson(viaCel));
        }
        for (String missing : new String[] {"user.age", "s.length", "inputs.nope", "nodes.b.output.text", "nodes.a.text", "nope"}) {
            assertThatThrownBy(() -> eval(missing, scope)).as(missing).isInstanceOf(ExpressionException.class);
        }
    }

    @Test
    void objectsAndListsFromJsonBehaveAsCelMapsAndLists() throws Exception {
        var vars = vars("{\"user\":{\"name\":\"Zoë\",\"age\":9},\"xs\":[3,1,2]}");
        var scope = ExpressionScope.ofVariables(vars);
        assertThat(eval("user.map(k, k)", scope)).isEqualTo(java.util.List.of("name", "age"));
        assertThat(eval("user == {'name': 'Zoë', 'age': 9}", scope)).isEqualTo(true);
        assertThat(eval("'age' in user && !('x' in user)", scope)).isEqualTo(true);
        assertThat(eval("xs.filter(x, x > 1)", scope)).isEqualTo(java.util.List.of(3L, 2L));
        assertThat(eval("xs[0] + xs.size()", scope)).isEqualTo(6L);
        assertThatThrownBy(() -> eval("xs[7]", scope)).isInstanceOf(ExpressionException.class);
        // a missing variable inside a macro is still reported, not swallowed
        assertThatThrownBy(() -> eval("xs.exists(x, x == nope)", scope))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.getMessage()).contains("unknown variable 'nope'"));
    }

    @Test
    void compiledExpressionsAreCachedAndListTheirReferences() throws Exception {
        var a = service.compile("topic + inputs.x + nodes.claude.output.text + nodes['gpt'].output + [1].map(v, v + 1).size() + input.y");
        assertThat(service.compile(a.source())).isSameAs(a);
        assertThat(a.variables()).containsExactly("topic");
        assertThat(a.references()).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("Variable", "WorkflowInput", "NodeOutput", "NodeOutput", "NodeInput");
        assertThat(a.references().get(2)).isEqualTo(new Reference.NodeOutput("claude", "output", "text", 19));
    }

    @Test
    void syntaxErrorsCarryLineColumnAndCaret() {
        assertThatThrownBy(() -> service.compile("topic +\n  + )"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.SYNTAX);
                    assertThat(e.position().line()).isEqualTo(2);
                    assertThat(e.position().column()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("2:3: unexpected '+'");
                    assertThat(e.snippet()).isEqualTo(" |   + )\n | ..^");
                });
        assertThatThrownBy(() -> service.compile("1 +"))
                .hasMessage("1:4: unexpected end of expression");
        assertThatThrownBy(() -> service.compile("  "))
                .hasMessageContaining("empty expression");
    }

    @Test
    void typeErrorsAndUnknownFunctionsFailAtCompileTime() {
        assertThatThrownBy(() -> service.compile("1 + 'a'"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.INVALID);
                    assertThat(e.getMessage()).isEqualTo("1:3: found no matching overload for '_+_' applied to '(int, string)'");
                });
        assertThatThrownBy(() -> service.compile("upper(topic)"))
                .hasMessage("1:6: undeclared reference to 'upper'");
    }

    @Test
    void runtimeErrorsSayWhatIsMissing() {
        var scope = ExpressionScope.ofVariables(vars("{\"topic\":\"otters\",\"n\":0}"));
        assertThatThrownBy(() -> eval("'x' + topc", scope))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.MISSING_VALUE);
                    assertThat(e.getMessage()).isEqualTo("1:7: unknown variable 'topc' — did you mean topic?");
                });
        assertThatThrownBy(() -> eval("inputs.nope", scope))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.MISSING_VALUE);
                    assertThat(e.getMessage()).contains("key 'nope' is not present");
                });
        assertThatThrownBy(() -> eval("input", scope)).hasMessageContaining("'input' is not available here");
        assertThatThrownBy(() -> eval("nodes.search.output.text", scope))
                .hasMessage("1:6: node 'search' has no output here: it has not run (or is not upstream of this node)");
        assertThatThrownBy(() -> eval("10 / n", scope))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.EVALUATION));
        assertThatThrownBy(() -> service.test(service.compile("topic"), scope)).hasMessageContaining("must give true or false, not string");
    }

    @Test
    void valuesConvertBothWays() throws Exception {
        var scope = ExpressionScope.ofVariables(Map.of());
        assertThat(Values.toJson(eval("{'a': [1, 2.5, true, null], 1: 'x'}", scope)).toString())
                .isEqualTo("{\"a\":[1,2.5,true,null],\"1\":\"x\"}");
        assertThat(Values.toText(eval("timestamp('2020-01-01T00:00:00Z')", scope))).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(Values.toText(eval("duration('90m')", scope))).isEqualTo("5400s");
        assertThat(Values.toText(eval("3.0", scope))).isEqualTo("3");
        assertThat(Values.toText(eval("0.1 + 0.2", scope))).isEqualTo("0.30000000000000004");
        assertThat(Values.toText(eval("1e300", scope))).isEqualTo("1.0E300");
        assertThat(Values.toText(eval("7u", scope))).isEqualTo("7");
        assertThat(Values.toText(eval("b'hi'", scope))).isEqualTo("aGk=");
        assertThat(Values.toText(eval("type(1)", scope))).isEqualTo("type");
        assertThat(Values.toJson(eval("7u", scope)).isBigInteger()).isTrue();
        assertThat(Values.fromJson(Json.parse("123456789012345678901234567890"))).isInstanceOf(Double.class);
        assertThat(Values.toText(Values.fromJson(Json.parse("{\"k\":[1,{\"z\":null}]}")))).isEqualTo("{\"k\":[1,{\"z\":null}]}");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new ExpressionLimits(0, 1, 1, 1, 1, java.time.Duration.ofMillis(1), 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpressionLimits.DEFAULT.withMaxBuiltSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpressionLimits.DEFAULT.withTimeout(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExpressionLimits.DEFAULT.withMaxResultSize(10).maxResultSize()).isEqualTo(10);
        assertThat(ExpressionLimits.DEFAULT.withMaxBuiltSize(10).maxBuiltSize()).isEqualTo(10);
    }
}
