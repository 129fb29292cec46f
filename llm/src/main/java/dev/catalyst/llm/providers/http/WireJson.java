package dev.catalyst.llm.providers.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Small helpers the codecs share. */
public final class WireJson {
    /**
     * For provider payloads on the hot path: plain Jackson defaults (no duplicate-key tracking, no
     * BigDecimal floats), which the strict workflow mapper pays for and stream chunks do not need.
     */
    private static final tools.jackson.databind.ObjectReader CHUNKS = tools.jackson.databind.json.JsonMapper.builder().build().reader();

    private WireJson() {}

    /** Parses one provider payload; malformed JSON is a {@link JsonSyntaxException}. */
    public static JsonNode parseChunk(String text) {
        try {
            JsonNode n = CHUNKS.readTree(text);
            if (n == null || n.isMissingNode()) throw new JsonSyntaxException("empty payload", 1, 1);
            return n;
        } catch (tools.jackson.core.JacksonException e) {
            var loc = e.getLocation();
            String m = e.getOriginalMessage();
            throw new JsonSyntaxException(m == null ? "malformed JSON" : m.lines().findFirst().orElse(m),
                    loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
        }
    }

    /** A POST with a JSON body; plain-http (loopback) URLs use HTTP/1.1 so no h2c upgrade is tried. */
    public static HttpRequest.Builder post(URI uri, JsonNode body, boolean stream) {
        var b = HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .header("accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .timeout(Duration.ofDays(1)); // our own timeouts govern; this only caps a forgotten call
        if ("http".equals(uri.getScheme())) b.version(HttpClient.Version.HTTP_1_1);
        return b;
    }

    public static URI append(URI base, String path) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path);
    }

    /** The body parsed, or null when it is not JSON (a proxy's HTML page, an empty body). */
    public static JsonNode tryParse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return Json.parse(body);
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    public static String clip(String s) {
        if (s == null) return "";
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 300 ? one : one.substring(0, 300) + "…";
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    public static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    public static LlmException invalid(String provider, String message) {
        return new LlmException(new LlmError.InvalidRequest(provider, 0, provider + ": " + message));
    }

    public static String bearer(Secret key, String provider) throws LlmException {
        if (key == null) throw new LlmException(new LlmError.Auth(provider, 0, provider + ": no API key configured"));
        return "Bearer " + key.reveal();
    }
}
