package dev.catalyst.llm.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import dev.catalyst.llm.ChatMessage;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.ToolCall;
import dev.catalyst.llm.ToolChoice;
import dev.catalyst.llm.ToolSpec;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.anthropic.AnthropicCodec;
import dev.catalyst.llm.providers.groq.GroqCodec;
import dev.catalyst.llm.providers.openai.OpenAiCodec;
import dev.catalyst.testkit.ProviderCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The typed request records, written out, equal the documented request bodies in the provider corpus. */
class RecordedRequestsTest {
    static JsonNode fixture(String file) {
        return Json.parse(ProviderCorpus.read(file));
    }

    /** As sent: written out and read back, so numbers compare as the fixture's do. */
    static JsonNode sent(JsonNode body) {
        return Json.parse(Json.write(body));
    }

    static final ToolSpec WEATHER = new ToolSpec("get_weather", "Get the current weather in a given location", Json.parse(
            "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"The city and state, e.g. San Francisco, CA\"}},\"required\":[\"location\"]}"));

    @Test
    void anthropicBasic() throws LlmException {
        var r = ChatRequest.builder("claude-sonnet-4-5").system("You are a concise assistant.").message(ChatMessage.of("user", "Hello, Claude"))
                .maxTokens(1024).temperature(0.2).build();
        assertThat(sent(AnthropicCodec.body(r))).isEqualTo(fixture("anthropic/request-basic.json"));
    }

    @Test
    void anthropicStreamWithForcedTools() throws LlmException {
        var r = ChatRequest.builder("claude-sonnet-4-5").message(ChatMessage.of("user", "What is the weather like in San Francisco?"))
                .maxTokens(1024).tools(List.of(WEATHER)).toolChoice(ToolChoice.of("required")).stream(true).build();
        assertThat(sent(AnthropicCodec.body(r))).isEqualTo(fixture("anthropic/request-stream-tools.json"));
    }

