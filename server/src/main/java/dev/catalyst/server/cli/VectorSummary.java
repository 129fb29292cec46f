package dev.catalyst.server.cli;

import dev.catalyst.core.json.Json;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vectors for a terminal: a list of number lists (embeddings) becomes one line, count × dimensions
 * and the first values of the first vector, instead of thousands of lines of floats. The full
 * vectors stay in the run's outputs (--json, the API).
 */
final class VectorSummary {
    static final int FIRST_VALUES = 4;

    private VectorSummary() {}

    /** A copy of {@code value} with every list of vectors replaced by its one-line summary. */
    static JsonNode summarize(JsonNode value) {
        if (isVectors(value)) return Json.valueToTree(line(value));
        if (value instanceof ObjectNode o) {
            ObjectNode copy = Json.object();
            for (Map.Entry<String, JsonNode> e : o.properties()) copy.set(e.getKey(), summarize(e.getValue()));
            return copy;
        }
        if (value instanceof ArrayNode a) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            for (JsonNode e : a) copy.add(summarize(e));
            return copy;
        }
        return value;
    }

    /** "2 × 384 vectors [0.0214, 0.0489, 0.0937, 0.0170, …]". */
    static String line(JsonNode vectors) {
        JsonNode first = vectors.get(0);
        var b = new StringBuilder().append(vectors.size()).append(" × ").append(first.size()).append(" vectors [");
        for (int i = 0; i < Math.min(FIRST_VALUES, first.size()); i++) {
            if (i > 0) b.append(", ");
            b.append(String.format(Locale.ROOT, "%.4f", first.get(i).asDouble()));
        }
        return b.append(first.size() > FIRST_VALUES ? ", …]" : "]").toString();
    }

    /** A non-empty list of non-empty number lists of one length. */
    static boolean isVectors(JsonNode n) {
        if (n == null || !n.isArray() || n.isEmpty()) return false;
        int dims = -1;
        for (JsonNode row : n) {
            if (!row.isArray() || row.isEmpty() || (dims != -1 && row.size() != dims)) return false;
            dims = row.size();
            for (JsonNode x : row) if (!x.isNumber()) return false;
        }
        return true;
    }
}
