package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeSpecs;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.llm.providers.http.EmbeddingClient;
import dev.catalyst.llm.nodes.LlmDeps;
import dev.catalyst.llm.providers.openai.OpenAiEmbeddingCodec;
import dev.catalyst.llm.providers.voyage.VoyageEmbeddingCodec;
import java.util.List;
import java.util.Map;

/** The {@code embeddingGenerate} kind: OpenAI and Voyage over HTTP, and the local model the wiring provides. */
public final class EmbeddingKind implements NodeKind<LlmDeps> {
    /** The type id, for code that builds workflows (the /v1 gateway); its spec says the same (tested). */
    public static final String TYPE = "embeddingGenerate";

    private final NodeType spec = NodeSpecs.load(EmbeddingKind.class, TYPE + ".json");

    @Override
    public NodeType spec() {
        return spec;
    }

    @Override
    public Class<EmbeddingGenerateConfig> configType() {
        return EmbeddingGenerateConfig.class;
    }

    @Override
    public List<KindCheck> checks() {
        return List.of(new EmbeddingCheck());
    }

    @Override
    public NodeExecutor executor(LlmDeps deps) {
        return new EmbeddingNode(spec, Map.of(
                "openai", new EmbeddingClient(new OpenAiEmbeddingCodec(), deps.providers(), deps.embeddings().pause()),
                "voyage", new EmbeddingClient(new VoyageEmbeddingCodec(), deps.providers(), deps.embeddings().pause())), deps.embeddings(), deps.templates());
    }
}