    @Test
    void anthropicToolUseAndResult() throws LlmException {
        var call = new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", Json.parse("{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\"}"));
        var r = ChatRequest.builder("claude-sonnet-4-5").maxTokens(1024).tools(List.of(WEATHER)).messages(List.of(
                ChatMessage.of("user", "What is the weather like in San Francisco?"),
                new ChatMessage("assistant", "Okay, let's check the weather for San Francisco, CA:", List.of(call), null),
                new ChatMessage("tool", "59 degrees and foggy", null, "toolu_01T1x1fJ34qAmk2tNTrN7Up6"))).build();
        assertThat(sent(AnthropicCodec.body(r))).isEqualTo(fixture("anthropic/request-tool-result.json"));
    }

    @Test
    void anthropicToolChoiceVariants() throws LlmException {
        JsonNode variants = fixture("anthropic/request-tool-choice-variants.json");
        var base = ChatRequest.builder("m").message(ChatMessage.of("user", "x")).tools(List.of(WEATHER));
        assertThat(AnthropicCodec.body(base.toolChoice(ToolChoice.of("auto")).build()).get("tool_choice")).isEqualTo(variants.get("auto"));
        assertThat(AnthropicCodec.body(base.toolChoice(null).parallelToolCalls(false).build()).get("tool_choice")).isEqualTo(variants.get("auto_no_parallel"));
        assertThat(AnthropicCodec.body(base.toolChoice(ToolChoice.of("any")).parallelToolCalls(null).build()).get("tool_choice")).isEqualTo(variants.get("any"));
        assertThat(AnthropicCodec.body(base.toolChoice(ToolChoice.tool("get_weather")).build()).get("tool_choice")).isEqualTo(variants.get("tool"));
        assertThat(AnthropicCodec.body(base.toolChoice(ToolChoice.of("none")).parallelToolCalls(false).build()).get("tool_choice")).isEqualTo(variants.get("none"));
        assertThat(AnthropicCodec.body(base.toolChoice(null).parallelToolCalls(null).build()).has("tool_choice")).isFalse();
    }

    @Test
    void anthropicConsecutiveToolResultsShareOneUserTurnAndExtraOverridesFields() throws LlmException {
        var r = ChatRequest.builder("m").messages(List.of(ChatMessage.of("user", "x"), new ChatMessage("tool", "a", null, "t1"),
                new ChatMessage("tool", null, null, "t2"), ChatMessage.of("system", "late rule"))).system("rule")
                .extra(Json.object().put("max_tokens", 7).put("metadata", "m")).build();
        JsonNode b = AnthropicCodec.body(r);
        assertThat(b.get("messages").size()).isEqualTo(2);
        assertThat(b.at("/messages/1/content/1/tool_use_id").asString()).isEqualTo("t2");
        assertThat(b.at("/messages/1/content/1/content").asString()).isEmpty();
        assertThat(b.get("system").asString()).isEqualTo("rule\n\nlate rule");
        assertThat(b.get("max_tokens").asInt()).isEqualTo(7);
        assertThat(b.get("metadata").asString()).isEqualTo("m");
        assertThatThrownBy(() -> AnthropicCodec.body(ChatRequest.builder("m").message(ChatMessage.of("robot", "x")).build()))
                .isInstanceOf(LlmException.class).hasMessageContaining("unknown message role 'robot'");
        assertThatThrownBy(() -> AnthropicCodec.body(ChatRequest.builder("m").build())).hasMessageContaining("at least one message");
    }

    @Test
    void openaiToolCallAndResult() throws LlmException {
        var tool = new ToolSpec("get_current_weather", "Get the current weather in a given location", Json.parse(
                "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"The city and state, e.g. San Francisco, CA\"},"
                        + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"location\"]}"));
        var call = new ToolCall("call_abc123", "get_current_weather", Json.MAPPER.getNodeFactory().stringNode("{\n\"location\": \"Boston, MA\"\n}"));
        var r = ChatRequest.builder("gpt-4o-mini").tools(List.of(tool)).parallelToolCalls(true).messages(List.of(
                ChatMessage.of("user", "What is the weather like in Boston today?"), new ChatMessage("assistant", null, List.of(call), null),
                new ChatMessage("tool", "{\"temperature\": 22, \"unit\": \"celsius\"}", null, "call_abc123"))).build();
        assertThat(sent(new OpenAiCodec().body(r))).isEqualTo(fixture("openai/request-chat-tool-result.json"));
    }

    @Test
    void openaiJsonSchemaAndStreamUsage() throws LlmException {
        JsonNode expected = fixture("openai/request-response-format-json-schema.json");
        var schema = Json.object().put("name", "Location").put("description", "A location with a temperature reading");
        schema.set("schema", expected.at("/response_format/json_schema/schema"));
        var r = ChatRequest.builder("gpt-4o-2024-08-06").message(ChatMessage.of("user", "What's the weather like in SF?"))
                .responseFormat("json_schema").jsonSchema(schema).build();
        assertThat(sent(new OpenAiCodec().body(r))).isEqualTo(expected);
        var s = ChatRequest.builder("gpt-4o-mini").messages(List.of(ChatMessage.of("developer", "You are a helpful assistant."), ChatMessage.of("user", "Hello!")))
                .stream(true).build();
        assertThatThrownBy(() -> new OpenAiCodec().body(s)).hasMessageContaining("unknown message role 'developer'");
        var system = s.toBuilder().messages(List.of(ChatMessage.of("user", "Hello!"))).system("You are a helpful assistant.").build();
        JsonNode usage = fixture("openai/request-chat-stream-usage.json");
        ((tools.jackson.databind.node.ObjectNode) usage.get("messages").get(0)).put("role", "system");
        assertThat(sent(new OpenAiCodec().body(system))).isEqualTo(usage);
    }

    @Test
    void groqStreamAndTools() throws LlmException {
        var r = ChatRequest.builder("llama-3.3-70b-versatile").system("You are a helpful assistant.")
                .message(ChatMessage.of("user", "Invent a new holiday and describe its traditions.")).temperature(0.5).maxTokens(1024).stream(true).build();
        assertThat(sent(new GroqCodec().body(r))).isEqualTo(fixture("groq/request-chat-stream.json"));
        var weather = new ToolSpec("weather", "Get the weather in a location",
                Json.parse("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}"));
        var t = ChatRequest.builder("llama-3.3-70b-versatile").message(ChatMessage.of("user", "What is the weather in San Francisco?"))
                .tools(List.of(weather)).toolChoice(ToolChoice.of("auto")).parallelToolCalls(false).build();
        assertThat(sent(new GroqCodec().body(t))).isEqualTo(fixture("groq/request-chat-tools.json"));
    }
}
