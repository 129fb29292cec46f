package dev.catalyst.llm.providers.groq;

import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.openai.OpenAiCodec;
import dev.catalyst.llm.providers.openai.OpenAiErrors;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Groq's OpenAI-compatible API: the OpenAI wire format, minus what Groq rejects (logprobs,
 * logit_bias, top_logprobs, n other than 1; Catalyst never sends messages[].name), with usage in
 * {@code x_groq}. Groq does not document {@code stream_options}, and sends usage anyway.
 */
public final class GroqCodec extends OpenAiCodec {
    private static final List<String> REJECTED = List.of("logprobs", "logit_bias", "top_logprobs");

    @Override
    public String provider() {
        return "groq";
    }

    @Override
    protected boolean usesMaxCompletionTokens(String model) {
        return true;
    }

    @Override
    protected boolean asksForStreamUsage() {
        return false; // usage arrives in x_groq on the finish chunk without asking
    }

    @Override
    public ObjectNode body(ChatRequest req) throws LlmException {
        if (req.extra() != null) {
            for (String f : REJECTED) {
                if (req.extra().has(f)) throw WireJson.invalid(provider(), "Groq does not support '" + f + "'");
            }
            if (req.extra().has("n") && req.extra().get("n").asInt() != 1) throw WireJson.invalid(provider(), "Groq supports only n = 1");
        }
        return super.body(req);
    }

    @Override
    protected LlmError error(int status, OpenAiErrors.ApiError e, Long retryAfterMs) {
        return GroqErrors.map(status, e, retryAfterMs);
    }
}
