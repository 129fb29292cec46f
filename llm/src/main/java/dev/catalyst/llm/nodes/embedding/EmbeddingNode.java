package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.catalog.ModelCatalog;
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
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.http.EmbeddingClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * embeddingGenerate with OpenAI or Voyage: texts from the {@code texts} port (each edge a string or
 * a list) or, when unconnected, from the {@code texts} config template. The {@code local} provider
 * is not in this build and fails with a clear error.
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
        ObjectNode config = type.withDefaults(call.config() == null ? Json.object() : call.config());
        String nodeId = call.nodeId();
        String provider = config.path("provider").asString("openai");
        EmbeddingClient client = clients.get(provider);
        if (client == null) {
            throw new NodeException(ErrorCode.INVALID_REQUEST, "node " + nodeId + ": embedding provider '" + provider
                    + "' is not available in this build (use openai or voyage)");
        }
        List<String> texts = texts(nodeId, call, config, ctx);
        String model = config.path("model").asString("");
        if (provider.equals("voyage") && (model.isEmpty() || model.startsWith("text-embedding"))) model = "voyage-4";
        String credential = config.path("credential").asString(provider);
        Secret key = ctx.secrets().get(credential).orElseThrow(() -> new NodeException(ErrorCode.AUTH,
                "node " + nodeId + ": no credential named '" + credential + "'; set it with `catalyst secrets set " + credential + "`"));
        var spec = new EmbeddingSpec(model, config.hasNonNull("dimensions") ? config.get("dimensions").asInt() : null,
                config.hasNonNull("inputType") ? config.get("inputType").asString() : null);
        Instant deadline = Instant.now().plus(Duration.ofMillis(config.path("timeoutMs").asLong(600_000)));
        if (ctx.deadline() != null && ctx.deadline().isBefore(deadline)) deadline = ctx.deadline();
        Integer retries = config.hasNonNull("maxRetries") ? config.get("maxRetries").asInt() : null;
        EmbeddingResult r;
        try {
            r = client.embed(texts, spec, config.path("batchSize").asInt(128), new CallOptions(key, ctx.cancellation(), deadline, retries));
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

    private List<String> texts(String nodeId, NodeCall call, ObjectNode config, NodeContext ctx) throws NodeException {
        JsonNode source = call.input("texts");
        if (source == null || source.isNull() || source.isMissingNode()) {
            if (!config.hasNonNull("texts")) {
                throw new NodeException(ErrorCode.INVALID_REQUEST, "node " + nodeId + ": connect the texts port or set config.texts");
            }
            source = renderer.evaluate(config.get("texts").asString(), new TemplateScope(ctx.workflowInputs(), ctx.nodeOutputs(), null));
        }
        var out = new ArrayList<String>();
        collect(nodeId, source, out, 0);
        if (out.isEmpty()) throw new NodeException(ErrorCode.INVALID_REQUEST, "node " + nodeId + ": no texts to embed");
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isEmpty()) throw new NodeException(ErrorCode.INVALID_REQUEST, "node " + nodeId + ": text " + i + " is empty");
        }
        return out;
    }

    private static void collect(String nodeId, JsonNode n, List<String> out, int depth) throws NodeException {
        if (n.isString() || n.isNumber()) out.add(n.asString());
        else if (n.isArray() && depth < 2) {
            for (JsonNode e : n) collect(nodeId, e, out, depth + 1);
        } else {
            throw new NodeException(ErrorCode.INVALID_REQUEST, "node " + nodeId + ": texts must be a string or a list of strings");
        }
    }
}
