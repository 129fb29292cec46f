package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.catalog.ModelLookup;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import dev.catalyst.core.workflow.Suggest;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.EmbeddingClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * embeddingGenerate with OpenAI or Voyage: texts from the {@code texts} port (each edge a string or
 * a list) or, when unconnected, from the {@code texts} config template. The {@code local} provider
 * is not in this build and fails with a clear error. The model is the one configured, never
 * swapped: another provider's model is an error that names the fix. Messages do not name the node:
 * the engine puts "node &lt;id&gt;: " in front of every node error.
 */
public final class EmbeddingNode implements NodeExecutor {
    private final NodeType type;
    private final Map<String, EmbeddingClient> clients;
    private final TemplateRenderer renderer;

    public EmbeddingNode(NodeType type, Map<String, EmbeddingClient> clients, TemplateRenderer renderer) {
        this.type = type;
        this.clients = Map.copyOf(clients);
        this.renderer = renderer;
    }

    @Override
    public NodeOutput execute(NodeCall call) throws NodeException, InterruptedException {
        NodeContext ctx = call.context();
        EmbeddingGenerateConfig config = read(type.withDefaults(call.config() == null ? Json.object() : call.config()));
        String provider = config.provider() == null ? "openai" : config.provider();
        EmbeddingClient client = clients.get(provider);
        if (client == null) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, "embedding provider '" + provider
                    + "' is not available in this build (use openai or voyage)");
        }
        List<String> texts = texts(call, config, ctx);
        String model = model(provider, call.config(), config, ctx.catalog());
        String credential = config.credential() == null ? provider : config.credential();
        Secret key = ctx.secrets().get(credential).orElseThrow(() -> new NodeException(ErrorCode.AUTH,
                "no credential named '" + credential + "'; set the environment variable "
                        + dev.catalyst.core.secrets.EnvSecretStore.variableFor(credential)));
        var spec = new EmbeddingSpec(model, config.dimensions(), config.inputType());
        Instant deadline = Instant.now().plus(Duration.ofMillis(config.timeoutMs() == null ? 600_000 : config.timeoutMs()));
        if (ctx.deadline() != null && ctx.deadline().isBefore(deadline)) deadline = ctx.deadline();
        Integer retries = config.maxRetries();
        EmbeddingResult r;
        try {
            r = client.embed(texts, spec, config.batchSize() == null ? 128 : config.batchSize(), new CallOptions(key, ctx.cancellation(), deadline, retries));
        } catch (LlmException e) {
            throw e.toNodeException();
        }
        ObjectNode values = Json.object();
        ArrayNode vectors = values.putArray("embeddings");
        for (float[] v : r.vectors()) {
            ArrayNode a = vectors.addArray();
            for (float f : v) a.add(f);
        }
        values.set("usage", Json.valueToTree(r.usage()));
        ModelLookup lookup = ctx.catalog().resolve(provider, model).orElse(null);
        BigDecimal cost = lookup == null ? null : ModelCatalog.cost(lookup.model(), r.usage());
        return new NodeOutput(values, r.usage(), cost, null);
    }

    // The config as its record; validation refuses a config of the wrong shape before a run.
    private EmbeddingGenerateConfig read(ObjectNode config) throws NodeException {
        try {
            return Json.MAPPER.treeToValue(config, EmbeddingGenerateConfig.class);
        } catch (JacksonException e) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, type.type() + " config does not match its schema: " + e.getOriginalMessage());
        }
    }

    /** The configured model, or the schema's default where it is this provider's; another provider's model is refused. */
    private static String model(String provider, ObjectNode raw, EmbeddingGenerateConfig config, ModelCatalog catalog) throws NodeException {
        boolean given = raw != null && raw.hasNonNull("model");
        String model = config.model() == null ? "" : config.model();
        if (model.isEmpty() || (!given && catalog.resolve(provider, model).isEmpty())) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, "embeddingGenerate with provider " + provider + " needs config.model, e.g. "
                    + String.join(", ", embeddingModels(provider, "", catalog)));
        }
        Optional<ModelLookup> other = catalog.resolve(provider, model).isPresent() ? Optional.empty() : catalog.resolve(model);
        if (other.isPresent()) {
            String owner = other.get().model().provider();
            throw new NodeException(ErrorCode.INVALID_REQUEST, "model '" + model + "' belongs to " + owner + ", not " + provider
                    + ": set config.provider to " + owner + " or pick one of " + provider + "'s embedding models (did you mean "
                    + String.join(", ", embeddingModels(provider, model, catalog)) + "?)");
        }
        return model;
    }

    /** The provider's embedding models closest to {@code model}, or its first ones when none is close. */
    private static List<String> embeddingModels(String provider, String model, ModelCatalog catalog) {
        List<String> ids = catalog.byProvider(provider).stream().filter(m -> "embedding".equals(m.kind()) && !m.isRetired())
                .map(ModelInfo::id).toList();
        List<String> close = Suggest.closest(model, ids, 3);
        return close.isEmpty() ? ids.stream().limit(3).toList() : close;
    }

    private List<String> texts(NodeCall call, EmbeddingGenerateConfig config, NodeContext ctx) throws NodeException {
        JsonNode source = call.input("texts");
        if (source == null || source.isNull() || source.isMissingNode()) {
            if (config.texts() == null) {
                throw new NodeException(ErrorCode.INVALID_REQUEST, "connect the texts port or set config.texts");
            }
            source = renderer.evaluate(config.texts(), new TemplateScope(ctx.workflowInputs(), ctx.nodeOutputs(), null));
        }
        var out = new ArrayList<String>();
        collect(source, out, 0);
        if (out.isEmpty()) throw new NodeException(ErrorCode.INVALID_REQUEST, "no texts to embed");
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isEmpty()) throw new NodeException(ErrorCode.INVALID_REQUEST, "text " + i + " is empty");
        }
        return out;
    }

    private static void collect(JsonNode n, List<String> out, int depth) throws NodeException {
        if (n.isString() || n.isNumber()) out.add(n.asString());
        else if (n.isArray() && depth < 2) {
            for (JsonNode e : n) collect(e, out, depth + 1);
        } else {
            throw new NodeException(ErrorCode.INVALID_REQUEST, "texts must be a string or a list of strings");
        }
    }
}
