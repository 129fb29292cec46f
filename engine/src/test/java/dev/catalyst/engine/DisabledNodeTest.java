package dev.catalyst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.textjoin.TextJoinKind;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.ValidationIssue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** ADR 23: disabled nodes are left out of the plan, with the nodes they starve. */
class DisabledNodeTest {
    // prompt → a, b, c → join → tail ; outputs read each branch and the join
    private static String compare(String aExtra, String bExtra, String cExtra) {
        return """
            { 'schemaVersion': 1, 'id': 'cmp',
              'nodes': [
                { 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } },
                { 'id': 'a', 'type': 'anthropicCompletion', 'config': { 'model': 'claude-haiku-5-5' }%s },
                { 'id': 'b', 'type': 'openaiCompletion', 'config': { 'model': 'gpt-6-luna' }%s },
                { 'id': 'c', 'type': 'groqCompletion', 'config': { 'model': 'llama-3.1-8b-instant' }%s },
                { 'id': 'join', 'type': 'textJoin', 'config': { 'separator': '|' } },
                { 'id': 'tail', 'type': 'textJoin', 'config': {} } ],
              'edges': [
                { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'a', 'targetPort': 'messages' },
                { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'b', 'targetPort': 'messages' },
                { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'c', 'targetPort': 'messages' },
                { 'source': 'a', 'sourcePort': 'text', 'target': 'join', 'targetPort': 'texts' },
                { 'source': 'b', 'sourcePort': 'text', 'target': 'join', 'targetPort': 'texts' },
                { 'source': 'c', 'sourcePort': 'text', 'target': 'join', 'targetPort': 'texts' },
                { 'source': 'join', 'sourcePort': 'text', 'target': 'tail', 'targetPort': 'texts' } ],
              'outputs': { 'a': '{{ nodes.a.output.text }}', 'b': '{{ nodes.b.output.text }}',
                           'joined': '{{ nodes.tail.output.text }}' } }
            """.formatted(aExtra, bExtra, cExtra);
    }

    private static final String OFF = ", 'disabled': true";

    private final List<String> called = new CopyOnWriteArrayList<>();

    private NodeExecutor answers(String text) {
        return call -> {
            called.add(call.nodeId());
            return NodeOutput.of(Json.object().put("text", text));
        };
    }

    private Engine engine() {
        return TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", answers("from a"),
                "openaiCompletion", answers("from b"), "groqCompletion", answers("from c"),
                "textJoin", new TextJoinKind().executor(null)));
    }

    @Test
    void aDisabledBranchOfAJoinDoesNotRunAndTheJoinRunsWithTheOthers() throws Exception {
        Plan plan = engine().compile(TestNodes.workflow(compare(OFF, "", OFF)));
        assertThat(plan.nodes()).containsOnlyKeys("prompt", "b", "join", "tail");
        assertThat(plan.skipped()).containsExactly("a", "c");
        assertThat(plan.nodes().get("join").inputEdges().get("texts")).extracting(e -> e.source()).containsExactly("b");
        assertThat(plan.answerNodeId()).isEqualTo("b");
        var sink = new RecordingSink();
        RunResult result = engine().start(plan, "r1", Map.of(), sink).await();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(called).containsExactly("b");
        assertThat(result.outputs().get("joined").stringValue()).isEqualTo("from b");
        assertThat(result.outputs().get("b").stringValue()).isEqualTo("from b");
        // an output that reads a node that did not run is left out (validation warned: skipped_output)
        assertThat(result.outputs().has("a")).isFalse();
        // no event and no per-node record claims a skipped node ran
        assertThat(sink.of(RunEvent.NodeStarted.class)).extracting(RunEvent.NodeStarted::nodeId)
                .containsExactlyInAnyOrder("prompt", "b", "join", "tail");
        assertThat(result.nodes()).extracting(NodeMetrics::nodeId).containsExactly("prompt", "b", "join", "tail");
    }

    @Test
    void aDisabledSourceStarvesItsChainTransitively() throws Exception {
        Plan plan = engine().compile(TestNodes.workflow(compare("", "", OFF).replace(
                "{ 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } }",
                "{ 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } },"
                        + " { 'id': 'lone', 'type': 'promptTemplate', 'config': { 'template': 'still here' } }")
                .replace("{ 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } }",
                        "{ 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' }, 'disabled': true }")));
        assertThat(plan.nodes()).containsOnlyKeys("lone");
        assertThat(plan.skipped()).containsExactly("prompt", "a", "b", "c", "join", "tail");
        assertThat(plan.outputs()).isEmpty();
        var sink = new RecordingSink();
        RunResult result = engine().start(plan, "r2", Map.of(), sink).await();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(called).isEmpty();
        assertThat(result.outputs().isEmpty()).isTrue();
        assertThat(sink.names()).containsExactly("run.started", "node.started", "node.completed", "run.completed");
    }

    @Test
    void nothingLeftToRunIsRefusedBeforeTheRun() {
        String all = compare("", "", OFF).replace("'config': { 'template': 'hi' } }", "'config': { 'template': 'hi' }, 'disabled': true }");
        assertThatThrownBy(() -> engine().compile(TestNodes.workflow(all)))
                .isInstanceOfSatisfying(WorkflowInvalidException.class, e -> assertThat(e.report().errorsOnly())
                        .extracting(ValidationIssue::code).containsExactly(IssueCodes.NOTHING_TO_RUN));
    }

    @Test
    void aDisabledNodeOfATypeThatCannotRunHereDoesNotBlockThePlan() throws Exception {
        // no executor for groqCompletion in this engine: only a problem if c would run
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", answers("from a"),
                "openaiCompletion", answers("from b"), "textJoin", new TextJoinKind().executor(null)));
        assertThat(engine.compile(TestNodes.workflow(compare("", "", OFF))).nodes()).doesNotContainKey("c");
        assertThatThrownBy(() -> engine.compile(TestNodes.workflow(compare("", "", "")))).isInstanceOf(WorkflowInvalidException.class)
                .hasMessageContaining("groqCompletion");
    }
}
