package dev.catalyst.bench;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.llm.nodes.completion.CompletionKind;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import dev.catalyst.engine.Engine;
import dev.catalyst.server.http.AccessPolicy;
import dev.catalyst.server.http.ApiServer;
import dev.catalyst.server.http.ServerConfig;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * Load harness: N concurrent streaming runs against a local source with a fixed time to first
 * token, each followed over SSE on loopback. Every client subscribes first; then the sources
 * start their clocks. Reports the time the runtime adds between a source producing its first token
 * and its client reading it (same JVM, same clock), the time from POST /api/runs to the first SSE
 * event with N requests at once, and heap per open stream.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.catalyst.bench.StreamLoad 100 1000</pre>
 */
public final class StreamLoad {
    static final String WORKFLOW = """
        { "schemaVersion": 1, "id": "load",
          "nodes": [
            { "id": "prompt", "type": "promptTemplate", "config": { "template": "go" } },
            { "id": "model", "type": "anthropicCompletion", "config": { "model": "claude-haiku-5-5" } } ],
          "edges": [ { "source": "prompt", "sourcePort": "messages", "target": "model", "targetPort": "messages" } ] }
        """;

    private static final boolean STREAM = Boolean.getBoolean("stream");

    private final long ttftMs;
    private final int tokens;
    private final Map<String, Long> firstTokenAt = new ConcurrentHashMap<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    StreamLoad(long ttftMs, int tokens) {
        this.ttftMs = ttftMs;
        this.tokens = tokens;
    }

    /** The local source: waits its time to first token, then streams; records when it sent the first one. */
    private NodeOutput source(NodeCall call) throws NodeException, InterruptedException {
        hold.await();
        Thread.sleep(ttftMs);
        for (int i = 0; i < tokens; i++) {
            if (i == 0) firstTokenAt.put(call.context().runId(), System.nanoTime());
            call.context().token("t" + i + " ");
        }
        return new NodeOutput(Json.object().put("text", "done"), Usage.of(1, tokens, 0), null, null);
    }

    private static NodeOutput prompt(NodeCall call) {
        return NodeOutput.of(Json.object().set("messages", Json.array().add(Json.object().put("role", "user").put("content", "go"))));
    }

    /** The bench workflow declares no outputs, so nothing is rendered. */
    static final class NoOutputs implements TemplateRenderer {
        @Override public String render(String t, TemplateScope s) throws NodeException {
            throw new NodeException(ErrorCode.EXPRESSION_ERROR, "the load workflow has no outputs");
        }
        @Override public JsonNode evaluate(String t, TemplateScope s) throws NodeException {
            throw new NodeException(ErrorCode.EXPRESSION_ERROR, "the load workflow has no outputs");
        }
    }

    record Sample(double addedMs, double firstEventMs) {}

