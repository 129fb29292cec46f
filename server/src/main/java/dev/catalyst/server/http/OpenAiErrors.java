package dev.catalyst.server.http;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.json.Json;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors of the OpenAI-compatible {@code /v1} routes in OpenAI's shape,
 * {@code {"error": {"message", "type", "param", "code"}}}, so the official SDKs raise their typed
 * errors (they pick the class by status). A run's error keeps its meaning: an upstream 429 is a 429
 * here with its retry-after.
 */
final class OpenAiErrors {
    private OpenAiErrors() {}

    /** A 400 naming the request field at fault, as OpenAI's {@code param}. */
    static ApiException invalid(String param, String message) {
        return param == null ? ApiException.badRequest(message) : new ApiException(400, "invalid_request", message, Map.of("param", param));
    }

    static ApiException modelNotFound(String model, String why) {
        return new ApiException(404, "model_not_found", "The model '" + model + "' does not exist here: " + why,
                Map.of("param", "model"));
    }

    /** The body for one of our errors. */
    static ObjectNode body(ApiException e) {
        ObjectNode error = Json.object();
        error.put("message", e.getMessage());
        error.put("type", type(e.status()));
        Object param = e.details() instanceof Map<?, ?> m ? m.get("param") : null;
        if (param != null) error.put("param", param.toString());
        else error.putNull("param");
        error.put("code", code(e));
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "invalid_request_error";
            case 429 -> "rate_limit_error";
            default -> status < 500 ? "invalid_request_error" : "server_error";
        };
    }

    private static String code(ApiException e) {
        return switch (e.code()) {
            case "auth" -> "invalid_api_key";
            case "rate_limited" -> "rate_limit_exceeded";
            case "invalid_request" -> null; // OpenAI leaves code empty for a plain bad request; param says where
            default -> e.code();
        };
    }

    /** How a failed run answers: the status its error code means, and the run id to look it up by. */
    static ApiException ofRun(RunEvent.ErrorInfo error) {
        int status = switch (error.code()) {
            case AUTH -> 401;
            case PERMISSION -> 403;
            case MODEL_NOT_FOUND -> 404;
            case INVALID_REQUEST, CONTENT_FILTERED, CONTEXT_LENGTH_EXCEEDED, VALIDATION_FAILED, EXPRESSION_ERROR -> 400;
            case RATE_LIMITED -> 429;
            case OVERLOADED, NO_CANDIDATE, INTERRUPTED -> 503;
            case SERVER_ERROR, STREAM_INTERRUPTED -> 502;
            case TIMEOUT -> 504;
            case CANCELLED -> 499;
        };
        return new ApiException(status, error.code().wireName(), error.message());
    }

    /** Seconds to wait after a rate limit, rounded up; null when the run's error does not say. */
    static Long retryAfterSeconds(RunEvent.ErrorInfo error) {
        return error.retryAfterMs() == null ? null : Math.max(1, (error.retryAfterMs() + 999) / 1000);
    }
}
