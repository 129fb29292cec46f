package dev.catalyst.bench;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.engine.Engine;
import dev.catalyst.llm.nodes.completion.CompletionKind;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.server.http.ApiServer;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * How many open streams the server holds in a given heap: the server runs in its own JVM (started
 * by this one with the given -Xmx), its runs held before their first token; this JVM opens N
 * streams with {@code POST /api/runs?stream=true}, asks the server for its used heap after GC,
 * then releases the runs and counts every token each client receives.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.catalyst.bench.StreamMemory 10000 512m</pre>
 */
public final class StreamMemory {
    static final int TOKENS = 20;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("server")) {
            server();
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String heap = args.length > 1 ? args[1] : "512m";
        client(n, heap);
    }

    // ---- the server JVM: commands on stdin ("gc", "release"), answers on stdout

    private static void server() throws Exception {
        var hold = new CountDownLatch(1);
        var dir = Files.createTempDirectory("catalyst-memory");
        try (var db = Database.open(DatabaseUrl.sqlite(dir.resolve("catalyst.db")))) {
            var engine = new Engine(NodeKinds.registry(), ModelCatalog.builtIn(),
                    Map.of(new PromptTemplateKind().spec().type(), StreamMemory::prompt,
                            CompletionKind.anthropic().spec().type(), call -> source(call, hold)),
                    new StreamLoad.NoOutputs(), new EnvSecretStore(Map.of("ANTHROPIC_API_KEY", "bench")));
            try (var server = ApiServer.start(StreamLoad.benchConfig(), db, engine, "bench")) {
                PrintStream out = System.out;
                out.println("PORT " + server.port());
                out.flush();
                var in = new BufferedReader(new InputStreamReader(System.in));
                String line;
                while ((line = in.readLine()) != null) {
                    switch (line) {
                        case "gc" -> out.println("HEAP " + usedAfterGc() + " RSS " + rssKib());
                        case "release" -> {
                            hold.countDown();
                            out.println("RELEASED");
                        }
                        default -> out.println("? " + line);
                    }
                    out.flush();
                }
            }
        }
    }

    private static NodeOutput prompt(NodeCall call) {
        return NodeOutput.of(Json.object().set("messages", Json.array().add(Json.object().put("role", "user").put("content", "go"))));
    }

    private static NodeOutput source(NodeCall call, CountDownLatch hold) throws InterruptedException {
        hold.await();
        for (int i = 0; i < TOKENS; i++) call.context().token("t" + i + " ");
        return new NodeOutput(Json.object().put("text", "done"), Usage.of(1, TOKENS, 0), null, null);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKib() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", ""));
        }
        return -1;
    }

    // ---- the client JVM

    private static void client(int n, String heap) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx" + heap, "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), StreamMemory.class.getName(), "server")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            var answers = new BufferedReader(new InputStreamReader(server.getInputStream()));
            var commands = new PrintStream(server.getOutputStream(), true);
            String first = answers.readLine();
            if (first == null || !first.startsWith("PORT ")) throw new IllegalStateException("server did not start: " + first);
            String base = "http://127.0.0.1:" + first.substring(5).strip();
            commands.println("gc");
            String before = answers.readLine();

            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();
            var open = new CountDownLatch(n);
            var connecting = new Semaphore(200); // connects in waves: the accept queue is 1,024
            var futures = new ArrayList<Future<Integer>>();
            long t0 = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    futures.add(pool.submit(() -> {
                        BufferedReader lines;
                        connecting.acquire();
                        try {
                            var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs?stream=true"))
                                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": " + StreamLoad.WORKFLOW + "}")).build(),
                                    HttpResponse.BodyHandlers.ofInputStream());
                            if (r.statusCode() != 201) throw new IllegalStateException("run refused: " + r.statusCode());
                            lines = new BufferedReader(new InputStreamReader(r.body()), 512);
                            String line;
                            while ((line = lines.readLine()) != null && !line.startsWith("event: run.started")) { }
                        } finally {
                            connecting.release();
                            open.countDown();
                        }
                        return countTokens(lines);
                    }));
                }
                open.await();
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                commands.println("gc");
                String after = answers.readLine();
                commands.println("release");
                answers.readLine();
                long tokens = 0;
                int failed = 0;
                for (var f : futures) {
                    try {
                        tokens += f.get();
                    } catch (Exception e) {
                        failed++;
                    }
                }
                long heapBefore = Long.parseLong(before.split(" ")[1]);
                long heapAfter = Long.parseLong(after.split(" ")[1]);
                System.out.printf("streams %d, server -Xmx%s, opened in %.1f s%n", n, heap, openSeconds);
                System.out.printf("server heap after GC: %.1f MB before, %.1f MB with the streams open; %.1f KiB per stream%n",
                        heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1024.0 / n);
                System.out.printf("server RSS: %s KiB before, %s KiB open%n", before.split(" ")[3], after.split(" ")[3]);
                System.out.printf("tokens received %d of %d; failed streams %d%n", tokens, (long) n * TOKENS, failed);
            }
        } finally {
            server.getOutputStream().close();
            server.destroy();
            server.waitFor();
        }
    }

    // reads the rest of one stream (after run.started) and counts its token events
    private static int countTokens(BufferedReader lines) throws Exception {
        int tokens = 0;
        try (lines) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("event: token")) tokens++;
                if (line.startsWith("event: run.")) break;
            }
        }
        return tokens;
    }

    private StreamMemory() {}
}