    /** Loopback, with no per-client run rate: every run of the harness comes from one address. */
    static ServerConfig benchConfig() {
        return ServerConfig.loopback().withAccess(AccessPolicy.forBind("127.0.0.1").withRunsPerMinute(0));
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {100, 1000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        var load = new StreamLoad(50, 20);
        var dir = Files.createTempDirectory("catalyst-bench");
        try (var db = Database.open(DatabaseUrl.sqlite(dir.resolve("catalyst.db")))) {
            // the real kinds' specs; stand-ins run the two nodes of WORKFLOW
            var engine = new Engine(NodeKinds.registry(), ModelCatalog.builtIn(),
                    Map.of(new PromptTemplateKind().spec().type(), StreamLoad::prompt, CompletionKind.anthropic().spec().type(), load::source), new NoOutputs(),
                    new EnvSecretStore(Map.of("ANTHROPIC_API_KEY", "bench")));
            try (var server = ApiServer.start(benchConfig().withSubscriberBuffer(4096), db, engine, "bench")) {
                var http = HttpClient.newBuilder().build();
                String base = "http://127.0.0.1:" + server.port();
                load.round(http, base, 20); // warm-up
                System.out.printf("ttft of the source %d ms, %d tokens per run, Java %s, %d CPUs, %s%n",
                        load.ttftMs, load.tokens, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                        STREAM ? "POST ?stream=true" : "POST then GET /events");
                // one stream at a time, 200 times: the runtime's own latency without contention
                var single = new ArrayList<Sample>();
                for (int i = 0; i < 200; i++) single.addAll(load.round(http, base, 1));
                double[] one = single.stream().mapToDouble(Sample::addedMs).sorted().toArray();
                double[] oneFirst = single.stream().mapToDouble(Sample::firstEventMs).sorted().toArray();
                System.out.printf("1 stream × 200 runs  added time to first token event p50 %.2f ms p99 %.2f ms | POST→first SSE event p50 %.2f ms p99 %.2f ms%n",
                        pct(one, 50), pct(one, 99), pct(oneFirst, 50), pct(oneFirst, 99));
                for (int n : sizes) {
                    List<Sample> samples = load.round(http, base, n);
                    double[] added = samples.stream().mapToDouble(Sample::addedMs).sorted().toArray();
                    double[] first = samples.stream().mapToDouble(Sample::firstEventMs).sorted().toArray();
                    System.out.printf("N=%5d  added time to first token event p50 %.2f ms p99 %.2f ms | POST→first SSE event p50 %.2f ms p99 %.2f ms%n",
                            n, pct(added, 50), pct(added, 99), pct(first, 50), pct(first, 99));
                    System.out.printf("N=%5d  heap per open stream (server and client in one JVM): %.1f KiB%n", n, load.heapPerStream(http, base, n) / 1024.0);
                }
            }
        }
    }

    private List<Sample> round(HttpClient http, String base, int n) throws Exception {
        var start = new CountDownLatch(1);
        var subscribed = new CountDownLatch(n);
        hold = new CountDownLatch(1); // sources wait until every client follows its run
        var futures = new ArrayList<Future<Sample>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    long t0 = System.nanoTime();
                    var run = open(http, base);
                    String id = run.id();
                    try (InputStream body = run.events()) {
                        var in = new BufferedReader(new InputStreamReader(body));
                        String line;
                        long firstEvent = -1;
                        long firstToken = -1;
                        while ((line = in.readLine()) != null) {
                            if (!line.startsWith("event:")) continue;
                            long now = System.nanoTime();
                            String event = line.substring("event:".length()).strip();
                            if (firstEvent < 0) {
                                firstEvent = now;
                                subscribed.countDown();
                            }
                            if (event.equals("token") && firstToken < 0) firstToken = now;
                            if (event.startsWith("run.") && !event.equals("run.started")) break;
                        }
                        return new Sample((firstToken - firstTokenAt.get(id)) / 1e6, (firstEvent - t0) / 1e6);
                    }
                }));
            }
            start.countDown();
            subscribed.await();
            hold.countDown();
            var out = new ArrayList<Sample>();
            for (var f : futures) out.add(f.get());
            return out;
        }
    }

    // Opens n streams on runs held before their first token, and compares used heap after GC.
    private double heapPerStream(HttpClient http, String base, int n) throws Exception {
        hold = new CountDownLatch(1);
        var streams = new ArrayList<InputStream>();
        try {
            long before = usedAfterGc();
            for (int i = 0; i < n; i++) {
                InputStream in = open(http, base).events();
                in.read(); // the stream is open and the first event has started to arrive
                streams.add(in);
            }
            long after = usedAfterGc();
            return (after - before) / (double) n;
        } finally {
            hold.countDown();
            for (InputStream in : streams) {
                in.readAllBytes();
                in.close();
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A started run and its event stream. */
    record Opened(String id, InputStream events) {}

    // -Dstream=true: one POST /api/runs?stream=true; otherwise POST, then GET its events
    private static Opened open(HttpClient http, String base) throws Exception {
        if (!STREAM) {
            String id = startRun(http, base);
            return new Opened(id, events(http, base, id));
        }
        var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs?stream=true")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": " + WORKFLOW + "}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 201) throw new IllegalStateException("run refused: " + new String(r.body().readAllBytes()));
        String location = r.headers().firstValue("Location").orElseThrow();
        return new Opened(location.substring(location.lastIndexOf('/') + 1), r.body());
    }

    private static String startRun(HttpClient http, String base) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": " + WORKFLOW + "}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("run refused: " + r.body());
        return Json.parse(r.body()).get("id").stringValue();
    }

    private static InputStream events(HttpClient http, String base, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + id + "/events")).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
