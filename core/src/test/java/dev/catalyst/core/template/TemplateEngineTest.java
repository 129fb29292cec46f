package dev.catalyst.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateEngineTest {
    private final TemplateEngine engine = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));

    static Map<String, JsonNode> vars(String json) {
        var map = new LinkedHashMap<String, JsonNode>();
        Json.parse(json).properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private String render(String template, String variables, boolean strict) throws ExpressionException {
        return engine.render(engine.compile(template), ExpressionScope.ofVariables(vars(variables)), strict);
    }

    @Test
    void fillsHolesWithPlainValues() throws Exception {
        String vars = "{\"topic\":\"otters\",\"n\":3,\"x\":2.50,\"ok\":true,\"tags\":[\"a\",1],\"o\":{\"k\":\"v\"}}";
        assertThat(render("Write one line about {{ topic }}.", vars, true)).isEqualTo("Write one line about otters.");
        assertThat(render("{{n}}|{{ x }}|{{ ok }}|{{ tags }}|{{ o }}|{{ n + 1 }}", vars, true))
                .isEqualTo("3|2.5|true|[\"a\",1]|{\"k\":\"v\"}|4");
        assertThat(render("no holes at all }} {", vars, true)).isEqualTo("no holes at all }} {");
        assertThat(render("{{ {'a': {'b': 1}} }} and {{ \"}}\" }} and {{ '''{{''' }}", vars, true))
                .isEqualTo("{\"a\":{\"b\":1}} and }} and {{");
        assertThat(render("{{ r\"\\d\" }}", vars, true)).isEqualTo("\\d");
    }

    @Test
    void backslashEscapesALiteralOpener() throws Exception {
        assertThat(render("Use \\{{ name }} in templates; {{ topic }}", "{\"topic\":\"t\"}", true))
                .isEqualTo("Use {{ name }} in templates; t");
        assertThat(render("a \\ b \\}} c", "{}", true)).isEqualTo("a \\ b \\}} c");
        assertThat(render("{{ '{{' }} x }}", "{}", true)).isEqualTo("{{ x }}");
    }

    @Test
    void strictModeRejectsMissingAndNullLenientRendersEmpty() throws Exception {
        assertThatThrownBy(() -> render("Hi {{ name }}", "{\"nam\":\"x\"}", true))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.MISSING_VALUE);
                    assertThat(e.getMessage()).isEqualTo("1:7: unknown variable 'name' — did you mean nam?");
                    assertThat(e.snippet()).isEqualTo(" | Hi {{ name }}\n | ......^");
                });
        assertThatThrownBy(() -> render("line one\n  {{ v }}", "{\"v\":null}", true))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.NULL_VALUE);
                    assertThat(e.getMessage()).startsWith("2:6: {{ v }} is null");
                });
        assertThat(render("[{{ name }}][{{ v }}][{{ inputs.nope }}]", "{\"v\":null}", false)).isEqualTo("[][][]");
    }

    @Test
    void templateSyntaxErrorsPointIntoTheTemplate() {
        assertThatThrownBy(() -> engine.compile("ok\nHello {{ topic "))
                .hasMessage("2:7: '{{' is not closed by '}}' (write \\{{ for a literal {{)");
        assertThatThrownBy(() -> engine.compile("🦦 {{  }}"))
                .hasMessageStartingWith("1:3: empty {{ }}");
        assertThatThrownBy(() -> engine.compile("🦦 then {{ 1 + }}"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.SYNTAX);
                    assertThat(e.getMessage()).isEqualTo("1:14: unexpected end of expression");
                    assertThat(e.snippet()).isEqualTo(" | 🦦 then {{ 1 + }}\n | .............^");
                });
        assertThatThrownBy(() -> engine.compile("{{ 'unterminated }}")).hasMessageContaining("not closed");
    }

    @Test
    void referencedVariablesAreFoundStatically() throws Exception {
        assertThat(engine.referencedVariables("{{ topic }} {{ inputs.x }} {{ tone + topic }} {{ [1].map(i, i) }} {{ nodes.a.output.text }}"))
                .containsExactly("topic", "tone");
        Template t = engine.compile("ab {{ nodes.claude.output.text }}");
        assertThat(t.references()).containsExactly(new dev.catalyst.core.expr.Reference.NodeOutput("claude", "output", "text", 6));
        assertThat(engine.compile(t.source())).isSameAs(t);
    }

    @Test
    void eachEngineKeepsItsOwnCache() throws Exception {
        var other = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));
        Template mine = engine.compile("{{ topic }} again");
        assertThat(engine.compile("{{ topic }} again")).isSameAs(mine);
        // no process-wide cache: another engine parses the same source itself
        Template theirs = other.compile("{{ topic }} again");
        assertThat(theirs).isNotSameAs(mine);
        assertThat(theirs.variables()).isEqualTo(mine.variables());
    }

    @Test
    void evaluateGivesTheValueOfASingleHole() throws Exception {
        var scope = new TemplateScope(vars("{\"texts\":[\"a\",\"b\"]}"), Map.of(), null);
        JsonNode list = engine.evaluate("{{ inputs.texts }}", scope);
        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isEqualTo(2);
        assertThat(engine.evaluate(" {{ inputs.texts.size() }} ", scope).asLong()).isEqualTo(2);
        assertThat(engine.evaluate("n={{ inputs.texts.size() }}", scope).stringValue()).isEqualTo("n=2");
        assertThat(engine.render("{{ texts[0] }}", scope)).isEqualTo("a");
        assertThat(engine.evaluate(engine.compile("{{ missing }}"), ExpressionScope.ofVariables(Map.of()), false).stringValue()).isEmpty();
    }

    @Test
    void rendererInterfaceReportsExpressionErrors() {
        var scope = TemplateScope.ofInputs(Map.of());
        assertThatThrownBy(() -> engine.render("{{ nope }}", scope))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EXPRESSION_ERROR);
                    assertThat(e.getMessage()).contains("unknown variable 'nope'").contains("^");
                });
        assertThatThrownBy(() -> engine.evaluate("{{ 1 + }}", scope)).isInstanceOf(NodeException.class);
    }

    @Test
    void oversizedTemplatesAreRefused() {
        String big = "x".repeat(TemplateEngine.MAX_TEMPLATE_LENGTH + 1);
        assertThatThrownBy(() -> engine.compile(big))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.LIMIT));
    }
}
