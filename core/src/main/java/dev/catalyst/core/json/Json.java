package dev.catalyst.core.json;

import tools.jackson.core.StreamReadFeature;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.ArrayNode;

/** The one JSON mapper Catalyst uses: strict on input (duplicate keys, trailing tokens), stable on output. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses JSON text; malformed input becomes a {@link JsonSyntaxException} carrying line and column. */
    public static JsonNode parse(String text) {
        // Editors on Windows start files with a byte-order mark; it is not part of the JSON.
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new JsonSyntaxException("empty document", 1, 1);
            }
            return node;
        } catch (JsonSyntaxException e) {
            throw e;
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            if (loc == null || loc.getLineNr() < 1) loc = locate(json);
            int line = loc == null ? 0 : loc.getLineNr();
            int col = loc == null ? 0 : loc.getColumnNr();
            throw new JsonSyntaxException(reason(e.getOriginalMessage()), line, col);
        }
    }

    // Some failures (nesting depth, other read constraints) come without a location: replay the
    // tokens and take the parser's position where it stops.
    private static TokenStreamLocation locate(String json) {
        JsonParser parser = MAPPER.createParser(json);
        try {
            while (parser.nextToken() != null) {
                // read to the failure
            }
            return null;
        } catch (JacksonException e) {
            return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : parser.currentLocation();
        } finally {
            parser.close();
        }
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static String pretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    public static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static final Pattern LINE_COLUMN = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '([^']{9,})'");

    // Jackson's wording, made short and readable: one line, no parser internals.
    private static String reason(String message) {
        if (message == null) return "malformed JSON";
        if (message.startsWith("Trailing token")) return "more content after the end of the JSON value";
        int marker = message.indexOf(" (start marker at");
        if (marker > 0) {
            Matcher m = LINE_COLUMN.matcher(message.substring(marker));
            message = message.substring(0, marker) + (m.find() ? " (opened at " + m.group(1) + ":" + m.group(2) + ")" : "");
        }
        // an unquoted word may be a pasted key: show only its start
        Matcher token = TOKEN.matcher(message);
        if (token.find()) message = "Unrecognized token '" + token.group(1).substring(0, 4) + "…'" + message.substring(token.end());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
