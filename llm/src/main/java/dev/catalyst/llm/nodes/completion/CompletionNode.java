package dev.catalyst.llm.nodes.completion;

import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.ChatResult;
import dev.catalyst.llm.LlmProvider;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.ToolCall;
import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.catalog.ModelLookup;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import dev.catalyst.llm.error.LlmException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * anthropicCompletion, openaiCompletion and groqCompletion: builds the request from config and
 * inputs, streams text to {@code context().token}, and returns text, message, usage, toolCalls
 * and a model handle, with cost from the catalog.
 */
public final class CompletionNode implements NodeExecutor {
    private static final System.Logger LOG = System.getLogger(CompletionNode.class.getName());

    private final String provider;
    private final NodeType type;
    private final LlmProvider client;
    private final TemplateRenderer renderer;
    private final Class<? extends CompletionConfig> configType;

    CompletionNode(String provider, NodeType type, Class<? extends CompletionConfig> configType, LlmProvider client, TemplateRenderer renderer) {
        this.provider = provider;
        this.type = type;
        this.configType = configType;
        this.client = client;
        this.renderer = renderer;
    }

    @Override
    public NodeOutput execute(NodeCall call) throws NodeException, InterruptedException {
        NodeContext ctx = call.context();
        ObjectNode config = type.withDefaults(call.config() == null ? Json.object() : call.config());
        CompletionConfig c = read(config);
        String nodeId = call.nodeId();
        String model = c.model() == null ? "" : c.model();
        if (model.isBlank()) throw CompletionRequests.bad("config.model is required");
        ModelLookup lookup = ctx.catalog().resolve(provider, model).orElse(null);
        if (lookup != null && lookup.hasWarning()) LOG.log(System.Logger.Level.WARNING, "node {0}: {1}", nodeId, lookup.warning(), ctx.logFields());
        String credential = c.credential() == null ? provider : c.credential();
        Secret key = ctx.secrets().get(credential).orElseThrow(() -> new NodeException(ErrorCode.AUTH,
                "no credential named '" + credential + "'; set the environment variable "
                        + dev.catalyst.core.secrets.EnvSecretStore.variableFor(credential)));

        boolean stream = c.stream() == null || c.stream();
        String system = c.system() != null ? renderer.render(c.system(),
                new TemplateScope(ctx.workflowInputs(), ctx.nodeOutputs(), null)) : null;
        var request = ChatRequest.builder(model).system(system)
                .messages(CompletionRequests.messages(call.input("messages"), call.input("prompt")))
                .maxTokens(c.maxTokens()).temperature(c.temperature()).topP(c.topP()).topK(c.topK())
                .stopSequences(c.stopSequences())
                .tools(CompletionRequests.tools(c.tools()))
                .toolChoice(CompletionRequests.toolChoice(c.toolChoice()))
                .parallelToolCalls(c.tools() != null ? c.parallelToolCalls() : null)
                .responseFormat(c.responseFormat()).jsonSchema(CompletionRequests.jsonSchema(c.jsonSchema()))
                .stream(stream).extra(c.extra())
                .build();

        Instant deadline = Instant.now().plus(Duration.ofMillis(c.timeoutMs() == null ? 600_000 : c.timeoutMs()));
        if (ctx.deadline() != null && ctx.deadline().isBefore(deadline)) deadline = ctx.deadline();
        Integer retries = c.maxRetries();
        long start = System.nanoTime();
        var firstToken = new AtomicLong(-1);
        ChatResult result;
        try {
            result = client.chat(request, new CallOptions(key, ctx.cancellation(), deadline, retries, ctx.logFields()), chunk -> {
                if (chunk instanceof StreamChunk.TextDelta t && !t.text().isEmpty()) {
                    firstToken.compareAndSet(-1, System.nanoTime());
                    if (stream) ctx.token(t.text());
                } else if (chunk instanceof StreamChunk.ToolCallDelta) {
                    firstToken.compareAndSet(-1, System.nanoTime());
                }
            });
        } catch (LlmException e) {
            throw e.toNodeException();
        }
        if (!stream && !result.text().isEmpty()) ctx.token(result.text());
        if (result.finish() == StreamChunk.FinishReason.CONTENT_FILTER) {
            throw new NodeException(ErrorCode.CONTENT_FILTERED, provider + " stopped the answer with its content filter",
                    result.text(), null, null);
        }
        long ttft = (firstToken.get() < 0 ? System.nanoTime() : firstToken.get()) - start;
        return output(nodeId, config, model, credential, lookup == null ? null : lookup.model(), result, ttft / 1_000_000);
    }

    // The config as its provider's record; validation refuses a config of the wrong shape before a
    // run, so this fails only for direct calls (e.g. a router candidate's free-form params).
    private CompletionConfig read(ObjectNode config) throws NodeException {
        try {
            return Json.MAPPER.treeToValue(config, configType);
        } catch (JacksonException e) {
            throw CompletionRequests.bad(type.type() + " config does not match its schema: " + e.getOriginalMessage());
        }
    }

    private NodeOutput output(String nodeId, ObjectNode config, String model, String credential, ModelInfo info, ChatResult r, long ttftMs) {
        ObjectNode values = Json.object();
        values.put("text", r.text());
        ArrayNode calls = Json.array();
        for (ToolCall c : r.toolCalls()) {
            ObjectNode o = calls.addObject();
            o.put("id", c.id());
            o.put("name", c.name());
            o.set("arguments", c.arguments());
        }
        ObjectNode message = values.putObject("message");
        message.put("role", "assistant");
        message.put("content", r.text());
        if (!calls.isEmpty()) message.set("toolCalls", calls.deepCopy());
        if (r.refusal() != null) message.put("refusal", r.refusal());
        if (r.finishReason() != null) message.put("finishReason", r.finishReason());
        Usage usage = r.usage();
        values.set("usage", usage == null ? Json.MAPPER.nullNode() : Json.valueToTree(usage));
        values.set("toolCalls", calls);
        values.set("model", handle(nodeId, config, model, credential));
        BigDecimal cost = info == null || usage == null ? null : ModelCatalog.cost(info, usage);
        return new NodeOutput(values, usage, cost, ttftMs, r.model());
    }

    /** This node as a model a router can call: {provider, model, credential, params, nodeId}. */
    private ObjectNode handle(String nodeId, ObjectNode config, String model, String credential) {
        ObjectNode h = Json.object();
        h.put("provider", provider);
        h.put("model", model);
        h.put("credential", credential);
        ObjectNode params = config.deepCopy();
        params.remove("model");
        params.remove("credential");
        h.set("params", params);
        h.put("nodeId", nodeId);
        return h;
    }
}
