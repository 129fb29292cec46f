package dev.catalyst.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response, with blocking reads and writes: each request runs on its own
 * virtual thread, so blocking is cheap and keeps the route code straight-line.
 */
final class Exchange {
    final Request request;
    final Response response;
    private final Map<String, String> params;
    private final Scheduler scheduler;
    private final Duration readTimeout;
    private final int maxJsonDepth;
    private Fields query;

    Exchange(Request request, Response response, Map<String, String> params, Scheduler scheduler, Duration readTimeout, int maxJsonDepth) {
        this.request = request;
        this.response = response;
        this.params = params;
        this.scheduler = scheduler;
        this.readTimeout = readTimeout;
        this.maxJsonDepth = maxJsonDepth;
    }

    /** How deeply a JSON body may nest objects and arrays. */
    int maxJsonDepth() {
        return maxJsonDepth;
    }

    String param(String name) {
        return params.get(name);
    }

    /** The first value of a request header, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The first value of a query parameter, or null. */
    String query(String name) {
        if (query == null) query = Request.extractQueryParameters(request);
        return query.getValue(name);
    }

    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Sends the whole response: status, JSON content type and body. */
    void json(int status, Object body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        write(true, dev.catalyst.core.json.Json.write(body));
    }

    /** Sends a response without a body. */
    void empty(int status) throws IOException {
        response.setStatus(status);
        write(true, "");
    }

    /** Writes and flushes text, waiting until it left (or failing when the client went away). */
    void write(boolean last, String text) throws IOException {
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
            done.block();
        }
    }

    /** The request body as a stream; its size is capped by Jetty's SizeLimitHandler in front of the routes. */
    java.io.InputStream body() {
        return Content.Source.asInputStream(request);
    }

    /**
     * Fails the body's reads once the read timeout passes, however steadily bytes trickle in (the
     * idle timeout restarts with each byte); cancel the returned task when the body is read.
     */
    Scheduler.Task readDeadline() {
        return scheduler.schedule(() -> request.fail(new TimeoutException("the request body took longer than "
                + readTimeout.toMillis() + " ms to arrive")), readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long contentLength() {
        return request.getLength();
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return Request.getPathInContext(request);
    }
}
