package dev.catalyst.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.catalyst.core.TestFiles;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.ValidationIssue;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class WorkflowCodecTest {
    static Stream<Path> examples() {
        return TestFiles.examples().stream();
    }

    /** Numbers compare by value: 320 and 320.0 are the same coordinate. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    };

    private static WorkflowCodec.Decoded read(String json) {
        return WorkflowCodec.read(json);
    }

    private static String minimal(String nodeJson) {
        return "{\"schemaVersion\": 1, \"nodes\": [" + nodeJson + "]}";
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleReadsCleanlyAndEncodesBackToTheSameJson(Path file) {
        String text = TestFiles.read(file);
        var decoded = read(text);
        assertThat(decoded.issues()).as(file.toString()).isEmpty();
        assertThat(decoded.hasErrors()).isFalse();

        JsonNode original = Json.parse(text);
        JsonNode encoded = WorkflowCodec.encode(decoded.workflow());
        assertThat(encoded.equals(SAME_VALUE, original)).as("encode(read(%s)) equals the file", file).isTrue();

        var again = read(WorkflowCodec.write(decoded.workflow()));
        assertThat(again.issues()).isEmpty();
        assertThat(again.workflow()).isEqualTo(decoded.workflow());
    }

    @Test
    void wholeCoordinatesAreWrittenAsIntegersAndFractionsKept() {
        var wf = read(minimal("{\"id\": \"a\", \"type\": \"promptTemplate\", \"position\": {\"x\": 320, \"y\": 12.5}}")).workflow();
        String written = WorkflowCodec.write(wf);
        assertThat(written).contains("\"x\" : 320,").contains("\"y\" : 12.5");
        assertThat(wf.nodes().get(0).position()).isEqualTo(new Position(320, 12.5));
    }

    @Test
    void helloExampleHasTheContractShape() {
        var wf = read(TestFiles.read(TestFiles.examplesDir().resolve("hello.json"))).workflow();
        assertThat(wf.schemaVersion()).isEqualTo(1);
        assertThat(wf.id()).isEqualTo("hello");
        assertThat(wf.inputs()).containsOnlyKeys("topic");
        assertThat(wf.inputs().get("topic").type()).isEqualTo("string");
        assertThat(wf.inputs().get("topic").defaultValue().stringValue()).isEqualTo("otters");
        assertThat(wf.nodes()).extracting(Node::id, Node::type)
                .containsExactly(tuple("prompt", "promptTemplate"), tuple("claude", "anthropicCompletion"));
        assertThat(wf.node("claude")).get().extracting(n -> n.configString("model")).isEqualTo("claude-sonnet-5-5");
        assertThat(wf.node("claude").get().configString("maxTokens")).isNull();
        assertThat(wf.node("nope")).isEmpty();
        assertThat(wf.edges()).containsExactly(new Edge("e1", "prompt", "messages", "claude", "messages"));
        assertThat(wf.edges().get(0).describe()).isEqualTo("prompt.messages → claude.messages");
        assertThat(wf.outputs()).containsEntry("answer", "{{ nodes.claude.output.text }}");
    }

    @Test
    void unknownFieldsAreRejectedWithASuggestionAtEveryLevel() {
        var decoded = read("""
                {
                  "schemaVersion": 1,
                  "nmae": "typo",
                  "inputs": { "topic": { "type": "string", "defualt": "x" } },
                  "nodes": [
                    { "id": "a", "type": "promptTemplate", "confg": {},
                      "position": { "x": 1, "y": 2, "z": 3 } }
                  ],
                  "edges": [
                    { "id": "e", "source": "a", "sourcePrt": "messages", "sourcePort": "messages", "target": "a", "targetPort": "variables" }
                  ]
                }
                """);
        assertThat(decoded.issues()).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactlyInAnyOrder(
                        tuple(null, "nmae", IssueCodes.UNKNOWN_FIELD),
                        tuple(null, "inputs.topic.defualt", IssueCodes.UNKNOWN_FIELD),
                        tuple("a", "confg", IssueCodes.UNKNOWN_FIELD),
                        tuple("a", "position.z", IssueCodes.UNKNOWN_FIELD),
                        tuple(null, "edges[0].sourcePrt", IssueCodes.UNKNOWN_FIELD));
        assertThat(messageOf(decoded, "nmae")).contains("did you mean name?");
        assertThat(messageOf(decoded, "inputs.topic.defualt")).contains("did you mean default?");
        assertThat(messageOf(decoded, "confg")).contains("did you mean config?");
        assertThat(messageOf(decoded, "edges[0].sourcePrt")).contains("did you mean").contains("sourcePort");
        assertThat(messageOf(decoded, "position.z")).contains("unknown field 'z'");
    }

    private static String messageOf(WorkflowCodec.Decoded decoded, String field) {
        return decoded.issues().stream().filter(i -> field.equals(i.field())).findFirst().orElseThrow().message();
    }

    @Test
    void uiIsKeptAsItIsAndWrittenBack() {
        String json = """
                {"schemaVersion": 1, "nodes": [{"id": "a", "type": "promptTemplate", "config": {"template": "hi"}}],
                 "ui": {"viewport": {"x": 10, "y": -4.5, "zoom": 1.25}, "anything": [1, "two", {"three": null}]}}
                """;
        var decoded = read(json);
        assertThat(decoded.issues()).isEmpty();
        JsonNode ui = decoded.workflow().ui();
        assertThat(ui).isEqualTo(Json.parse(json).get("ui"));
        assertThat(WorkflowCodec.encode(decoded.workflow()).get("ui")).isEqualTo(ui);
    }

    @Test
    void uiMustBeAnObject() {
        var decoded = read("{\"schemaVersion\": 1, \"nodes\": [], \"ui\": [1]}");
        assertThat(decoded.issues()).extracting(ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("ui", IssueCodes.INVALID_FIELD));
        assertThat(decoded.workflow().ui()).isNull();
    }

    @Test
    void wrongTypesGetInvalidFieldAndTheRestIsStillRead() {
        var decoded = read("""
                {"schemaVersion": 1, "id": 5, "nodes": {"a": 1}, "edges": "none", "inputs": [], "outputs": 3}
                """);
        assertThat(decoded.issues()).extracting(ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("id", IssueCodes.INVALID_FIELD),
                tuple("nodes", IssueCodes.INVALID_FIELD),
                tuple("edges", IssueCodes.INVALID_FIELD),
                tuple("inputs", IssueCodes.INVALID_FIELD),
                tuple("outputs", IssueCodes.INVALID_FIELD));
        assertThat(messageOf(decoded, "nodes")).isEqualTo("nodes must be a list, not an object");
        assertThat(messageOf(decoded, "edges")).isEqualTo("edges must be a list, not a string");
        assertThat(decoded.workflow().nodes()).isEmpty();
    }

    @Test
    void configMustBeAnObject() {
        var decoded = read(minimal("{\"id\": \"a\", \"type\": \"promptTemplate\", \"config\": [1, 2]}"));
        assertThat(decoded.issues()).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("a", "config", IssueCodes.INVALID_FIELD));
        assertThat(decoded.issues().get(0).message()).isEqualTo("config must be an object, not a list");
        assertThat(decoded.workflow().nodes().get(0).config().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\": \"1\", \"y\": 2}", "{\"x\": 1}", "{\"x\": 1e400, \"y\": 0}", "[1, 2]", "\"0,0\"", "{\"x\": true, \"y\": null}"})
    void positionMustBeTwoNumbers(String position) {
        var decoded = read(minimal("{\"id\": \"a\", \"type\": \"promptTemplate\", \"position\": " + position + "}"));
        assertThat(decoded.issues()).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("a", "position", IssueCodes.INVALID_FIELD));
        assertThat(decoded.workflow().nodes().get(0).position()).isEqualTo(Position.ORIGIN);
    }

    @Test
    void nodeWithoutPositionOrConfigGetsDefaults() {
        var node = read(minimal("{\"id\": \"a\", \"type\": \"promptTemplate\", \"position\": null, \"config\": null}"))
                .workflow().nodes().get(0);
        assertThat(node.position()).isEqualTo(Position.ORIGIN);
        assertThat(node.config().isEmpty()).isTrue();
        assertThat(new Node("b", "t", null, null, null).configString("x")).isNull();
    }

    @Test
    void schemaVersionAsStringIsInvalidField() {
        var decoded = read("{\"schemaVersion\": \"1\", \"nodes\": []}");
        assertThat(decoded.issues()).extracting(ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("schemaVersion", IssueCodes.INVALID_FIELD));
        assertThat(decoded.issues().get(0).message()).contains("integer").contains("a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "-1", "99999999999", "100000000000000000000000"})
    void otherSchemaVersionsAreUnsupported(String version) {
        var decoded = read("{\"schemaVersion\": " + version + ", \"nodes\": []}");
        assertThat(decoded.issues()).extracting(ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("schemaVersion", IssueCodes.UNSUPPORTED_SCHEMA_VERSION));
        assertThat(decoded.issues().get(0).message()).contains(version).contains("version 1");
    }

    @Test
    void fractionalSchemaVersionIsInvalid() {
        assertThat(read("{\"schemaVersion\": 1.5, \"nodes\": []}").issues()).extracting(ValidationIssue::code)
                .containsExactly(IssueCodes.INVALID_FIELD);
    }

    @Test
    void missingSchemaVersionAndNodesAreMissingFields() {
        var decoded = read("{}");
        assertThat(decoded.issues()).extracting(ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("schemaVersion", IssueCodes.MISSING_FIELD), tuple("nodes", IssueCodes.MISSING_FIELD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"workflow\"", "42", "null"})
    void aWorkflowIsAnObject(String json) {
        var decoded = read(json);
        assertThat(decoded.hasErrors()).isTrue();
        assertThat(decoded.issues()).extracting(ValidationIssue::code).containsExactly(IssueCodes.INVALID_FIELD);
        assertThat(decoded.issues().get(0).message()).startsWith("a workflow is a JSON object, not ");
        assertThat(decoded.workflow().nodes()).isEmpty();
    }

    @Test
    void nodeIdAndTypeProblemsAreReportedOnceEach() {
        var decoded = read("""
                {"schemaVersion": 1, "nodes": [
                  {"id": 5, "type": "promptTemplate"},
                  {"type": "promptTemplate"},
                  {"id": "b", "type": 7},
                  {"id": "c"},
                  "not a node"
                ]}
                """);
        assertThat(decoded.issues()).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactlyInAnyOrder(
                        tuple(null, "nodes[0].id", IssueCodes.INVALID_FIELD),
                        tuple(null, "nodes[1].id", IssueCodes.MISSING_FIELD),
                        tuple("b", "type", IssueCodes.INVALID_FIELD),
                        tuple("c", "type", IssueCodes.MISSING_FIELD),
                        tuple(null, "nodes[4]", IssueCodes.INVALID_FIELD));
        assertThat(decoded.workflow().nodes()).extracting(Node::id).containsExactly("b", "c");
    }

    @Test
    void edgesNeedBothEndsAndGetAnIdWhenTheyHaveNone() {
        var decoded = read("""
                {"schemaVersion": 1, "nodes": [], "edges": [
                  {"source": "a", "sourcePort": "text", "target": "b", "targetPort": "prompt"},
                  {"source": null, "sourcePort": "text", "target": "b", "targetPort": "prompt"},
                  {"sourcePort": "text", "target": "b", "targetPort": 3},
                  7
                ]}
                """);
        assertThat(decoded.issues()).extracting(ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("edges[1].source", IssueCodes.MISSING_FIELD),
                tuple("edges[2].source", IssueCodes.MISSING_FIELD),
                tuple("edges[2].targetPort", IssueCodes.INVALID_FIELD),
                tuple("edges[3]", IssueCodes.INVALID_FIELD));
        assertThat(decoded.workflow().edges()).containsExactly(new Edge("a.text->b.prompt", "a", "text", "b", "prompt"));
    }

    @Test
    void inputsAreCheckedAndDefaultToString() {
        var decoded = read("""
                {"schemaVersion": 1, "nodes": [], "inputs": {
                  "plain": {},
                  "n": {"type": "number", "default": 2, "description": "how many", "required": true},
                  "bad": {"type": "float"},
                  "req": {"type": "string", "required": "yes"},
                  "notObject": "string"
                }}
                """);
        assertThat(decoded.issues()).extracting(ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("inputs.bad.type", IssueCodes.INVALID_INPUT),
                tuple("inputs.req.required", IssueCodes.INVALID_FIELD),
                tuple("inputs.notObject", IssueCodes.INVALID_FIELD));
        var inputs = decoded.workflow().inputs();
        assertThat(inputs.get("plain").type()).isEqualTo("string");
        assertThat(inputs.get("n")).isEqualTo(new InputSpec("number", Json.parse("2"), "how many", true));
        assertThat(inputs.get("req").required()).isFalse();
        assertThat(inputs).doesNotContainKey("notObject");

        JsonNode encoded = WorkflowCodec.encode(decoded.workflow()).get("inputs");
        assertThat(encoded.get("n").get("required").booleanValue()).isTrue();
        assertThat(encoded.get("n").get("description").stringValue()).isEqualTo("how many");
        assertThat(encoded.get("plain").has("required")).isFalse();
    }

    @Test
    void outputsAreTemplateStrings() {
        var decoded = read("{\"schemaVersion\": 1, \"nodes\": [], \"outputs\": {\"a\": \"{{ x }}\", \"b\": 1}}");
        assertThat(decoded.issues()).extracting(ValidationIssue::field).containsExactly("outputs.b");
        assertThat(decoded.workflow().outputs()).containsExactly(java.util.Map.entry("a", "{{ x }}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"🦦", "提示", "مرحبا", "נוד-1", "a\u200Fb", "ℌ𝔢𝔩𝔩𝔬", "x y"})
    void unicodeIdsAreReadAndWrittenBackUnchanged(String id) {
        String json = "{\"schemaVersion\": 1, \"nodes\": [{\"id\": " + Json.write(id) + ", \"type\": \"promptTemplate\"}],"
                + " \"edges\": [{\"id\": " + Json.write(id + "→") + ", \"source\": " + Json.write(id) + ", \"sourcePort\": \"text\","
                + " \"target\": " + Json.write(id) + ", \"targetPort\": \"variables\"}]}";
        var decoded = read(json);
        assertThat(decoded.issues()).isEmpty();
        assertThat(decoded.workflow().nodes().get(0).id()).isEqualTo(id);
        var again = read(WorkflowCodec.write(decoded.workflow())).workflow();
        assertThat(again.nodes().get(0).id()).isEqualTo(id);
        assertThat(again.edges().get(0).id()).isEqualTo(id + "→");
        assertThat(again.edges().get(0).source()).isEqualTo(id);
    }

    @Test
    void malformedJsonThrowsWithPosition() {
        assertThatThrownBy(() -> read("{\n  \"schemaVersion\": 1,\n  \"nodes\": [\n"))
                .isInstanceOf(JsonSyntaxException.class)
                .satisfies(e -> assertThat(((JsonSyntaxException) e).line()).isEqualTo(4));
    }

    @Test
    void kindNamesEveryJsonType() {
        assertThat(List.of("null", "\"s\"", "1", "true", "[]", "{}").stream().map(j -> WorkflowCodec.kind(Json.parse(j))))
                .containsExactly("null", "a string", "a number", "a boolean", "a list", "an object");
        assertThat(WorkflowCodec.kind(null)).isEqualTo("null");
    }

    @Test
    void theFieldListsArePinned() {
        // ADR 0001: a new optional field needs the reader updated in the same change
        assertThat(WorkflowCodec.WORKFLOW_FIELDS).containsExactlyInAnyOrder(
                "schemaVersion", "id", "name", "description", "inputs", "nodes", "edges", "outputs", "ui");
        assertThat(WorkflowCodec.NODE_FIELDS).containsExactlyInAnyOrder("id", "type", "position", "label", "config", "disabled");
        assertThat(WorkflowCodec.EDGE_FIELDS).containsExactlyInAnyOrder("id", "source", "sourcePort", "target", "targetPort");
        assertThat(WorkflowCodec.INPUT_FIELDS).containsExactlyInAnyOrder("type", "default", "description", "required");
    }

    @Test
    void labelAndDescriptionSurviveARoundTrip() {
        var wf = read("{\"schemaVersion\": 1, \"name\": \"n\", \"description\": \"d\", \"nodes\": "
                + "[{\"id\": \"a\", \"type\": \"promptTemplate\", \"label\": \"My prompt\"}]}").workflow();
        var again = read(WorkflowCodec.write(wf)).workflow();
        assertThat(again.description()).isEqualTo("d");
        assertThat(again.nodes().get(0).label()).isEqualTo("My prompt");
        assertThat(again).isEqualTo(wf);
    }

    @Test
    void disabledIsReadAndWrittenBackOnlyWhenTrue() {
        var on = read(minimal("{\"id\": \"a\", \"type\": \"promptTemplate\", \"disabled\": true}"));
        assertThat(on.issues()).isEmpty();
        assertThat(on.workflow().nodes().getFirst().disabled()).isTrue();
        assertThat(WorkflowCodec.encode(on.workflow()).get("nodes").get(0).get("disabled").booleanValue()).isTrue();
        assertThat(read(WorkflowCodec.write(on.workflow())).workflow()).isEqualTo(on.workflow());

        // false and absent read the same, and the field is not written: files without it round-trip unchanged
        var off = read(minimal("{\"id\": \"a\", \"type\": \"promptTemplate\", \"disabled\": false}"));
        assertThat(off.issues()).isEmpty();
        assertThat(off.workflow().nodes().getFirst().disabled()).isFalse();
        assertThat(WorkflowCodec.encode(off.workflow()).get("nodes").get(0).has("disabled")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "1", "null", "[]"})
    void disabledMustBeABooleanAndTheErrorNamesTheField(String value) {
        var decoded = read(minimal("{\"id\": \"a\", \"type\": \"promptTemplate\", \"disabled\": " + value + "}"));
        assertThat(decoded.issues()).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("a", "disabled", IssueCodes.INVALID_FIELD));
        assertThat(decoded.issues().getFirst().message()).startsWith("disabled must be true or false, not ");
        assertThat(decoded.workflow().nodes().getFirst().disabled()).isFalse();
    }
}
