package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Small helpers for JSON requests and responses. */
final class Http {
    private Http() {}

    static void json(Exchange ex, int status, Object body) {
        try {
            ex.json(status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void empty(Exchange ex, int status) {
        try {
            ex.empty(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void error(Exchange res, ApiException e) {
        json(res, e.status(), ErrorBody.of(e));
    }

    /**
     * The request body as text. Its size is capped by Jetty's SizeLimitHandler in front of the
     * routes; a read that fails (over the limit, a malformed chunk, a read timeout) becomes the
     * status Jetty gave it, and a client that hung up becomes {@link ClientGoneException}.
     */
    static String body(Exchange req) {
        var deadline = req.readDeadline();
        try (InputStream in = req.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw readFailure(e);
        } finally {
            deadline.cancel();
        }
    }

    static RuntimeException readFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) return api;
            if (t instanceof org.eclipse.jetty.io.EofException) {
                // Jetty says "early EOF" both for a malformed chunk and for a hang-up: answer 400; to
                // a client that is gone the write fails, and that is one log line
                // the cause tells the handler to log one line once it knows whether the 400 could be sent
                var early = ApiException.badRequest("the request body ended before it was complete (a malformed chunk, or a connection cut)");
                early.initCause(t);
                return early;
            }
            if (t instanceof HttpException http) {
                int status = http.getCode();
                String message = status == 413 ? "the request body is larger than this server accepts (" + t.getMessage() + ")"
                        : "the request body could not be read: " + t.getMessage();
                return new ApiException(status, ErrorBody.codeFor(status), message);
            }
            if (t instanceof java.util.concurrent.TimeoutException) {
                return new ApiException(408, "timeout", "the request body did not arrive in time");
            }
        }
        return new ClientGoneException("the client went away while sending its request body", e);
    }

    static JsonNode jsonBody(Exchange req) {
        String text = body(req);
        if (text.isBlank()) throw ApiException.badRequest("the request body is empty; send a JSON object");
        if (JsonDepth.exceeds(text, req.maxJsonDepth())) {
            throw new ApiException(400, "json_too_deep", "the request body nests objects and arrays more than "
                    + req.maxJsonDepth() + " levels deep (CATALYST_MAX_JSON_DEPTH)");
        }
        try {
            return Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.line() + ", column " + e.column() + ": " + e.getMessage());
        }
    }
}
