package dev.catalyst.llm.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.llm.providers.http.CorpusEvents;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectReader;

/** The token-by-token chunk reader gives exactly what Jackson databind gives for the same record. */
class ChunkReaderTest {
    static final ObjectReader DATABIND = WireJson.reader(ChatCompletionChunk.class);

    static void same(String json) {
        assertThat(ChunkReader.read(json)).as(json).isEqualTo(WireJson.read(DATABIND, json));
    }

    @Test
    void everyRecordedChunkReadsAsDatabindReadsIt() {
        List<SseEvent> events = CorpusEvents.of("openai/stream-error-midstream.constructed.sse", "openai/stream-finish-length.recorded.sse",
                "openai/stream-refusal.recorded.sse", "openai/stream-text-obfuscation.constructed.sse", "openai/stream-text-with-usage.recorded.sse",
                "openai/stream-tool-call-single.recorded.sse", "openai/stream-tool-calls-parallel.recorded.sse",
                "openai/stream-usage-null-then-final.constructed.sse", "groq/stream-error-xgroq.constructed.sse",
                "groq/stream-text.recorded-excerpt.sse", "groq/stream-tool-call-fragmented.sdk-test-fixture.sse", "groq/stream-tool-call.recorded.sse");
        var payloads = events.stream().map(SseEvent::data).filter(d -> !d.startsWith("[DONE]")).toList();
        assertThat(payloads).hasSizeGreaterThan(50);
        payloads.forEach(ChunkReaderTest::same);
        assertThat(payloads.stream().map(ChunkReader::read).filter(c -> c.usage() != null || c.xGroq() != null)).isNotEmpty();
        assertThat(payloads.stream().map(ChunkReader::read).filter(c -> c.choices() != null && c.choices().stream()
                .anyMatch(ch -> ch.delta() != null && ch.delta().toolCalls() != null))).isNotEmpty();
    }

    @Test
    void edgesReadAlikeToo() {
        same("{\"choices\":null,\"usage\":null,\"x_groq\":null,\"error\":null}");
        same("{\"choices\":[{\"index\":null,\"delta\":null,\"finish_reason\":null}],\"id\":7,\"extra\":{\"a\":[1,{\"b\":2}]}}");
        same("{\"choices\":[{\"index\":\"2\",\"delta\":{\"content\":true,\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\"}}]}}]}");
        same("{\"choices\":[]}");
    }

    @Test
    void malformedChunksAreSyntaxErrors() {
        for (String bad : List.of("", "null", "[1]", "{\"choices\":{}}", "{\"id\":[]}", "{\"choices\":[{\"index\":\"x\"}]}", "{\"id\":\"a\"} {}", "{\"id\":")) {
            assertThatThrownBy(() -> ChunkReader.read(bad)).as(bad).isInstanceOf(JsonSyntaxException.class);
        }
    }
}
