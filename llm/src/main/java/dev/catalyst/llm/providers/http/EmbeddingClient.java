package dev.catalyst.llm.providers.http;

import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.nodes.embedding.EmbeddingCodec;
import dev.catalyst.llm.nodes.embedding.EmbeddingResult;
import dev.catalyst.llm.nodes.embedding.EmbeddingSpec;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.error.Redactor;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Embeddings in batches of at most the provider's limit, each batch retried on its own. */
public final class EmbeddingClient {
    private final EmbeddingCodec codec;
    private final ProviderSettings settings;

    public EmbeddingClient(EmbeddingCodec codec, ProviderSettings settings) {
        this.codec = codec;
        this.settings = settings;
    }

    public EmbeddingResult embed(List<String> texts, EmbeddingSpec spec, int batchSize, CallOptions options) throws LlmException, InterruptedException {
        int size = Math.max(1, Math.min(batchSize, codec.maxBatch()));
        Instant deadline = options.deadline() != null ? options.deadline() : Instant.now().plus(settings.timeouts().total());
        var vectors = new ArrayList<float[]>(texts.size());
        Usage usage = Usage.ZERO;
        for (int from = 0; from < texts.size(); from += size) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + size));
            EmbeddingResult r = batch(batch, spec, options, deadline);
            vectors.addAll(r.vectors());
            usage = usage.plus(r.usage());
        }
        return new EmbeddingResult(List.copyOf(vectors), usage);
    }

    private EmbeddingResult batch(List<String> texts, EmbeddingSpec spec, CallOptions options, Instant deadline) throws LlmException, InterruptedException {
        HttpRequest http = codec.request(settings.baseUrl(codec.provider()), texts, spec, options.key());
        int maxRetries = options.maxRetries() != null ? options.maxRetries() : settings.retry().maxRetries();
        for (int attempt = 0; ; attempt++) {
            if (options.cancellation().isCancelled()) throw cancelled();
            try {
                return once(http, texts.size(), options, deadline);
            } catch (LlmException raw) {
                LlmException e = Redactor.redact(raw, options.key());
                LlmError err = e.error();
                if (options.cancellation().isCancelled()) throw cancelled();
                if (!err.retryable() || attempt >= maxRetries) throw e;
                Long delay = settings.retry().delayMs(attempt, err.retryAfterMs());
                if (delay == null || Instant.now().plusMillis(delay).isAfter(deadline)) throw e;
                var woken = new CountDownLatch(1);
                try (AutoCloseable h = options.cancellation().onCancel(woken::countDown)) {
                    woken.await(delay, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    throw ie;
                } catch (Exception closeFailed) {
                    // unregistering cannot fail
                }
            }
        }
    }

    private EmbeddingResult once(HttpRequest http, int expected, CallOptions options, Instant deadline) throws LlmException, InterruptedException {
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
