package dev.catalyst.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FakeBehaviourTest {
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
        for (FakeServer f : new FakeServer[] {anthropic, openai, groq, voyage}) {
            f.faultTiming(new FaultTiming(Duration.ofMillis(300), Duration.ofMillis(300), 1, 50));
        }
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        openai.close();
        groq.close();
        voyage.close();
    }

    static Map<String, String> with(Map<String, String> base, String fault) {
        var h = new LinkedHashMap<>(base);
        if (fault != null) h.put(FakeServer.FAULT_HEADER, fault);
        return h;
    }

    static HttpResponse<String> claude(String fault, boolean stream) throws Exception {
        return Wire.post(anthropic.root().resolve("/v1/messages"), with(FixtureConformanceTest.ANTHROPIC_HEADERS, fault),
                FixtureConformanceTest.anthropicBody(stream, ""));
    }

    static HttpResponse<String> gpt(String fault, boolean stream) throws Exception {
        return Wire.post(openai.baseUrl().resolve("/v1/chat/completions"), with(FixtureConformanceTest.BEARER, fault),
                FixtureConformanceTest.chatBody(stream, ""));
    }

    static HttpResponse<String> groqCall(String fault, String body) throws Exception {
        return Wire.post(groq.baseUrl().resolve("/openai/v1/chat/completions"), with(FixtureConformanceTest.BEARER, fault), body);
    }

    @Test
    void httpFaultsAnswerWithEachProvidersStatusHeadersAndBody() throws Exception {
        var r401 = claude("http_401", true);
        assertThat(r401.statusCode()).isEqualTo(401);
        assertThat(Json.parse(r401.body()).at("/error/type").asString()).isEqualTo("authentication_error");
        var r429 = claude("http_429", false);
        assertThat(r429.statusCode()).isEqualTo(429);
        assertThat(r429.headers().firstValue("retry-after")).contains("1");
        assertThat(claude("http_429_retry_after_ms", false).headers().firstValue("retry-after-ms")).contains("50");
        assertThat(claude("http_500", false).statusCode()).isEqualTo(500);
        assertThat(Json.parse(claude("http_529_overloaded", false).body()).at("/error/type").asString()).isEqualTo("overloaded_error");
        assertThat(claude("http_413", false).statusCode()).isEqualTo(413);
        assertThat(claude("http_498_flex", false).statusCode()).isEqualTo(498);

        assertThat(Json.parse(gpt("http_401", true).body()).at("/error/code").asString()).isEqualTo("invalid_api_key");
        assertThat(gpt("http_429_retry_after", true).headers().firstValue("retry-after")).contains("1");
        assertThat(gpt("http_429_retry_after_ms", true).headers().firstValue("retry-after-ms")).contains("50");
        assertThat(gpt("http_500", true).statusCode()).isEqualTo(500);
        assertThat(gpt("http_529_overloaded", true).statusCode()).isEqualTo(503);
        assertThat(gpt("http_413", true).statusCode()).isEqualTo(413);
        String g = FixtureConformanceTest.groqBody(true, "");
        assertThat(groqCall("http_498_flex", g).statusCode()).isEqualTo(498);
        assertThat(Json.parse(groqCall("http_413", g).body()).at("/error/code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(Json.parse(groqCall("http_401", g).body()).at("/error/message").asString()).isEqualTo("Invalid API Key");
        assertThat(groqCall("http_500", g).statusCode()).isEqualTo(500);
    }

    @Test
    void queuedFaultsAndScriptsComeFirstAndOnce() throws Exception {
        openai.enqueue(Fault.HTTP_500).enqueueJson(418, "{\"teapot\":true}").enqueueSse("data: 1\n\ndata: [DONE]\n\n");
        assertThat(gpt(null, true).statusCode()).isEqualTo(500);
        var scripted = gpt(null, true);
        assertThat(scripted.statusCode()).isEqualTo(418);
        assertThat(scripted.body()).isEqualTo("{\"teapot\":true}");
        assertThat(gpt(null, true).body()).isEqualTo("data: 1\n\ndata: [DONE]\n\n");
        assertThat(gpt(null, true).statusCode()).isEqualTo(200);
        assertThat(openai.lastRequest().header("Authorization")).isEqualTo("Bearer k");
        assertThat(openai.lastRequest().json().path("model").asString()).isEqualTo("gpt-4o");
        assertThat(openai.requests()).isNotEmpty();
    }

    @Test
    void requestsAreCheckedLikeTheRealApis() throws Exception {
        URI messages = anthropic.root().resolve("/v1/messages");
        String ok = FixtureConformanceTest.anthropicBody(false, "");
        assertThat(Wire.post(messages, Map.of("anthropic-version", "2023-06-01"), ok).statusCode()).isEqualTo(401);
        var noVersion = Wire.post(messages, Map.of("x-api-key", "k"), ok);
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("anthropic-version");
        var h = FixtureConformanceTest.ANTHROPIC_HEADERS;
        assertThat(Wire.post(messages, h, "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body()).contains("max_tokens: Field required");
        assertThat(Wire.post(messages, h, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[]}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(messages, h, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}").body()).contains("role");
        assertThat(Wire.post(messages, h, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body()).contains("temperature");
        assertThat(Wire.post(messages, h, "{not json").statusCode()).isEqualTo(400);
        var unknown = Wire.post(messages, h, "{\"model\":\"claude-nope\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Wire.post(anthropic.root().resolve("/v1/other"), h, ok).statusCode()).isEqualTo(404);

        URI chat = openai.baseUrl().resolve("/v1/chat/completions");
        assertThat(Wire.post(chat, Map.of(), FixtureConformanceTest.chatBody(false, "")).statusCode()).isEqualTo(401);
        var b = FixtureConformanceTest.BEARER;
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-4o\",\"messages\":[]}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-4o\"}").body()).contains("messages");
        assertThat(Wire.post(chat, b, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body()).contains("model");
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-4o\",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body()).contains("stream_options");
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-6.1-sol\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body()).contains("unsupported_parameter");
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-4o\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body()).contains("json_schema.name");
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}").body()).contains("tool_call_id");
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(chat, b, "{\"model\":\"gpt-4o\",\"temperature\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(chat, b, "[1").statusCode()).isEqualTo(400);
        assertThat(Json.parse(Wire.post(chat, b, "{\"model\":\"gpt-nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body()).at("/error/code").asString()).isEqualTo("model_not_found");
        assertThat(Wire.post(openai.baseUrl().resolve("/v1/nothing"), b, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void groqRejectsWhatGroqRejects() throws Exception {
        String msgs = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        for (String extra : new String[] {"\"logprobs\":true", "\"logit_bias\":{}", "\"top_logprobs\":2", "\"n\":2"}) {
            var r = groqCall(null, "{\"model\":\"openai/gpt-oss-120b\"," + extra + "," + msgs + "}");
            assertThat(r.statusCode()).as(extra).isEqualTo(400);
            assertThat(Json.parse(r.body()).path("error").has("param")).isFalse();
        }
        var named = groqCall(null, "{\"model\":\"openai/gpt-oss-120b\",\"messages\":[{\"role\":\"user\",\"name\":\"bob\",\"content\":\"x\"}]}");
        assertThat(named.body()).contains("name");
        assertThat(groqCall(null, "{\"model\":\"openai/gpt-oss-120b\",\"n\":1," + msgs + "}").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CUT_MID_STREAM", "MALFORMED_CHUNK", "STALL_BETWEEN_CHUNKS", "SLOW_FIRST_BYTE", "ERROR_EVENT_AFTER_200"})
    void streamFaultsOnEveryChatFake(Fault fault) throws Exception {
        for (FakeServer f : new FakeServer[] {anthropic, openai, groq}) {
            URI uri = f == anthropic ? f.root().resolve("/v1/messages") : URI.create(f.baseUrl() + "/chat/completions");
            var headers = with(f == anthropic ? FixtureConformanceTest.ANTHROPIC_HEADERS : FixtureConformanceTest.BEARER, fault.wireName());
            String body = f == anthropic ? FixtureConformanceTest.anthropicBody(true, "")
                    : f == groq ? FixtureConformanceTest.groqBody(true, "") : FixtureConformanceTest.chatBody(true, "");
            if (fault == Fault.CUT_MID_STREAM) {
                assertThatThrownBy(() -> Wire.post(uri, headers, body)).as(f.provider()).isInstanceOf(IOException.class);
                continue;
            }
            var res = Wire.post(uri, headers, body);
            assertThat(res.statusCode()).isEqualTo(200);
            switch (fault) {
                case MALFORMED_CHUNK -> assertThat(res.body()).as(f.provider()).contains("\"br\n\n").doesNotContain("[DONE]").doesNotContain("message_stop");
                case ERROR_EVENT_AFTER_200 -> assertThat(res.body()).as(f.provider()).containsAnyOf("event: error", "\"error\"");
                default -> assertThat(res.body()).as(f.provider()).containsAnyOf("[DONE]", "message_stop");
            }
        }
    }

    @Test
    void nonStreamingFaults() throws Exception {
        assertThatThrownBy(() -> claude("cut_mid_stream", false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> gpt("cut_mid_stream", false)).isInstanceOf(IOException.class);
        assertThat(claude("malformed_chunk", false).body()).doesNotEndWith("}");
        assertThat(gpt("malformed_chunk", false).body()).doesNotEndWith("}");
        assertThat(claude("error_event_after_200", false).statusCode()).isEqualTo(529);
        assertThat(gpt("error_event_after_200", false).statusCode()).isEqualTo(500);
        assertThat(claude("stall_between_chunks", false).statusCode()).isEqualTo(200);
        assertThat(gpt("stall_between_chunks", false).statusCode()).isEqualTo(200);
    }

    @Test
    void hangNeverAnswersAndTheFakeSeesTheClientLeave() throws Exception {
        var req = HttpRequest.newBuilder(anthropic.root().resolve("/v1/messages")).timeout(Duration.ofMillis(200))
                .header("x-api-key", "k").header("anthropic-version", "2023-06-01").header(FakeServer.FAULT_HEADER, "hang")
                .POST(HttpRequest.BodyPublishers.ofString(FixtureConformanceTest.anthropicBody(true, ""))).build();
        assertThatThrownBy(() -> Wire.CLIENT.send(req, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);

        // a slow stream: the client reads one event and closes; the fake's next write fails
        try (var slow = new OpenAiFake()) {
            slow.pacing(new Pacing(Duration.ZERO, 5));
            var r = HttpRequest.newBuilder(URI.create(slow.baseUrl() + "/chat/completions"))
                    .header("authorization", "Bearer k").POST(HttpRequest.BodyPublishers.ofString(FixtureConformanceTest.chatBody(true, ""))).build();
            HttpResponse<InputStream> res = Wire.CLIENT.send(r, HttpResponse.BodyHandlers.ofInputStream());
            InputStream in = res.body();
            assertThat(in.read()).isEqualTo('d');
            in.close();
            assertThat(slow.awaitDisconnect(Duration.ofSeconds(10))).isTrue();
            assertThat(slow.disconnects()).isEqualTo(1);
            assertThat(slow.pacing().tokensPerSecond()).isEqualTo(5);
        }
    }

    @Test
    void pacingSpacesTokens() throws Exception {
        try (var paced = new AnthropicFake()) {
            paced.pacing(new Pacing(Duration.ofMillis(30), 200));
            var res = Wire.post(paced.root().resolve("/v1/messages"), FixtureConformanceTest.ANTHROPIC_HEADERS, FixtureConformanceTest.anthropicBody(true, ""));
            assertThat(res.body()).contains("message_stop");
        }
        assertThat(Pacing.realistic().tokenGapNanos()).isPositive();
        assertThat(Pacing.instant().tokenGapNanos()).isZero();
        assertThatThrownBy(() -> new Pacing(Duration.ofMillis(-1), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultNamesParse() {
        assertThat(Fault.parse("http_429")).contains(Fault.HTTP_429_RETRY_AFTER);
        assertThat(Fault.parse("HTTP_529")).contains(Fault.HTTP_529_OVERLOADED);
        assertThat(Fault.parse("http_498")).contains(Fault.HTTP_498_FLEX);
        assertThat(Fault.parse(" cut_mid_stream ")).contains(Fault.CUT_MID_STREAM);
        assertThat(Fault.parse("nope")).isEmpty();
        assertThat(Fault.parse(null)).isEmpty();
    }

    @Test
    void embeddingsEndpoints() throws Exception {
        URI oe = openai.baseUrl().resolve("/v1/embeddings");
        var b = FixtureConformanceTest.BEARER;
        var res = Json.parse(Wire.post(oe, b, "{\"model\":\"text-embedding-3-large\",\"input\":[\"a\",\"b\"]}").body());
        assertThat(res.at("/data/1/embedding").size()).isEqualTo(3072);
        assertThat(res.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(Wire.post(oe, b, "{\"model\":\"text-embedding-ada-002\",\"input\":\"a\",\"dimensions\":3}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(oe, b, "{\"model\":\"text-embedding-3-small\",\"input\":\"\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(oe, b, "{\"model\":\"text-embedding-3-small\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(oe, b, "{\"input\":\"a\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(oe, b, "{\"model\":\"text-embedding-3-small\",\"input\":\"a\",\"encoding_format\":\"hex\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(oe, b, "{\"model\":\"nope\",\"input\":\"a\"}").statusCode()).isEqualTo(404);
        assertThat(Wire.post(oe, b, "{oops").statusCode()).isEqualTo(400);
        assertThat(Wire.post(oe, with(b, "http_429_retry_after_ms"), "{}").headers().firstValue("retry-after-ms")).contains("50");
        assertThat(Wire.post(oe, with(b, "http_429"), "{}").statusCode()).isEqualTo(429);
        assertThat(Wire.post(oe, with(b, "http_401"), "{}").statusCode()).isEqualTo(401);
        assertThat(Wire.post(oe, with(b, "http_500"), "{}").statusCode()).isEqualTo(500);

        URI ve = voyage.baseUrl().resolve("/v1/embeddings");
        assertThat(Wire.post(ve, Map.of(), "{}").statusCode()).isEqualTo(401);
        assertThat(Wire.post(voyage.root().resolve("/v2/x"), b, "{}").statusCode()).isEqualTo(404);
        assertThat(Json.parse(Wire.post(ve, b, "{\"model\":\"voyage-4\"}").body()).path("detail").asString()).contains("input");
        assertThat(Wire.post(ve, b, "{\"input\":\"a\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(ve, b, "{\"model\":\"voyage-4\",\"input\":\"a\",\"input_type\":\"poem\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(ve, b, "{\"model\":\"voyage-4\",\"input\":\"a\",\"output_dtype\":\"int8\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(ve, b, "{\"model\":\"voyage-nope\",\"input\":\"a\"}").statusCode()).isEqualTo(400);
        assertThat(Wire.post(ve, b, "nope").statusCode()).isEqualTo(400);
        assertThat(Json.parse(Wire.post(ve, b, "{\"model\":\"voyage-4\",\"input\":\"a\",\"output_dimension\":256}").body()).at("/data/0/embedding").size()).isEqualTo(256);
        for (String fault : new String[] {"http_401", "http_429", "http_429_retry_after_ms", "http_500", "http_529_overloaded", "http_413"}) {
            assertThat(Wire.post(ve, with(b, fault), "{\"model\":\"voyage-4\",\"input\":\"a\"}").statusCode()).as(fault).isGreaterThanOrEqualTo(400);
        }
        assertThat(Wire.post(ve, with(b, "slow_first_byte"), "{\"model\":\"voyage-4\",\"input\":\"a\"}").statusCode()).isEqualTo(200);
        float[] v = EmbeddingsFakes.vector("x", 8);
        double norm = 0;
        for (float f : v) norm += f * f;
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(EmbeddingsFakes.vector("x", 8)).containsExactly(v);
        assertThat(new String(java.util.Base64.getDecoder().decode(EmbeddingsFakes.base64(new float[] {0.125f})), StandardCharsets.ISO_8859_1)).hasSize(4);
    }
}
