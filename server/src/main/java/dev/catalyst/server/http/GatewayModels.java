package dev.catalyst.server.http;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.server.store.WorkflowStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The models {@code /v1} serves: the catalog's models of every provider with a credential
 * (simulate mode has them all), {@code router/<preset>} over those, and {@code workflow/<id>}
 * for each stored workflow. Also what a request's {@code model} names.
 */
final class GatewayModels {
    static final List<String> PRESETS = List.of("cost", "speed", "quality", "balanced");
    static final Set<String> CHAT_PROVIDERS = Set.of("anthropic", "openai", "groq");
    static final String ROUTER = "router/";
    static final String WORKFLOW = "workflow/";
    /** The in-process embedding model: no key, no network. */
    static final String LOCAL_EMBEDDING = "local/" + dev.catalyst.embedlocal.MiniLmEmbedder.MODEL;

    /** One entry of {@code GET /v1/models}; {@code created} is 0 where the catalog has no date. */
    record Entry(String id, String ownedBy, long created) {}

    /** What a chat request's {@code model} names. */
    sealed interface Target {
        String requested();

        /** One catalog model, called through its provider's completion node. */
        record Direct(String requested, ModelInfo model) implements Target {}

        /** A router over the chat models of the configured providers. */
        record Routed(String requested, String preset) implements Target {}

        /** A stored workflow. */
        record Stored(String requested, String workflowId) implements Target {}
    }

    private final ModelCatalog catalog;
    private final SecretStore secrets;
    private final WorkflowStore workflows;

    GatewayModels(ModelCatalog catalog, SecretStore secrets, WorkflowStore workflows) {
        this.catalog = catalog;
        this.secrets = secrets;
        this.workflows = workflows;
    }

    List<Entry> list() {
        var out = new ArrayList<Entry>();
        for (ModelInfo m : catalog.all()) {
            if (!m.isRetired() && configured(m.provider())) out.add(new Entry(m.ref(), m.provider(), 0));
        }
        out.add(new Entry(LOCAL_EMBEDDING, "local", 0));
        if (!routable().isEmpty()) for (String p : PRESETS) out.add(new Entry(ROUTER + p, "catalyst", 0));
        for (var w : workflows.list()) out.add(new Entry(WORKFLOW + w.id(), "catalyst", epochSeconds(w.createdAt())));
        return out;
    }

    Optional<Entry> find(String id) {
        return list().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The chat models a router may choose from: active chat models of providers with a credential. */
    List<ModelInfo> routable() {
        return catalog.all().stream()
                .filter(m -> CHAT_PROVIDERS.contains(m.provider()) && m.isChat() && !m.isRetired() && !m.isDeprecated())
                .filter(m -> configured(m.provider()))
                .toList();
    }

    /** The chat target {@code model} names; 404 model_not_found when it names none. */
    Target chatTarget(String model) {
        if (model.startsWith(ROUTER)) {
            String preset = model.substring(ROUTER.length());
            if (!PRESETS.contains(preset)) throw OpenAiErrors.modelNotFound(model, "router presets are " + String.join(", ", PRESETS));
            if (routable().isEmpty()) throw OpenAiErrors.modelNotFound(model, "no provider has a credential to route over");
            return new Target.Routed(model, preset);
        }
        if (model.startsWith(WORKFLOW)) {
            String id = model.substring(WORKFLOW.length());
            EdgeChecks.workflowId(id);
            if (workflows.find(id).isEmpty()) throw OpenAiErrors.modelNotFound(model, "no stored workflow with id '" + id + "'");
            return new Target.Stored(model, id);
        }
        ModelInfo m = catalog.resolve(model).map(l -> l.model())
                .orElseThrow(() -> OpenAiErrors.modelNotFound(model, "not in the model catalog (GET /v1/models lists them)"));
        if (!CHAT_PROVIDERS.contains(m.provider()) || !m.isChat()) {
            throw OpenAiErrors.modelNotFound(model, m.ref() + " is not a chat model");
        }
        if (!configured(m.provider())) {
            throw OpenAiErrors.modelNotFound(model, "no credential for " + m.provider() + " is configured");
        }
        return new Target.Direct(model, m);
    }

    /** An embedding model: its provider (openai, voyage, local) and id. */
    record Embedding(String provider, String model) {}

    Embedding embeddingTarget(String model) {
        if (model.equals("local") || model.equals(LOCAL_EMBEDDING) || model.equals(dev.catalyst.embedlocal.MiniLmEmbedder.MODEL)) {
            return new Embedding("local", dev.catalyst.embedlocal.MiniLmEmbedder.MODEL);
        }
        ModelInfo m = catalog.resolve(model).map(l -> l.model())
                .orElseThrow(() -> OpenAiErrors.modelNotFound(model, "not in the model catalog (GET /v1/models lists them)"));
        if (!"embedding".equals(m.kind())) throw OpenAiErrors.modelNotFound(model, m.ref() + " is not an embedding model");
        if (!configured(m.provider())) throw OpenAiErrors.modelNotFound(model, "no credential for " + m.provider() + " is configured");
        return new Embedding(m.provider(), m.id());
    }

    private boolean configured(String provider) {
        return secrets.has(provider);
    }

    private static long epochSeconds(String timestamp) {
        if (timestamp == null) return 0;
        try {
            return Instant.parse(timestamp).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0; // a store that keeps another format: the date is unknown, not wrong
        }
    }
}
