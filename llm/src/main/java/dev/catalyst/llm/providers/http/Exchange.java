package dev.catalyst.llm.providers.http;

import dev.catalyst.core.exec.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange whose body arrives through a queue, so every wait has a timeout and a
 * cancellation wakes the reader at once and drops the connection. Not thread-safe (one reader).
 */
final class Exchange implements AutoCloseable {
    /** Why the exchange stopped early. */
    enum Failure { FIRST_BYTE_TIMEOUT, IDLE_TIMEOUT, DEADLINE, CANCELLED, CONNECT_TIMEOUT, CONNECT_FAILED, IO }

    static final class ExchangeException extends Exception {
        final Failure failure;

        ExchangeException(Failure failure, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }
    }

    private static final Object END = new Object();
    private static final Object CANCEL = new Object();

    private final QueueSubscriber body;
    private final HttpResponse.ResponseInfo info;
    private final AutoCloseable cancelHandle;
    private boolean ended;

    private Exchange(QueueSubscriber body, HttpResponse.ResponseInfo info, AutoCloseable cancelHandle) {
        this.body = body;
        this.info = info;
        this.cancelHandle = cancelHandle;
    }

    static Exchange open(HttpClient client, HttpRequest request, Duration firstByte, Instant deadline, Cancellation cancellation)
            throws ExchangeException, InterruptedException {
        var headers = new CompletableFuture<HttpResponse.ResponseInfo>();
        var sub = new QueueSubscriber();
        dev.catalyst.core.exec.PathMark.mark(null, "provider.send");
        CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request, info -> {
            headers.complete(info);
            return sub;
        });
        call.whenComplete((r, t) -> {
            if (t != null) headers.completeExceptionally(t);
        });
        AutoCloseable handle = cancellation.onCancel(() -> {
            headers.completeExceptionally(new CancellationException("cancelled"));
            sub.cancel();
            call.cancel(true);
        });
        long waitMs = limit(firstByte, deadline);
        try {
            var info = headers.get(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
            dev.catalyst.core.exec.PathMark.mark(null, "provider.headers");
            return new Exchange(sub, info, handle);
        } catch (TimeoutException e) {
            call.cancel(true);
            sub.cancel();
            closeQuietly(handle);
            boolean deadlineHit = deadline != null && !Instant.now().isBefore(deadline);
            throw new ExchangeException(deadlineHit ? Failure.DEADLINE : Failure.FIRST_BYTE_TIMEOUT,
                    "no response within " + waitMs + " ms", null);
        } catch (ExecutionException | CancellationException e) {
            closeQuietly(handle);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cancellation.isCancelled() || cause instanceof CancellationException) {
                throw new ExchangeException(Failure.CANCELLED, "cancelled", cause);
            }
            if (cause instanceof HttpConnectTimeoutException) throw new ExchangeException(Failure.CONNECT_TIMEOUT, "connect timed out", cause);
            if (cause instanceof ConnectException) throw new ExchangeException(Failure.CONNECT_FAILED, "connection refused", cause);
            throw new ExchangeException(Failure.IO, "connection failed: " + cause.getClass().getSimpleName(), cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            closeQuietly(handle);
            throw e;
        }
    }

    int status() {
        return info.statusCode();
    }

    HttpHeaders headers() {
        return info.headers();
    }

    /** The next piece of the body, or null at its end. */
    byte[] next(Duration idle, Instant deadline) throws ExchangeException, InterruptedException {
        if (ended) return null;
        long waitMs = limit(idle, deadline);
        Object item = body.queue.poll(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
        if (item == null) {
            body.cancel();
            boolean deadlineHit = deadline != null && !Instant.now().isBefore(deadline);
            throw new ExchangeException(deadlineHit ? Failure.DEADLINE : Failure.IDLE_TIMEOUT, "no data for " + waitMs + " ms", null);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item == CANCEL) throw new ExchangeException(Failure.CANCELLED, "cancelled", null);
        if (item instanceof Throwable t) throw new ExchangeException(Failure.IO, "connection lost: " + t.getClass().getSimpleName(), t);
        body.requestMore();
        return (byte[]) item;
    }

    /**
     * Reads what is left of a finished stream (usually just the chunked terminator) so the
     * connection goes back to the pool; gives up quietly after {@code wait}.
     */
    void drain(Duration wait) throws InterruptedException {
        Instant until = Instant.now().plus(wait);
        try {
            while (next(wait, until) != null) {
                // discard
            }
        } catch (ExchangeException leftover) {
            // the connection is dropped instead of reused; nothing else depends on it
        }
    }

    String readAll(Duration idle, Instant deadline) throws ExchangeException, InterruptedException {
        var out = new ByteArrayOutputStream();
        for (byte[] b = next(idle, deadline); b != null; b = next(idle, deadline)) out.writeBytes(b);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Drops the connection unless the body was read to its end. */
    @Override
    public void close() {
        if (!ended) body.cancel();
        closeQuietly(cancelHandle);
    }

    private static long limit(Duration d, Instant deadline) {
        long ms = d.toMillis();
        if (deadline != null) ms = Math.min(ms, Duration.between(Instant.now(), deadline).toMillis());
        return ms;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // unregistering a callback does not fail in practice
        }
    }

    private static final class QueueSubscriber implements HttpResponse.BodySubscriber<Void> {
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) s.cancel();
            else s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            int n = 0;
            for (ByteBuffer b : items) n += b.remaining();
            byte[] all = new byte[n];
            int at = 0;
            for (ByteBuffer b : items) {
                int r = b.remaining();
                b.get(all, at, r);
                at += r;
            }
            queue.add(all);
        }

        void requestMore() {
            var s = subscription;
            if (s != null && !cancelled) s.request(1);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedStage(null);
        }

        void cancel() {
            cancelled = true;
            queue.add(CANCEL);
            var s = subscription;
            if (s != null) s.cancel();
        }
    }
}
