package dev.catalyst.core.validation;

import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.catalog.ModelLookup;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Models and credentials of nodes that call providers: the model must be in the catalog for that
 * provider and of the right kind; retired and deprecated models are warnings naming the
 * replacement; a credential that is not defined is a warning (it may be set before the run).
 */
final class ModelCheck implements WorkflowCheck {
    static final String LOCAL_EMBEDDING_MODEL = "all-minilm-l6-v2";

    @Override
    public void check(ValidationContext ctx) {
        for (Node node : ctx.nodesById().values()) {
            NodeType type = ctx.typeOf(node);
            if (type == null) continue;
            if (type.isCompletion()) {
                checkModel(ctx, node.id(), "config.model", type.provider(), node.configString("model"), "chat");
                checkCredential(ctx, node.id(), "config.credential", credential(node.config().get("credential"), type.provider()));
            } else if ("embeddingGenerate".equals(type.type())) {
                checkEmbedding(ctx, node);
            } else if ("llmRouter".equals(type.type())) {
                JsonNode candidates = node.config().path("candidates");
                if (!candidates.isArray()) continue; // schema reports it
                for (int i = 0; i < candidates.size(); i++) {
                    JsonNode c = candidates.get(i);
                    String provider = c.path("provider").isString() ? c.get("provider").stringValue() : null;
                    String field = "config.candidates[" + i + "]";
                    if (provider == null || !c.path("model").isString()) continue; // schema reports it
                    checkModel(ctx, node.id(), field + ".model", provider, c.get("model").stringValue(), "chat");
                    checkCredential(ctx, node.id(), field + ".credential", credential(c.get("credential"), provider));
                }
            }
        }
    }

    private static void checkEmbedding(ValidationContext ctx, Node node) {
        String provider = node.configString("provider");
        if (provider == null) return; // schema reports it
        String model = node.configString("model");
        if ("local".equals(provider)) {
            if (model != null && !model.equalsIgnoreCase(LOCAL_EMBEDDING_MODEL)) {
                ctx.add(ValidationIssue.error(node.id(), "config.model", IssueCodes.UNKNOWN_MODEL,
                        "the local provider has one model, " + LOCAL_EMBEDDING_MODEL + "; '" + model + "' is not available offline"));
            }
            return;
        }
        if (model == null) {
            ctx.add(ValidationIssue.error(node.id(), "config.model", IssueCodes.MISSING_CONFIG,
                    "embeddingGenerate with provider " + provider + " needs config.model"));
        } else if (ctx.catalog().resolve(provider, model).isEmpty() && ctx.catalog().resolve(model).isPresent()) {
            // the node runs any provider: the fix is its provider field or one of that provider's models
            ModelInfo other = ctx.catalog().resolve(model).get().model();
            String suggest = " — did you mean " + String.join(", ", embeddingModels(ctx, provider, model)) + "?";
            ctx.add(ValidationIssue.error(node.id(), "config.model", IssueCodes.UNKNOWN_MODEL, "embedding".equals(other.kind())
                    ? "'" + model + "' is " + article(other.provider()) + " model, not " + article(provider) + " one: set config.provider to "
                            + other.provider() + ", or use " + article(provider) + " embedding model" + suggest
                    : "'" + model + "' is " + article(other.provider()) + (other.kind() == null ? "" : " " + other.kind()) + " model; this node needs "
                            + article(provider) + " embedding model" + suggest));
        } else {
            Optional<ModelLookup> found = checkModel(ctx, node.id(), "config.model", provider, model, "embedding");
            JsonNode dims = node.config().get("dimensions");
            found.ifPresent(l -> {
                Integer max = l.model().embeddingDimensions();
                if (dims != null && dims.isIntegralNumber() && dims.canConvertToInt() && max != null && dims.asInt() > max) {
                    ctx.add(ValidationIssue.error(node.id(), "config.dimensions", IssueCodes.INVALID_CONFIG,
                            model + " makes vectors of at most " + max + " dimensions, not " + dims.asInt()));
                }
            });
        }
        checkCredential(ctx, node.id(), "config.credential", credential(node.config().get("credential"), provider));
    }

