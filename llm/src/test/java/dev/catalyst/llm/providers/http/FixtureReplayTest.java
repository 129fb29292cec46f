package dev.catalyst.llm.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.ChatResult;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.Providers;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.testkit.ProviderCorpus;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real recorded and documented wire bytes from the provider corpus (testkit test resources), replayed over loopback HTTP into the clients. */
class FixtureReplayTest {
    static Fakes fakes;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    static ChatResult replay(String provider, String file, boolean stream) throws Exception {
        String body = ProviderCorpus.read(file);
        if (stream) fakes.of(provider).enqueueSse(body);
        else fakes.of(provider).enqueueJson(200, body);
        var chunks = new ArrayList<StreamChunk>();
        return Providers.chat(provider, fakes.settings).chat(ChatRequest.simple(Fakes.model(provider), "x", stream), CallOptions.of(Fakes.KEY), chunks::add);
    }

    static LlmError replayFailure(String provider, String file) throws Exception {
        try {
            replay(provider, file, true);
        } catch (LlmException e) {
            return e.error();
        }
        throw new AssertionError(file + " did not fail");
    }

    @Test
    void anthropicDocsStreams() throws Exception {
        ChatResult text = replay("anthropic", "anthropic/stream-text.docs.sse", true);
        assertThat(text.text()).isEqualTo("Hello!");
        assertThat(text.usage()).isEqualTo(Usage.of(25, 15, 0));
        assertThat(text.finishReason()).isEqualTo("end_turn");
        assertThat(text.responseId()).isEqualTo("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY");
        ChatResult tool = replay("anthropic", "anthropic/stream-tool-use.docs.sse", true);
        assertThat(tool.text()).startsWith("Okay, let's check the weather");
        assertThat(tool.toolCalls()).hasSize(1);
        assertThat(tool.toolCalls().getFirst().id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(tool.toolCalls().getFirst().arguments().path("location").asString()).isEqualTo("San Francisco, CA");
        assertThat(tool.toolCalls().getFirst().arguments().path("unit").asString()).isEqualTo("fahrenheit");
        assertThat(tool.finish()).isEqualTo(StreamChunk.FinishReason.TOOL_USE);
        assertThat(tool.usage().outputTokens()).isEqualTo(89);
    }

    @Test
    void anthropicSdkFixturesWithoutAFinalBlankLineAreTruncatedStreams() throws Exception {
        LlmError cut = replayFailure("anthropic", "anthropic/stream-text.sdk-fixture.sse");
        assertThat(cut.code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
        assertThat(cut.partialText()).isEqualTo("Hello there!");
        LlmError padded = replayFailure("anthropic", "anthropic/stream-max-tokens-padded.sdk-fixture.sse");
        assertThat(padded.code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
        LlmError overloaded = replayFailure("anthropic", "anthropic/stream-error-overloaded.constructed.sse");
        assertThat(overloaded.code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
        assertThat(overloaded.message()).contains("Overloaded");
    }

    @Test
    void anthropicMessages() throws Exception {
        ChatResult m = replay("anthropic", "anthropic/response-message.docs.json", false);
        assertThat(m.text()).isEqualTo("Hi! My name is Claude.");
        assertThat(m.usage()).isEqualTo(Usage.of(2095, 503, 0));
        ChatResult t = replay("anthropic", "anthropic/response-tool-use.constructed.json", false);
        assertThat(t.toolCalls().getFirst().arguments().path("unit").asString()).isEqualTo("fahrenheit");
        assertThat(t.usage()).isEqualTo(Usage.of(472, 89, 0));
    }

    @Test
    void openaiRecordedStreams() throws Exception {
        ChatResult text = replay("openai", "openai/stream-text-with-usage.recorded.sse", true);
        assertThat(text.text()).startsWith("I'm unable to");
        assertThat(text.usage()).isEqualTo(Usage.of(14, 30, 0));
        ChatResult parallel = replay("openai", "openai/stream-tool-calls-parallel.recorded.sse", true);
        assertThat(parallel.toolCalls()).hasSize(2);
        assertThat(parallel.toolCalls()).allSatisfy(c -> assertThat(c.arguments().isObject()).isTrue());
        assertThat(parallel.toolCalls().get(0).arguments().path("city").asString()).isNotEmpty();
        ChatResult single = replay("openai", "openai/stream-tool-call-single.recorded.sse", true);
        assertThat(single.toolCalls()).hasSize(1);
        ChatResult length = replay("openai", "openai/stream-finish-length.recorded.sse", true);
        assertThat(length.finish()).isEqualTo(StreamChunk.FinishReason.LENGTH);
        ChatResult refusal = replay("openai", "openai/stream-refusal.recorded.sse", true);
        assertThat(refusal.refusal()).startsWith("I'm");
        assertThat(refusal.text()).isEmpty();
        ChatResult nulls = replay("openai", "openai/stream-usage-null-then-final.constructed.sse", true);
        assertThat(nulls.usage()).isNotNull();
        assertThat(replay("openai", "openai/stream-text-obfuscation.constructed.sse", true).text()).isNotEmpty();
        LlmError mid = replayFailure("openai", "openai/stream-error-midstream.constructed.sse");
        assertThat(mid.code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
        assertThat(mid.partialText()).isNotEmpty();
    }

    @Test
    void openaiCompletions() throws Exception {
        ChatResult c = replay("openai", "openai/response-chat.docs.json", false);
        assertThat(c.text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(c.usage()).isEqualTo(Usage.of(19, 10, 0));
        ChatResult t = replay("openai", "openai/response-chat-tool-calls.docs.json", false);
        assertThat(t.toolCalls()).isNotEmpty();
        assertThat(t.finish()).isEqualTo(StreamChunk.FinishReason.TOOL_USE);
    }

    @Test
    void groqRecordings() throws Exception {
        ChatResult text = replay("groq", "groq/stream-text.recorded-excerpt.sse", true);
        assertThat(text.usage()).isEqualTo(Usage.of(45, 662, 0));
        ChatResult tool = replay("groq", "groq/stream-tool-call.recorded.sse", true);
        assertThat(tool.toolCalls().getFirst().id()).isEqualTo("tk85n1k4m");
        assertThat(tool.toolCalls().getFirst().arguments().isObject()).isTrue();
        assertThat(tool.usage()).isEqualTo(Usage.of(210, 15, 0));
        ChatResult fragmented = replay("groq", "groq/stream-tool-call-fragmented.sdk-test-fixture.sse", true);
        assertThat(fragmented.toolCalls()).hasSize(1);
        assertThat(fragmented.toolCalls().getFirst().arguments().isObject()).isTrue();
        LlmError err = replayFailure("groq", "groq/stream-error-xgroq.constructed.sse");
        assertThat(err.code()).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
        assertThat(err.message()).contains("stream stopped early");
        ChatResult whole = replay("groq", "groq/response-chat.recorded.json", false);
        assertThat(whole.usage()).isEqualTo(Usage.of(45, 607, 0));
        assertThat(whole.text()).startsWith("I'd like to introduce");
    }
}
