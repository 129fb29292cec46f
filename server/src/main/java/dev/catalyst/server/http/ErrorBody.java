package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one shape of every error this server sends, {@code {"error": {"code", "message", …}}}, for
 * our routes and for Jetty's own refusals alike.
 */
final class ErrorBody {
    private ErrorBody() {}

    static ObjectNode of(ApiException e) {
        ObjectNode error = Json.object();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.details() != null) {
            JsonNode extra = Json.valueToTree(e.details());
            for (var p : extra.properties()) error.set(p.getKey(), p.getValue());
        }
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    /** The contract's code for a status Jetty answered by itself (a malformed request, a size limit). */
    static String codeFor(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "timeout";
            case 413 -> "payload_too_large";
            case 505 -> "http_version_not_supported";
            default -> status < 500 ? "invalid_request" : "server_error";
        };
    }
}
