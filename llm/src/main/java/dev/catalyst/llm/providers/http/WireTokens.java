package dev.catalyst.llm.providers.http;

import dev.catalyst.core.json.JsonSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Jackson's streaming reader for the one payload per token (Anthropic's content_block_delta, the
 * OpenAI/Groq chunk). Binding a record through its constructor costs about half again as much
 * as building a tree (BENCHMARKS.md), so these few fields are read token by token into the same
 * records; anything rarer (usage, errors, tool calls) is bound by {@link WireJson#WIRE} from the
 * same parser. Values follow databind's lenient rules: a scalar where a string is expected is
 * its text, null is absence.
 */
public final class WireTokens {
    /** Reads from a parser positioned on the payload's first token. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(JsonParser p);
    }

    private WireTokens() {}

    /** Databind for one value inside a payload being read token by token: more tokens follow it. */
    public static ObjectReader inner(Class<?> type) {
        return WireJson.reader(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** {@link #inner} for a JSON array of {@code type}. */
    public static ObjectReader innerList(Class<?> type) {
        return WireJson.WIRE.readerForListOf(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** One payload read by {@code reader}; malformed JSON or a wrongly typed field is a {@link JsonSyntaxException}. */
    public static <T> T read(String json, Reader<T> reader) {
        try (JsonParser p = WireJson.WIRE.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new JsonSyntaxException("empty payload", 1, 1);
            T value = reader.read(p);
            if (value == null) throw new JsonSyntaxException("payload is null", 1, 1);
            if (p.nextToken() != null) throw new StreamReadException(p, "trailing tokens after the payload");
            return value;
        } catch (JacksonException e) {
            throw WireJson.syntax(e);
        }
    }

    /** Steps into an object (true), or accepts null (false); anything else is a type error. */
    public static boolean object(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_NULL) return false;
        if (p.currentToken() != JsonToken.START_OBJECT) throw new StreamReadException(p, "expected an object, found " + p.currentToken());
        return true;
    }

    /** The current value as text: a string, a scalar's text, or null. */
    public static String string(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return p.getString();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t.isScalarValue()) return p.getString();
        throw new StreamReadException(p, "expected a string, found " + t);
    }

    /** The current value as an int; null is 0, as databind reads a primitive. */
    public static int integer(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
        if (t == JsonToken.VALUE_NULL) return 0;
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Integer.parseInt(p.getString().strip());
            } catch (NumberFormatException e) {
                throw new StreamReadException(p, "expected an integer, found \"" + p.getString() + "\"");
            }
        }
        throw new StreamReadException(p, "expected an integer, found " + t);
    }
}
