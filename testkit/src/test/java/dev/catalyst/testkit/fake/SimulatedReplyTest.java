package dev.catalyst.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedReplyTest {
    static SimulatedReply.Prompt prompt(String system, String user, long max, List<String> stops, String mode, String schema) {
        return new SimulatedReply.Prompt(system, user, null, List.of(), "auto", null, true, max, stops, mode,
                schema == null ? null : Json.parse(schema), user.length());
    }

    @Test
    void answersPickUpTheTopicAndDependOnThePrompt() {
        var a = SimulatedReply.of(prompt("", "Write one line about otters.", 500, List.of(), null, null), "x", "1");
        assertThat(a.text()).contains("otters").endsWith(".");
        assertThat(a.finish()).isEqualTo(SimulatedReply.Finish.STOP);
        assertThat(String.join("", a.pieces())).isEqualTo(a.text());
        var same = SimulatedReply.of(prompt("", "Write one line about otters.", 500, List.of(), null, null), "x", "2");
        assertThat(same.text()).isEqualTo(a.text());
        var terse = SimulatedReply.of(prompt("You are terse.", "Write one line about otters.", 500, List.of(), null, null), "x", "1");
        assertThat(terse.text().length()).isLessThan(a.text().length() + 1);
        assertThat(SimulatedReply.topic("Why is the sky blue? Answer in two sentences.")).isEqualTo("Why is the sky blue? Answer");
        assertThat(SimulatedReply.topic("")).isEqualTo("this");
        assertThat(SimulatedReply.tokenize("Hi, there!")).containsExactly("Hi", ",", " there", "!");
    }

    @Test
    void maxTokensAndStopSequencesCut() {
        var cut = SimulatedReply.of(prompt("", "about otters", 3, List.of(), null, null), "x", "1");
        assertThat(cut.pieces()).hasSize(3);
        assertThat(cut.finish()).isEqualTo(SimulatedReply.Finish.LENGTH);
        var full = SimulatedReply.of(prompt("", "about otters", 100, List.of(), null, null), "x", "1");
        String stop = full.text().substring(full.text().indexOf("otters"), full.text().indexOf("otters") + 3);
        var stopped = SimulatedReply.of(prompt("", "about otters", 100, List.of(stop), null, null), "x", "1");
        assertThat(stopped.finish()).isEqualTo(SimulatedReply.Finish.STOP_SEQUENCE);
        assertThat(stopped.stopSequence()).isEqualTo(stop);
        assertThat(stopped.text()).doesNotContain(stop);
    }

    @Test
    void jsonModesAndToolResults() {
        var obj = SimulatedReply.of(prompt("", "about otters", 500, List.of(), "json_object", null), "x", "1");
        assertThat(Json.parse(obj.text()).path("topic").asString()).isEqualTo("otters");
        var schema = SimulatedReply.of(prompt("", "about otters", 500, List.of(), "json_schema",
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"},\"ok\":{\"type\":\"boolean\"},\"x\":{\"type\":\"number\"},"
                        + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"kind\":{\"enum\":[\"a\",\"b\"]}}}"), "x", "1");
        var parsed = Json.parse(schema.text());
        assertThat(parsed.path("n").asInt()).isEqualTo(1);
        assertThat(parsed.path("ok").asBoolean()).isTrue();
        assertThat(parsed.path("tags").get(0).asString()).isEqualTo("otters");
        assertThat(parsed.path("kind").asString()).isEqualTo("a");
        var afterTool = SimulatedReply.of(new SimulatedReply.Prompt("", "weather in Paris?", "{\"temp\": 21}", List.of(Json.parse("{\"name\":\"w\"}")),
                "auto", null, true, 500, List.of(), null, null, 10), "x", "1");
        assertThat(afterTool.text()).startsWith("Based on the tool result ({\"temp\": 21})");
        assertThat(afterTool.hasToolUses()).isFalse();
    }

    @Test
    void toolCallsFollowTheChoice() {
        var tools = List.of(Json.parse("{\"name\":\"a\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}"),
                Json.parse("{\"type\":\"function\",\"function\":{\"name\":\"b\",\"parameters\":{\"type\":\"object\"}}}"));
        var both = SimulatedReply.of(new SimulatedReply.Prompt("", "go", null, tools, "auto", null, true, 500, List.of(), null, null, 2), "call_", "1");
        assertThat(both.toolUses()).extracting(SimulatedReply.ToolUse::name).containsExactly("a", "b");
        assertThat(Json.parse(both.toolUses().getFirst().argumentsJson()).path("city").asString()).isEqualTo("San Francisco, CA");
        assertThat(String.join("", both.toolUses().getFirst().fragments())).isEqualTo(both.toolUses().getFirst().argumentsJson());
        var forced = SimulatedReply.of(new SimulatedReply.Prompt("", "go", null, tools, "function", "b", true, 500, List.of(), null, null, 2), "call_", "1");
        assertThat(forced.toolUses()).extracting(SimulatedReply.ToolUse::name).containsExactly("b");
        var none = SimulatedReply.of(new SimulatedReply.Prompt("", "go", null, tools, "none", null, true, 500, List.of(), null, null, 2), "call_", "1");
        assertThat(none.hasToolUses()).isFalse();
    }
}
