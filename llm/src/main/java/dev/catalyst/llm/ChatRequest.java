package dev.catalyst.llm;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A completion request in neutral form. Null fields are not sent. {@code responseFormat} is
 * text, json_object or json_schema (with {@code jsonSchema} = {name, schema, strict?, description?});
 * {@code extra} holds provider fields passed through as they are (seed, penalties, reasoning_effort, ...).
 * Build one with {@link #builder(String)}: fifteen positional fields are too easy to mix up.
 */
public record ChatRequest(String model, String system, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                          Double topP, Integer topK, List<String> stopSequences, List<ToolSpec> tools, ToolChoice toolChoice,
                          Boolean parallelToolCalls, String responseFormat, JsonNode jsonSchema, boolean stream, ObjectNode extra) {
    public ChatRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** One user message, 256 tokens at most. */
    public static ChatRequest simple(String model, String prompt, boolean stream) {
        return builder(model).message(ChatMessage.of("user", prompt)).maxTokens(256).stream(stream).build();
    }

    public Builder toBuilder() {
        return new Builder(model).system(system).messages(messages).maxTokens(maxTokens).temperature(temperature).topP(topP)
                .topK(topK).stopSequences(stopSequences).tools(tools).toolChoice(toolChoice).parallelToolCalls(parallelToolCalls)
                .responseFormat(responseFormat).jsonSchema(jsonSchema).stream(stream).extra(extra);
    }

    public ChatRequest withStream(boolean s) {
        return toBuilder().stream(s).build();
    }

    /** Named construction; unset fields are null (not sent) or empty. */
    public static final class Builder {
        private String model;
        private String system;
        private final java.util.ArrayList<ChatMessage> messages = new java.util.ArrayList<>();
        private Integer maxTokens;
        private Double temperature;
        private Double topP;
        private Integer topK;
        private List<String> stopSequences;
        private List<ToolSpec> tools;
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private String responseFormat;
        private JsonNode jsonSchema;
        private boolean stream;
        private ObjectNode extra;

        private Builder(String model) {
            this.model = model;
        }

        public Builder model(String v) {
            model = v;
            return this;
        }

        public Builder system(String v) {
            system = v;
            return this;
        }

        /** Replaces the conversation. */
        public Builder messages(List<ChatMessage> v) {
            messages.clear();
            if (v != null) messages.addAll(v);
            return this;
        }

        /** Appends one message. */
        public Builder message(ChatMessage v) {
            messages.add(v);
            return this;
        }

        public Builder maxTokens(Integer v) {
            maxTokens = v;
            return this;
        }

        public Builder temperature(Double v) {
            temperature = v;
            return this;
        }

        public Builder topP(Double v) {
            topP = v;
            return this;
        }

        public Builder topK(Integer v) {
            topK = v;
            return this;
        }

        public Builder stopSequences(List<String> v) {
            stopSequences = v;
            return this;
        }

        public Builder tools(List<ToolSpec> v) {
            tools = v;
            return this;
        }

        public Builder toolChoice(ToolChoice v) {
            toolChoice = v;
            return this;
        }

        public Builder parallelToolCalls(Boolean v) {
            parallelToolCalls = v;
            return this;
        }

        public Builder responseFormat(String v) {
            responseFormat = v;
            return this;
        }

        public Builder jsonSchema(JsonNode v) {
            jsonSchema = v;
            return this;
        }

        public Builder stream(boolean v) {
            stream = v;
            return this;
        }

        public Builder extra(ObjectNode v) {
            extra = v;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(model, system, messages, maxTokens, temperature, topP, topK, stopSequences, tools, toolChoice,
                    parallelToolCalls, responseFormat, jsonSchema, stream, extra);
        }
    }
}
