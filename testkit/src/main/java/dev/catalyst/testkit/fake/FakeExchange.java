package dev.catalyst.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One request being answered: status and JSON, or an SSE body written and flushed event by event with pacing. */
public final class FakeExchange {
    /** The client closed the connection while the fake was writing. */
    static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }

    private final FakeServer server;
    private final HttpExchange http;
    private final RecordedRequest request;
    private final Fault fault;
    private final Pacing pacing;
    private final FaultTiming timing;
    private OutputStream out;
    private boolean cut;
    private boolean firstToken = true;

    FakeExchange(FakeServer server, HttpExchange http, RecordedRequest request, Fault fault, Pacing pacing, FaultTiming timing) {
        this.server = server;
        this.http = http;
        this.request = request;
        this.fault = fault;
        this.pacing = pacing;
        this.timing = timing;
    }

    public RecordedRequest request() {
        return request;
    }

    public Fault fault() {
        return fault;
    }

    public FaultTiming timing() {
        return timing;
    }

    boolean cut() {
        return cut;
    }

    /** Marks the connection to be dropped without finishing the body. */
    void cutConnection() {
        cut = true;
    }

    void json(int status, JsonNode body, Map<String, String> headers) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        send(status, "application/json", headers, bytes);
    }

    void send(int status, String contentType, Map<String, String> headers, byte[] bytes) {
        try {
            http.getResponseHeaders().set("content-type", contentType);
            headers.forEach((k, v) -> http.getResponseHeaders().set(k, v));
            http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream o = http.getResponseBody()) {
                    o.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Announces the whole body's length, sends half of it, and drops the connection. */
    void sendHalfThenCut(int status, Map<String, String> headers, byte[] bytes) {
        try {
            http.getResponseHeaders().set("content-type", "application/json");
            headers.forEach((k, v) -> http.getResponseHeaders().set(k, v));
            http.sendResponseHeaders(status, bytes.length);
            OutputStream o = http.getResponseBody();
            o.write(bytes, 0, bytes.length / 2);
            o.flush();
            cut = true;
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /**
     * Sends a whole (non-streamed) JSON answer, bent by the fault if one applies: cut halfway,
     * truncated into invalid JSON, delayed by a stall, or replaced by {@code errorInstead}.
     */
    void sendWhole(Map<String, String> headers, byte[] bytes, Runnable errorInstead) {
        if (fault == Fault.CUT_MID_STREAM) sendHalfThenCut(200, headers, bytes);
        else if (fault == Fault.MALFORMED_CHUNK) send(200, "application/json", headers, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        else if (fault == Fault.ERROR_EVENT_AFTER_200) errorInstead.run();
        else if (fault != Fault.STALL_BETWEEN_CHUNKS || pause(timing.stall())) send(200, "application/json", headers, bytes);
    }

    void startSse(Map<String, String> headers) {
        try {
            http.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
            http.getResponseHeaders().set("cache-control", "no-cache");
            headers.forEach((k, v) -> http.getResponseHeaders().set(k, v));
            http.sendResponseHeaders(200, 0);
            out = http.getResponseBody();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Writes raw SSE text and flushes it onto the wire. */
    void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    void event(String name, JsonNode data) {
        write("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
    }

    void data(JsonNode data) {
        write("data: " + Json.write(data) + "\n\n");
    }

    /** Waits the pacing before a content token: the time to first token before the first, the token gap after. */
    boolean beforeToken() {
        long nanos = firstToken ? pacing.timeToFirstToken().toNanos() : pacing.tokenGapNanos();
        firstToken = false;
        return server.pause(java.time.Duration.ofNanos(nanos));
    }

    boolean pause(java.time.Duration d) {
        return server.pause(d);
    }

    void endSse() {
        try {
            out.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    void replay(FakeServer.Scripted s) {
        byte[] bytes = s.body().getBytes(StandardCharsets.UTF_8);
        if (!s.contentType().startsWith("text/event-stream")) {
            send(s.status(), s.contentType(), s.headers(), bytes);
            return;
        }
        startSse(s.headers());
        for (String event : FakeServer.splitSse(s.body())) {
            if (!beforeToken()) return;
            write(event);
        }
        endSse();
    }
}
