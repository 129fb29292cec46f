package dev.catalyst.llm.nodes.embedding;

import static dev.catalyst.core.validation.ModelCheck.article;

import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.catalog.ModelLookup;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.KindCheck;
import dev.catalyst.core.validation.ModelCheck;
import dev.catalyst.core.validation.ValidationContext;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.workflow.Edge;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An embedding node has texts (its port or its texts config), a model its provider has (the local
 * provider has exactly one), vectors no longer than the model makes, and a usable credential.
 */
final class EmbeddingCheck implements KindCheck {
    static final String LOCAL_EMBEDDING_MODEL = "all-minilm-l6-v2";
    private static final Set<String> EMBEDDING_PROVIDERS = Set.of("openai", "voyage");

    @Override
    public void check(Node node, NodeType type, ValidationContext ctx) {
        boolean textsWired = ctx.edgesInto(node.id()).stream().map(Edge::targetPort).anyMatch("texts"::equals);
        if (!textsWired && node.configString("texts") == null) {
            ctx.add(ValidationIssue.error(node.id(), "inputs.texts", IssueCodes.MISSING_INPUT,
                    type.type() + " needs texts: connect its texts input or set config.texts (e.g. {{ inputs.texts }})"));
        }
        checkModel(ctx, node, type);
    }

    private static void checkModel(ValidationContext ctx, Node node, NodeType type) {
        String provider = node.configString("provider");
        String model = node.configString("model");
        if (provider == null) {
            // the provider is chosen at run time from the keys configured (EmbeddingSetup): a model fits only one
            if (model != null) ctx.add(ValidationIssue.error(node.id(), "config.model", IssueCodes.UNKNOWN_MODEL, withoutProvider(model, ctx)));
            return;
        }
        if ("local".equals(provider)) {
            if (model != null && !model.equalsIgnoreCase(LOCAL_EMBEDDING_MODEL)) {
                ctx.add(ValidationIssue.error(node.id(), "config.model", IssueCodes.UNKNOWN_MODEL, "the local provider has one model, "
                        + LOCAL_EMBEDDING_MODEL + "; '" + model + "' is not available offline — did you mean " + LOCAL_EMBEDDING_MODEL + "?"));
            }
            return;
        }
        if (model == null) model = EmbeddingModels.DEFAULTS.get(provider);
        if (model != null && ctx.catalog().resolve(provider, model).isEmpty() && ctx.catalog().resolve(model).isPresent()) {
            // the node runs any provider: the fix is its provider field or one of that provider's models
            ModelInfo other = ctx.catalog().resolve(model).get().model();
            String suggest = " — did you mean " + String.join(", ", EmbeddingModels.closest(provider, model, ctx.catalog())) + "?";
            ctx.add(ValidationIssue.error(node.id(), "config.model", IssueCodes.UNKNOWN_MODEL, "embedding".equals(other.kind())
                    ? "'" + model + "' is " + article(other.provider()) + " model, not " + article(provider) + " one: set config.provider to "
                            + other.provider() + ", or use " + article(provider) + " embedding model" + suggest
                    : "'" + model + "' is " + article(other.provider()) + (other.kind() == null ? "" : " " + other.kind()) + " model; this node needs "
                            + article(provider) + " embedding model" + suggest));
        } else if (model != null) {
            Optional<ModelLookup> found = ModelCheck.checkModel(ctx, node.id(), "config.model", provider, model, "embedding");
            JsonNode dims = node.config().get("dimensions");
            String name = model;
            found.ifPresent(l -> {
                Integer max = l.model().embeddingDimensions();
                if (dims != null && dims.isIntegralNumber() && dims.canConvertToInt() && max != null && dims.asInt() > max) {
                    ctx.add(ValidationIssue.error(node.id(), "config.dimensions", IssueCodes.INVALID_CONFIG,
                            name + " makes vectors of at most " + max + " dimensions, not " + dims.asInt()));
                }
            });
        }
        ModelCheck.checkCredential(ctx, node.id(), "config.credential", node.config().get("credential"), provider);
    }

    /** Why a model without a provider is refused: which provider it belongs to, or that none has it. */
    private static String withoutProvider(String model, ValidationContext ctx) {
        String picked = " (without config.provider the node uses openai, voyage or local depending on which key is configured, "
                + "and a model runs only on its own provider)";
        if (model.equalsIgnoreCase(LOCAL_EMBEDDING_MODEL)) {
            return "'" + model + "' is the local model: set config.provider to local" + picked;
        }
        Optional<ModelInfo> owner = ctx.catalog().resolve(model).map(ModelLookup::model);
        if (owner.isPresent() && "embedding".equals(owner.get().kind()) && EMBEDDING_PROVIDERS.contains(owner.get().provider())) {
            return "'" + model + "' is " + article(owner.get().provider()) + " model: set config.provider to " + owner.get().provider() + picked;
        }
        List<String> ids = new ArrayList<>(List.of(LOCAL_EMBEDDING_MODEL));
        ctx.catalog().all().stream().filter(m -> "embedding".equals(m.kind()) && !m.isRetired() && EMBEDDING_PROVIDERS.contains(m.provider()))
                .map(ModelInfo::id).forEach(ids::add);
        List<String> close = Suggest.closest(model, ids, 3);
        String suggest = " — did you mean " + String.join(", ", close.isEmpty() ? ids.subList(0, Math.min(3, ids.size())) : close) + "?";
        return owner.map(m -> "'" + model + "' is " + article(m.provider()) + (m.kind() == null ? "" : " " + m.kind())
                        + " model; this node needs an embedding model of openai, voyage or local" + suggest)
                .orElse("'" + model + "' is not an embedding model of openai, voyage or local" + suggest);
    }
}
