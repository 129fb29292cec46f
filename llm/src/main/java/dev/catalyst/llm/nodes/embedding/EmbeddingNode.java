package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.providers.http.EmbeddingClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * embeddingGenerate: texts from the {@code texts} port (each edge a string or a list) or, when
 * unconnected, from the {@code texts} config template; vectors from OpenAI, Voyage or the local
 * in-process model. The model is the one configured (or the provider's default), never swapped.
 * Messages do not name the node: the engine puts "node &lt;id&gt;: " in front of every node error.
 */
public final class EmbeddingNode implements NodeExecutor {
    static final int DEFAULT_BATCH = 100;
    static final int DEFAULT_CONCURRENCY = 4;

    private final NodeType type;
    private final Map<String, EmbeddingClient> clients;
    private final EmbeddingSetup setup;
    private final LocalEmbedding local;
    private final TemplateRenderer renderer;
    private final TokenEstimator estimator = new TokenEstimator();

    public EmbeddingNode(NodeType type, Map<String, EmbeddingClient> clients, EmbeddingSetup setup, TemplateRenderer renderer) {
        this.type = type;
        this.clients = Map.copyOf(clients);
        this.setup = setup;
        this.local = new LocalEmbedding(setup.local());
        this.renderer = renderer;
    }

    @Override
    public NodeOutput execute(NodeCall call) throws NodeException, InterruptedException {
        NodeContext ctx = call.context();
        EmbeddingGenerateConfig config = read(type.withDefaults(call.config() == null ? Json.object() : call.config()));
        String provider = config.provider() == null ? setup.defaultProvider() : config.provider();
        EmbeddingTexts texts = texts(call, config, ctx);
        var chosen = EmbeddingModels.choose(provider, config.model(), ctx.catalog(), setup.local());
        int batchSize = config.batchSize() == null ? DEFAULT_BATCH : config.batchSize();
        Instant deadline = Instant.now().plus(Duration.ofMillis(config.timeoutMs() == null ? 600_000 : config.timeoutMs()));
        if (ctx.deadline() != null && ctx.deadline().isBefore(deadline)) deadline = ctx.deadline();
        EmbeddingResult r;
        try {
            r = "local".equals(provider)
                    ? local.embed(texts, batchSize, Boolean.TRUE.equals(config.truncate()), ctx.cancellation(), deadline)
                    : remote(provider, chosen, texts, config, batchSize, deadline, ctx);
        } catch (NodeException e) {
            if (chosen.warning() == null) throw e;
            // a retired model is what usually makes the provider refuse: the error names its replacement
            throw new NodeException(e.code(), e.getMessage() + " (" + chosen.warning() + ")", e.partialText(), e.retryAfterMs(), e.details(), e);
        }
        BigDecimal cost = "local".equals(provider) ? BigDecimal.ZERO : chosen.info() == null ? null : ModelCatalog.cost(chosen.info(), r.usage());
        ObjectNode values = Json.object();
        ArrayNode vectors = values.putArray("embeddings");
        for (float[] v : r.vectors()) {
            ArrayNode a = vectors.addArray();
            for (float f : v) a.add(f);
        }
        values.put("model", chosen.model());
        values.put("dimensions", r.vectors().getFirst().length);
        values.set("usage", Json.valueToTree(r.usage()));
        if (cost == null) values.putNull("costUsd");
        else values.put("costUsd", cost);
        // in node.completed's output, so the run's events carry it, not only a log line
        if (chosen.warning() != null) values.put("warning", chosen.warning());
        return new NodeOutput(values, r.usage(), cost, null, r.model());
    }

    private EmbeddingResult remote(String provider, EmbeddingModels.Chosen chosen, EmbeddingTexts texts, EmbeddingGenerateConfig config,
                                   int batchSize, Instant deadline, NodeContext ctx) throws NodeException, InterruptedException {
        EmbeddingClient client = clients.get(provider);
        if (client == null) throw EmbeddingTexts.invalid("no embedding provider '" + provider + "' (use openai, voyage or local)");
        EmbeddingCodec codec = client.codec();
        boolean truncate = Boolean.TRUE.equals(config.truncate());
        if (truncate && !codec.truncates()) {
            throw EmbeddingTexts.invalid(provider + " cannot cut long texts itself; set truncate to false (texts over the model's limit are then refused by index)");
        }
        String credential = config.credential() == null ? provider : config.credential();
        Secret key = ctx.secrets().get(credential).orElseThrow(() -> new NodeException(ErrorCode.AUTH,
                "no credential named '" + credential + "'; set the environment variable " + EnvSecretStore.variableFor(credential)
                        + ", or use provider local (no key)"));
        long[] tokens = estimator.count(texts.values(), codec.tokenEstimateFactor());
        Long perText = chosen.info() == null ? null : chosen.info().maxInputTokens();
        if (perText != null) {
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i] <= perText) continue;
                if (!truncate) {
                    throw new NodeException(ErrorCode.CONTEXT_LENGTH_EXCEEDED, texts.where().get(i) + " has about " + tokens[i] + " tokens, more than "
                            + chosen.model() + " reads (" + perText + ")" + (codec.truncates() ? "; shorten it, or set truncate: true" : "; shorten it"));
                }
                tokens[i] = perText; // the provider cuts it there
            }
        }
        int count = Math.max(1, Math.min(batchSize, codec.maxBatch()));
        var batches = EmbeddingBatches.plan(tokens, count, codec.maxRequestTokens(chosen.model()));
        var spec = new EmbeddingSpec(chosen.model(), config.dimensions(), config.inputType(), truncate);
        int concurrency = config.concurrency() == null ? DEFAULT_CONCURRENCY : config.concurrency();
        return BatchRunner.run(client, texts.values(), batches, spec, new CallOptions(key, ctx.cancellation(), deadline, config.maxRetries(), ctx.logFields()), concurrency);
    }

    // The config as its record; validation refuses a config of the wrong shape before a run.
    private EmbeddingGenerateConfig read(ObjectNode config) throws NodeException {
        try {
            return Json.MAPPER.treeToValue(config, EmbeddingGenerateConfig.class);
        } catch (JacksonException e) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, type.type() + " config does not match its schema: " + e.getOriginalMessage());
        }
    }

    private EmbeddingTexts texts(NodeCall call, EmbeddingGenerateConfig config, NodeContext ctx) throws NodeException {
        JsonNode source = call.input("texts");
        if (source == null || source.isNull() || source.isMissingNode()) {
            if (config.texts() == null) throw EmbeddingTexts.invalid("connect the texts port or set config.texts");
            source = renderer.evaluate(config.texts(), new TemplateScope(ctx.workflowInputs(), ctx.nodeOutputs(), null));
        }
        return EmbeddingTexts.read(source);
    }
}
