package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.catalog.ModelLookup;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.workflow.Suggest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which model an embedding node runs: the configured one, or its provider's default. Never another
 * one: a model the provider does not have is refused with a "did you mean"; a retired or deprecated
 * one runs, with a warning that names its replacement.
 */
final class EmbeddingModels {
    /** The model a node without config.model uses, per provider (the schema cannot say "depends on provider"). */
    static final Map<String, String> DEFAULTS = Map.of("openai", "text-embedding-3-small", "voyage", "voyage-4");

    /** @param warning null, or why the model should be replaced (it is run all the same) */
    record Chosen(String model, ModelInfo info, String warning) {}

    private EmbeddingModels() {}

    static Chosen choose(String provider, String configured, ModelCatalog catalog, LocalEmbedder local) throws NodeException {
        if ("local".equals(provider)) {
            if (configured != null && !configured.equalsIgnoreCase(local.model())) {
                throw EmbeddingTexts.invalid("the local provider has one model, " + local.model() + "; '" + configured
                        + "' is not available offline (did you mean " + local.model() + "?)");
            }
            return new Chosen(local.model(), null, null);
        }
        String model = configured != null ? configured : DEFAULTS.get(provider);
        Optional<ModelLookup> own = catalog.resolve(provider, model);
        if (own.isPresent()) {
            ModelLookup l = own.get();
            return new Chosen(model, l.model(), l.hasWarning() ? l.warning() : null);
        }
        Optional<ModelLookup> other = catalog.resolve(model);
        if (other.isPresent()) {
            String owner = other.get().model().provider();
            throw EmbeddingTexts.invalid("model '" + model + "' belongs to " + owner + ", not " + provider + ": set config.provider to " + owner
                    + " or pick one of " + provider + "'s embedding models (did you mean " + String.join(", ", closest(provider, model, catalog)) + "?)");
        }
        throw EmbeddingTexts.invalid("model '" + model + "' is not a " + provider + " embedding model in the catalog (did you mean "
                + String.join(", ", closest(provider, model, catalog)) + "?)");
    }

    /** The provider's embedding models closest to {@code model}, or its first ones when none is close. */
    static List<String> closest(String provider, String model, ModelCatalog catalog) {
        List<String> ids = catalog.byProvider(provider).stream().filter(m -> "embedding".equals(m.kind()) && !m.isRetired())
                .map(ModelInfo::id).toList();
        List<String> close = Suggest.closest(model, ids, 3);
        return close.isEmpty() ? ids.stream().limit(3).toList() : close;
    }
}
