package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.catalog.ModelInfo;
import tools.jackson.databind.node.ObjectNode;

/**
 * One deployment the router may call: provider + model + credential, with the completion-node
 * config to call it with. {@code id} is what rules and fallback lists name: the wired node's id,
 * or {@code provider/model} for an inline candidate. {@code info} is null when the catalog does
 * not know the model.
 */
public record Candidate(String id, String provider, String model, String credential, ObjectNode params, ModelInfo info) {
    /** The key cooldowns and latency are kept under: rate limits belong to a key, speed to a model. */
    public String deployment() {
        return provider + "/" + model + "@" + credential;
    }

    /** The window the prompt and the answer must fit in (the input limit when the catalog lists one). */
    Long window() {
        if (info == null) return null;
        return info.contextWindow();
    }
}
