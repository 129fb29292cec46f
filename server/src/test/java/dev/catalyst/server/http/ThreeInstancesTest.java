package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.InstanceNotices;
import dev.catalyst.server.store.RunNotices;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TcpProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's scale test (ADR 28): three server processes on one fresh PostgreSQL database
 * behind a real nginx with a round-robin upstream. Runs are started through nginx with their
 * events streamed on the POST, dropped after the first few events, and resumed through nginx
 * with Last-Event-ID (the round robin sends most resumes to an instance that does not run the
 * run); every stream must equal the stored events, none twice and none missing. Then one
 * instance is killed with SIGKILL mid-run, and its runs must read failed {@code interrupted}
 * with their stored events and per-node records, marked by a survivor. Last, the survivors lose
 * PostgreSQL (they reach it through a {@code TcpProxy} the test cuts): new runs get 503 with
 * Retry-After, live runs go on from memory, and once it is back the instances accept runs again
 * and every run completes with its events stored once.
 */
class ThreeInstancesTest {
    private static final Logger LOG = Logger.getLogger(ThreeInstancesTest.class.getName());
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Runs in the streaming phase, as the issue asks (about 100 per instance). */
    static final int RUNS = 300;
    /**
     * Short for a test, long enough that after the outage phase every instance renews before another
     * one's first sweep (a sweep waits a lease time of good renewals). A kill is seen sooner: the
     * survivors are on the same machine and see the process gone on their next beat (a third of it).
     */
    static final long LEASE_MS = 6000;
    static final String BODY = "{\"workflow\": " + TestExecutors.WORKFLOW + "}";
    /** run.started, node.started (prompt), node.completed (prompt), node.started (claude): all before a token. */
    static final int BEFORE_TOKENS = 4;

    record Instance(Process process, int port, PrintWriter in, Path err) {
        void feed(int tokens, int ends) {
            for (int i = 0; i < tokens; i++) in.println("T t" + i + " ");
            for (int i = 0; i < ends; i++) in.println("E");
            in.flush();
        }
    }

    @Test
    void threeInstancesBehindNginxStreamResumeAnywhereAndRecoverAKilledOne(@TempDir Path dir) throws Exception {
        String dbName = "catalyst_ha_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + dbName);
        String url = "postgresql://postgres@127.0.0.1:5432/" + dbName;
        var instances = new ArrayList<Instance>();
        Process nginx = null;
        try (var proxy = new TcpProxy("127.0.0.1", 5432)) {
            String viaProxy = proxy.postgresUrl().replace("/test", "/" + dbName);
            for (int i = 0; i < 3; i++) instances.add(start(dir, viaProxy, i));
            int port = freePort();
            nginx = nginx(dir, port, instances.stream().map(Instance::port).toList());
            NginxPidFile.awaitListening(dir.resolve("nginx.pid"), nginx, WAIT);
            String base = "http://127.0.0.1:" + port;
            Map<Integer, Instance> byPort = new HashMap<>();
            instances.forEach(x -> byPort.put(x.port(), x));
            try (var db = Database.open(DatabaseUrl.parse(url, Path.of(".")));
                 var listener = InstanceNotices.start(db, java.time.Clock.systemUTC());
                 var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                assertThat(listener.awaitListening(WAIT)).isTrue();
                RunNotices notices = listener.runs();
                var store = new RunStore(db);
                streamsResumeOnAnyInstance(http, base, byPort, store, notices);
                aKilledInstancesRunsReadInterrupted(http, base, byPort, store, notices, instances);
                instances.removeIf(x -> !x.process().isAlive());
                aDatabaseOutageRefusesNewRunsAndLosesNothing(dir, http, base, byPort, store, notices, instances, proxy);
            }
        } finally {
            for (Instance x : instances) x.process().destroyForcibly().waitFor();
            if (nginx != null) {
                nginx.destroy();
                nginx.waitFor();
            }
            admin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        }
    }

