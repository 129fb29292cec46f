package dev.catalyst.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecContractTest {
    @Test
    void cancellingRunsEveryCallbackOnceEvenWhenOneFails() throws Exception {
        var c = new Cancellation();
        var calls = new ArrayList<String>();
        c.onCancel(() -> calls.add("first"));
        c.onCancel(() -> {
            throw new IllegalStateException("boom");
        });
        c.onCancel(() -> calls.add("third"));
        AutoCloseable removed = c.onCancel(() -> calls.add("removed"));
        removed.close();
        assertThat(c.isCancelled()).isFalse();
        c.throwIfCancelled();

        c.cancel("user pressed stop");
        c.cancel("again");
        assertThat(calls).containsExactly("first", "third");
        assertThat(c.isCancelled()).isTrue();
        assertThat(c.reason()).isEqualTo("user pressed stop");
        assertThatThrownBy(c::throwIfCancelled).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(e.getMessage()).isEqualTo("cancelled: user pressed stop");
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void aCallbackRegisteredAfterCancellingRunsAtOnce() {
        var c = new Cancellation();
        c.cancel(null);
        assertThat(c.reason()).isEqualTo("cancelled");
        var ran = new boolean[1];
        c.onCancel(() -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }

    @Test
    void cancellingFromAnotherThreadReachesAWaitingCallback() throws Exception {
        var c = new Cancellation();
        var latch = new CountDownLatch(1);
        c.onCancel(latch::countDown);
        Thread.ofVirtual().start(() -> c.cancel("timeout")).join();
        assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void errorCodesUseTheContractNamesAndSayWhetherToRetry() {
        assertThat(ErrorCode.RATE_LIMITED.wireName()).isEqualTo("rate_limited");
        assertThat(ErrorCode.CONTEXT_LENGTH_EXCEEDED.wireName()).isEqualTo("context_length_exceeded");
        var retryable = EnumSet.noneOf(ErrorCode.class);
        for (ErrorCode code : ErrorCode.values()) if (code.retryable()) retryable.add(code);
        assertThat(retryable).containsExactlyInAnyOrder(ErrorCode.RATE_LIMITED, ErrorCode.OVERLOADED, ErrorCode.SERVER_ERROR,
                ErrorCode.TIMEOUT, ErrorCode.STREAM_INTERRUPTED);
        assertThat(ErrorCode.values()).hasSize(16);
        assertThat(Json.write(ErrorCode.NO_CANDIDATE)).isEqualTo("\"no_candidate\"");
    }

    @Test
    void nodeExceptionCarriesPartialTextAndRetryAfter() {
        var cause = new RuntimeException("socket closed");
        var e = new NodeException(ErrorCode.STREAM_INTERRUPTED, "stream broke", "Once upon a", 1500L, cause);
        assertThat(e.code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.partialText()).isEqualTo("Once upon a");
        assertThat(e.retryAfterMs()).isEqualTo(1500L);
        assertThat(e.getCause()).isSameAs(cause);
        var plain = new NodeException(ErrorCode.AUTH, "bad key");
        assertThat(plain.partialText()).isNull();
        assertThat(plain.retryAfterMs()).isNull();
    }

    @Test
    void usageAddsUpAndTotalsInputAndOutput() {
        var a = Usage.of(100, 20, 40);
        assertThat(a.totalTokens()).isEqualTo(120);
        var sum = a.plus(Usage.of(10, 5, 0));
        assertThat(sum).isEqualTo(new Usage(110, 25, 40, 135));
        assertThat(Usage.ZERO.plus(a)).isEqualTo(a);
        assertThat(Json.write(a)).isEqualTo("{\"inputTokens\":100,\"outputTokens\":20,\"cachedInputTokens\":40,\"totalTokens\":120}");
    }

    @Test
    void anExecutorTurnsACallIntoAnOutput() throws Exception {
        NodeExecutor upper = call -> NodeOutput.of(Json.object().put("text", call.input("text").stringValue().toUpperCase()));
        var call = new NodeCall("n1", "echo", Json.object(), Map.of("text", Json.parse("\"hi\"")), null);
        NodeOutput out = upper.execute(call);
        assertThat(out.values().get("text").stringValue()).isEqualTo("HI");
        assertThat(out.usage()).isNull();
        assertThat(out.costUsd()).isNull();
        assertThat(out.ttftMs()).isNull();
        assertThat(call.input("missing")).isNull();
    }
}
