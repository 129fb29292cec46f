package dev.catalyst.llm.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.json.Json;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.ChatResult;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.Providers;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.testkit.ProviderCorpus;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider calls over TLS to a real Jetty server with a self-signed certificate (made by keytool at
 * test time): HTTP/2 by ALPN when the server offers it, HTTP/1.1 when it does not, certificates and
 * host names verified (ADR 25, "HTTP/2 for https").
 */
class HttpsTransportTest {
    static final String RECORDED = "openai/stream-text-with-usage.recorded.sse";

    @TempDir
    static Path dir;
    static SelfSignedCertificate loopback;

    @BeforeAll
    static void certificate() throws Exception {
        loopback = SelfSignedCertificate.generate(dir, "dns:localhost,ip:127.0.0.1");
    }

    static ProviderSettings trusting(KeyStore trustStore, HttpsUpstream upstream) {
        var timeouts = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofMinutes(5));
        return new ProviderSettings(Map.of("openai", upstream.baseUrl()), ProviderHttp.start(timeouts.connect(), trustStore), timeouts,
                RetryPolicy.defaults().withMaxRetries(0), Clock.systemUTC());
    }

    static ChatResult stream(ProviderSettings settings, CallOptions options, List<StreamChunk> chunks) throws Exception {
        return stream(settings, options, (Consumer<StreamChunk>) chunks::add);
    }

    static ChatResult stream(ProviderSettings settings, CallOptions options, Consumer<StreamChunk> sink) throws Exception {
        return Providers.chat("openai", settings).chat(ChatRequest.simple(Fakes.model("openai"), "Tell me about otters", true), options, sink);
    }

    /** The text deltas of the recorded stream, in order. */
    static List<String> recordedDeltas() {
        var deltas = new ArrayList<String>();
        for (String line : ProviderCorpus.read(RECORDED).split("\n")) {
            if (!line.startsWith("data: {")) continue;
            var choices = Json.parse(line.substring("data: ".length())).path("choices");
            if (choices.isEmpty()) continue;
            String content = choices.get(0).path("delta").path("content").asString("");
            if (!content.isEmpty()) deltas.add(content);
        }
        return deltas;
    }

    static List<String> texts(List<StreamChunk> chunks) {
        return chunks.stream().filter(c -> c instanceof StreamChunk.TextDelta).map(c -> ((StreamChunk.TextDelta) c).text()).toList();
    }

    @Test
    void anHttpsUpstreamOfferingH2IsSpokenToOverHttp2AndTheTokensArriveInOrder() throws Exception {
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.H2_AND_HTTP11, ProviderCorpus.read(RECORDED));
                var settings = trusting(loopback.trustStore(), upstream)) {
            var chunks = new ArrayList<StreamChunk>();
            ChatResult result = stream(settings, CallOptions.of(Fakes.KEY), chunks);
            assertThat(upstream.seen()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo("HTTP/2.0");
                assertThat(s.accept()).isEqualTo("text/event-stream");
            });
            assertThat(recordedDeltas()).hasSizeGreaterThan(3);
            assertThat(texts(chunks)).isEqualTo(recordedDeltas());
            assertThat(result.text()).isEqualTo(String.join("", recordedDeltas()));
            assertThat(result.finish()).isEqualTo(StreamChunk.FinishReason.STOP);
            assertThat(result.usage().inputTokens()).isPositive();
        }
    }

    /**
     * Two streams at once share one h2 connection; cancelling one mid-stream resets only that stream:
     * the other reads to its end on the same connection, and a later call still reuses it.
     */
    @Test
    void cancellingOneOfTwoConcurrentH2StreamsLeavesTheOtherAndTheConnection() throws Exception {
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.H2_AND_HTTP11, ProviderCorpus.read(RECORDED));
                var settings = trusting(loopback.trustStore(), upstream)) {
            // a first call opens the connection, so both streams below find it (not two racing connects)
            stream(settings, CallOptions.of(Fakes.KEY), new ArrayList<>());
            upstream.holdAfter(2);
            var cancelled = new Call(settings);
            var kept = new Call(settings);
            assertThat(upstream.awaitHeld(2)).as("both streams are open and held").isTrue();
            assertThat(cancelled.firstToken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kept.firstToken.await(10, TimeUnit.SECONDS)).isTrue();

            cancelled.options.cancellation().cancel("user stopped the run");
            assertThat(cancelled.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelled.error.get().code()).isEqualTo(ErrorCode.CANCELLED);
            // before the release: writes after it could all be accepted before the reset arrives (seen under load)
            assertThat(upstream.awaitBrokenStream()).as("the server saw the cancelled stream go").isTrue();
            upstream.release();
            assertThat(kept.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kept.error.get()).isNull();
            assertThat(kept.unexpected.get()).isNull();
            assertThat(kept.texts()).isEqualTo(recordedDeltas());

            stream(settings, CallOptions.of(Fakes.KEY), new ArrayList<>());
            assertThat(upstream.seen()).hasSize(4).allSatisfy(s -> assertThat(s.version()).isEqualTo("HTTP/2.0"));
            assertThat(upstream.seen().stream().map(HttpsUpstream.Seen::clientPort).distinct()).as("one connection").hasSize(1);
        }
    }

    /**
     * The reason for h2: concurrent streams to one provider share connections. Ten held streams
     * against a server that allows four per connection all run at once (none queued) on three or
     * more connections, never more streams on one than the server allows; over HTTP/1.1 each has its own.
     */
    @Test
    void concurrentStreamsShareH2ConnectionsUpToTheServersLimitAndNoneWaits() throws Exception {
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.H2_AND_HTTP11, ProviderCorpus.read(RECORDED), 4);
                var settings = trusting(loopback.trustStore(), upstream)) {
            stream(settings, CallOptions.of(Fakes.KEY), new ArrayList<>());
            upstream.holdAfter(2);
            var calls = new ArrayList<Call>();
            for (int i = 0; i < 10; i++) calls.add(new Call(settings));
            assertThat(upstream.awaitHeld(10)).as("all ten streams are open at once").isTrue();
            var held = upstream.seen().subList(1, 11);
            var perConnection = held.stream().collect(Collectors.groupingBy(HttpsUpstream.Seen::clientPort,
                    Collectors.counting()));
            assertThat(perConnection).hasSizeBetween(3, 10).allSatisfy((port, streams) -> assertThat(streams).isBetween(1L, 4L));
            assertThat(held).allSatisfy(s -> assertThat(s.version()).isEqualTo("HTTP/2.0"));
            upstream.release();
            for (Call c : calls) {
                assertThat(c.done.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(c.error.get()).isNull();
                assertThat(c.texts()).isEqualTo(recordedDeltas());
            }
        }
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.HTTP11_ONLY, ProviderCorpus.read(RECORDED));
                var settings = trusting(loopback.trustStore(), upstream)) {
            upstream.holdAfter(2);
            var calls = new ArrayList<Call>();
            for (int i = 0; i < 4; i++) calls.add(new Call(settings));
            assertThat(upstream.awaitHeld(4)).isTrue();
            assertThat(upstream.seen().stream().map(HttpsUpstream.Seen::clientPort).distinct()).as("one connection per stream").hasSize(4);
            upstream.release();
            for (Call c : calls) assertThat(c.done.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Jetty closes an h2 connection when no frame arrived for its idle timeout, even with a silent
     * stream open on it (tried with 1 s against a stream held 2.5 s: "stream broke: connection lost:
     * TimeoutException"). Its default, 30 s, is shorter than the default first-byte wait, so it must be
     * a backstop beyond every wait the calls allow; a stream held silent here still reads to its end.
     */
    @Test
    void jettysConnectionIdleTimeoutIsABackstopBeyondTheCallsWaits() throws Exception {
        var defaults = Timeouts.defaults();
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.H2_AND_HTTP11, ProviderCorpus.read(RECORDED));
                var settings = trusting(loopback.trustStore(), upstream)) {
            assertThat(settings.http().client().getIdleTimeout()).isEqualTo(ProviderHttp.IDLE_BACKSTOP.toMillis())
                    .isGreaterThan(defaults.firstByte().toMillis()).isGreaterThan(defaults.idle().toMillis());
            upstream.holdAfter(2);
            var held = new Call(settings);
            assertThat(upstream.awaitHeld(1)).isTrue();
            upstream.release();
            assertThat(held.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(held.texts()).isEqualTo(recordedDeltas());
        }
    }

    @Test
    void anHttpsUpstreamOfferingOnlyHttp11ByAlpnGetsHttp11() throws Exception {
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.HTTP11_ONLY, ProviderCorpus.read(RECORDED));
                var settings = trusting(loopback.trustStore(), upstream)) {
            var chunks = new ArrayList<StreamChunk>();
            stream(settings, CallOptions.of(Fakes.KEY), chunks);
            stream(settings, CallOptions.of(Fakes.KEY), new ArrayList<>());
            assertThat(texts(chunks)).isEqualTo(recordedDeltas());
            assertThat(upstream.seen()).hasSize(2).allSatisfy(s -> {
                assertThat(s.version()).isEqualTo("HTTP/1.1");
                assertThat(s.upgrade()).isNull();
            });
            assertThat(upstream.seen().stream().map(HttpsUpstream.Seen::clientPort).distinct()).as("reused").hasSize(1);
        }
    }

    /** A TLS server that answers no ALPN at all is spoken to in HTTP/1.1, as the JDK client did (not h2 by prior knowledge). */
    @Test
    void anHttpsUpstreamWithoutAlpnGetsHttp11() throws Exception {
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.NONE, ProviderCorpus.read(RECORDED));
                var settings = trusting(loopback.trustStore(), upstream)) {
            var chunks = new ArrayList<StreamChunk>();
            stream(settings, CallOptions.of(Fakes.KEY), chunks);
            assertThat(texts(chunks)).isEqualTo(recordedDeltas());
            assertThat(upstream.seen()).singleElement().satisfies(s -> assertThat(s.version()).isEqualTo("HTTP/1.1"));
        }
    }

    /** Without the test's trust store the self-signed certificate is refused: the JVM's default trust store is used, nothing is trusted blindly. */
    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        try (var upstream = new HttpsUpstream(loopback, HttpsUpstream.Alpn.H2_AND_HTTP11, ProviderCorpus.read(RECORDED));
                var settings = trusting(null, upstream)) {
            assertThatThrownBy(() -> stream(settings, CallOptions.of(Fakes.KEY), new ArrayList<>()))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(ErrorCode.SERVER_ERROR);
                        assertThat(e.getMessage()).doesNotContain(Fakes.KEY.reveal());
                    });
            assertThat(upstream.seen()).isEmpty();
        }
    }

    /** A trusted certificate for another host name is refused: host names are verified. */
    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        var elsewhere = SelfSignedCertificate.generate(dir, "dns:elsewhere.invalid");
        try (var upstream = new HttpsUpstream(elsewhere, HttpsUpstream.Alpn.H2_AND_HTTP11, ProviderCorpus.read(RECORDED));
                var settings = trusting(elsewhere.trustStore(), upstream)) {
            assertThatThrownBy(() -> stream(settings, CallOptions.of(Fakes.KEY), new ArrayList<>()))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.SERVER_ERROR));
            assertThat(upstream.seen()).isEmpty();
        }
    }

    /** One streaming call on its own virtual thread, with latches for its first token and its end. */
    static final class Call {
        final CallOptions options = CallOptions.of(Fakes.KEY);
        final CountDownLatch firstToken = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<LlmError> error = new AtomicReference<>();
        final AtomicReference<Exception> unexpected = new AtomicReference<>();
        final List<StreamChunk> chunks = new CopyOnWriteArrayList<>();

        Call(ProviderSettings settings) {
            Thread.ofVirtual().start(() -> {
                try {
                    stream(settings, options, c -> {
                        chunks.add(c);
                        if (c instanceof StreamChunk.TextDelta) firstToken.countDown();
                    });
                } catch (LlmException e) {
                    error.set(e.error());
                } catch (Exception e) {
                    unexpected.set(e);
                } finally {
                    done.countDown();
                }
            });
        }

        List<String> texts() {
            return HttpsTransportTest.texts(chunks);
        }
    }
}