    private static Optional<ModelLookup> checkModel(ValidationContext ctx, String nodeId, String field, String provider, String model, String kind) {
        if (model == null) return Optional.empty(); // schema reports a missing model
        Optional<ModelLookup> found = ctx.catalog().resolve(provider, model);
        if (found.isEmpty()) {
            var elsewhere = ctx.catalog().resolve(model);
            String why = elsewhere.isPresent()
                    ? "; it is a " + elsewhere.get().model().provider() + " model — use that provider's node"
                    : didYouMean(ctx, provider, model);
            ctx.add(ValidationIssue.error(nodeId, field, IssueCodes.UNKNOWN_MODEL,
                    "unknown " + provider + " model '" + model + "'" + why));
            return Optional.empty();
        }
        ModelLookup lookup = found.get();
        if (!kind.equals(lookup.model().kind())) {
            ctx.add(ValidationIssue.error(nodeId, field, IssueCodes.WRONG_MODEL_KIND,
                    model + " is " + (lookup.model().kind() == null ? "of unknown kind" : article(lookup.model().kind()) + " model")
                            + "; this node needs " + ("chat".equals(kind) ? "a chat" : "an embedding") + " model"));
        }
        if (lookup.hasWarning()) {
            ctx.add(ValidationIssue.warning(nodeId, field,
                    lookup.model().isRetired() ? IssueCodes.RETIRED_MODEL : IssueCodes.DEPRECATED_MODEL, lookup.warning()));
        }
        return found;
    }

    /** The provider's embedding models closest to {@code model}, or its first ones when none is close. */
    private static List<String> embeddingModels(ValidationContext ctx, String provider, String model) {
        List<String> ids = ctx.catalog().byProvider(provider).stream()
                .filter(m -> "embedding".equals(m.kind()) && !m.isRetired()).map(ModelInfo::id).toList();
        List<String> close = Suggest.closest(model, ids, 3);
        return close.isEmpty() ? ids.stream().limit(3).toList() : close;
    }

    private static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    private static String didYouMean(ValidationContext ctx, String provider, String model) {
        var close = ctx.catalog().suggest(provider, model);
        return close.isEmpty() ? " (see: catalyst models --provider " + provider + ")" : " — did you mean " + String.join(", ", close) + "?";
    }

    /**
     * A credential names a secret (anthropic, openai-prod, ...). Provider key prefixes, or a long
     * run of letters mixed with digits, mean a key was pasted instead.
     */
    static boolean looksLikeKey(String credential) {
        if (credential.matches("(?s)(sk-|gsk_|pa-|xai-|AIza).{16,}")) return true;
        return credential.length() >= 40 && credential.chars().anyMatch(Character::isDigit)
                && credential.chars().anyMatch(Character::isUpperCase) && credential.chars().anyMatch(Character::isLowerCase);
    }

    private static String credential(JsonNode configured, String provider) {
        return configured != null && configured.isString() ? configured.stringValue() : provider;
    }

    /** Says how a credential is supplied today: an environment variable of the process that runs the workflow. */
    static String notDefined(String name) {
        return "credential '" + name + "' is not defined; set the environment variable "
                + dev.catalyst.core.secrets.EnvSecretStore.variableFor(name) + " where Catalyst runs (or use simulate mode)";
    }

    private static void checkCredential(ValidationContext ctx, String nodeId, String field, String name) {
        if (looksLikeKey(name)) {
            // never repeat it: the report goes to terminals, logs and the HTTP API
            ctx.add(ValidationIssue.error(nodeId, field, IssueCodes.INVALID_CONFIG,
                    "this looks like an API key, not the name of a secret; remove it from the workflow (and rotate it),"
                            + " put it in the server's environment (e.g. ANTHROPIC_API_KEY, or CATALYST_SECRET_<NAME>) and put that name here"));
            return;
        }
        if (!ctx.credentialExists(name)) {
            ctx.add(ValidationIssue.warning(nodeId, field, IssueCodes.UNKNOWN_CREDENTIAL,
                    notDefined(name)));
        }
    }
}
