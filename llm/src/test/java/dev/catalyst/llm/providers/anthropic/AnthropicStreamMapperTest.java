package dev.catalyst.llm.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anthropic events are typed by their SSE event name; names Catalyst does not use are skipped unread. */
class AnthropicStreamMapperTest {
    final AnthropicStreamMapper mapper = new AnthropicStreamMapper();
    final List<StreamChunk> out = new ArrayList<>();

    void send(String event, String data) throws LlmException {
        mapper.accept(new SseEvent(event, data, null), out::add);
    }

    @Test
    void eachEventNameHasItsRecord() {
        assertThat(AnthropicStreamMapper.event(new SseEvent("message_start", "{\"message\":{\"id\":\"m1\"}}", null)))
                .isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(AnthropicStreamMapper.event(new SseEvent("content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}", null)))
                .isInstanceOf(StreamEvent.ContentBlockStart.class);
        assertThat(AnthropicStreamMapper.event(new SseEvent("content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}", null)))
                .isEqualTo(new StreamEvent.ContentBlockDelta(0, new StreamEvent.Delta("text_delta", "a", null)));
        assertThat(AnthropicStreamMapper.event(new SseEvent("message_delta", "{\"delta\":{\"stop_reason\":\"end_turn\"}}", null)))
                .isEqualTo(new StreamEvent.MessageDelta(new StreamEvent.StopDelta("end_turn", null), null));
        assertThat(AnthropicStreamMapper.event(new SseEvent("message_stop", "not even json", null))).isEqualTo(new StreamEvent.MessageStop());
        assertThat(AnthropicStreamMapper.event(new SseEvent("ping", "{", null))).isEqualTo(new StreamEvent.Skipped("ping"));
    }

    @Test
    void unknownEventsAndDeltasAreToleratedAndUnknownFieldsIgnored() throws LlmException {
        send("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"model\":\"c\",\"new_field\":[1,2],\"usage\":{\"input_tokens\":3,\"cache_read_input_tokens\":2,\"cache_creation_input_tokens\":1,\"output_tokens\":1}}}");
        send("future_event", "{{{ not json");
        send("content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}");
        send("content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}");
        send("content_block_delta", "{\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}");
        send("content_block_delta", "{\"index\":5,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}");
        send("content_block_stop", "{\"index\":0}");
        send("message_delta", "{\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":9}}");
        assertThat(mapper.done()).isFalse();
        send("message_stop", "{}");
        assertThat(mapper.done()).isTrue();
        assertThat(out).containsExactly(new StreamChunk.Started("m1", "c"), new StreamChunk.UsageReport(6L, 1L, 2L), new StreamChunk.TextDelta("Hi"),
                new StreamChunk.UsageReport(null, 9L, null), new StreamChunk.Finish("max_tokens", StreamChunk.FinishReason.LENGTH));
    }

    @Test
    void malformedDataOfAKnownEventIsASyntaxErrorAndAnErrorEventThrows() {
        assertThatThrownBy(() -> send("content_block_delta", "{\"index\":\"zero\"}")).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> send("message_delta", "")).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> send("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.OVERLOADED));
    }
}
