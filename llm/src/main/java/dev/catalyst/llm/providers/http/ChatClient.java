package dev.catalyst.llm.providers.http;

import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.ChatResult;
import dev.catalyst.llm.LlmProvider;
import dev.catalyst.llm.StreamAssembler;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.error.Redactor;
import dev.catalyst.llm.providers.sse.SseEvent;
import dev.catalyst.llm.providers.sse.SseLineTooLongException;
import dev.catalyst.llm.providers.sse.SseParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A chat provider over HTTP: one {@link ProviderCodec} for the wire format, and here what every
 * provider shares: timeouts, retries with backoff (only before the first token), cancellation,
 * SSE parsing, and turning transport failures into {@link LlmError}s.
 */
public final class ChatClient implements LlmProvider {
    private static final java.time.Duration DRAIN = java.time.Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(ChatClient.class.getName());
    private final ProviderCodec codec;
    private final ProviderSettings settings;

    public ChatClient(ProviderCodec codec, ProviderSettings settings) {
        this.codec = codec;
        this.settings = settings;
    }

    @Override
    public String name() {
        return codec.provider();
    }

    @Override
    public ChatResult chat(ChatRequest request, CallOptions options, Consumer<StreamChunk> sink) throws LlmException, InterruptedException {
        dev.catalyst.core.exec.PathMark.mark(null, "provider.call");
        WireRequest http = codec.request(settings.baseUrl(codec.provider()), request, options.key());
        Instant deadline = options.deadline() != null ? options.deadline() : Instant.now().plus(settings.timeouts().total());
        int maxRetries = options.maxRetries() != null ? options.maxRetries() : settings.retry().maxRetries();
        for (int attempt = 0; ; attempt++) {
            if (options.cancellation().isCancelled()) throw cancelled();
            var assembler = new StreamAssembler();
            Consumer<StreamChunk> both = c -> {
                assembler.accept(c);
                sink.accept(c);
            };
            try {
                return once(http, request.stream(), options, deadline, assembler, both);
            } catch (LlmException raw) {
                LlmException e = Redactor.redact(raw, options.key());
                LlmError err = e.error();
                if (options.cancellation().isCancelled()) throw cancelled();
                if (assembler.hasContent() || !err.retryable() || attempt >= maxRetries) throw e;
                Long delay = settings.retry().delayMs(attempt, err.retryAfterMs());
                if (delay == null || Instant.now().plusMillis(delay).isAfter(deadline)) throw e;
                Retries.log(LOG, err, attempt, maxRetries, delay, options);
                sleep(delay, options);
            }
        }
    }

    private ChatResult once(WireRequest http, boolean stream, CallOptions options, Instant deadline, StreamAssembler assembler,
                            Consumer<StreamChunk> out) throws LlmException, InterruptedException {
        Timeouts t = settings.timeouts();
        // streamed or whole, the response must start within the first-byte limit (each attempt) and the
        // call ends by its deadline: a provider that never answers fails as fast either way (ADR 10)
        try (Exchange ex = Exchange.open(settings.http(), http, t.firstByte(), deadline, options.cancellation())) {
            if (ex.status() >= 400) {
                String body = ex.readAll(t.idle(), deadline);
                LlmError err = codec.error(ex.status(), Redactor.redact(body, options.key()), RetryAfter.millis(ex.headers(), settings.clock()));
                throw new LlmException(err);
            }
            if (!stream) {
                String body = ex.readAll(t.idle(), deadline);
                codec.parseResponse(body, out);
                return assembler.result();
            }
            var parser = new SseParser();
            StreamMapper mapper = codec.streamMapper();
            var events = new ArrayList<SseEvent>();
            while (!mapper.done()) {
                byte[] bytes = ex.next(t.idle(), deadline);
                if (bytes == null) {
                    parser.finish(events::add);
                } else {
                    parser.feed(bytes, events::add);
                }
                for (SseEvent e : events) {
                    try {
                        mapper.accept(e, out);
                    } catch (LlmException providerError) {
                        throw midStream(providerError.error(), assembler);
                    }
                    if (mapper.done()) break;
                }
                events.clear();
                if (bytes == null) break;
            }
            if (!mapper.done()) {
                throw new LlmException(new LlmError.StreamInterrupted(codec.provider(), ex.status(),
                        codec.provider() + " stream ended without its final event", assembler.partialText()));
            }
            ex.drain(DRAIN);
            return assembler.result();
        } catch (Exchange.ExchangeException e) {
            throw new LlmException(transport(e, assembler), e);
        } catch (JsonSyntaxException | SseLineTooLongException e) {
            String what = codec.provider() + " sent a malformed " + (stream ? "stream chunk" : "response") + ": " + e.getMessage();
            LlmError err = assembler.hasContent()
                    ? new LlmError.StreamInterrupted(codec.provider(), 200, what, assembler.partialText())
                    : new LlmError.ServerError(codec.provider(), 200, what, null);
            throw new LlmException(err, e);
        }
    }

    /** An error event after the stream started: with text already out it is an interruption that keeps the text. */
    private LlmException midStream(LlmError err, StreamAssembler assembler) {
        if (!assembler.hasContent()) return new LlmException(err);
        return new LlmException(new LlmError.StreamInterrupted(err.provider(), err.status(),
                "stream interrupted by a provider error: " + err.message(), assembler.partialText()));
    }

    private LlmError transport(Exchange.ExchangeException e, StreamAssembler assembler) {
        String p = codec.provider();
        String partial = assembler.partialText();
        return switch (e.failure) {
            case CANCELLED -> new LlmError.Cancelled(p, 0, p + " call cancelled");
            case FIRST_BYTE_TIMEOUT -> new LlmError.Timeout(p, 0, p + " did not answer in time (" + e.getMessage()
                    + "; a long whole answer may need stream: true or a larger CATALYST_PROVIDER_FIRST_BYTE_TIMEOUT_MS)", null);
            case IDLE_TIMEOUT -> new LlmError.Timeout(p, 0, p + " stream went silent (" + e.getMessage() + ")", assembler.hasContent() ? partial : null);
            case DEADLINE -> new LlmError.Timeout(p, 0, p + " call ran past its deadline", assembler.hasContent() ? partial : null);
            case CONNECT_TIMEOUT -> new LlmError.Timeout(p, 0, p + ": connect timed out", null);
            case CONNECT_FAILED -> new LlmError.ServerError(p, 0, p + ": cannot connect to " + settings.baseUrl(p).getAuthority(), null);
            case IO -> assembler.hasContent()
                    ? new LlmError.StreamInterrupted(p, 0, p + " stream broke: " + e.getMessage(), partial)
                    : new LlmError.ServerError(p, 0, p + ": " + e.getMessage(), null);
        };
    }

    private LlmException cancelled() {
        return new LlmException(new LlmError.Cancelled(codec.provider(), 0, codec.provider() + " call cancelled"));
    }

    /** Backoff that a cancellation cuts short. */
    private void sleep(long ms, CallOptions options) throws LlmException, InterruptedException {
        var woken = new CountDownLatch(1);
        try (AutoCloseable h = options.cancellation().onCancel(woken::countDown)) {
            woken.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception closeFailed) {
            // unregistering cannot fail
        }
        if (options.cancellation().isCancelled()) throw cancelled();
    }
}
