package dev.catalyst.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.testkit.ProviderCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The fakes' output against the recorded provider corpus (testkit test resources): the same events in the same
 * order (runs of repeated deltas collapsed), and for each kind of event the same field names.
 */
class FixtureConformanceTest {
    static AnthropicFake anthropic;
    static OpenAiFake openai;
    static GroqFake groq;
    static VoyageFake voyage;

    @BeforeAll
    static void start() {
        anthropic = new AnthropicFake();
        openai = new OpenAiFake();
        groq = new GroqFake();
        voyage = new VoyageFake();
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        openai.close();
        groq.close();
        voyage.close();
    }

    static final Map<String, String> ANTHROPIC_HEADERS = Map.of("x-api-key", "k", "anthropic-version", "2023-06-01", "content-type", "application/json");
    static final Map<String, String> BEARER = Map.of("authorization", "Bearer k", "content-type", "application/json");

    // ---- kinds of events

    static String anthropicKind(Wire.Event e) {
        JsonNode d = e.json();
        return switch (e.name()) {
            case "content_block_start" -> e.name() + ":" + d.path("content_block").path("type").asString();
            case "content_block_delta" -> e.name() + ":" + d.path("delta").path("type").asString();
            default -> e.name();
        };
    }

    static String chatKind(Wire.Event e) {
        if (e.data().equals("[DONE]")) return "done";
        JsonNode d = e.json();
        if (d.has("error")) return "error";
        if (d.path("x_groq").has("error")) return "x_groq_error";
        JsonNode choices = d.path("choices");
        if (choices.isEmpty()) return "usage";
        JsonNode choice = choices.get(0);
        JsonNode delta = choice.path("delta");
        if (!choice.path("finish_reason").isNull()) return "finish";
        if (delta.has("role")) return "role";
        if (delta.has("tool_calls")) return delta.get("tool_calls").get(0).has("id") ? "tool_call_head" : "tool_call_args";
        if (delta.has("refusal")) return "refusal";
        return "content";
    }

    static void sameStream(List<Wire.Event> fixture, List<Wire.Event> fake, Function<Wire.Event, String> kind) {
        assertThat(collapse(fake, kind)).containsExactlyElementsOf(collapse(fixture, kind));
        Map<String, TreeSet<String>> want = shapes(fixture, kind);
        Map<String, TreeSet<String>> got = shapes(fake, kind);
        want.forEach((k, shape) -> assertThat(got.get(k)).as("fields of " + k).isEqualTo(shape));
    }

    static List<String> collapse(List<Wire.Event> events, Function<Wire.Event, String> kind) {
        var out = new ArrayList<String>();
        for (Wire.Event e : events) {
            String k = kind.apply(e);
            if (out.isEmpty() || !out.getLast().equals(k)) out.add(k);
        }
        return out;
    }

    static Map<String, TreeSet<String>> shapes(List<Wire.Event> events, Function<Wire.Event, String> kind) {
        var out = new LinkedHashMap<String, TreeSet<String>>();
        for (Wire.Event e : events) {
            if (e.data().equals("[DONE]")) continue;
            out.putIfAbsent(kind.apply(e), Wire.shape(e.json()));
        }
        return out;
    }

