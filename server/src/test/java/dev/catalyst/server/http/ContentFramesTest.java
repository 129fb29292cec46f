package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A token's frame without a JSON tree is the text Jackson writes for the same chunk. */
class ContentFramesTest {
    private static String viaTree(ChatWire wire, String text) {
        return "data: " + Json.write(wire.chunk(Json.object().put("content", text), null)) + "\n\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Hello", " world", "\"quoted\" \\ back", "line\nbreak\ttab\r\f\b", "\u0000\u0001\u001f\u007f",
            "</script>", "héllo ünïcode", "emoji 😀 and a lone \ud83d", "\u2028\u2029", "{\"content\":\"\"}"})
    void aFrameIsWhatJacksonWritesForTheChunk(String text) {
        var wire = new ChatWire("chatcmpl-abc", 1764806400L, "openai/gpt-6.1-sol");
        assertThat(new ContentFrames(wire).frame(text)).isEqualTo(viaTree(wire, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m\"content\":\"\"", "model \"content\":\"\" \\ end", "plain"})
    void anIdOrModelThatLooksLikeTheKeyDoesNotMoveTheText(String model) {
        var wire = new ChatWire("id \"content\":\"\"", 1L, model);
        var frames = new ContentFrames(wire);
        assertThat(frames.frame("tok \"x\"")).isEqualTo(viaTree(wire, "tok \"x\""));
        assertThat(Json.parse(frames.frame("t").substring(6).strip()).at("/choices/0/delta/content").asString()).isEqualTo("t");
    }
}
