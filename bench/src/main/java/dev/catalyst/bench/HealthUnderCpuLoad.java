package dev.catalyst.bench;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.expr.Ticker;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateNode;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.EngineOptions;
import dev.catalyst.server.http.ApiServer;
import dev.catalyst.server.http.ServerConfig;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long {@code GET /api/health} takes while runs chew CPU (issue 18, ADR 8). Each run is one
 * promptTemplate whose expression builds a 256 KB string and matches a regex over it again and
 * again until its 100 ms time limit stops it; {@code clients} clients start such runs back to back
 * while a prober asks for the health every 10 ms on its own connection. Measured twice in the same
 * JVM: with the CPU work on the virtual threads that also serve requests (the design before ADR 8)
 * and on the CPU pool.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.catalyst.bench.HealthUnderCpuLoad 15 8</pre>
 */
public final class HealthUnderCpuLoad {
    static String heavyTemplate() {
        // 64 characters doubled 12 times: 256 Ki, the largest string an expression may build
        var e = new StringBuilder("['" + "a".repeat(64) + "']");
        for (int i = 0; i < 12; i++) e.append(".map(v").append(i).append(", [v").append(i).append(" + v").append(i).append("]");
        e.append(".map(s, [1, 2, 3, 4, 5, 6, 7, 8].all(i, !s.matches('(a|aa)*b')))").append(")".repeat(12));
        return "{{ " + e + " }}";
    }

    static String workflow() {
        var wf = Json.object().put("schemaVersion", 1).put("id", "chew");
        wf.putArray("nodes").addObject().put("id", "prompt").put("type", PromptTemplateKind.TYPE)
                .putObject("config").put("template", heavyTemplate());
        wf.putArray("edges");
        return Json.write(Json.object().set("workflow", wf));
    }

    record Result(String mode, int probes, double p50, double p99, double max, int over100, int runs, Map<String, Integer> endings) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        System.out.printf("Java %s, %d CPUs, %d clients, %d s per mode%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), clients, seconds);
        var results = new ArrayList<Result>();
        results.add(measure("idle (pool)", CpuPool.perCore("catalyst-cpu"), 0, seconds));
        results.add(measure("load, CPU work on virtual threads (before)", CpuPool.inline(), clients, seconds));
        results.add(measure("load, CPU work on the CPU pool (ADR 8)", CpuPool.perCore("catalyst-cpu"), clients, seconds));
        for (Result r : results) {
            System.out.printf("%-45s health p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  >100 ms %4d of %5d | runs %5d %s%n",
                    r.mode(), r.p50(), r.p99(), r.max(), r.over100(), r.probes(), r.runs(), r.endings());
        }
    }

    static Result measure(String mode, CpuPool cpu, int clients, int seconds) throws Exception {
        var dir = Files.createTempDirectory("catalyst-bench-cpu");
        var registry = NodeKinds.registry();
        var catalog = ModelCatalog.builtIn();
        var templates = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT, Ticker.SYSTEM, cpu));
        var engine = new Engine(registry, catalog, Map.of(PromptTemplateKind.TYPE, new PromptTemplateNode(templates)), templates,
                new EnvSecretStore(Map.of()), EngineOptions.DEFAULTS, new WorkflowValidator(registry, catalog), cpu);
        try (cpu; var db = Database.open(DatabaseUrl.sqlite(dir.resolve("catalyst.db")));
             var server = ApiServer.start(ServerConfig.loopback(), db, engine, "bench")) {
            String base = "http://127.0.0.1:" + server.port();
            String body = workflow();
            var stop = new AtomicBoolean();
            var runs = new AtomicInteger();
            var endings = new ConcurrentHashMap<String, Integer>();
            var load = new ArrayList<Thread>();
            for (int c = 0; c < clients; c++) {
                var http = HttpClient.newHttpClient();
                load.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    while (!stop.get()) {
                        try {
                            endings.merge(runOnce(http, base, body), 1, Integer::sum);
                            runs.incrementAndGet();
                        } catch (Exception e) {
                            endings.merge("client error: " + e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                    }
                }));
            }
            var prober = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            var health = URI.create(base + "/api/health");
            probe(prober, health, 50); // warm-up: connection and JIT
            var latencies = probe(prober, health, seconds * 100);
            stop.set(true);
            for (Thread t : load) t.join();
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int over = (int) latencies.stream().filter(ms -> ms > 100).count();
            return new Result(mode, sorted.length, pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1], over, runs.get(), Map.copyOf(endings));
        }
    }

    // `count` health checks 10 ms apart (measured from the end of the previous one), in milliseconds.
    private static List<Double> probe(HttpClient http, URI health, int count) throws Exception {
        var out = new ArrayList<Double>();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            var r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.discarding());
            long t1 = System.nanoTime();
            if (r.statusCode() != 200) throw new IllegalStateException("health answered " + r.statusCode());
            out.add((t1 - t0) / 1e6);
            Thread.sleep(10);
        }
        return out;
    }

    // Starts a run and follows its events to the end; returns how it ended (the error code when it failed).
    private static String runOnce(HttpClient http, String base, String body) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) return "refused " + r.statusCode();
        String id = Json.parse(r.body()).get("id").stringValue();
        var events = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + id + "/events")).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body();
        try (var in = new BufferedReader(new InputStreamReader(events))) {
            String line;
            String event = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) event = line.substring(7);
                if (line.startsWith("data: ") && event != null && event.matches("run\\.(completed|failed|cancelled)")) {
                    if (!event.equals("run.failed")) return event;
                    var error = Json.parse(line.substring(6)).path("error");
                    return error.path("code").asString("?") + (error.path("message").asString("").contains("took longer") ? " (time limit)" : " (other limit)");
                }
            }
        }
        return "stream ended";
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
