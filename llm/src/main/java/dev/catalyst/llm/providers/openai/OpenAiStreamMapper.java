package dev.catalyst.llm.providers.openai;

import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Data-only chunks ending in {@code [DONE]} (OpenAI and Groq). Usage is read from any chunk that
 * has it: OpenAI's final {@code choices: []} chunk, Groq's finish chunk ({@code usage} or
 * {@code x_groq.usage}). A payload with {@code error} (or Groq's {@code x_groq.error}) throws.
 */
final class OpenAiStreamMapper implements StreamMapper {
    private final String provider;
    private boolean started;
    private boolean done;

    OpenAiStreamMapper(String provider) {
        this.provider = provider;
    }

    @Override
    public void accept(SseEvent event, Consumer<StreamChunk> out) throws LlmException {
        if (event.data().startsWith("[DONE]")) {
            done = true;
            return;
        }
        JsonNode c = WireJson.parseChunk(event.data());
        JsonNode err = c.path("error");
        if (err.isObject() || event.type().equals("error")) {
            String type = err.path("type").asString("server_error");
            int status = type.contains("server") || type.contains("internal") ? 500 : 400;
            throw new LlmException(LlmError.classify(provider, status, type, WireJson.text(err, "code"),
                    err.path("message").asString("An error occurred during streaming"), null));
        }
        if (c.path("x_groq").path("error").isString()) {
            throw new LlmException(new LlmError.ServerError(provider, 200, provider + " stopped the stream: " + c.get("x_groq").get("error").asString(), null));
        }
        if (!started) {
            started = true;
            out.accept(new StreamChunk.Started(WireJson.text(c, "id"), WireJson.text(c, "model")));
        }
        for (JsonNode choice : c.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.path("content").isString() && !delta.get("content").asString().isEmpty()) {
                out.accept(new StreamChunk.TextDelta(delta.get("content").asString()));
            }
            if (delta.path("refusal").isString() && !delta.get("refusal").asString().isEmpty()) {
                out.accept(new StreamChunk.RefusalDelta(delta.get("refusal").asString()));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                JsonNode f = call.path("function");
                out.accept(new StreamChunk.ToolCallDelta(call.path("index").asInt(), WireJson.text(call, "id"), WireJson.text(f, "name"),
                        WireJson.text(f, "arguments")));
            }
            String reason = WireJson.text(choice, "finish_reason");
            if (reason != null) out.accept(new StreamChunk.Finish(reason, OpenAiCodec.finish(reason)));
        }
        JsonNode usage = c.path("usage").isObject() ? c.get("usage") : c.path("x_groq").path("usage");
        if (usage.isObject()) out.accept(OpenAiCodec.usage(usage));
    }

    @Override
    public boolean done() {
        return done;
    }
}
