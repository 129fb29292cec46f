package dev.catalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {
    @Test
    void unsetFieldsAreNullOrEmpty() {
        ChatRequest r = ChatRequest.builder("m").message(ChatMessage.of("user", "hi")).build();
        assertThat(r.model()).isEqualTo("m");
        assertThat(r.messages()).extracting(ChatMessage::content).containsExactly("hi");
        assertThat(r.system()).isNull();
        assertThat(r.maxTokens()).isNull();
        assertThat(r.stopSequences()).isEmpty();
        assertThat(r.tools()).isEmpty();
        assertThat(r.stream()).isFalse();
        assertThat(r.extra()).isNull();
    }

    @Test
    void toBuilderKeepsEveryFieldAndWithStreamChangesOnlyStream() {
        ChatRequest full = ChatRequest.builder("m").system("s").messages(List.of(ChatMessage.of("user", "a"))).maxTokens(5)
                .temperature(0.1).topP(0.2).topK(3).stopSequences(List.of("X")).tools(List.of(new ToolSpec("t", "d", Json.object())))
                .toolChoice(ToolChoice.tool("t")).parallelToolCalls(false).responseFormat("json_schema")
                .jsonSchema(Json.object().put("name", "n")).stream(true).extra(Json.object().put("seed", 1)).build();
        assertThat(full.toBuilder().build()).isEqualTo(full);
        ChatRequest whole = full.withStream(false);
        assertThat(whole.stream()).isFalse();
        assertThat(whole.withStream(true)).isEqualTo(full);
        assertThat(full.toBuilder().model("other").build().model()).isEqualTo("other");
    }

    @Test
    void theRecordDoesNotShareTheBuildersLists() {
        var stops = new ArrayList<>(List.of("A"));
        ChatRequest.Builder b = ChatRequest.builder("m").message(ChatMessage.of("user", "a")).stopSequences(stops);
        ChatRequest first = b.build();
        stops.add("B");
        b.message(ChatMessage.of("user", "b"));
        assertThat(first.messages()).hasSize(1);
        assertThat(first.stopSequences()).containsExactly("A");
        assertThatThrownBy(() -> first.messages().add(ChatMessage.of("user", "c"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void simpleIsOneUserMessage() {
        ChatRequest r = ChatRequest.simple("m", "hello", true);
        assertThat(r.messages()).containsExactly(ChatMessage.of("user", "hello"));
        assertThat(r.maxTokens()).isEqualTo(256);
        assertThat(r.stream()).isTrue();
    }
}
