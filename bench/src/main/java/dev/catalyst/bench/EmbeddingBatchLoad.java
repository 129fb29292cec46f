package dev.catalyst.bench;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.embedlocal.MiniLmEmbedder;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.RunInputs;
import dev.catalyst.engine.RunResult;
import dev.catalyst.engine.RunStatus;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.testkit.fake.OpenAiFake;
import dev.catalyst.testkit.fake.RequestRateLimit;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * 5,000 texts through an embeddingGenerate node against the fake OpenAI server (batchSize 100,
 * concurrency 4): the node's wall time against the fake's own time for the same 50 requests sent
 * bare (the batching overhead), then the same run with the fake limited to 10 requests a second
 * (429s absorbed, and whether the run still completes). Usage: {@code EmbeddingBatchLoad [rounds]}.
 */
public final class EmbeddingBatchLoad {
    private static final int TEXTS = 5000;
    private static final int BATCH = 100;
    private static final int CONCURRENCY = 4;

    private EmbeddingBatchLoad() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> texts = IntStream.range(0, TEXTS).mapToObj(i -> "Document " + i + ": sea otters hold hands while they sleep, "
                + "use rocks as tools and keep their favourite rock in a pouch of loose skin under the arm.").toList();
        System.out.println("load average before: " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        try (var fake = new OpenAiFake(ModelCatalog.builtIn()); var local = new MiniLmEmbedder(1)) {
            var deps = new NodeKinds.Deps(new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)),
                    ProviderSettings.of(Map.of("openai", fake.baseUrl())), new RouterState(Clock.systemUTC(), RouterState.Settings.defaults()),
                    new EmbeddingSetup("openai", local));
            var engine = new Engine(NodeKinds.registry(), ModelCatalog.builtIn(), NodeKinds.executors(deps),
                    new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)), new EnvSecretStore(Map.of("OPENAI_API_KEY", "sk-bench")));
            var workflow = WorkflowCodec.read("""
                    {"schemaVersion": 1, "inputs": {"texts": {"type": "array"}},
                     "nodes": [{"id": "embed", "type": "embeddingGenerate", "config": {"provider": "openai", "model": "text-embedding-3-small",
                       "batchSize": %d, "concurrency": %d, "maxRetries": 10, "texts": "{{ inputs.texts }}"}}],
                     "edges": [], "outputs": {"n": "{{ size(nodes.embed.output.embeddings) }}"}}""".formatted(BATCH, CONCURRENCY)).workflow();
            var plan = engine.compile(workflow);
            ObjectNode given = Json.object();
            given.set("texts", Json.valueToTree(texts));
            var inputs = RunInputs.resolve(workflow, given);
            List<String> bodies = new ArrayList<>();
            for (int from = 0; from < TEXTS; from += BATCH) {
                ObjectNode b = Json.object().put("model", "text-embedding-3-small").put("encoding_format", "base64");
                texts.subList(from, from + BATCH).forEach(b.putArray("input")::add);
                bodies.add(Json.write(b));
            }
            var http = HttpClient.newHttpClient();
            double[] bare = new double[rounds];
            double[] node = new double[rounds];
            for (int r = -1; r < rounds; r++) { // round -1 warms up both
                double b = bare(http, fake, bodies);
                long start = System.nanoTime();
                RunResult result = engine.start(plan, "bench-" + r, inputs, e -> { }).await();
                double n = (System.nanoTime() - start) / 1e6;
                if (result.status() != RunStatus.COMPLETED) throw new IllegalStateException("run " + result.status() + ": " + result.error());
                if (r >= 0) {
                    bare[r] = b;
                    node[r] = n;
                }
            }
            Arrays.sort(bare);
            Arrays.sort(node);
            System.out.printf("no limit: %d texts in %d requests, %d in flight; median of %d: fake's own time (bare requests) %.0f ms,"
                    + " node %.0f ms, overhead %.0f ms (%.0f µs per text)%n", TEXTS, bodies.size(), CONCURRENCY, rounds, bare[rounds / 2],
                    node[rounds / 2], node[rounds / 2] - bare[rounds / 2], (node[rounds / 2] - bare[rounds / 2]) * 1000 / TEXTS);

            fake.rateLimit(new RequestRateLimit(10, Duration.ofSeconds(1), Clock.systemUTC()));
            int before = fake.requests().size();
            var events = new java.util.concurrent.CopyOnWriteArrayList<RunEvent>();
            long start = System.nanoTime();
            RunResult limited = engine.start(plan, "bench-limited", inputs, events::add).await();
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf("10 requests/s: %s in %.0f ms (at least %d ms at that rate), %d requests, %d answered 429 and absorbed, outputs n=%s%n",
                    limited.status().wireName(), ms, (bodies.size() / 10 - 1) * 1000, fake.requests().size() - before, fake.rateLimited(),
                    limited.outputs() == null ? "-" : limited.outputs().get("n"));
        }
        System.out.println("load average after: " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    }

    /** The same requests, sent CONCURRENCY at a time with nothing around them: the fake's own time. */
    private static double bare(HttpClient http, OpenAiFake fake, List<String> bodies) throws Exception {
        var next = new AtomicInteger();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var workers = new ArrayList<Future<?>>();
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        var req = HttpRequest.newBuilder(fake.baseUrl().resolve(fake.baseUrl().getPath() + "/embeddings"))
                                .header("authorization", "Bearer sk-bench").header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
                        var res = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() != 200) throw new IllegalStateException("bare request: HTTP " + res.statusCode());
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) f.get();
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
