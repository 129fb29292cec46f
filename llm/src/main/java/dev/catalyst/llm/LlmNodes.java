package dev.catalyst.llm;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.llm.embed.EmbeddingNode;
import dev.catalyst.llm.http.EmbeddingClient;
import dev.catalyst.llm.http.ProviderSettings;
import dev.catalyst.llm.openai.OpenAiEmbeddingCodec;
import dev.catalyst.llm.router.RouterNode;
import dev.catalyst.llm.router.RouterState;
import dev.catalyst.llm.voyage.VoyageEmbeddingCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The executors of the nodes that call models, keyed by node type, for the server to wire into the
 * engine: the three completion nodes, llmRouter and embeddingGenerate (OpenAI and Voyage; {@code local} is not in this build).
 * The router keeps its cooldowns and learned latency in the {@link RouterState} the caller hands in
 * (the same instance the status route reads).
 */
public final class LlmNodes {
    private LlmNodes() {}

    public static Map<String, NodeExecutor> executors(ProviderSettings settings, TemplateRenderer renderer, ExpressionService expressions,
            RouterState routerState) {
        NodeRegistry registry = NodeRegistry.builtIn();
        var out = new LinkedHashMap<String, NodeExecutor>();
        out.put("anthropicCompletion", new CompletionNode("anthropic", registry.get("anthropicCompletion"), Providers.chat("anthropic", settings), renderer));
        out.put("openaiCompletion", new CompletionNode("openai", registry.get("openaiCompletion"), Providers.chat("openai", settings), renderer));
        out.put("groqCompletion", new CompletionNode("groq", registry.get("groqCompletion"), Providers.chat("groq", settings), renderer));
        var completions = Map.of("anthropic", out.get("anthropicCompletion"), "openai", out.get("openaiCompletion"),
                "groq", out.get("groqCompletion"));
        out.put("llmRouter", new RouterNode(registry.get("llmRouter"), completions, routerState, expressions,
                new java.util.Random()));
        out.put("embeddingGenerate", new EmbeddingNode(registry.get("embeddingGenerate"), Map.of(
                "openai", new EmbeddingClient(new OpenAiEmbeddingCodec(), settings),
                "voyage", new EmbeddingClient(new VoyageEmbeddingCodec(), settings)), renderer));
        return Map.copyOf(out);
    }
}
