package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The texts to embed, flattened in order from a string, a list of strings, or (the texts port takes
 * many edges) a list of those. Anything else is refused naming where it is, as {@code texts[i]} or
 * {@code texts[edge][i]}, so the user can find it.
 *
 * @param where for each text, where it came from
 */
record EmbeddingTexts(List<String> values, List<String> where) {

    static EmbeddingTexts read(JsonNode source) throws NodeException {
        var values = new ArrayList<String>();
        var where = new ArrayList<String>();
        if (source.isString()) {
            add(source, "texts", values, where);
        } else if (source.isArray()) {
            for (int i = 0; i < source.size(); i++) {
                JsonNode item = source.get(i);
                if (item.isArray()) {
                    for (int j = 0; j < item.size(); j++) add(item.get(j), "texts[" + i + "][" + j + "]", values, where);
                } else {
                    add(item, "texts[" + i + "]", values, where);
                }
            }
        } else {
            throw invalid("texts must be a string or a list of strings, not " + kind(source));
        }
        if (values.isEmpty()) throw invalid("texts is an empty list: nothing to embed");
        return new EmbeddingTexts(List.copyOf(values), List.copyOf(where));
    }

    private static void add(JsonNode item, String at, List<String> values, List<String> where) throws NodeException {
        if (!item.isString()) throw invalid(at + " is " + kind(item) + ", not text");
        if (item.asString().isEmpty()) throw invalid(at + " is an empty string; every text needs at least one character");
        values.add(item.asString());
        where.add(at);
    }

    private static String kind(JsonNode n) {
        if (n.isNull()) return "null";
        if (n.isNumber()) return "a number";
        if (n.isBoolean()) return "a boolean";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "a list inside a list inside a list";
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static NodeException invalid(String message) {
        return new NodeException(ErrorCode.INVALID_REQUEST, message);
    }
}
