package dev.catalyst.llm.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.llm.providers.http.CorpusEvents;
import dev.catalyst.llm.providers.http.WireJson;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectReader;

/** The token-by-token content_block_delta reader gives exactly what Jackson databind gives. */
class BlockDeltaReaderTest {
    static final ObjectReader DATABIND = WireJson.reader(StreamEvent.ContentBlockDelta.class);

    static void same(String json) {
        assertThat(BlockDeltaReader.read(json)).as(json).isEqualTo(WireJson.read(DATABIND, json));
    }

    @Test
    void everyRecordedDeltaReadsAsDatabindReadsIt() {
        List<String> deltas = CorpusEvents.of("anthropic/stream-error-overloaded.constructed.sse", "anthropic/stream-max-tokens-padded.sdk-fixture.sse",
                        "anthropic/stream-text.docs.sse", "anthropic/stream-text.sdk-fixture.sse", "anthropic/stream-tool-use.docs.sse",
                        "anthropic/stream-tool-use.sdk-fixture.sse")
                .stream().filter(e -> e.type().equals("content_block_delta")).map(SseEvent::data).toList();
        assertThat(deltas).hasSizeGreaterThan(10);
        deltas.forEach(BlockDeltaReaderTest::same);
        assertThat(deltas.stream().map(BlockDeltaReader::read).map(d -> d.delta().type())).contains("text_delta", "input_json_delta");
    }

    @Test
    void edgesReadAlikeToo() {
        same("{\"index\":null,\"delta\":null}");
        same("{\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"x\",\"text\":1.5},\"index\":\"3\",\"new\":{\"deep\":[{}]}}");
        for (String bad : List.of("", "null", "{\"delta\":[]}", "{\"index\":\"x\"}", "{\"index\":1.5e400}", "{\"delta\":{\"text\":{}}}", "{}]")) {
            assertThatThrownBy(() -> BlockDeltaReader.read(bad)).as(bad).isInstanceOf(JsonSyntaxException.class);
        }
    }
}
