package dev.catalyst.server.observe;

import dev.catalyst.core.workflow.Node;
import tools.jackson.databind.JsonNode;

/**
 * The provider and model a node calls, and the GenAI operation ({@code chat} or
 * {@code embeddings}): the only labels metrics carry besides status and error code, so their
 * number stays bounded by the catalog.
 *
 * @param provider the {@code gen_ai.system}: anthropic, openai, groq, voyage, local
 */
public record ModelRef(String provider, String model, String operation) {
    static final String UNKNOWN = "unknown";

    /** What a workflow node calls before it runs; null for a node that calls no model (or a router, until it chooses). */
    static ModelRef of(Node node) {
        String type = node.type();
        if (type.endsWith("Completion")) {
            return new ModelRef(type.substring(0, type.length() - "Completion".length()), orUnknown(node.configString("model")), "chat");
        }
        if (type.equals("embeddingGenerate")) {
            return new ModelRef(orUnknown(node.configString("provider")), orUnknown(node.configString("model")), "embeddings");
        }
        return null;
    }

    /** The model a node reports in its output ({@code model}: a handle object, or an embedding model's name), over what was configured. */
    ModelRef reported(JsonNode output) {
        JsonNode m = output == null ? null : output.get("model");
        if (m == null) return this;
        if (m.isObject()) {
            String p = m.path("provider").asString(null);
            String id = m.path("model").asString(null);
            return new ModelRef(p == null ? provider : p, id == null ? model : id, operation);
        }
        return m.isString() ? new ModelRef(provider, m.asString(), operation) : this;
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }
}
