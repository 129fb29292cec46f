package dev.catalyst.llm.providers.http;

import dev.catalyst.core.exec.Cancellation;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;

/**
 * One HTTP exchange whose body arrives through a queue, so every wait has a timeout and a
 * cancellation wakes the reader at once and stops the exchange: over HTTP/1.1 its connection is
 * dropped, over HTTP/2 only its stream is reset and the connection's other streams go on.
 * Not thread-safe (one reader).
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

    private final QueueListener body;
    private final Response response;
    private final AutoCloseable cancelHandle;
    private boolean ended;

    private Exchange(QueueListener body, Response response, AutoCloseable cancelHandle) {
        this.body = body;
        this.response = response;
        this.cancelHandle = cancelHandle;
    }

    static Exchange open(ProviderHttp http, WireRequest wire, Duration firstByte, Instant deadline, Cancellation cancellation)
            throws ExchangeException, InterruptedException {
        Request request = http.client().newRequest(wire.uri())
                .method(HttpMethod.POST)
                // no version pinned: ProviderHttp's transport speaks HTTP/1.1 to http:// and negotiates h2 with https://
                // a backstop only: the waits below govern the first byte and the silences
                .idleTimeout(Math.max(firstByte.toMillis(), ProviderHttp.IDLE_BACKSTOP.toMillis()), TimeUnit.MILLISECONDS)
                .headers(h -> {
                    for (WireRequest.Header x : wire.headers()) {
                        if (!x.name().equalsIgnoreCase("content-type")) h.add(x.name(), x.value());
                    }
                })
                .body(new BytesRequestContent(contentType(wire), wire.body()));
        var sub = new QueueListener(request);
        dev.catalyst.core.exec.PathMark.mark(null, "provider.send");
        request.send(sub);
        AutoCloseable handle = cancellation.onCancel(() -> {
            sub.head.completeExceptionally(new CancellationException("cancelled"));
            sub.abort();
        });
        Wait wait = Wait.of(firstByte, deadline);
        try {
            var response = sub.head.get(wait.nanos(), TimeUnit.NANOSECONDS);
            dev.catalyst.core.exec.PathMark.mark(null, "provider.headers");
            return new Exchange(sub, response, handle);
        } catch (TimeoutException e) {
            sub.abort();
            closeQuietly(handle);
            throw new ExchangeException(wait.byDeadline() ? Failure.DEADLINE : Failure.FIRST_BYTE_TIMEOUT,
                    "no response within " + wait.millis() + " ms", null);
        } catch (ExecutionException | CancellationException e) {
            closeQuietly(handle);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cancellation.isCancelled() || cause instanceof CancellationException) {
                throw new ExchangeException(Failure.CANCELLED, "cancelled", cause);
            }
            if (cause instanceof SocketTimeoutException) throw new ExchangeException(Failure.CONNECT_TIMEOUT, "connect timed out", cause);
            if (cause instanceof ConnectException) throw new ExchangeException(Failure.CONNECT_FAILED, "connection refused", cause);
            throw new ExchangeException(Failure.IO, "connection failed: " + cause.getClass().getSimpleName(), cause);
        } catch (InterruptedException e) {
            sub.abort();
            closeQuietly(handle);
            throw e;
        }
    }

    private static String contentType(WireRequest wire) {
        String t = wire.firstValue("content-type");
        return t != null ? t : "application/json";
    }

    int status() {
        return response.getStatus();
    }

    HttpFields headers() {
        return response.getHeaders();
    }

    /** The next piece of the body, or null at its end. */
    byte[] next(Duration idle, Instant deadline) throws ExchangeException, InterruptedException {
        if (ended) return null;
        Wait wait = Wait.of(idle, deadline);
        Object item = body.queue.poll(wait.nanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            body.abort();
            throw new ExchangeException(wait.byDeadline() ? Failure.DEADLINE : Failure.IDLE_TIMEOUT, "no data for " + wait.millis() + " ms", null);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item == CANCEL) throw new ExchangeException(Failure.CANCELLED, "cancelled", null);
        if (item instanceof Throwable t) throw new ExchangeException(Failure.IO, "connection lost: " + t.getClass().getSimpleName(), t);
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
            // the exchange is aborted instead (HTTP/1.1: its connection dropped; h2: its stream reset)
        }
    }

    String readAll(Duration idle, Instant deadline) throws ExchangeException, InterruptedException {
        var out = new ByteArrayOutputStream();
        for (byte[] b = next(idle, deadline); b != null; b = next(idle, deadline)) out.writeBytes(b);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Aborts the exchange unless the body was read to its end (HTTP/1.1: drops the connection; h2: resets the stream). */
    @Override
    public void close() {
        if (!ended) body.abort();
        closeQuietly(cancelHandle);
    }

    /**
     * How long a wait may take: {@code d}, or what is left to the deadline when that comes first, in
     * nanoseconds (a wait in whole milliseconds ended up to 1 ms before the deadline, so a router saw
     * its budget not yet spent after an attempt the budget had cut off). A timeout of a wait the
     * deadline bounded is the deadline's.
     */
    private record Wait(long nanos, boolean byDeadline) {
        static Wait of(Duration d, Instant deadline) {
            long ns = d.toNanos();
            if (deadline != null) {
                long left = Duration.between(Instant.now(), deadline).toNanos();
                if (left <= ns) return new Wait(Math.max(1, left), true);
            }
            return new Wait(Math.max(1, ns), false);
        }

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // unregistering a callback does not fail in practice
        }
    }

    /**
     * Jetty calls it on its own threads: the head completes a future, each piece of the body is
     * copied into the queue the node's thread waits on (Jetty reuses its buffer after the call).
     */
    private static final class QueueListener implements Response.Listener {
        final CompletableFuture<Response> head = new CompletableFuture<>();
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final Request request;

        QueueListener(Request request) {
            this.request = request;
        }

        @Override
        public void onHeaders(Response response) {
            head.complete(response);
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            byte[] b = new byte[content.remaining()];
            content.get(b);
            queue.add(b);
        }

        @Override
        public void onComplete(Result result) {
            if (result.isFailed()) {
                head.completeExceptionally(result.getFailure());
                queue.add(result.getFailure());
            } else {
                head.complete(result.getResponse());
                queue.add(END);
            }
        }

        /** Wakes the reader with "cancelled" and aborts the exchange (HTTP/1.1 connection dropped, h2 stream reset; a no-op once it completed). */
        void abort() {
            queue.add(CANCEL);
            request.abort(new CancellationException("cancelled"));
        }
    }
}
