package dev.catalyst.engine;

import static dev.catalyst.engine.TestNodes.LatchStream.END;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.textjoin.TextJoinKind;
import dev.catalyst.engine.nodes.streamresponse.StreamResponseNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * ADR 24: a node's thread runs the node it unblocks, and the run has no coordinator thread. These
 * are the cases where moving the schedule onto the nodes' threads could go wrong: stops that reach
 * a thread already running the next node, races for the terminal event, a join reached twice.
 */
class ChainedRunTest {
    private static final String LINEAR = EngineTest.LINEAR;
    private static final Map<String, JsonNode> TOPIC = Map.of("topic", JsonNodeFactory.instance.stringNode("otters"));

    // prompt → a → c (c reads a's text), and prompt → b: a branch that chains on beside one that does not
    private static final String CHAIN_BESIDE_A_BRANCH = """
        { 'schemaVersion': 1, 'id': 'chain',
          'nodes': [
            { 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } },
            { 'id': 'a', 'type': 'anthropicCompletion', 'config': { 'model': 'claude-haiku-5-5' } },
            { 'id': 'c', 'type': 'groqCompletion', 'config': { 'model': 'llama-3.1-8b-instant' } },
            { 'id': 'b', 'type': 'openaiCompletion', 'config': { 'model': 'gpt-6-luna' } } ],
          'edges': [
            { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'a', 'targetPort': 'messages' },
            { 'source': 'a', 'sourcePort': 'text', 'target': 'c', 'targetPort': 'prompt' },
            { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'b', 'targetPort': 'messages' } ] }
        """;

    // prompt → a, prompt → b, a + b → join
    private static final String DIAMOND = """
        { 'schemaVersion': 1, 'id': 'diamond',
          'nodes': [
            { 'id': 'prompt', 'type': 'promptTemplate', 'config': { 'template': 'hi' } },
            { 'id': 'a', 'type': 'anthropicCompletion', 'config': { 'model': 'claude-haiku-5-5' } },
            { 'id': 'b', 'type': 'openaiCompletion', 'config': { 'model': 'gpt-6-luna' } },
            { 'id': 'join', 'type': 'textJoin', 'config': { 'separator': '+' } } ],
          'edges': [
            { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'a', 'targetPort': 'messages' },
            { 'source': 'prompt', 'sourcePort': 'messages', 'target': 'b', 'targetPort': 'messages' },
            { 'source': 'a', 'sourcePort': 'text', 'target': 'join', 'targetPort': 'texts' },
            { 'source': 'b', 'sourcePort': 'text', 'target': 'join', 'targetPort': 'texts' } ],
          'outputs': { 'joined': '{{ nodes.join.output.text }}' } }
        """;

    /** Records each node's thread, then lets {@code inner} do the work. */
    private static NodeExecutor onThread(Map<String, Thread> threads, NodeExecutor inner) {
        return call -> {
            threads.put(call.nodeId(), Thread.currentThread());
            return inner.execute(call);
        };
    }

    /** A sink that opens a latch at the first event of a kind. */
    private static final class WatchingSink implements RunEventSink {
        final RecordingSink recorded = new RecordingSink();
        final CountDownLatch firstToken = new CountDownLatch(1);

        @Override
        public void emit(RunEvent event) {
            recorded.emit(event);
            if (event instanceof RunEvent.Token) firstToken.countDown();
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(30, TimeUnit.SECONDS)).as(what).isTrue();
    }

    @Test
    void aLinearRunRunsOnTheOneThreadTheStartStarted() throws Exception {
        var threads = new ConcurrentHashMap<String, Thread>();
        var stream = new TestNodes.LatchStream();
        stream.feed("hi", END);
        var engine = TestNodes.engine(Map.of("promptTemplate", onThread(threads, TestNodes.prompt()),
                "anthropicCompletion", onThread(threads, stream),
                "streamResponse", onThread(threads, new StreamResponseNode())));
        RunResult result = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "one", TOPIC, new RecordingSink()).await();

        assertThat(result.status()).as("%s", result.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(threads).containsOnlyKeys("prompt", "claude", "answer");
        assertThat(Set.copyOf(threads.values())).hasSize(1);
        Thread thread = threads.get("prompt");
        assertThat(thread.isVirtual()).isTrue();
        assertThat(thread.getName()).isEqualTo("run-one");
        assertThat(thread).isNotSameAs(Thread.currentThread());
    }

    @Test
    void cancellingWhileAChainedNodeRunsStopsItAndEndsCancelled() throws Exception {
        var threads = new ConcurrentHashMap<String, Thread>();
        var stream = new TestNodes.LatchStream();
        var answered = new CopyOnWriteArrayList<String>();
        var engine = TestNodes.engine(Map.of("promptTemplate", onThread(threads, TestNodes.prompt()),
                "anthropicCompletion", onThread(threads, stream),
                "streamResponse", call -> {
                    answered.add(call.nodeId());
                    return new StreamResponseNode().execute(call);
                }));
        var sink = new WatchingSink();
        stream.feed("partial");
        RunHandle run = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "c1", Map.of(), sink);
        await(sink.firstToken, "the chained completion streams");
        assertThat(threads.get("claude")).isSameAs(threads.get("prompt"));
        run.cancel("user pressed stop");

