package dev.catalyst.core.nodes.textjoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.validation.WorkflowValidator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TextJoinNodeTest {
    private final TextJoinKind kind = new TextJoinKind();

    private String join(String config, String texts) throws Exception {
        var call = new NodeCall("join", kind.spec().type(), (ObjectNode) Json.parse(config), Map.of("texts", Json.parse(texts)), null);
        return kind.executor(null).execute(call).values().get("text").stringValue();
    }

    @Test
    void joinsEachEdgesTextsInEdgeOrderWithTheDefaults() throws Exception {
        assertThat(join("{}", "[\"first\", [\"second\", \"  \", \"third\"], \"\"]")).isEqualTo("first\n\nsecond\n\nthird");
    }

    @Test
    void separatorPrefixAndBlanksAsConfigured() throws Exception {
        assertThat(join("{\"separator\": \"\\n\", \"prefix\": \"- \"}", "[[\"a\", \"b\"]]")).isEqualTo("- a\n- b");
        assertThat(join("{\"separator\": \"|\", \"skipBlank\": false}", "[\"a\", \"\", \"b\"]")).isEqualTo("a||b");
        assertThat(join("{}", "\"alone\"")).isEqualTo("alone");
        assertThat(join("{}", "[]")).isEmpty();
    }

    @Test
    void somethingOtherThanTextIsAClearErrorNamingWhere() {
        assertThatThrownBy(() -> join("{}", "[\"a\", {\"text\": \"b\"}]"))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("node join: texts[1] is object, not text");
        assertThatThrownBy(() -> join("{}", "[[\"a\", 3]]")).hasMessageContaining("texts[0][1] is number");
        assertThatThrownBy(() -> join("{\"skipBlank\": \"yes\"}", "[\"a\"]")).isInstanceOf(NodeException.class)
                .hasMessageContaining("does not match its schema");
    }

    @Test
    void validationWantsAnEdgeAndPlainTextSeparators() {
        var validator = new WorkflowValidator(NodeRegistry.of(List.of(new PromptTemplateKind(), kind)), ModelCatalog.builtIn());
        List<ValidationIssue> issues = validator.validate("""
                {"schemaVersion": 1, "nodes": [
                  {"id": "p", "type": "promptTemplate", "config": {"template": "hi"}},
                  {"id": "j", "type": "textJoin", "config": {"separator": "{{ inputs.sep }}"}},
                  {"id": "k", "type": "textJoin", "config": {"prefix": "- "}}],
                 "edges": [{"source": "p", "sourcePort": "text", "target": "j", "targetPort": "texts"}]}""", name -> true).errors();
        assertThat(issues).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code).containsExactly(
                tuple("k", "inputs.texts", IssueCodes.MISSING_INPUT),
                tuple("j", "config.separator", IssueCodes.INVALID_CONFIG));
    }

    @Test
    void theConfigRecordMatchesTheSchema() {
        JsonNode props = kind.spec().config().get("properties");
        assertThat(Arrays.stream(kind.configType().getRecordComponents()).map(c -> c.getName()))
                .containsExactlyInAnyOrderElementsOf(props.propertyNames());
    }
}
