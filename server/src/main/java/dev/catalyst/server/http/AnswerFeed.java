package dev.catalyst.server.http;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.engine.RunEventSink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/**
 * The part of a run's events that answers a chat call: the answer node's tokens, its output when
 * it completes, and the run's end. Fed on the engine's thread without blocking; read by the
 * request's thread in order.
 */
final class AnswerFeed implements RunEventSink {
    sealed interface Item {}

    record Token(String text) implements Item {}

    /** The answer node's output: text, message (with finishReason), toolCalls. */
    record Completed(JsonNode output) implements Item {}

    /** run.completed, run.failed or run.cancelled. */
    record End(RunEvent terminal) implements Item {}

    private final String answerNode;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();

    /** @param answerNode the node whose tokens answer; null when the workflow has none (its outputs answer) */
    AnswerFeed(String answerNode) {
        this.answerNode = answerNode;
    }

    @Override
    public void emit(RunEvent event) {
        switch (event) {
            case RunEvent.Token t -> {
                if (t.nodeId().equals(answerNode)) items.add(new Token(t.text()));
            }
            case RunEvent.NodeCompleted c -> {
                if (c.nodeId().equals(answerNode)) items.add(new Completed(c.output()));
            }
            case RunEvent.RunCompleted c -> items.add(new End(c));
            case RunEvent.RunFailed f -> items.add(new End(f));
            case RunEvent.RunCancelled c -> items.add(new End(c));
            case RunEvent.RunStarted s -> { }
            case RunEvent.NodeStarted s -> { }
            case RunEvent.RouterDecision d -> { }
            case RunEvent.NodeFailed f -> { }
        }
    }

    /** The next item; every run ends with an {@link End}, so this never waits past the run. */
    Item next() throws InterruptedException {
        return items.take();
    }
}