        RunResult result = run.await();
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(stream.cancelCallbackRan).isTrue();
        assertThat(answered).isEmpty();
        assertThat(sink.recorded.names()).containsExactly("run.started", "node.started", "node.completed",
                "node.started", "token", "node.failed", "run.cancelled");
        assertThat(result.nodes()).extracting(NodeMetrics::status).containsExactly("completed", "cancelled");
    }

    @Test
    void aFailingBranchStopsTheOtherBranchWhileItChainsOn() throws Exception {
        var threads = new ConcurrentHashMap<String, Thread>();
        var chained = new TestNodes.LatchStream();
        var chainedStarted = new CountDownLatch(1);
        NodeExecutor failsOnceCIsStreaming = call -> {
            chainedStarted.await(30, TimeUnit.SECONDS);
            throw new NodeException(ErrorCode.RATE_LIMITED, "429 from upstream", null, 800L, null);
        };
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(),
                "anthropicCompletion", onThread(threads, call -> NodeOutput.of(Json.object().put("text", "from a"))),
                "groqCompletion", onThread(threads, call -> {
                    chainedStarted.countDown();
                    return chained.execute(call);
                }),
                "openaiCompletion", failsOnceCIsStreaming));
        var sink = new RecordingSink();
        RunResult result = engine.start(engine.compile(TestNodes.workflow(CHAIN_BESIDE_A_BRANCH)), "f1", Map.of(), sink).await();

        assertThat(threads.get("c")).isSameAs(threads.get("a"));
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error().nodeId()).isEqualTo("b");
        assertThat(result.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(chained.cancelCallbackRan).isTrue();
        assertThat(sink.of(RunEvent.NodeFailed.class)).extracting(f -> f.nodeId() + ":" + f.error().code().wireName())
                .containsExactlyInAnyOrder("b:rate_limited", "c:cancelled");
        assertThat(sink.names().getLast()).isEqualTo("run.failed");
        assertThat(terminals(sink.names())).isEqualTo(1);
    }

    @Test
    void aNodeThatIgnoresCancellationIsLeftBehindAfterTheGraceAndItsEndIsDropped() throws Exception {
        var release = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        var stubborn = new Thread[1];
        var answered = new CopyOnWriteArrayList<String>();
        NodeExecutor ignoresStops = call -> {
            stubborn[0] = Thread.currentThread();
            started.countDown();
            while (true) {
                try {
                    if (release.await(30, TimeUnit.SECONDS)) break;
                } catch (InterruptedException e) {
                    // ignored on purpose: this node does not stop when told
                }
            }
            return NodeOutput.of(Json.object().put("text", "too late"));
        };
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", ignoresStops,
                "streamResponse", call -> {
                    answered.add(call.nodeId());
                    return new StreamResponseNode().execute(call);
                }), new EngineOptions(null, Duration.ZERO));
        var sink = new RecordingSink();
        RunHandle run = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "g1", Map.of(), sink);
        await(started, "the stubborn node runs");
        run.cancel("stop");

        RunResult result = run.await(); // no grace: the run ends without the node
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.nodes()).extracting(NodeMetrics::nodeId).containsExactly("prompt");
        release.countDown();
        stubborn[0].join(); // the node ends, its thread sees the run is over, and the thread ends

        assertThat(sink.names()).containsExactly("run.started", "node.started", "node.completed", "node.started", "run.cancelled");
        assertThat(answered).as("what the late node unblocks does not run").isEmpty();
        assertThat(run.progress()).extracting(NodeMetrics::nodeId).containsExactly("prompt");
    }

    /** The latches of one round of a repeated race; each round gets fresh ones. */
    private record Round(CountDownLatch bothStarted, CountDownLatch go, boolean bFails, List<String> joins) {
        static Round next(boolean bFails) {
            return new Round(new CountDownLatch(2), new CountDownLatch(1), bFails, new CopyOnWriteArrayList<>());
        }
    }

    @Test
    void theTerminalEventIsSingleAndLastWhenNodesEndAsTheRunIsCancelled() throws Exception {
        var round = new AtomicReference<Round>();
        NodeExecutor branch = call -> {
            Round r = round.get();
            r.bothStarted().countDown();
            r.go().await(30, TimeUnit.SECONDS);
            if (r.bFails() && call.nodeId().equals("b")) throw new NodeException(ErrorCode.SERVER_ERROR, "b broke");
            return NodeOutput.of(Json.object().put("text", call.nodeId()));
        };
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", branch, "openaiCompletion", branch));
        Plan plan = engine.compile(TestNodes.workflow(EngineTest.TWO_BRANCHES));
        for (int i = 0; i < 300; i++) {
            Round r = Round.next(i % 2 == 1);
            round.set(r);
            var sink = new RecordingSink();
            RunHandle run = engine.start(plan, "t" + i, Map.of(), sink);
            await(r.bothStarted(), "both branches run");
            r.go().countDown(); // the branches end while the cancel comes in
            run.cancel("race");
            RunResult result = run.await();

            List<String> names = sink.names();
            assertThat(terminals(names)).as("run %d: %s", i, names).isEqualTo(1);
            assertThat(names.getLast()).as("run %d", i).isEqualTo(switch (result.status()) {
                case COMPLETED -> "run.completed";
                case FAILED -> "run.failed";
                case CANCELLED -> "run.cancelled";
                default -> throw new AssertionError(result.status());
            });
            if (!r.bFails()) assertThat(result.status()).as("run %d", i).isIn(RunStatus.COMPLETED, RunStatus.CANCELLED);
            // every node that started ended before the terminal event, and the result counts exactly those
            assertThat(names.stream().filter(n -> n.equals("node.started")).count()).as("run %d: %s", i, names)
                    .isEqualTo(names.stream().filter(n -> n.equals("node.completed") || n.equals("node.failed")).count())
                    .isEqualTo(result.nodes().size());
        }
    }

    @Test
    void aStaleDeadlineOfAnEndedNodeDoesNotReachTheNodeChainedAfterIt() throws Exception {
        var stream = new TestNodes.LatchStream();
        var timer = new ManualDeadlineTimer(Instant.parse("2026-12-03T12:00:00Z"));
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", stream),
                new EngineOptions(Duration.ofMinutes(1), Duration.ofSeconds(5)), timer);
        var sink = new WatchingSink();
        stream.feed("first");
        RunHandle run = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "d1", TOPIC, sink);
        var promptsDeadline = timer.next();
        timer.next(); // claude's: claude now runs, on the thread the prompt ran on
        await(sink.firstToken, "claude streams");
        // the prompt's timer fires as if it raced the prompt's end: it must not interrupt claude
        promptsDeadline.action().run();
        stream.feed("second", END);

        RunResult result = run.await();
        assertThat(result.status()).as("%s", result.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.outputs().get("answer").stringValue()).isEqualTo("firstsecond");
    }

    @Test
    void aChainedNodePastItsDeadlineFailsWithTimeout() throws Exception {
        var threads = new ConcurrentHashMap<String, Thread>();
        var stream = new TestNodes.LatchStream();
        var timer = new ManualDeadlineTimer(Instant.parse("2026-12-03T12:00:00Z"));
        var engine = TestNodes.engine(Map.of("promptTemplate", onThread(threads, TestNodes.prompt()),
                "anthropicCompletion", onThread(threads, stream)), new EngineOptions(Duration.ofMinutes(1), Duration.ofSeconds(5)), timer);
        var sink = new WatchingSink();
        stream.feed("partial");
        RunHandle run = engine.start(engine.compile(TestNodes.workflow(LINEAR)), "d2", Map.of(), sink);
        timer.next();
        var claudesDeadline = timer.next();
        await(sink.firstToken, "claude streams");
        claudesDeadline.fire();

        RunResult result = run.await();
        assertThat(threads.get("claude")).isSameAs(threads.get("prompt"));
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(result.error().nodeId()).isEqualTo("claude");
    }

    @Test
    void aDiamondRunsItsJoinOnceAfterBothBranches() throws Exception {
        var round = new AtomicReference<Round>();
        NodeExecutor meetsTheOther = call -> {
            Round r = round.get();
            r.bothStarted().countDown();
            // both branches end at about the same time, so both reach the join's count together
            if (!r.bothStarted().await(30, TimeUnit.SECONDS)) throw new NodeException(ErrorCode.TIMEOUT, "other branch never started");
            return NodeOutput.of(Json.object().put("text", call.nodeId()));
        };
        NodeExecutor join = new TextJoinKind().executor(null);
        var engine = TestNodes.engine(Map.of("promptTemplate", TestNodes.prompt(), "anthropicCompletion", meetsTheOther,
                "openaiCompletion", meetsTheOther, "textJoin", call -> {
                    round.get().joins().add(call.inputs().get("texts").toString());
                    return join.execute(call);
                }));
        Plan plan = engine.compile(TestNodes.workflow(DIAMOND));
        for (int i = 0; i < 200; i++) {
            Round r = Round.next(false);
            round.set(r);
            RunResult result = engine.start(plan, "x" + i, Map.of(), new RecordingSink()).await();

            assertThat(result.status()).as("run %d: %s", i, result.error()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.joins()).as("run %d", i).containsExactly("[\"a\",\"b\"]");
            assertThat(result.outputs().get("joined").stringValue()).isEqualTo("a+b");
        }
    }

    private static long terminals(List<String> names) {
        return names.stream().filter(n -> n.startsWith("run.") && !n.equals("run.started")).count();
    }
}
