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
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An embedding node has texts (its port or its texts config), a model its provider has (the local
 * provider has exactly one), vectors no longer than the model makes, and a usable credential.
 */
final class EmbeddingCheck implements KindCheck {
    static final String LOCAL_EMBEDDING_MODEL = "all-minilm-l6-v2";

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
        if (provider == null) return; // chosen at run time from the keys configured (EmbeddingSetup)
        String model = node.configString("model");
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
}