    private void streamsResumeOnAnyInstance(HttpClient http, String base, Map<Integer, Instance> byPort, RunStore store,
                                            RunNotices notices) throws Exception {
        var seen = new LinkedHashMap<String, List<SseClient.Frame>>();
        var owner = new HashMap<String, Integer>();
        var perInstance = new HashMap<Integer, Integer>();
        for (int k = 0; k < RUNS; k++) {
            try (var sse = SseClient.post(http, base + "/api/runs", BODY, "text/event-stream")) {
                assertThat(sse.response.statusCode()).isEqualTo(201);
                var frames = new ArrayList<SseClient.Frame>();
                for (int i = 0; i < BEFORE_TOKENS; i++) {
                    var f = sse.nextEvent(WAIT);
                    assertThat(f).isNotNull();
                    frames.add(f);
                }
                String id = Json.parse(frames.getFirst().data()).get("runId").stringValue();
                int upstream = upstreamPort(sse.response);
                seen.put(id, frames);
                owner.put(id, upstream);
                perInstance.merge(upstream, 1, Integer::sum);
            } // dropped mid-stream
        }
        assertThat(perInstance).as("the round robin spread the runs").hasSize(3);
        // resumed through nginx, live, before any token exists. The round robin would send the k-th resume where
        // the k-th start went; one request in between shifts it, so resumes land on an instance not running the run
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(), HttpResponse.BodyHandlers.discarding());
        var resumed = new LinkedHashMap<String, SseClient>();
        int elsewhere = 0;
        for (var e : seen.entrySet()) {
            String id = e.getKey();
            awaitStored(store, notices, id, BEFORE_TOKENS); // the row is there for whichever instance answers
            var sse = SseClient.open(http, base + "/api/runs/" + id + "/events", e.getValue().getLast().id(), null);
            assertThat(sse.response.statusCode()).isEqualTo(200);
            if (upstreamPort(sse.response) != owner.get(id)) elsewhere++;
            resumed.put(id, sse);
        }
        assertThat(elsewhere).as("resumes served by another instance than the run's").isGreaterThan(RUNS / 3);
        perInstance.forEach((p, n) -> byPort.get(p).feed(2 * n, n));
        for (var e : resumed.entrySet()) {
            try (var sse = e.getValue()) {
                seen.get(e.getKey()).addAll(sse.untilEnd(WAIT));
            }
        }
        for (var e : seen.entrySet()) {
            List<SseClient.Frame> frames = e.getValue();
            assertThat(frames.getLast().event()).as("run %s ended", e.getKey()).isEqualTo("run.completed");
            awaitStored(store, notices, e.getKey(), Long.parseLong(frames.getLast().id()));
            List<StoredEvent> stored = store.events(e.getKey(), 0, Long.MAX_VALUE, 10_000);
            assertThat(frames).extracting(SseClient.Frame::id)
                    .as("every event once, in order").containsExactlyElementsOf(stored.stream().map(s -> Long.toString(s.seq())).toList());
            assertThat(frames).extracting(SseClient.Frame::data).containsExactlyElementsOf(stored.stream().map(StoredEvent::data).toList());
        }
        LOG.info(RUNS + " runs, " + elsewhere + " resumed on another instance than their own");
    }

    private void aKilledInstancesRunsReadInterrupted(HttpClient http, String base, Map<Integer, Instance> byPort, RunStore store,
                                                    RunNotices notices, List<Instance> instances) throws Exception {
        var owner = new LinkedHashMap<String, Integer>();
        for (int k = 0; k < 9; k++) {
            try (var sse = SseClient.post(http, base + "/api/runs", BODY, "text/event-stream")) {
                String id = null;
                for (int i = 0; i < BEFORE_TOKENS; i++) {
                    var f = sse.nextEvent(WAIT);
                    assertThat(f).isNotNull();
                    if (id == null) id = Json.parse(f.data()).get("runId").stringValue();
                }
                owner.put(id, upstreamPort(sse.response));
            }
        }
        int victimPort = owner.values().iterator().next();
        Instance victim = byPort.get(victimPort);
        var victimRuns = owner.entrySet().stream().filter(e -> e.getValue() == victimPort).map(Map.Entry::getKey).toList();
        var before = new HashMap<String, List<StoredEvent>>();
        for (String id : victimRuns) {
            awaitStored(store, notices, id, BEFORE_TOKENS);
            before.put(id, store.events(id, 0, Long.MAX_VALUE, 100));
        }
        long killedAt = System.nanoTime();
        victim.process().destroyForcibly().waitFor(); // SIGKILL
        for (String id : victimRuns) awaitStored(store, notices, id, BEFORE_TOKENS + 1);
        long markedMs = (System.nanoTime() - killedAt) / 1_000_000;
        LOG.info(victimRuns.size() + " runs of the killed instance read interrupted " + markedMs + " ms after the kill (lease " + LEASE_MS + " ms)");
        // a survivor sweeps each lease beat (a third of the lease) and sees the killed process gone
        assertThat(markedMs).as("marked within the lease time (ms)").isLessThan(LEASE_MS);

        for (String id : victimRuns) {
            var run = Json.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(run.get("status").stringValue()).isEqualTo("failed");
            assertThat(run.get("error").get("code").stringValue()).isEqualTo("interrupted");
            assertThat(run.get("nodes")).extracting(n -> n.get("nodeId").stringValue() + ":" + n.get("status").stringValue())
                    .containsExactly("prompt:completed", "claude:failed");
            try (var sse = SseClient.open(http, base + "/api/runs/" + id + "/events", null, null)) {
                var frames = sse.untilEnd(WAIT);
                assertThat(frames.subList(0, BEFORE_TOKENS)).extracting(SseClient.Frame::data)
                        .containsExactlyElementsOf(before.get(id).stream().map(StoredEvent::data).toList());
                assertThat(frames).hasSize(BEFORE_TOKENS + 1);
                assertThat(frames.getLast().event()).isEqualTo("run.failed");
            }
        }
        // the survivors' runs were left alone and finish
        for (Instance x : instances) {
            if (x == victim) continue;
            int n = (int) owner.values().stream().filter(p -> p == x.port()).count();
            x.feed(0, n);
        }
        for (var e : owner.entrySet()) {
            if (e.getValue() == victimPort) continue;
            try (var sse = SseClient.open(http, base + "/api/runs/" + e.getKey() + "/events", "0", null)) {
                assertThat(sse.untilEnd(WAIT).getLast().event()).isEqualTo("run.completed");
            }
        }
    }

    private void aDatabaseOutageRefusesNewRunsAndLosesNothing(Path dir, HttpClient http, String base, Map<Integer, Instance> byPort,
                                                             RunStore store, RunNotices notices, List<Instance> survivors,
                                                             TcpProxy proxy) throws Exception {
        assertThat(survivors).hasSize(2);
        var streams = new LinkedHashMap<String, SseClient>();
        var seen = new HashMap<String, List<SseClient.Frame>>();
        var perInstance = new HashMap<Integer, Integer>();
        for (int k = 0; k < 6; k++) {
            var sse = SseClient.post(http, base + "/api/runs", BODY, "text/event-stream");
            assertThat(sse.response.statusCode()).isEqualTo(201);
            var frames = new ArrayList<SseClient.Frame>();
            for (int i = 0; i < BEFORE_TOKENS; i++) frames.add(sse.nextEvent(WAIT));
            assertThat(frames).doesNotContainNull();
            String id = Json.parse(frames.getFirst().data()).get("runId").stringValue();
            awaitStored(store, notices, id, BEFORE_TOKENS);
            streams.put(id, sse);
            seen.put(id, frames);
            perInstance.merge(upstreamPort(sse.response), 1, Integer::sum);
        }
        try (var changes = FileChanges.watch(dir)) {
            proxy.cutBoth();
            // tokens while the database is gone: each writer fails its write and says so once
            perInstance.forEach((p, n) -> byPort.get(p).feed(2 * n, 0));
            for (Instance x : survivors) {
                if (!perInstance.containsKey(x.port())) continue;
                changes.awaitUntil(() -> logged(x, "keeps its writes in memory"), WAIT);
                var refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + x.port() + "/api/runs"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as("a new run during the outage").isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(Json.parse(refused.body()).get("error").get("code").stringValue()).isEqualTo("store_unavailable");
            }
            proxy.restore();
            perInstance.forEach((p, n) -> byPort.get(p).feed(0, n));
            for (Instance x : survivors) {
                if (!perInstance.containsKey(x.port())) continue;
                changes.awaitUntil(() -> logged(x, "run writer reaches the database again"), WAIT);
            }
        }
        for (var e : streams.entrySet()) {
            try (var sse = e.getValue()) {
                seen.get(e.getKey()).addAll(sse.untilEnd(WAIT));
            }
            var frames = seen.get(e.getKey());
            assertThat(frames.getLast().event()).isEqualTo("run.completed");
            awaitStored(store, notices, e.getKey(), Long.parseLong(frames.getLast().id()));
            assertThat(frames).extracting(SseClient.Frame::data)
                    .containsExactlyElementsOf(store.events(e.getKey(), 0, Long.MAX_VALUE, 1000).stream().map(StoredEvent::data).toList());
            assertThat(store.find(e.getKey()).orElseThrow().status()).isEqualTo("completed");
        }
        for (Instance x : survivors) {
            var accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + x.port() + "/api/runs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as("runs accepted again").isEqualTo(201);
            x.feed(0, 1);
        }
    }

    private static boolean logged(Instance x, String text) {
        try {
            return Files.readString(x.err()).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Waits until the run's events up to {@code seq} are committed: on its notices, never by polling. */
    private static void awaitStored(RunStore store, RunNotices notices, String id, long seq) throws Exception {
        var woken = new Semaphore(0);
        try (var w = notices.watch(id, s -> woken.release())) {
            while (store.lastSeq(id) < seq) assertThat(woken.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("run %s stored to %d", id, seq).isTrue();
        }
    }

    private static int upstreamPort(HttpResponse<?> r) {
        String addr = r.headers().firstValue("X-Upstream").orElseThrow();
        return Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
    }

    private static Instance start(Path dir, String url, int i) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HaTarget.class.getName(), url,
                Long.toString(LEASE_MS))
                .redirectError(dir.resolve("instance-" + i + ".err").toFile())
                .start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        assertThat(line).as("instance %d started (see instance-%d.err)", i, i).startsWith("PORT ");
        return new Instance(p, Integer.parseInt(line.substring(5).strip()), new PrintWriter(p.getOutputStream(), true),
                dir.resolve("instance-" + i + ".err"));
    }

    private static void admin(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** nginx with the round-robin upstream of docs/deploy.md; it names the instance that answered in X-Upstream. */
    private static Process nginx(Path dir, int port, List<Integer> upstreams) throws Exception {
        var servers = new StringBuilder();
        for (int u : upstreams) servers.append("    server 127.0.0.1:").append(u).append(";\n");
        return TestNginx.start(dir, 2048, """
            upstream catalyst {
            %2$s    keepalive 32;
            }
            server {
                listen 127.0.0.1:%1$d;
                location / {
                    proxy_pass http://catalyst;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    proxy_buffering off;
                    proxy_read_timeout 1h;
                    add_header X-Upstream $upstream_addr always;
                }
            }
            """.formatted(port, servers));
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
