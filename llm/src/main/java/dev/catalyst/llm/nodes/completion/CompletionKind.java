package dev.catalyst.llm.nodes.completion;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeSpecs;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.llm.Providers;
import dev.catalyst.llm.nodes.LlmDeps;
import java.util.List;

/**
 * The completion kinds, one per chat provider: the same executor, check and outputs; each
 * provider has its own spec (the parameters it accepts) and config record. See docs/adr/0012.
 */
public final class CompletionKind implements NodeKind<LlmDeps> {
    private final String provider;
    private final NodeType spec;
    private final Class<? extends CompletionConfig> configType;

    private CompletionKind(String provider, String specFile, Class<? extends CompletionConfig> configType) {
        this.provider = provider;
        this.spec = NodeSpecs.load(CompletionKind.class, specFile);
        this.configType = configType;
    }

    public static CompletionKind anthropic() {
        return new CompletionKind("anthropic", "anthropicCompletion.json", AnthropicCompletionConfig.class);
    }

    public static CompletionKind openai() {
        return new CompletionKind("openai", "openaiCompletion.json", OpenaiCompletionConfig.class);
    }

    public static CompletionKind groq() {
        return new CompletionKind("groq", "groqCompletion.json", GroqCompletionConfig.class);
    }

    /** The completion node type of a chat provider: {@code <provider>Completion}, as each spec names itself (tested). */
    public static String typeOf(String provider) {
        return provider + "Completion";
    }

    /** The three of them, as the router calls them. */
    public static List<CompletionKind> all() {
        return List.of(anthropic(), openai(), groq());
    }

    public String provider() {
        return provider;
    }

    @Override
    public NodeType spec() {
        return spec;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends Record> configType() {
        return (Class<? extends Record>) configType;
    }

    @Override
    public List<KindCheck> checks() {
        return List.of(new CompletionCheck(provider));
    }

    @Override
    public CompletionNode executor(LlmDeps deps) {
        return new CompletionNode(provider, spec, configType, Providers.chat(provider, deps.providers()), deps.templates());
    }
}
