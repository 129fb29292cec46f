package dev.catalyst.engine;

import static dev.catalyst.engine.TestNodes.LatchStream.END;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EngineTest {
    static final String LINEAR = """
        { 'schemaVersion': 1, 'id': 'linear',
          'inputs': { 'topic': { 'type': 'string', 'default': 'otters' } },
          'nodes': [
            { 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } },
            { 'id': 'claude', 'type': 'anthropicCompletion', 'config': { 'model': 'claude-haiku-5-5', 'maxTokens': 50 } },
            { 'id': 'answer', 'type': 'streamResponse' } ],
          'edges': [
            { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'claude', 'targetPort': 'messages' },
            { 'source': 'claude', 'sourcePort': 'text', 'target': 'answer', 'targetPort': 'text' } ],
          'outputs': { 'answer': '{{ nodes.answer.output.text }}', 'topic': '{{ inputs.topic }}' } }
        """;

    static final String TWO_BRANCHES = """
        { 'schemaVersion': 1, 'id': 'two',
          'nodes': [
            { 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } },
            { 'id': 'a', 'type': 'anthropicCompletion', 'config': { 'model': 'claude-haiku-5-5' } },
            { 'id': 'b', 'type': 'openaiCompletion', 'config': { 'model': 'gpt-6-luna' } } ],
          'edges': [
            { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'a', 'targetPort': 'messages' },
            { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'b', 'targetPort': 'messages' } ] }
        """;

    @Test
    void runsNodesInOrderStreamsTokensAndRendersOutputs() throws Exception {
        var stream = new TestNodes.LatchStream();
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", stream));
        Plan plan = engine.compile(TestNodes.workflow(LINEAR));
        assertThat(plan.answerNodeId()).isEqualTo("claude");
        var sink = new RecordingSink();
        stream.feed("Hel", "lo", END);
        RunResult result = engine.start(plan, "r1", RunInputs.resolve(plan.workflow(), null), sink).await();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.outputs().get("answer").stringValue()).isEqualTo("Hello");
        assertThat(result.outputs().get("topic").stringValue()).isEqualTo("otters");
        assertThat(sink.names()).containsExactly("run.started",
                "node.started", "node.completed",
                "node.started", "token", "token", "node.completed",
                "node.started", "node.completed", "run.completed");
        var tokens = sink.of(RunEvent.Token.class);
        assertThat(tokens).extracting(RunEvent.Token::index).containsExactly(0L, 1L);
        assertThat(tokens).extracting(RunEvent.Token::nodeId).containsOnly("claude");
        var claude = sink.of(RunEvent.NodeCompleted.class).get(1);
        assertThat(claude.nodeId()).isEqualTo("claude");
        assertThat(claude.usage().outputTokens()).isEqualTo(5);
        assertThat(claude.costUsd()).isEqualByComparingTo("0.0012");
        assertThat(claude.ttftMs()).isNotNull();
        assertThat(claude.output().get("model").get("provider").stringValue()).isEqualTo("anthropic");
        // the completion got the prompt's messages, and its config with defaults applied
        JsonNode messages = stream.calls.getFirst().input("messages");
        assertThat(messages.get(0).get("content").stringValue()).isEqualTo("hi");
        assertThat(stream.calls.getFirst().config().get("maxTokens").asInt()).isEqualTo(50);
        assertThat(stream.calls.getFirst().context().secrets().get("anthropic")).isPresent();
        assertThat(result.totalUsage().outputTokens()).isEqualTo(5);
        assertThat(result.totalCostUsd()).isEqualByComparingTo("0.0012");
        assertThat(result.nodes()).extracting(NodeMetrics::nodeId).containsExactly("prompt", "claude", "answer");
    }

    @Test
    void independentBranchesRunAtTheSameTime() throws Exception {
        var bothStarted = new CountDownLatch(2);
        NodeExecutor waitsForTheOther = call -> {
            bothStarted.countDown();
            // finishes only if the other branch is running too: sequential execution would time out here
            if (!bothStarted.await(10, TimeUnit.SECONDS)) throw new NodeException(ErrorCode.TIMEOUT, "other branch never started");
            return NodeOutput.of(Json.object().put("text", call.nodeId()));
        };
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(),
                "anthropicCompletion", waitsForTheOther, "openaiCompletion", waitsForTheOther));
        Plan plan = engine.compile(TestNodes.workflow(TWO_BRANCHES));
        RunResult result = engine.start(plan, "r2", Map.of(), new RecordingSink()).await();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        // without a streamResponse the answer stream is the last completion node's
        assertThat(plan.answerNodeId()).isEqualTo("b");
    }

    @Test
    void aFailingNodeFailsTheRunNamingItAndCancelsTheRunningBranch() throws Exception {
        var slow = new TestNodes.LatchStream();
        NodeExecutor failing = call -> {
            // fail only once the other branch is streaming, so there is something to cancel
            while (slow.calledFor.isEmpty()) Thread.onSpinWait();
            throw new NodeException(ErrorCode.RATE_LIMITED, "429 from upstream", null, 1200L, null);
        };
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(),
                "anthropicCompletion", slow, "openaiCompletion", failing));
        var sink = new RecordingSink();
        RunResult result = engine.start(engine.compile(TestNodes.workflow(TWO_BRANCHES)), "r3", Map.of(), sink).await();

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error().nodeId()).isEqualTo("b");
        assertThat(result.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(result.error().retryAfterMs()).isEqualTo(1200L);
        assertThat(result.error().message()).contains("node b").contains("429");
        assertThat(slow.cancelCallbackRan).isTrue();
        var failed = sink.of(RunEvent.NodeFailed.class);
        assertThat(failed).extracting(f -> f.nodeId() + ":" + f.error().code().wireName())
                .containsExactlyInAnyOrder("b:rate_limited", "a:cancelled");
        assertThat(sink.names().getLast()).isEqualTo("run.failed");
        assertThat(sink.names().stream().filter(n -> n.startsWith("run.") && !n.equals("run.started"))).hasSize(1);
    }

    @Test
    void cancellingReachesInFlightWorkAndEndsWithRunCancelled() throws Exception {
        var stream = new TestNodes.LatchStream();
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", stream));
        var sink = new RecordingSink();
        stream.feed("partial");
        RunHandle handle = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "r4", Map.of(), sink);
        while (sink.of(RunEvent.Token.class).isEmpty()) Thread.onSpinWait();
        handle.cancel("user pressed stop");
        RunResult result = handle.await();
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(stream.cancelCallbackRan).isTrue();
        assertThat(sink.events().getLast()).isEqualTo(new RunEvent.RunCancelled("r4", "user pressed stop"));
        assertThat(sink.of(RunEvent.NodeFailed.class)).extracting(f -> f.error().code()).containsExactly(ErrorCode.CANCELLED);
        assertThat(result.nodes()).extracting(NodeMetrics::status).containsExactly("completed", "cancelled");
    }

    @Test
    void cancelledBeforeItStartsRunsNothing() throws Exception {
        var stream = new TestNodes.LatchStream();
        var blocker = new CountDownLatch(1);
        var engine = TestNodes.engine(Map.of("promptTemplate", call -> {
            blocker.await(10, TimeUnit.SECONDS);
            return TestNodes.prompt().execute(call);
        }, "anthropicCompletion", stream));
        var sink = new RecordingSink();
        RunHandle handle = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "r5", Map.of(), sink);
        handle.cancel(null);
        blocker.countDown();
        assertThat(handle.await().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(stream.calledFor).isEmpty();
        assertThat(handle.runId()).isEqualTo("r5");
        assertThat(handle.plan().answerNodeId()).isEqualTo("claude");
    }

    @Test
    void aSinkThatFailsAtTheStartFailsTheRunOnTheRunsThreadNotTheCaller() throws Exception {
        var stream = new TestNodes.LatchStream();
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", stream));
        var sink = new RecordingSink();
        RunEventSink broken = event -> {
            if (event instanceof RunEvent.RunStarted) throw new IllegalStateException("the sink is broken");
            sink.emit(event);
        };
        // the start runs on this thread now (ADR 20): it must still return a handle, not throw
        RunHandle handle = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "r-broken", Map.of(), broken);
        RunResult result = handle.await();
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error().message()).isEqualTo("run stopped unexpectedly: IllegalStateException");
        assertThat(sink.names()).containsExactly("run.failed");
        assertThat(stream.calledFor).isEmpty();
    }

    @Test
    void aNodePastItsDeadlineFailsWithTimeout() throws Exception {
        var stream = new TestNodes.LatchStream();
        var now = Instant.parse("2026-12-03T12:00:00Z");
        var timer = new ManualDeadlineTimer(now);
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", stream),
                new EngineOptions(Duration.ofHours(1), Duration.ofSeconds(5)), timer);
        RunHandle run = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "r6", Map.of(), new RecordingSink());
        // the nodes run one after the other, so the deadlines come in node order: prompt's, then claude's
        timer.next();
        var claude = timer.next();
        assertThat(claude.delay()).isEqualTo(Duration.ofHours(1));
        claude.fire(); // the hour passes now: the stream stays open, nothing was fed

        RunResult result = run.await();
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(result.error().nodeId()).isEqualTo("claude");
        assertThat(result.error().message()).contains("did not finish within 3600000 ms");
        assertThat(stream.calls.getFirst().context().deadline()).isEqualTo(now.plus(Duration.ofHours(1)));
    }

    @Test
    void aClosedEngineFailsNewNodesInsteadOfRunningThemWithoutADeadline() throws Exception {
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", new TestNodes.LatchStream()));
        Plan plan = engine.compile(TestNodes.workflow(LINEAR));
        engine.close();
        RunResult result = engine.start(plan, "r6b", Map.of(), new RecordingSink()).await();
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(result.error().nodeId()).isEqualTo("prompt");
        assertThat(result.error().message()).contains("the deadline timer is closed");
    }

    @Test
    void aBrokenStreamKeepsItsPartialText() throws Exception {
        var stream = new TestNodes.LatchStream();
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", stream));
        var sink = new RecordingSink();
        stream.feed("Once upon", "!fail:connection reset");
        RunResult result = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "r7", Map.of(), sink).await();
        assertThat(result.error().code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
        var failed = sink.of(RunEvent.NodeFailed.class).getFirst();
        assertThat(failed.partialText()).isEqualTo("Once upon");
        assertThat(failed.error().retryable()).isTrue();
    }

    @Test
    void executorBugsBecomeServerErrorsNamingTheNode() throws Exception {
        var engine = TestNodes.engine(Map.of("promptTemplate", call -> { throw new IllegalStateException("boom"); },
                "anthropicCompletion", new TestNodes.LatchStream()));
        RunResult result = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "r8", Map.of(), new RecordingSink()).await();
        assertThat(result.error().code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(result.error().message()).isEqualTo("node prompt: unexpected IllegalStateException: boom");

        var engine2 = TestNodes.engine(Map.of("promptTemplate", call -> null, "anthropicCompletion", new TestNodes.LatchStream()));
        RunResult result2 = engine2.start(engine2.compile(TestNodes.workflow(LINEAR)), "r9", Map.of(), new RecordingSink()).await();
        assertThat(result2.error().message()).contains("returned no output");
    }

    @Test
    void outputsThatCannotRenderFailTheRun() throws Exception {
        var wf = TestNodes.workflow(LINEAR.replace("{{ inputs.topic }}", "{{ int(nodes.claude.output.text) }}"));
        var stream = new TestNodes.LatchStream();
        stream.feed("x", END);
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", stream));
        var sink = new RecordingSink();
        RunResult result = engine.start(engine.compile(wf), "r10", Map.of(), sink).await();
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.EXPRESSION_ERROR);
        assertThat(result.error().message()).startsWith("workflow outputs:");
        assertThat(sink.names().getLast()).isEqualTo("run.failed");
    }

    @Test
    void invalidWorkflowsAndUnrunnableTypesAreRefusedWithEveryProblem() {
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt()));
        assertThatThrownBy(() -> engine.compile(TestNodes.workflow(LINEAR)))
                .isInstanceOf(WorkflowInvalidException.class)
                .hasMessageContaining("not_runnable").hasMessageContaining("anthropicCompletion");
        // a template reading a node that does not exist: the generic expression check refuses it
        var bad = TestNodes.workflow(LINEAR.replace("'template': 'hi'", "'template': '{{ nodes.nope.output.text }}'"));
        assertThatThrownBy(() -> TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion",
                new TestNodes.LatchStream())).compile(bad))
                .isInstanceOfSatisfying(WorkflowInvalidException.class, e -> assertThat(e.report().valid()).isFalse());
    }
}
