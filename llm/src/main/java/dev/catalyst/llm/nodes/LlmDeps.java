package dev.catalyst.llm.nodes;

import dev.catalyst.core.nodes.TemplateDeps;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.nodes.router.RouterState;

/** What the model-calling node kinds need to build their executors; the wiring's dependencies provide it. */
public interface LlmDeps extends TemplateDeps {
    /** Where each provider is and how long to wait for it. */
    ProviderSettings providers();

    /** The router's cooldowns and learned latency, shared by the router executor and the status route. */
    RouterState routerState();

    /** The local embedding model and the embedding provider a node without one uses. */
    EmbeddingSetup embeddings();
}
