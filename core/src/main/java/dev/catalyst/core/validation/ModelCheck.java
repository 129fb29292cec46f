package dev.catalyst.core.validation;

import dev.catalyst.core.catalog.ModelLookup;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Rules for nodes that call providers, for kinds to use in their checks: a model must be in the
 * catalog for its provider and of the right kind; retired and deprecated models are warnings
 * naming the replacement; a credential that is not defined is a warning (it may be set before the
 * run), and one that looks like a pasted key is an error.
 */
public final class ModelCheck {
    private ModelCheck() {}

    /** Checks a model id for {@code provider} ({@code kind}: chat or embedding); the lookup when the catalog has it. */
    public static Optional<ModelLookup> checkModel(ValidationContext ctx, String nodeId, String field, String provider, String model, String kind) {
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

    /** "an openai", "a voyage": the word with its indefinite article. */
    public static String article(String kind) {
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
        return dev.catalyst.core.secrets.KeyShape.looksLikeKey(credential);
    }

    /** Says how a credential is supplied: the keychain (or encrypted file) through the CLI, or an environment variable. */
    static String notDefined(String name) {
        return "credential '" + name + "' is not defined; run `catalyst secrets set " + name + "` (or set the environment variable "
                + dev.catalyst.core.secrets.EnvSecretStore.variableFor(name) + " where Catalyst runs)";
    }

    /** Checks a node's credential: {@code configured} when it is a string, else the provider's default name. */
    public static void checkCredential(ValidationContext ctx, String nodeId, String field, JsonNode configured, String provider) {
        String name = configured != null && configured.isString() ? configured.stringValue() : provider;
        if (looksLikeKey(name)) {
            // never repeat it: the report goes to terminals, logs and the HTTP API
            ctx.add(ValidationIssue.error(nodeId, field, IssueCodes.INVALID_CONFIG,
                    "this looks like an API key, not the name of a secret; remove it from the workflow (and rotate it),"
                            + " store it with `catalyst secrets set <name>` (or in the server's environment, e.g. ANTHROPIC_API_KEY)"
                            + " and put that name here"));
            return;
        }
        if (!ctx.credentialExists(name)) {
            ctx.add(ValidationIssue.warning(nodeId, field, IssueCodes.UNKNOWN_CREDENTIAL,
                    notDefined(name)));
        }
    }
}
