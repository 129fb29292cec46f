package dev.catalyst.llm.providers.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import java.net.URI;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers the codecs share. */
public final class WireJson {
    /**
     * Provider wire records: snake_case names, null fields left out, unknown fields ignored (providers
     * add fields all the time). Plain Jackson otherwise (no duplicate-key tracking, no BigDecimal
     * floats), which the strict workflow mapper pays for and stream chunks do not need.
     */
    public static final JsonMapper WIRE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private static final ObjectReader TREE = WIRE.reader();

    private WireJson() {}

    /** A reader for one wire record type; keep it in a constant, readers are the fast path. */
    public static ObjectReader reader(Class<?> type) {
        return WIRE.readerFor(type);
    }

    /** Reads one provider payload into its record; malformed JSON or a wrongly typed field is a {@link JsonSyntaxException}. */
    public static <T> T read(ObjectReader reader, String text) {
        try {
            T value = reader.readValue(text);
            if (value == null) throw new JsonSyntaxException("empty payload", 1, 1);
            return value;
        } catch (JacksonException e) {
            throw syntax(e);
        }
    }

    /** Parses one provider payload as a tree (for the parts Catalyst passes on as JSON). */
    public static JsonNode parseChunk(String text) {
        try {
            JsonNode n = TREE.readTree(text);
            if (n == null || n.isMissingNode()) throw new JsonSyntaxException("empty payload", 1, 1);
            return n;
        } catch (JacksonException e) {
            throw syntax(e);
        }
    }

    /** An error body read into its record, or null when it is not JSON of that shape (a proxy's HTML page, an empty body). */
    public static <T> T tryRead(ObjectReader reader, String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return reader.readValue(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A wire record as a JSON tree, so pass-through fields ({@code extra}) can be laid over it. */
    public static ObjectNode tree(Object wireRecord) {
        return WIRE.valueToTree(wireRecord);
    }

    static JsonSyntaxException syntax(JacksonException e) {
        var loc = e.getLocation();
        String m = e.getOriginalMessage();
        return new JsonSyntaxException(m == null ? "malformed JSON" : m.lines().findFirst().orElse(m),
                loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
    }

    /** A POST with a JSON body (sent over HTTP/1.1, ADR 25). */
    public static WireRequest post(URI uri, JsonNode body, boolean stream) {
        return new WireRequest(uri, java.util.List.of(new WireRequest.Header("content-type", "application/json"),
                new WireRequest.Header("accept", stream ? "text/event-stream" : "application/json")),
                Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static URI append(URI base, String path) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path);
    }

    public static String clip(String s) {
        if (s == null) return "";
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 300 ? one : one.substring(0, 300) + "…";
    }

    public static LlmException invalid(String provider, String message) {
        return new LlmException(new LlmError.InvalidRequest(provider, 0, provider + ": " + message));
    }

    public static String bearer(Secret key, String provider) throws LlmException {
        if (key == null) throw new LlmException(new LlmError.Auth(provider, 0, provider + ": no API key configured"));
        return "Bearer " + key.reveal();
    }
}
