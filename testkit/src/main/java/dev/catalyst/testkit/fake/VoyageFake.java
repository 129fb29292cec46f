package dev.catalyst.testkit.fake;

import dev.catalyst.core.catalog.ModelCatalog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Fake Voyage AI embeddings: {@code POST /v1/embeddings}, errors as {@code {"detail": ...}}. */
public final class VoyageFake extends FakeServer {
    public VoyageFake() {
        this(ModelCatalog.builtIn());
    }

    public VoyageFake(ModelCatalog catalog) {
        super(catalog);
    }

    @Override
    public URI baseUrl() {
        return URI.create(root() + "/v1");
    }

    @Override
    public String provider() {
        return "voyage";
    }

    @Override
    protected void serve(FakeExchange ex) {
        RecordedRequest r = ex.request();
        String auth = r.header("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
            EmbeddingsFakes.detail(ex, 401, "No API key provided.", Map.of());
            return;
        }
        if (!r.method().equals("POST") || !r.path().equals("/v1/embeddings")) {
            EmbeddingsFakes.detail(ex, 404, "Not Found", Map.of());
            return;
        }
        if (ex.fault() != null) {
            switch (ex.fault()) {
                case HTTP_401 -> {
                    ex.send(401, "application/json", Map.of(), resource("errors/voyage/401-invalid-key.json").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case HTTP_429_RETRY_AFTER -> {
                    EmbeddingsFakes.detail(ex, 429, "Rate limit exceeded.", Map.of("retry-after", Long.toString(ex.timing().retryAfterSeconds())));
                    return;
                }
                case HTTP_429_RETRY_AFTER_MS -> {
                    EmbeddingsFakes.detail(ex, 429, "Rate limit exceeded.", Map.of("retry-after-ms", Long.toString(ex.timing().retryAfterMs())));
                    return;
                }
                case HTTP_500, HTTP_529_OVERLOADED, HTTP_498_FLEX -> {
                    EmbeddingsFakes.detail(ex, ex.fault() == Fault.HTTP_500 ? 500 : 503, "Service unavailable, please retry.", Map.of());
                    return;
                }
                case HTTP_413 -> {
                    EmbeddingsFakes.detail(ex, 400, "Total number of tokens in the batch exceeds the limit.", Map.of());
                    return;
                }
                case SLOW_FIRST_BYTE -> {
                    if (!ex.pause(ex.timing().slowFirstByte())) return;
                }
                case HANG -> {
                    ex.pause(Duration.ofMinutes(10));
                    return;
                }
                case ERROR_EVENT_AFTER_200, CUT_MID_STREAM, MALFORMED_CHUNK, STALL_BETWEEN_CHUNKS -> { }
            }
        }
        EmbeddingsFakes.voyage(this, ex);
    }
}
