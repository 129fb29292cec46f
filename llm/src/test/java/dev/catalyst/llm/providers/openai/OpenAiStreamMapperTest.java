package dev.catalyst.llm.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.groq.GroqCodec;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One typed chunk record for OpenAI and Groq; fields added later are ignored, nulls are absences. */
class OpenAiStreamMapperTest {
    final List<StreamChunk> out = new ArrayList<>();

    static void send(OpenAiStreamMapper m, String data, List<StreamChunk> out) throws LlmException {
        m.accept(new SseEvent("message", data, null), out::add);
    }

    @Test
    void aChunkWithEveryPart() throws LlmException {
        var m = new OpenAiStreamMapper(new OpenAiCodec());
        send(m, "{\"id\":\"c1\",\"model\":\"gpt\",\"obfuscation\":\"xy\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}", out);
        send(m, "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}", out);
        send(m, "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}],\"refusal\":\"no\"},\"finish_reason\":\"tool_calls\"}]}", out);
        send(m, "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"prompt_tokens_details\":{\"cached_tokens\":1}}}", out);
        assertThat(m.done()).isFalse();
        send(m, "[DONE]", out);
        assertThat(m.done()).isTrue();
        assertThat(out).containsExactly(new StreamChunk.Started("c1", "gpt"), new StreamChunk.ToolCallDelta(1, "call_1", "f", ""),
                new StreamChunk.RefusalDelta("no"), new StreamChunk.ToolCallDelta(1, null, null, "{}"),
                new StreamChunk.Finish("tool_calls", StreamChunk.FinishReason.TOOL_USE), new StreamChunk.UsageReport(4L, 2L, 1L));
    }

    @Test
    void groqUsageAndErrorsInXGroq() throws LlmException {
        var m = new OpenAiStreamMapper(new GroqCodec());
        send(m, "{\"id\":\"g\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"queue_time\":0.1}}}", out);
        assertThat(out).contains(new StreamChunk.UsageReport(7L, 3L, null));
        assertThatThrownBy(() -> send(m, "{\"id\":\"g\",\"choices\":[],\"x_groq\":{\"id\":\"req_1\",\"error\":\"stream stopped early\"}}", out))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().message()).isEqualTo("groq stopped the stream: stream stopped early"));
    }

    @Test
    void errorChunksMapByTheProvidersRules() {
        var openai = new OpenAiStreamMapper(new OpenAiCodec());
        assertThatThrownBy(() -> send(openai, "{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}", out))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED));
        assertThatThrownBy(() -> openai.accept(new SseEvent("error", "{}", null), out::add))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().message()).isEqualTo("openai: An error occurred during streaming"));
        var groq = new OpenAiStreamMapper(new GroqCodec());
        assertThatThrownBy(() -> send(groq, "{\"error\":{\"message\":\"full\",\"type\":\"x\",\"code\":\"capacity_exceeded\"}}", out))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.OVERLOADED));
        assertThatThrownBy(() -> send(openai, "{\"choices\":\"not a list\"}", out)).isInstanceOf(JsonSyntaxException.class);
    }
}
