package dev.catalyst.llm.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import dev.catalyst.testkit.ProviderCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class SseConformanceTest {

    static Stream<Arguments> vectors() {
        JsonNode root = Json.parse(ProviderCorpus.read("sse-conformance-vectors.json"));
        var out = new ArrayList<Arguments>();
        root.get("vectors").forEach(v -> out.add(Arguments.of(v.get("name").stringValue(), v)));
        return out.stream();
    }

    @Test
    void corpusHasAll47Vectors() {
        assertThat(vectors()).hasSize(47);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorAsGivenChunks(String name, JsonNode vector) {
        check(vector, chunks(vector));
    }

    @ParameterizedTest(name = "{0} byte by byte")
    @MethodSource("vectors")
    void vectorOneByteAtATime(String name, JsonNode vector) {
        byte[] all = concat(chunks(vector));
        var single = new ArrayList<byte[]>();
        for (byte b : all) single.add(new byte[] {b});
        check(vector, single);
    }

    @ParameterizedTest(name = "{0} in one piece")
    @MethodSource("vectors")
    void vectorInOnePiece(String name, JsonNode vector) {
        check(vector, List.of(concat(chunks(vector))));
    }

    private static void check(JsonNode vector, List<byte[]> chunks) {
        var parser = new SseParser();
        var events = new ArrayList<SseEvent>();
        for (byte[] c : chunks) parser.feed(c, events::add);
        parser.finish(events::add);
        var expected = new ArrayList<SseEvent>();
        vector.get("expected_events").forEach(e -> expected.add(
                new SseEvent(e.get("type").stringValue(), e.get("data").stringValue(), e.get("lastEventId").stringValue())));
        assertThat(events).as(vector.get("name").stringValue()).containsExactlyElementsOf(expected);
        if (vector.has("expected_reconnection_time_ms")) {
            JsonNode r = vector.get("expected_reconnection_time_ms");
            assertThat(parser.reconnectionTimeMs()).isEqualTo(r.isNull() ? null : r.asLong());
        }
    }

    private static List<byte[]> chunks(JsonNode vector) {
        var out = new ArrayList<byte[]>();
        if (vector.has("chunks_hex")) {
            vector.get("chunks_hex").forEach(h -> out.add(HexFormat.of().parseHex(h.stringValue())));
        } else {
            vector.get("chunks").forEach(c -> out.add(c.stringValue().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, i, p.length);
            i += p.length;
        }
        return all;
    }

    @Test
    void overlongLineFails() {
        var parser = new SseParser(16);
        assertThatThrownBy(() -> parser.feed("data: 0123456789abcdef\n\n".getBytes(StandardCharsets.UTF_8), e -> { }))
                .isInstanceOf(SseLineTooLongException.class).hasMessageContaining("16");
    }

    @Test
    void truncatedUtf8AtEndBecomesReplacement() {
        var parser = new SseParser();
        var events = new ArrayList<SseEvent>();
        parser.feed(new byte[] {'d', 'a', 't', 'a', ':', 'x', '\n', '\n', 'd', 'a', 't', 'a', ':', (byte) 0xD0}, events::add);
        parser.finish(events::add);
        assertThat(events).extracting(SseEvent::data).containsExactly("x");
        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void hugeRetryIsIgnored() {
        var parser = new SseParser();
        parser.feed("retry: 99999999999999999999999\n\n".getBytes(StandardCharsets.UTF_8), e -> { });
        assertThat(parser.reconnectionTimeMs()).isNull();
    }
}
