package dev.catalyst.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.catalyst.core.catalog.ModelCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server speaking one provider's wire format. Each request is recorded; its fault
 * comes from the programmatic queue first, then from the {@code x-catalyst-fault} header. Scripted
 * bodies (a fixture to replay byte for byte) can be queued too. Binds 127.0.0.1 on a free port.
 */
public abstract class FakeServer implements AutoCloseable {
    public static final String FAULT_HEADER = "x-catalyst-fault";

    static {
        // without it, small SSE writes wait on Nagle + delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A body to send instead of the simulated answer. SSE bodies are sent event by event. */
    public record Scripted(int status, String contentType, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Object> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final Semaphore disconnectSignal = new Semaphore(0);
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Pacing pacing = Pacing.instant();
    private volatile FaultTiming timing = FaultTiming.defaults();
    private volatile RequestRateLimit rateLimit;
    private volatile String answeringModel;
    private final AtomicInteger rateLimited = new AtomicInteger();
    protected final ModelCatalog catalog;

    protected FakeServer(ModelCatalog catalog) {
        this.catalog = catalog;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for the fake provider", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL in the meaning of the provider's own SDK (what {@code CATALYST_<P>_BASE_URL} takes). */
    public abstract URI baseUrl();

    /** Provider name as in the catalog: anthropic, openai, groq, voyage. */
    public abstract String provider();

    protected abstract void serve(FakeExchange ex) throws IOException;

    public URI root() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeServer pacing(Pacing p) {
        this.pacing = p;
        return this;
    }

    public Pacing pacing() {
        return pacing;
    }

    /**
     * The model the answers name, as a provider names the snapshot that served an alias (OpenAI
     * answers {@code gpt-4o} as {@code gpt-4o-2024-08-06}); null, the default, names the model asked for.
     */
    public FakeServer answeringModel(String model) {
        this.answeringModel = model;
        return this;
    }

    /** The model an answer to a request for {@code requested} names. */
    protected String modelAnswering(String requested) {
        String m = answeringModel;
        return m == null ? requested : m;
    }

    public FakeServer faultTiming(FaultTiming t) {
        this.timing = t;
        return this;
    }

    public FaultTiming faultTiming() {
        return timing;
    }

    /** Queues faults for the next requests, one each, in order. */
    public FakeServer enqueue(Fault... faults) {
        for (Fault f : faults) script.add(f);
        return this;
    }

    /** Queues a raw response for the next request (for replaying a fixture byte for byte). */
    public FakeServer enqueue(Scripted scripted) {
        script.add(scripted);
        return this;
    }

    public FakeServer enqueueSse(String body) {
        return enqueue(new Scripted(200, "text/event-stream", body, Map.of()));
    }

    public FakeServer enqueueJson(int status, String body) {
        return enqueue(new Scripted(status, "application/json", body, Map.of()));
    }

    /** Answers requests over {@code limit} with 429 and a retry-after-ms of the wait (null: no limit). */
    public FakeServer rateLimit(RequestRateLimit limit) {
        this.rateLimit = limit;
        return this;
    }

    /** How many requests the rate limit refused. */
    public int rateLimited() {
        return rateLimited.get();
    }

    /** Drops queued faults and scripts and goes back to instant pacing, default fault timing and no rate limit. */
    public FakeServer reset() {
        rateLimit = null;
        script.clear();
        pacing = Pacing.instant();
        timing = FaultTiming.defaults();
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) throw new IllegalStateException("the fake received no request");
        return requests.getLast();
    }

    /** Connections the client dropped while the fake was still writing. */
    public int disconnects() {
        return disconnects.get();
    }

    /** Waits until the client has dropped a connection the fake was streaming on. */
    public boolean awaitDisconnect(Duration timeout) throws InterruptedException {
        return disconnectSignal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Waits, or returns early with false when the fake is closing. */
    boolean pause(Duration d) {
        if (d.isZero() || d.isNegative()) return true;
        try {
            return !closing.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String nextId() {
        return Integer.toString(sequence.incrementAndGet());
    }

    private void handle(HttpExchange http) throws IOException {
        var headers = new LinkedHashMap<String, List<String>>();
        http.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String body;
        try (InputStream in = http.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var recorded = new RecordedRequest(http.getRequestMethod(), http.getRequestURI().getPath(), Map.copyOf(headers), body,
                http.getRemoteAddress().getPort());
        requests.add(recorded);
        Object next = script.poll();
        Fault fault = next instanceof Fault f ? f : Fault.parse(recorded.header(FAULT_HEADER)).orElse(null);
        var ex = new FakeExchange(this, http, recorded, fault, pacing, timing);
        RequestRateLimit limit = rateLimit;
        long wait = next == null && limit != null ? limit.admit() : 0;
        try {
            if (wait > 0) {
                rateLimited.incrementAndGet();
                ex.send(429, "application/json", Map.of("retry-after-ms", Long.toString(wait)),
                        "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"
                                .getBytes(StandardCharsets.UTF_8));
            } else if (next instanceof Scripted s) ex.replay(s);
            else serve(ex);
        } catch (FakeExchange.ClientGone gone) {
            disconnects.incrementAndGet();
            disconnectSignal.release();
        } finally {
            if (ex.cut()) {
                // an exception out of the handler makes the JDK server drop the connection mid-body
                throw new IOException("fault cut_mid_stream: connection dropped on purpose");
            }
            http.close();
        }
    }

    static String resource(String path) {
        try (InputStream in = FakeServer.class.getResourceAsStream("/catalyst/testkit/" + path)) {
            if (in == null) throw new IllegalStateException("testkit resource missing: " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> splitSse(String body) {
        var out = new ArrayList<String>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf("\n\n", start);
            if (end < 0) {
                out.add(body.substring(start));
                break;
            }
            out.add(body.substring(start, end + 2));
            start = end + 2;
        }
        return out;
    }
}
