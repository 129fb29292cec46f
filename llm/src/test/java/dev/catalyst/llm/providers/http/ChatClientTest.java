package dev.catalyst.llm.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.json.Json;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.ChatMessage;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.ChatResult;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.LlmProvider;
import dev.catalyst.llm.Providers;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.ToolChoice;
import dev.catalyst.llm.ToolSpec;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.FaultTiming;
import dev.catalyst.testkit.fake.Pacing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChatClientTest {
    static Fakes fakes;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void quickFaults() {
        for (String p : List.of("anthropic", "openai", "groq")) {
            fakes.of(p).reset().faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 1, 30));
        }
    }

    static LlmProvider client(String p) {
        return Providers.chat(p, fakes.settings);
    }

    static ChatRequest request(String p, boolean stream) {
        return ChatRequest.builder(Fakes.model(p)).system("You are helpful.").message(ChatMessage.of("user", "Tell me about otters"))
                .maxTokens(200).temperature(0.5).stream(stream).build();
    }

    static ChatResult call(String p, ChatRequest r, List<StreamChunk> chunks) throws Exception {
        return client(p).chat(r, CallOptions.of(Fakes.KEY), chunks::add);
    }

    static LlmError failure(String p, ChatRequest r) {
        try {
            call(p, r, new ArrayList<>());
        } catch (LlmException e) {
            assertThat(e.getMessage()).doesNotContain(Fakes.KEY.reveal());
            assertThat(e.toString()).doesNotContain(Fakes.KEY.reveal());
            return e.error();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call did not fail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void streamedAndNotStreamedGiveTheSameAnswer(String p) throws Exception {
        var chunks = new ArrayList<StreamChunk>();
        ChatResult streamed = call(p, request(p, true), chunks);
        ChatResult whole = call(p, request(p, false), new ArrayList<>());
        assertThat(streamed.text()).contains("otters").isEqualTo(whole.text());
        assertThat(streamed.usage()).isEqualTo(whole.usage());
        assertThat(streamed.usage().inputTokens()).isPositive();
        assertThat(streamed.finish()).isEqualTo(StreamChunk.FinishReason.STOP);
        assertThat(chunks.stream().filter(c -> c instanceof StreamChunk.TextDelta).count()).isGreaterThan(3);
        var sent = fakes.of(p).lastRequest();
        assertThat(sent.body()).doesNotContain("\"stream\"");
        assertThat(sent.toString()).contains("otters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void connectionsAreReused(String p) throws Exception {
        call(p, request(p, true), new ArrayList<>());
        int first = fakes.of(p).lastRequest().clientPort();
        call(p, request(p, true), new ArrayList<>());
        call(p, request(p, false), new ArrayList<>());
        assertThat(fakes.of(p).requests().subList(fakes.of(p).requests().size() - 2, fakes.of(p).requests().size()))
                .allSatisfy(r -> assertThat(r.clientPort()).isEqualTo(first));
    }

    /** A plain-http upstream gets HTTP/1.1 without the JDK client's h2c upgrade offer (ADR 20). */
    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void plainHttpUpstreamsAreNotAskedToUpgrade(String p) throws Exception {
        call(p, request(p, true), new ArrayList<>());
        call(p, request(p, false), new ArrayList<>());
        assertThat(fakes.of(p).requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("upgrade")).isNull();
            assertThat(r.header("http2-settings")).isNull();
        });
    }

    /** The client offers no compression (a compressed event stream can be held back) and keeps the codec's headers. */
    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void theClientOffersNoCompressionAndSendsTheCodecsHeaders(String p) throws Exception {
        call(p, request(p, true), new ArrayList<>());
        var r = fakes.of(p).lastRequest();
        assertThat(r.header("accept-encoding")).isNull();
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.header("accept")).isEqualTo("text/event-stream");
    }

    /** Closed settings stop the shared client: a call then fails at once with a server error instead of waiting. */
    @Test
    void closedSettingsFailACallInsteadOfHangingIt() {
        var closed = ProviderSettings.of(fakes.settings.baseUrls()).withRetry(RetryPolicy.defaults().withMaxRetries(0));
        closed.close();
        assertThatThrownBy(() -> Providers.chat("openai", closed).chat(request("openai", true), CallOptions.of(Fakes.KEY), c -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.SERVER_ERROR));
    }

    @Test
    void anthropicRequestCarriesHeadersAndFields() throws Exception {
        var r = ChatRequest.builder("claude-sonnet-5-5").system("Be brief.")
                .messages(List.of(ChatMessage.of("system", "Extra rule."), ChatMessage.of("user", "Hi"), ChatMessage.of("assistant", "Hello!"),
                        ChatMessage.of("user", "Tell me about otters")))
                .maxTokens(50).temperature(0.2).topP(0.9).topK(5).stopSequences(List.of("STOP")).stream(true).build();
        call("anthropic", r, new ArrayList<>());
        var sent = fakes.anthropic.lastRequest();
        assertThat(sent.header("x-api-key")).isEqualTo(Fakes.KEY.reveal());
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        var b = sent.json();
        assertThat(b.path("system").asString()).isEqualTo("Be brief.\n\nExtra rule.");
        assertThat(b.path("messages").size()).isEqualTo(3);
        assertThat(b.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(b.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(b.path("top_k").asInt()).isEqualTo(5);
        assertThat(b.path("stop_sequences").get(0).asString()).isEqualTo("STOP");
        assertThat(b.path("stream").asBoolean()).isTrue();
    }

    static final ToolSpec WEATHER = new ToolSpec("get_weather", "Weather now", Json.parse(
            "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"location\",\"unit\"]}"));
    static final ToolSpec TIME = new ToolSpec("get_time", "Time now", Json.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));

    static ChatRequest tools(String p, boolean stream, ToolChoice choice, Boolean parallel) {
        return ChatRequest.builder(Fakes.model(p)).message(ChatMessage.of("user", "Weather in SF?")).maxTokens(200)
                .tools(List.of(WEATHER, TIME)).toolChoice(choice).parallelToolCalls(parallel).stream(stream).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void toolCallsAreAssembledFromFragments(String p) throws Exception {
        for (boolean stream : new boolean[] {true, false}) {
            ChatResult r = call(p, tools(p, stream, ToolChoice.of("auto"), p.equals("anthropic") ? Boolean.FALSE : Boolean.TRUE), new ArrayList<>());
            assertThat(r.finish()).isEqualTo(StreamChunk.FinishReason.TOOL_USE);
            assertThat(r.toolCalls().getFirst().name()).isEqualTo("get_weather");
            assertThat(r.toolCalls().getFirst().arguments().path("location").asString()).isEqualTo("San Francisco, CA");
            assertThat(r.toolCalls().getFirst().arguments().path("unit").asString()).isEqualTo("celsius");
            assertThat(r.toolCalls().getFirst().id()).isNotBlank();
            if (!p.equals("anthropic")) assertThat(r.toolCalls()).extracting(c -> c.name()).containsExactly("get_weather", "get_time");
        }
        ChatResult forced = call(p, tools(p, true, ToolChoice.tool("get_time"), null), new ArrayList<>());
        assertThat(forced.toolCalls()).extracting(c -> c.name()).containsExactly("get_time");
        var sentChoice = fakes.of(p).lastRequest().json().path("tool_choice");
        assertThat(sentChoice.toString()).contains("get_time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void toolResultsGoBackInEachProvidersShape(String p) throws Exception {
        var call = new dev.catalyst.llm.ToolCall("call_1", "get_weather", Json.parse("{\"location\":\"SF\"}"));
        var r = ChatRequest.builder(Fakes.model(p)).messages(List.of(ChatMessage.of("user", "Weather in SF?"),
                new ChatMessage("assistant", null, List.of(call), null), new ChatMessage("tool", "{\"temp\":18}", null, "call_1")))
                .maxTokens(100).tools(List.of(WEATHER)).build();
        ChatResult res = call(p, r, new ArrayList<>());
        assertThat(res.text()).contains("Based on the tool result");
        String body = fakes.of(p).lastRequest().body();
        assertThat(body).contains(p.equals("anthropic") ? "tool_result" : "tool_call_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "groq"})
    void jsonModes(String p) throws Exception {
        var obj = ChatRequest.builder(Fakes.model(p)).system("Answer in JSON.").message(ChatMessage.of("user", "about otters")).maxTokens(200)
                .responseFormat("json_object").stream(true).build();
        assertThat(Json.parse(call(p, obj, new ArrayList<>()).text()).path("topic").asString()).isEqualTo("otters");
        var schema = Json.parse("{\"name\":\"fact\",\"schema\":{\"type\":\"object\",\"properties\":{\"fact\":{\"type\":\"string\"},\"stars\":{\"type\":\"integer\"}},\"required\":[\"fact\",\"stars\"]}}");
        var js = ChatRequest.builder(Fakes.model(p)).message(ChatMessage.of("user", "about otters")).maxTokens(200)
                .responseFormat("json_schema").jsonSchema(schema).build();
        assertThat(Json.parse(call(p, js, new ArrayList<>()).text()).path("stars").asInt()).isEqualTo(1);
        assertThat(fakes.of(p).lastRequest().json().at("/response_format/json_schema/strict").asBoolean()).isTrue();
        var broken = ChatRequest.builder(Fakes.model(p)).message(ChatMessage.of("user", "x")).maxTokens(200)
                .responseFormat("json_schema").jsonSchema(Json.object()).build();
        assertThat(failure(p, broken).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void openaiUsesMaxCompletionTokensWhereTheModelNeedsItAndAsksForStreamUsage() throws Exception {
        call("openai", request("openai", true), new ArrayList<>());
        var b = fakes.openai.lastRequest().json();
        assertThat(b.has("max_completion_tokens")).isTrue();
        assertThat(b.has("max_tokens")).isFalse();
        assertThat(b.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(fakes.openai.lastRequest().header("authorization")).isEqualTo("Bearer " + Fakes.KEY.reveal());
        var legacy = ChatRequest.builder("gpt-4o").message(ChatMessage.of("user", "x")).maxTokens(20).build();
        call("openai", legacy, new ArrayList<>());
        assertThat(fakes.openai.lastRequest().json().path("max_tokens").asInt()).isEqualTo(20);
        call("groq", request("groq", true), new ArrayList<>());
        assertThat(fakes.groq.lastRequest().json().has("stream_options")).isFalse();
    }

    @Test
    void groqRejectsItsUnsupportedFieldsBeforeSending() {
        int before = fakes.groq.requests().size();
        for (String extra : List.of("{\"logprobs\":true}", "{\"logit_bias\":{}}", "{\"top_logprobs\":1}", "{\"n\":3}")) {
            var r = ChatRequest.builder(Fakes.model("groq")).message(ChatMessage.of("user", "x")).maxTokens(20)
                    .extra((tools.jackson.databind.node.ObjectNode) Json.parse(extra)).build();
            LlmError e = failure("groq", r);
            assertThat(e.code()).as(extra).isEqualTo(ErrorCode.INVALID_REQUEST);
        }
        assertThat(fakes.groq.requests()).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void httpFaultsMapToTheTaxonomy(String p) {
        var fake = fakes.of(p);
        fake.enqueue(Fault.HTTP_401);
        LlmError auth = failure(p, request(p, true));
        assertThat(auth.code()).isEqualTo(ErrorCode.AUTH);
        assertThat(auth.message()).startsWith(p);
        fake.enqueue(Fault.HTTP_413);
        assertThat(failure(p, request(p, true)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        var unknown = ChatRequest.builder("no-such-model").message(ChatMessage.of("user", "x")).maxTokens(20).build();
        assertThat(failure(p, unknown).code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
        int n = fake.requests().size();
        fake.enqueue(Fault.HTTP_500, Fault.HTTP_500, Fault.HTTP_500);
        LlmError server = failure(p, request(p, true));
        assertThat(server.code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(fake.requests().size() - n).isEqualTo(3);
        fake.enqueue(Fault.HTTP_529_OVERLOADED, Fault.HTTP_529_OVERLOADED, Fault.HTTP_529_OVERLOADED);
        assertThat(failure(p, request(p, false)).code()).isEqualTo(ErrorCode.OVERLOADED);
        fake.enqueue(Fault.HTTP_498_FLEX, Fault.HTTP_498_FLEX, Fault.HTTP_498_FLEX);
        assertThat(failure(p, request(p, false)).code()).isEqualTo(ErrorCode.OVERLOADED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void retriesHonourRetryAfterThenSucceed(String p) throws Exception {
        var fake = fakes.of(p);
        int n = fake.requests().size();
        fake.enqueue(Fault.HTTP_429_RETRY_AFTER_MS, Fault.HTTP_529_OVERLOADED);
        var chunks = new ArrayList<StreamChunk>();
        ChatResult r = call(p, request(p, true), chunks);
        assertThat(r.text()).contains("otters");
        assertThat(fake.requests().size() - n).isEqualTo(3);
        fake.enqueue(Fault.HTTP_429_RETRY_AFTER);
        assertThat(call(p, request(p, false), new ArrayList<>()).text()).contains("otters");
    }

    @Test
    void aRetryAfterPastTheDeadlineFailsAtOnceWithRetryAfter() throws Exception {
        fakes.openai.faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 30, 30));
        int n = fakes.openai.requests().size();
        fakes.openai.enqueue(Fault.HTTP_429_RETRY_AFTER);
        try {
            client("openai").chat(request("openai", true), new CallOptions(Fakes.KEY, null, Instant.now().plusSeconds(5), null), c -> { });
            throw new AssertionError("expected rate_limited");
        } catch (LlmException e) {
            assertThat(e.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.error().retryAfterMs()).isEqualTo(30_000L);
            assertThat(e.toNodeException().retryAfterMs()).isEqualTo(30_000L);
            assertThat(e.toNodeException().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        }
        assertThat(fakes.openai.requests().size() - n).isEqualTo(1);
        fakes.openai.enqueue(Fault.HTTP_401);
        assertThatThrownBy(() -> client("openai").chat(request("openai", false), new CallOptions(Fakes.KEY, null, null, 5), c -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.AUTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void midStreamFaultsKeepThePartialText(String p) throws Exception {
        var fake = fakes.of(p);
        for (Fault f : List.of(Fault.CUT_MID_STREAM, Fault.ERROR_EVENT_AFTER_200, Fault.MALFORMED_CHUNK)) {
            int n = fake.requests().size();
            fake.enqueue(f);
            var chunks = new CopyOnWriteArrayList<StreamChunk>();
            try {
                client(p).chat(request(p, true), CallOptions.of(Fakes.KEY), chunks::add);
                throw new AssertionError(f + " did not fail");
            } catch (LlmException e) {
                assertThat(e.error().code()).as(p + " " + f).isEqualTo(ErrorCode.STREAM_INTERRUPTED);
                assertThat(e.error().partialText()).as(p + " " + f).isNotEmpty();
                String streamed = chunks.stream().filter(c -> c instanceof StreamChunk.TextDelta).map(c -> ((StreamChunk.TextDelta) c).text())
                        .reduce("", String::concat);
                assertThat(e.error().partialText()).isEqualTo(streamed);
            }
            assertThat(fake.requests().size() - n).as("never retried after the first token").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void nonStreamedBrokenAnswersAreRetriedAsServerErrors(String p) throws Exception {
        var fake = fakes.of(p);
        int n = fake.requests().size();
        fake.enqueue(Fault.CUT_MID_STREAM, Fault.MALFORMED_CHUNK);
        assertThat(call(p, request(p, false), new ArrayList<>()).text()).contains("otters");
        assertThat(fake.requests().size() - n).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void timeoutsForFirstByteAndSilence(String p) throws Exception {
        var fake = fakes.of(p);
        fake.enqueue(Fault.SLOW_FIRST_BYTE, Fault.HANG, Fault.HANG);
        LlmError slow = failure(p, request(p, true));
        assertThat(slow.code()).isEqualTo(ErrorCode.TIMEOUT);
        fake.enqueue(Fault.STALL_BETWEEN_CHUNKS);
        LlmError stall = failure(p, request(p, true));
        assertThat(stall.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(stall.partialText()).isNotEmpty();
    }

    @Test
    void aWholeAnswerHasTheSameFirstByteLimitAsAStream() throws Exception {
        fakes.openai.faultTiming(new FaultTiming(Duration.ofMillis(1200), Duration.ofSeconds(3), 1, 30));
        fakes.openai.enqueue(Fault.SLOW_FIRST_BYTE, Fault.SLOW_FIRST_BYTE, Fault.SLOW_FIRST_BYTE);
        assertThat(failure("openai", request("openai", false)).code()).isEqualTo(ErrorCode.TIMEOUT);
        fakes.openai.enqueue(Fault.SLOW_FIRST_BYTE, Fault.SLOW_FIRST_BYTE, Fault.SLOW_FIRST_BYTE);
        assertThat(failure("openai", request("openai", true)).code()).isEqualTo(ErrorCode.TIMEOUT);
        // under the limit a whole answer arrives as before
        assertThat(call("openai", request("openai", false), new ArrayList<>()).text()).contains("otters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void aProviderThatNeverAnswersFailsAtTheFirstByteLimitNotTheTotal(String p) throws Exception {
        // a ten-minute total and a short first-byte limit: a hang must end by the latter, streamed or whole
        var settings = fakes.settings.withTimeouts(fakes.settings.timeouts().withTotal(Duration.ofMinutes(10)).withFirstByte(Duration.ofMillis(300)));
        var client = Providers.chat(p, settings);
        for (boolean stream : new boolean[] {false, true}) {
            fakes.of(p).enqueue(Fault.HANG);
            var options = new CallOptions(Fakes.KEY, null, null, 0);
            var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(LlmException.class,
                    () -> client.chat(request(p, stream), options, c -> { }));
            assertThat(thrown).as("stream=" + stream).isNotNull();
            assertThat(thrown.error().code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(thrown.error().message()).contains("did not answer in time").doesNotContain("deadline");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "groq"})
    void cancellingClosesTheUpstreamConnection(String p) throws Exception {
        var fake = fakes.of(p);
        fake.pacing(new Pacing(Duration.ZERO, 10));
        var options = CallOptions.of(Fakes.KEY);
        var firstToken = new CountDownLatch(1);
        var error = new AtomicReference<LlmError>();
        var done = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                client(p).chat(request(p, true), options, c -> {
                    if (c instanceof StreamChunk.TextDelta) firstToken.countDown();
                });
            } catch (LlmException e) {
                error.set(e.error());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();
        options.cancellation().cancel("user stopped the run");
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(error.get().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(fake.awaitDisconnect(Duration.ofSeconds(10))).as("the fake sees the disconnect").isTrue();
    }

    @Test
    void cancellingDuringBackoffAndBeforeTheCall() throws Exception {
        var options = CallOptions.of(Fakes.KEY);
        options.cancellation().cancel("early");
        assertThatThrownBy(() -> client("openai").chat(request("openai", true), options, c -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CANCELLED));
        fakes.anthropic.faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 5, 30));
        fakes.anthropic.enqueue(Fault.HTTP_429_RETRY_AFTER);
        int before = fakes.anthropic.requests().size();
        var later = CallOptions.of(Fakes.KEY);
        var done = new CountDownLatch(1);
        var error = new AtomicReference<LlmError>();
        Thread.ofVirtual().start(() -> {
            try {
                client("anthropic").chat(request("anthropic", true), later, c -> { });
            } catch (LlmException e) {
                error.set(e.error());
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        while (fakes.anthropic.requests().size() == before) Thread.onSpinWait();
        later.cancellation().cancel("stop");
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(error.get().code()).isEqualTo(ErrorCode.CANCELLED);
    }

    @Test
    void connectionFailuresAreServerErrorsAndTheKeyNeverLeaks() {
        var dead = ProviderSettings.of(java.util.Map.of("openai", java.net.URI.create("http://127.0.0.1:1/v1")))
                .withRetry(RetryPolicy.defaults().withMaxRetries(1).withBase(Duration.ofMillis(5)));
        try {
            Providers.chat("openai", dead).chat(request("openai", false), CallOptions.of(Fakes.KEY), c -> { });
            throw new AssertionError("expected failure");
        } catch (LlmException e) {
            assertThat(e.error().code()).isEqualTo(ErrorCode.SERVER_ERROR);
            assertThat(e.getMessage()).contains("cannot connect").doesNotContain(Fakes.KEY.reveal());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> Providers.chat("nope", dead)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Providers.chat("anthropic", dead).chat(request("anthropic", false), new CallOptions(null, null, null, null), c -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.AUTH));
        assertThatThrownBy(() -> Providers.chat("openai", dead).chat(request("openai", false), new CallOptions(null, null, null, null), c -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.AUTH));
    }
}
