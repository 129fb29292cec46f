package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers for JSON requests and responses, with the body limit enforced while reading. */
final class Http {
    private Http() {}

    static void json(Exchange ex, int status, Object body) {
        try {
            ex.json(status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void error(Exchange res, ApiException e) {
        ObjectNode error = Json.object();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.details() != null) {
            JsonNode extra = Json.valueToTree(e.details());
            for (var p : extra.properties()) error.set(p.getKey(), p.getValue());
        }
        ObjectNode body = Json.object();
        body.set("error", error);
        json(res, e.status(), body);
    }

    /** The request body as text; 413 past {@code limit} bytes (counted while reading, so chunked bodies are caught too). */
    static String body(Exchange req, long limit) {
        if (req.contentLength() > limit) throw tooLarge(limit);
        try (InputStream in = req.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) throw tooLarge(limit);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode jsonBody(Exchange req, long limit) {
        String text = body(req, limit);
        if (text.isBlank()) throw ApiException.badRequest("the request body is empty; send a JSON object");
        try {
            return Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.line() + ", column " + e.column() + ": " + e.getMessage());
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "payload_too_large", "the request body is larger than " + limit + " bytes");
    }
}
