package dev.catalyst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunInputsTest {
    static final dev.catalyst.core.workflow.Workflow WF = TestNodes.workflow("""
        { 'schemaVersion': 1, 'id': 'in',
          'inputs': {
            'topic': { 'type': 'string', 'default': 'otters' },
            'n': { 'type': 'integer', 'required': true },
            'x': { 'type': 'number' }, 'flag': { 'type': 'boolean' },
            'obj': { 'type': 'object' }, 'list': { 'type': 'array' } },
          'nodes': [ { 'id': 'p', 'type': 'promptTemplate', 'config': { 'template': 't' } } ] }
        """);

    @Test
    void appliesDefaultsAndKeepsGivenValues() throws Exception {
        var given = Json.parse("{\"n\": 3, \"x\": 1.5, \"flag\": true, \"obj\": {}, \"list\": [1]}");
        var inputs = RunInputs.resolve(WF, given);
        assertThat(inputs.get("topic").stringValue()).isEqualTo("otters");
        assertThat(inputs.get("n").asInt()).isEqualTo(3);
        assertThat(inputs).containsKeys("x", "flag", "obj", "list");
    }

    @Test
    void listsEveryProblem() {
        var given = Json.parse("{\"topic\": 5, \"x\": \"no\", \"flag\": 1, \"obj\": [], \"list\": {}, \"extra\": 1}");
        assertThatThrownBy(() -> RunInputs.resolve(WF, given))
                .isInstanceOfSatisfying(InvalidInputsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "unknown input 'extra' (declared: topic, n, x, flag, obj, list)",
                        "input 'topic' must be a string, not a number",
                        "input 'n' is required",
                        "input 'x' must be a number, not a string",
                        "input 'flag' must be a boolean, not a number",
                        "input 'obj' must be an object, not a list",
                        "input 'list' must be an array, not an object"));
        assertThatThrownBy(() -> RunInputs.resolve(WF, Json.parse("[1]"))).hasMessageContaining("must be an object");
        var none = TestNodes.workflow("{ 'schemaVersion': 1, 'id': 'x', 'nodes': [ { 'id': 'p', 'type': 'promptTemplate', 'config': { 'template': 't' } } ] }");
        assertThatThrownBy(() -> RunInputs.resolve(none, Json.parse("{\"a\": 1}"))).hasMessageContaining("declares no inputs");
    }

    @Test
    void readsCommandLineValuesByDeclaredType() throws Exception {
        var given = new LinkedHashMap<String, String>();
        given.put("n", "7");
        given.put("flag", "false");
        given.put("list", "[1,2]");
        given.put("topic", "seals");
        var inputs = RunInputs.fromStrings(WF, given);
        assertThat(inputs.get("n").asInt()).isEqualTo(7);
        assertThat(inputs.get("flag").booleanValue()).isFalse();
        assertThat(inputs.get("list").size()).isEqualTo(2);
        assertThat(inputs.get("topic").stringValue()).isEqualTo("seals");
        assertThatThrownBy(() -> RunInputs.fromStrings(WF, Map.of("n", "seven", "flag", "yes")))
                .isInstanceOfSatisfying(InvalidInputsException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void statusNamesFollowTheContract() {
        assertThat(RunStatus.fromWire("cancelled")).isEqualTo(RunStatus.CANCELLED);
        assertThat(RunStatus.COMPLETED.isFinal()).isTrue();
        assertThat(RunStatus.RUNNING.isFinal()).isFalse();
        assertThat(Json.write(RunStatus.QUEUED)).isEqualTo("\"queued\"");
    }
}