    static String anthropicBody(boolean stream, String extra) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about otters\"}]" + extra + "}";
    }

    static final String WEATHER_TOOL = "{\"name\":\"get_weather\",\"description\":\"Get the current weather\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"location\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"fahrenheit\",\"celsius\"]}},\"required\":[\"location\",\"unit\"]}}";

    @Test
    void anthropicTextStreamMatchesDocsTranscript() throws Exception {
        var res = Wire.post(anthropic.root().resolve("/v1/messages"), ANTHROPIC_HEADERS, anthropicBody(true, ""));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        sameStream(Wire.events(ProviderCorpus.read("anthropic/stream-text.docs.sse")), Wire.events(res.body()), FixtureConformanceTest::anthropicKind);
    }

    @Test
    void anthropicToolStreamMatchesDocsTranscript() throws Exception {
        var res = Wire.post(anthropic.root().resolve("/v1/messages"), ANTHROPIC_HEADERS, anthropicBody(true, ",\"tools\":[" + WEATHER_TOOL + "]"));
        var fake = Wire.events(res.body());
        sameStream(Wire.events(ProviderCorpus.read("anthropic/stream-tool-use.docs.sse")), fake, FixtureConformanceTest::anthropicKind);
        var json = new StringBuilder();
        fake.stream().filter(e -> e.data().contains("input_json_delta")).forEach(e -> json.append(e.json().path("delta").path("partial_json").asString()));
        assertThat(Json.parse(json.toString()).path("location").asString()).isEqualTo("San Francisco, CA");
    }

    @Test
    void anthropicMessageMatchesDocsResponse() throws Exception {
        var res = Wire.post(anthropic.root().resolve("/v1/messages"), ANTHROPIC_HEADERS, anthropicBody(false, ""));
        assertThat(Wire.shape(Json.parse(res.body()))).isEqualTo(Wire.shape(Json.parse(ProviderCorpus.read("anthropic/response-message.docs.json"))));
        var tool = Wire.post(anthropic.root().resolve("/v1/messages"), ANTHROPIC_HEADERS, anthropicBody(false, ",\"tools\":[" + WEATHER_TOOL + "]"));
        JsonNode fixture = Json.parse(ProviderCorpus.read("anthropic/response-tool-use.constructed.json"));
        JsonNode got = Json.parse(tool.body());
        assertThat(Wire.shape(got.get("content"))).isEqualTo(Wire.shape(fixture.get("content")));
        assertThat(got.get("stop_reason").asString()).isEqualTo("tool_use");
    }

    @Test
    void anthropicErrorEventMatchesTheDocsLine() throws Exception {
        var h = new LinkedHashMap<>(ANTHROPIC_HEADERS);
        h.put(FakeServer.FAULT_HEADER, "error_event_after_200");
        var res = Wire.post(anthropic.root().resolve("/v1/messages"), h, anthropicBody(true, ""));
        var fixture = Wire.events(ProviderCorpus.read("anthropic/stream-error-overloaded.constructed.sse"));
        var fake = Wire.events(res.body());
        assertThat(fake.getLast()).isEqualTo(fixture.getLast());
        assertThat(collapse(fake, FixtureConformanceTest::anthropicKind)).containsExactly(
                "message_start", "content_block_start:text", "ping", "content_block_delta:text_delta", "error");
    }

    static String chatBody(boolean stream, String extra) {
        return "{\"model\":\"gpt-4o\",\"stream\":" + stream + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about otters\"}]" + extra + "}";
    }

    static final String FN = "{\"type\":\"function\",\"function\":{\"name\":\"%s\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}";

    @Test
    void openaiTextStreamMatchesRecording() throws Exception {
        var res = Wire.post(openai.baseUrl().resolve("/v1/chat/completions"), BEARER, chatBody(true, ""));
        sameStream(Wire.events(ProviderCorpus.read("openai/stream-text-with-usage.recorded.sse")), Wire.events(res.body()), FixtureConformanceTest::chatKind);
    }

    @Test
    void openaiParallelToolStreamMatchesRecording() throws Exception {
        String tools = ",\"tools\":[" + FN.formatted("GetWeatherArgs") + "," + FN.formatted("GetTimeArgs") + "]";
        var res = Wire.post(openai.baseUrl().resolve("/v1/chat/completions"), BEARER, chatBody(true, tools));
        sameStream(Wire.events(ProviderCorpus.read("openai/stream-tool-calls-parallel.recorded.sse")), Wire.events(res.body()), FixtureConformanceTest::chatKind);
    }

    @Test
    void openaiCompletionMatchesDocs() throws Exception {
        var res = Wire.post(openai.baseUrl().resolve("/v1/chat/completions"), BEARER, chatBody(false, ""));
        assertThat(Wire.shape(Json.parse(res.body()))).isEqualTo(Wire.shape(Json.parse(ProviderCorpus.read("openai/response-chat.docs.json"))));
        var tools = Wire.post(openai.baseUrl().resolve("/v1/chat/completions"), BEARER, chatBody(false, ",\"tools\":[" + FN.formatted("get_weather") + "]"));
        JsonNode fixture = Json.parse(ProviderCorpus.read("openai/response-chat-tool-calls.docs.json"));
        assertThat(Wire.shape(Json.parse(tools.body()).at("/choices/0/message/tool_calls")))
                .isEqualTo(Wire.shape(fixture.at("/choices/0/message/tool_calls")));
    }

    @Test
    void openaiErrorAfter200MatchesConstructedStream() throws Exception {
        var h = new LinkedHashMap<>(BEARER);
        h.put(FakeServer.FAULT_HEADER, "error_event_after_200");
        var res = Wire.post(openai.baseUrl().resolve("/v1/chat/completions"), h, chatBody(true, ""));
        var fixture = Wire.events(ProviderCorpus.read("openai/stream-error-midstream.constructed.sse"));
        var fake = Wire.events(res.body());
        assertThat(collapse(fake, FixtureConformanceTest::chatKind)).containsExactlyElementsOf(collapse(fixture, FixtureConformanceTest::chatKind));
        assertThat(Wire.shape(fake.getLast().json())).isEqualTo(Wire.shape(fixture.getLast().json()));
    }

    static String groqBody(boolean stream, String extra) {
        return "{\"model\":\"openai/gpt-oss-120b\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about otters\"}]" + extra + "}";
    }

    @Test
    void groqStreamsMatchRecordings() throws Exception {
        var text = Wire.post(groq.baseUrl().resolve("/openai/v1/chat/completions"), BEARER, groqBody(true, ""));
        sameStream(Wire.events(ProviderCorpus.read("groq/stream-text.recorded-excerpt.sse")), Wire.events(text.body()), FixtureConformanceTest::chatKind);
        var tool = Wire.post(groq.baseUrl().resolve("/openai/v1/chat/completions"), BEARER, groqBody(true, ",\"tools\":[" + FN.formatted("weather") + "]"));
        sameStream(Wire.events(ProviderCorpus.read("groq/stream-tool-call.recorded.sse")), Wire.events(tool.body()), FixtureConformanceTest::chatKind);
        var h = new LinkedHashMap<>(BEARER);
        h.put(FakeServer.FAULT_HEADER, "error_event_after_200");
        var err = Wire.post(groq.baseUrl().resolve("/openai/v1/chat/completions"), h, groqBody(true, ""));
        sameStream(Wire.events(ProviderCorpus.read("groq/stream-error-xgroq.constructed.sse")), Wire.events(err.body()), FixtureConformanceTest::chatKind);
    }

    @Test
    void groqCompletionMatchesRecording() throws Exception {
        var res = Wire.post(groq.baseUrl().resolve("/openai/v1/chat/completions"), BEARER, groqBody(false, ""));
        assertThat(Wire.shape(Json.parse(res.body()))).isEqualTo(Wire.shape(Json.parse(ProviderCorpus.read("groq/response-chat.recorded.json"))));
    }

    @Test
    void embeddingsMatchFixtures() throws Exception {
        var f = Wire.post(openai.baseUrl().resolve("/v1/embeddings"), BEARER, "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"],\"dimensions\":3}");
        assertThat(Wire.shape(Json.parse(f.body()))).isEqualTo(Wire.shape(Json.parse(ProviderCorpus.read("openai/embeddings/response-float.constructed.json"))));
        var b = Wire.post(openai.baseUrl().resolve("/v1/embeddings"), BEARER, "{\"model\":\"text-embedding-3-small\",\"input\":\"a\",\"encoding_format\":\"base64\"}");
        assertThat(Wire.shape(Json.parse(b.body()))).isEqualTo(Wire.shape(Json.parse(ProviderCorpus.read("openai/embeddings/response-base64.constructed.json"))));
        var v = Wire.post(voyage.baseUrl().resolve("/v1/embeddings"), BEARER, "{\"model\":\"voyage-4\",\"input\":[\"a\"],\"input_type\":\"document\"}");
        assertThat(Wire.shape(Json.parse(v.body()))).isEqualTo(Wire.shape(Json.parse(ProviderCorpus.read("voyage/response-float.constructed.json"))));
        var v64 = Wire.post(voyage.baseUrl().resolve("/v1/embeddings"), BEARER, "{\"model\":\"voyage-4\",\"input\":\"a\",\"encoding_format\":\"base64\"}");
        assertThat(Wire.shape(Json.parse(v64.body()))).isEqualTo(Wire.shape(Json.parse(ProviderCorpus.read("voyage/response-base64-float.constructed.json"))));
    }
}
