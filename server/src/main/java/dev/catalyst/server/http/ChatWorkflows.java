package dev.catalyst.server.http;

import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.workflow.InputSpec;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.llm.nodes.completion.CompletionKind;
import dev.catalyst.llm.nodes.router.RouterKind;
import dev.catalyst.server.runs.RunRequest;
import dev.catalyst.server.store.WorkflowStore;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat request as a run. A model or a router preset becomes a small workflow of its own (a
 * prompt template whose messages read the conversation from the run's inputs, then the
 * provider's completion node or a router), so the call is an ordinary recorded run; the
 * conversation's text is data in the inputs, never parsed as a template. A stored workflow runs
 * as saved, with the conversation as its {@code messages} input, or the last user message as its
 * text input.
 */
final class ChatWorkflows {
    /** The node whose tokens and output answer the call in the generated workflows. */
    static final String ANSWER_NODE = "model";

    private final GatewayModels models;
    private final WorkflowStore workflows;

    ChatWorkflows(GatewayModels models, WorkflowStore workflows) {
        this.models = models;
        this.workflows = workflows;
    }

    RunRequest request(ChatCompletionRequest chat, GatewayModels.Target target) {
        return switch (target) {
            case GatewayModels.Target.Direct d -> generated(chat, completion(chat, d.model()));
            case GatewayModels.Target.Routed r -> generated(chat, router(chat, r.preset()));
            case GatewayModels.Target.Stored s -> RunRequest.stored(s.workflowId(), new RunRequest.Inputs.Values(storedInputs(chat, s.workflowId())));
        };
    }

    private RunRequest generated(ChatCompletionRequest chat, ObjectNode modelNode) {
        ObjectNode wf = Json.object();
        wf.put("schemaVersion", 1);
        wf.put("id", "v1-chat");
        wf.put("name", "/v1/chat/completions");
        ObjectNode inputs = wf.putObject("inputs");
        ObjectNode values = Json.object();
        ArrayNode templated = Json.array();
        for (int i = 0; i < chat.messages().size(); i++) {
            var m = chat.messages().get(i);
            inputs.putObject("m" + i).put("type", "string");
            values.put("m" + i, m.content());
            ObjectNode message = templated.addObject().put("role", m.role()).put("content", "{{ inputs.m" + i + " }}");
            // tool calls and the id a tool result answers are data the template passes on as they are
            if (m.toolCalls() != null) message.set("toolCalls", m.toolCalls());
            if (m.toolCallId() != null) message.put("toolCallId", m.toolCallId());
        }
        ArrayNode nodes = wf.putArray("nodes");
        ObjectNode prompt = nodes.addObject().put("id", "prompt").put("type", PromptTemplateKind.TYPE);
        prompt.putObject("config").set("messages", templated);
        nodes.add(modelNode.put("id", ANSWER_NODE));
        wf.putArray("edges").addObject().put("id", "e1").put("source", "prompt").put("sourcePort", "messages")
                .put("target", ANSWER_NODE).put("targetPort", "messages");
        wf.putObject("outputs").put("text", "{{ nodes." + ANSWER_NODE + ".output.text }}");
        return RunRequest.given(WorkflowCodec.decode(wf), new RunRequest.Inputs.Values(values));
    }

    private static ObjectNode completion(ChatCompletionRequest chat, ModelInfo model) {
        ObjectNode node = Json.object();
        node.put("type", CompletionKind.typeOf(model.provider()));
        ObjectNode config = node.putObject("config");
        config.put("model", model.id());
        config.setAll(params(chat, model.provider()));
        return node;
    }

    private ObjectNode router(ChatCompletionRequest chat, String preset) {
        ObjectNode node = Json.object();
        node.put("type", RouterKind.TYPE);
        ObjectNode config = node.putObject("config");
        config.put("preset", preset);
        if (chat.maxTokens() != null) config.put("maxTokens", chat.maxTokens());
        ArrayNode candidates = config.putArray("candidates");
        for (ModelInfo m : models.routable()) {
            ObjectNode c = candidates.addObject();
            c.put("provider", m.provider());
            c.put("model", m.id());
            ObjectNode params = params(chat, m.provider());
            params.remove("maxTokens");
            params.remove("stream");
            params.remove("maxRetries"); // the router makes no retries inside an attempt anyway
            if (!params.isEmpty()) c.set("params", params);
        }
        return node;
    }

    /** The request's options as a completion node's config for {@code provider}. */
    private static ObjectNode params(ChatCompletionRequest chat, String provider) {
        boolean anthropic = provider.equals("anthropic");
        ObjectNode c = Json.object();
        c.put("stream", true); // tokens flow as they come, whether the caller streams or not
        c.put("maxRetries", 0); // the caller's SDK retries (OpenAI's does by default): an upstream 429 reaches it with its Retry-After
        if (chat.maxTokens() != null) c.put("maxTokens", chat.maxTokens());
        if (chat.temperature() != null) c.put("temperature", chat.temperature());
        if (chat.topP() != null) c.put("topP", chat.topP());
        if (chat.stop() != null) c.set("stopSequences", Json.valueToTree(chat.stop()));
        if (chat.tools() != null && !chat.tools().isEmpty()) c.set("tools", chat.tools());
        if (chat.toolChoice() != null) {
            JsonNode choice = chat.toolChoice();
            // Anthropic says "any" for OpenAI's "required"
            c.set("toolChoice", anthropic && choice.isString() && choice.stringValue().equals("required") ? tools.jackson.databind.node.StringNode.valueOf("any") : choice);
        }
        if (anthropic) {
            if (chat.responseFormat() != null && !chat.responseFormat().equals("text")) {
                throw OpenAiErrors.invalid("response_format", "Anthropic models take no response_format here; ask for JSON in the prompt or use a tool");
            }
            return c;
        }
        if (chat.parallelToolCalls() != null && c.has("tools")) c.put("parallelToolCalls", chat.parallelToolCalls());
        if (chat.responseFormat() != null) c.put("responseFormat", chat.responseFormat());
        if (chat.jsonSchema() != null) c.set("jsonSchema", chat.jsonSchema());
        if (chat.seed() != null) c.put("seed", chat.seed());
        if (chat.presencePenalty() != null) c.put("presencePenalty", chat.presencePenalty());
        if (chat.frequencyPenalty() != null) c.put("frequencyPenalty", chat.frequencyPenalty());
        return c;
    }

    /**
     * A stored workflow's inputs from the conversation: the messages themselves when it declares
     * an array input {@code messages}; otherwise the last user message as its one text input.
     */
    private ObjectNode storedInputs(ChatCompletionRequest chat, String workflowId) {
        var stored = workflows.find(workflowId).orElseThrow(() -> OpenAiErrors.modelNotFound(GatewayModels.WORKFLOW + workflowId, "it was deleted"));
        Map<String, InputSpec> declared = WorkflowCodec.read(stored.definition()).workflow().inputs();
        ObjectNode values = Json.object();
        InputSpec messages = declared.get("messages");
        if (messages != null && "array".equals(messages.type())) {
            values.set("messages", Json.valueToTree(chat.messages()));
            return values;
        }
        List<String> texts = declared.entrySet().stream().filter(e -> "string".equals(e.getValue().type())).map(Map.Entry::getKey).toList();
        if (texts.size() != 1) {
            throw OpenAiErrors.invalid("model", "workflow '" + workflowId + "' needs an array input 'messages' or exactly one"
                    + " string input to be called as a chat model; it declares " + (texts.isEmpty() ? "no string input" : texts));
        }
        String last = chat.messages().reversed().stream().filter(m -> m.role().equals("user")).findFirst().orElseThrow().content();
        values.put(texts.getFirst(), last);
        return values;
    }
}
