package dev.catalyst.llm.providers.http;

import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.nodes.embedding.Cooldown;
import dev.catalyst.llm.nodes.embedding.EmbeddingCodec;
import dev.catalyst.llm.nodes.embedding.Pause;
import dev.catalyst.llm.nodes.embedding.EmbeddingResult;
import dev.catalyst.llm.nodes.embedding.EmbeddingSpec;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.error.Redactor;
import java.time.Instant;
import java.util.List;

/**
 * One provider's embeddings requests: one batch per call, retried on its own (Retry-After honoured),
 * behind the provider's rate-limit cooldown that every batch through this client shares. Splitting
 * into batches and running them side by side is the node's job (EmbeddingBatches).
 */
public final class EmbeddingClient {
    private static final System.Logger LOG = System.getLogger(EmbeddingClient.class.getName());
    private final EmbeddingCodec codec;
    private final ProviderSettings settings;
    private final Pause pause;
    private final Cooldown cooldown;

    public EmbeddingClient(EmbeddingCodec codec, ProviderSettings settings, Pause pause) {
        this.codec = codec;
        this.settings = settings;
        this.pause = pause;
        this.cooldown = new Cooldown(settings.clock(), pause);
    }

    public EmbeddingCodec codec() {
        return codec;
    }

    /** The vectors of one request's texts, after retries; the deadline is the node's (null = the settings' total timeout). */
    public EmbeddingResult batch(List<String> texts, EmbeddingSpec spec, CallOptions options) throws LlmException, InterruptedException {
        Instant deadline = options.deadline() != null ? options.deadline() : Instant.now().plus(settings.timeouts().total());
        WireRequest http = codec.request(settings.baseUrl(codec.provider()), texts, spec, options.key());
        int maxRetries = options.maxRetries() != null ? options.maxRetries() : settings.retry().maxRetries();
        for (int attempt = 0; ; attempt++) {
            cooldown.await(options.cancellation());
            if (options.cancellation().isCancelled()) throw cancelled();
            try {
                return once(http, texts.size(), options, deadline);
            } catch (LlmException raw) {
                LlmException e = Redactor.redact(raw, options.key());
                LlmError err = e.error();
                if (options.cancellation().isCancelled()) throw cancelled();
                if (err.retryAfterMs() != null && err.retryAfterMs() > 0) cooldown.hold(err.retryAfterMs());
                if (!err.retryable() || attempt >= maxRetries) throw e;
                Long delay = settings.retry().delayMs(attempt, err.retryAfterMs());
                if (delay == null || Instant.now().plusMillis(delay).isAfter(deadline)) throw e;
                Retries.log(LOG, err, attempt, maxRetries, delay, options);
                pause.sleep(delay, options.cancellation());
            }
        }
    }

    private EmbeddingResult once(WireRequest http, int expected, CallOptions options, Instant deadline) throws LlmException, InterruptedException {
        Timeouts t = settings.timeouts();
        String p = codec.provider();
        try (Exchange ex = Exchange.open(settings.http(), http, t.firstByte(), deadline, options.cancellation())) {
            String body = ex.readAll(t.idle(), deadline);
            if (ex.status() >= 400) {
                throw new LlmException(codec.error(ex.status(), Redactor.redact(body, options.key()), RetryAfter.millis(ex.headers(), settings.clock())));
            }
            return codec.parse(WireJson.parseChunk(body), expected);
        } catch (Exchange.ExchangeException e) {
            LlmError err = switch (e.failure) {
                case CANCELLED -> new LlmError.Cancelled(p, 0, p + " call cancelled");
                case FIRST_BYTE_TIMEOUT, IDLE_TIMEOUT, DEADLINE, CONNECT_TIMEOUT -> new LlmError.Timeout(p, 0, p + " did not answer in time", null);
                case CONNECT_FAILED -> new LlmError.ServerError(p, 0, p + ": cannot connect to " + settings.baseUrl(p).getAuthority(), null);
                case IO -> new LlmError.ServerError(p, 0, p + ": " + e.getMessage(), null);
            };
            throw new LlmException(err, e);
        } catch (JsonSyntaxException e) {
            throw new LlmException(new LlmError.ServerError(p, 200, p + " sent malformed JSON: " + e.getMessage(), null), e);
        }
    }

    private LlmException cancelled() {
        return new LlmException(new LlmError.Cancelled(codec.provider(), 0, codec.provider() + " call cancelled"));
    }
}
