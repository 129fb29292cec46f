package dev.catalyst.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.server.cli.NodeKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionCheckTest {
    private static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeKinds.registry(), ModelCatalog.builtIn());

    private static ValidationReport validate(String json) {
        return VALIDATOR.validate(json, name -> true);
    }

    /** A workflow with one promptTemplate ("prompt") wired into Claude ("claude"). */
    private static String workflow(String promptConfig, String outputs, String extraNodes, String extraEdges) {
        return """
                { "schemaVersion": 1, "id": "t", "name": "T",
                  "inputs": { "topic": { "type": "string", "default": "otters" }, "tone": { "type": "string" } },
                  "nodes": [
                    { "id": "prompt", "type": "promptTemplate", "config": %s },
                    { "id": "claude", "type": "anthropicCompletion",
                      "config": { "model": "claude-sonnet-5-5", "maxTokens": 64 } } %s ],
                  "edges": [ { "id": "e1", "source": "prompt", "sourcePort": "messages", "target": "claude", "targetPort": "messages" } %s ],
                  "outputs": %s }
                """.formatted(promptConfig, extraNodes, extraEdges, outputs);
    }

    private static String prompt(String content) {
        return "{ \"messages\": [ { \"role\": \"system\", \"content\": \"Be terse.\" }, { \"role\": \"user\", \"content\": " + Json.write(content) + " } ] }";
    }

    private static List<ValidationIssue> withCode(ValidationReport r, String code) {
        return r.errors().stream().filter(i -> i.code().equals(code)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "router", "embed", "compare"})
    void theExamplesCompile(String name) throws Exception {
        var report = VALIDATOR.validate(Files.readString(Path.of("..", "examples", name + ".json")), n -> true);
        assertThat(report.errorsOnly()).isEmpty();
    }

    @Test
    void theReportListsEachNodesVariables() throws Exception {
        var report = VALIDATOR.validate(Files.readString(Path.of("..", "examples", "hello.json")), n -> true);
        assertThat(report.variables()).isEqualTo(Map.of("prompt", List.of("topic")));
        assertThat(Json.valueToTree(report).get("variables").toString()).isEqualTo("{\"prompt\":[\"topic\"]}");
        var none = validate(workflow(prompt("no holes"), "{}", "", ""));
        assertThat(none.variables()).isEmpty();
        assertThat(Json.valueToTree(none).has("variables")).isFalse();
    }

    @Test
    void anUnknownVariableIsAnErrorWithASuggestion() {
        var report = validate(workflow(prompt("Write about {{ topc }} in a {{ tone }} tone."), "{}", "", ""));
        assertThat(report.valid()).isFalse();
        var issues = withCode(report, IssueCodes.UNKNOWN_VARIABLE);
        assertThat(issues).hasSize(1);
        var issue = issues.get(0);
        assertThat(issue.nodeId()).isEqualTo("prompt");
        assertThat(issue.field()).isEqualTo("config.messages[1].content");
        assertThat(issue.message()).startsWith("1:16: unknown variable 'topc' — did you mean topic, tone?")
                .endsWith(" | Write about {{ topc }} in a {{ tone }} tone.\n | ...............^");
        assertThat(report.variables().get("prompt")).containsExactly("topc", "tone");
    }

    @Test
    void unknownNamesElsewhereGetHintsToo() {
        var unrelated = validate(workflow(prompt("{{ zzzqqq }}"), "{}", "", ""));
        assertThat(withCode(unrelated, IssueCodes.UNKNOWN_VARIABLE).get(0).message())
                .contains("it is not a workflow input (declared: topic, tone)");
        var nodeName = validate(workflow(prompt("{{ claude }}"), "{}", "", ""));
        assertThat(withCode(nodeName, IssueCodes.UNKNOWN_VARIABLE).get(0).message())
                .contains("to read node 'claude', write nodes.claude.output.<port>");
        var input = validate(workflow(prompt("{{ inputs.topik }}"), "{}", "", ""));
        assertThat(withCode(input, IssueCodes.UNKNOWN_VARIABLE).get(0).message()).contains("unknown input 'inputs.topik' — did you mean topic?");
        var inputInTemplate = validate(workflow(prompt("{{ input.x }}"), "{}", "", ""));
        assertThat(withCode(inputInTemplate, IssueCodes.UNKNOWN_VARIABLE).get(0).message()).contains("'input' is only available in router rules");
    }

    @Test
    void nodeReferencesMustNameANodeAndAnOutput() {
        var report = validate(workflow(prompt("x"),
                "{ \"a\": \"{{ nodes.claud.output.text }}\", \"b\": \"{{ nodes.claude.output.txt }}\", \"c\": \"{{ nodes.claude.text }}\", \"d\": \"{{ nodes.claude.output.text }}\", \"e\": \"{{ nodes['prompt'] }}\" }",
                "", ""));
        var issues = withCode(report, IssueCodes.UNKNOWN_VARIABLE);
        assertThat(issues).extracting(ValidationIssue::field).containsExactly("outputs.a", "outputs.b", "outputs.c");
        assertThat(issues).allSatisfy(i -> assertThat(i.nodeId()).isNull());
        assertThat(issues.get(0).message()).contains("unknown node 'nodes.claud' — did you mean claude?");
        assertThat(issues.get(1).message()).contains("node 'claude' (anthropicCompletion) has no output 'txt' — did you mean text?");
        assertThat(issues.get(2).message()).contains("write nodes.claude.output.text");
    }

    @Test
    void syntaxErrorsAreInvalidExpressionsWithLineAndColumn() {
        var report = validate(workflow(prompt("Line one\n{{ topic + }}"), "{ \"answer\": \"{{ nodes.claude.output.text\" }", "", ""));
        var issues = withCode(report, IssueCodes.INVALID_EXPRESSION);
        assertThat(issues).hasSize(2);
        assertThat(issues.get(0).field()).isEqualTo("config.messages[1].content");
        assertThat(issues.get(0).message()).startsWith("2:11: unexpected end of expression");
        assertThat(issues.get(1).field()).isEqualTo("outputs.answer");
        assertThat(issues.get(1).message()).startsWith("1:1: '{{' is not closed by '}}'");
    }

    @Test
    void theVariablesInputMakesBareNamesOpen() {
        String extra = ", { \"id\": \"vars\", \"type\": \"promptTemplate\", \"config\": { \"template\": \"{}\" } }";
        String edge = ", { \"id\": \"e2\", \"source\": \"vars\", \"sourcePort\": \"text\", \"target\": \"prompt\", \"targetPort\": \"variables\" }";
        var report = validate(workflow(prompt("{{ anything }}"), "{}", extra, edge));
        assertThat(withCode(report, IssueCodes.UNKNOWN_VARIABLE)).isEmpty();
    }

    @Test
    void routerRulesAndSystemPromptsAreCompiledToo() {
        String router = """
                , { "id": "router", "type": "llmRouter", "config": { "rules": [
                    { "when": "input.tokens > 1000 && inputs.tier == 'premium'", "use": "claude" },
                    { "when": "size(", "use": "claude" },
                    { "when": "tier == 1", "use": "claude" },
                    { "when": "request.promptTokens > 8000 || request.hasTools", "use": "claude" } ] } }""";
        String edges = """
                , { "id": "e2", "source": "prompt", "sourcePort": "messages", "target": "router", "targetPort": "messages" },
                  { "id": "e3", "source": "claude", "sourcePort": "model", "target": "router", "targetPort": "models" }""";
        String json = workflow(prompt("hi"), "{}", router, edges).replace("\"maxTokens\": 64", "\"maxTokens\": 64, \"system\": \"Answer in {{ lang }}\"");
        var report = validate(json);
        assertThat(withCode(report, IssueCodes.INVALID_EXPRESSION)).extracting(ValidationIssue::field).containsExactly("config.rules[1].when");
        assertThat(withCode(report, IssueCodes.UNKNOWN_VARIABLE)).extracting(ValidationIssue::nodeId, ValidationIssue::field)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("claude", "config.system"),
                        org.assertj.core.groups.Tuple.tuple("router", "config.rules[0].when"),
                        org.assertj.core.groups.Tuple.tuple("router", "config.rules[2].when"));
        assertThat(report.variables()).containsEntry("claude", List.of("lang")).containsEntry("router", List.of("tier"));
    }

    @Test
    void badRolesAndEmptyMessagesAreCaughtByTheSchema() {
        var badRole = validate(workflow("{ \"messages\": [ { \"role\": \"robot\", \"content\": \"hi\" } ] }", "{}", "", ""));
        assertThat(badRole.errorsOnly()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo(IssueCodes.INVALID_CONFIG);
            assertThat(i.field()).isEqualTo("config.messages[0].role");
        });
        var noMessages = validate(workflow("{ \"messages\": [] }", "{}", "", ""));
        assertThat(noMessages.errorsOnly()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo(IssueCodes.INVALID_CONFIG);
            assertThat(i.field()).isEqualTo("config.messages");
        });
        var emptyContent = validate(workflow("{ \"messages\": [ { \"role\": \"user\", \"content\": \"\" } ] }", "{}", "", ""));
        assertThat(emptyContent.errorsOnly()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo(IssueCodes.INVALID_CONFIG);
            assertThat(i.field()).isEqualTo("config.messages[0].content");
        });
        var noContent = validate(workflow("{ \"messages\": [ { \"role\": \"user\" } ] }", "{}", "", ""));
        assertThat(noContent.errorsOnly()).anySatisfy(i -> assertThat(i.code()).isEqualTo(IssueCodes.MISSING_CONFIG));
    }

    @Test
    void everyCodeIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "validation-codes.md"));
        assertThat(doc).contains("| `invalid_expression` |").contains("| `unknown_variable` |");
    }
}
