package dev.catalyst.core.nodes.prompttemplate;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.nodes.TemplateDeps;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeSpecs;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.KindCheck;
import java.util.List;

/** The {@code promptTemplate} kind: chat messages rendered from templates. */
public final class PromptTemplateKind implements NodeKind<TemplateDeps> {
    /** The type id, for the CLI's render command, which shows only prompts. */
    public static final String TYPE = "promptTemplate";

    private final NodeType spec = NodeSpecs.load(PromptTemplateKind.class, TYPE + ".json");

    @Override
    public NodeType spec() {
        return spec;
    }

    @Override
    public Class<PromptTemplateConfig> configType() {
        return PromptTemplateConfig.class;
    }

    @Override
    public List<KindCheck> checks() {
        return List.of(new PromptTemplateCheck());
    }

    @Override
    public NodeExecutor executor(TemplateDeps deps) {
        return new PromptTemplateNode(deps.templates());
    }
}
