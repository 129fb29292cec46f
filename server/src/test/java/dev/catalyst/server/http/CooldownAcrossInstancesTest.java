package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.cli.Main;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.FaultTiming;
import dev.catalyst.testkit.fake.FakeServer;
import dev.catalyst.testkit.fake.GroqFake;
import dev.catalyst.testkit.fake.OpenAiFake;
import dev.catalyst.testkit.fake.Pacing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "a 429 seen by one instance cools the deployment for the others", across processes:
 * two {@code catalyst start} processes on one fresh PostgreSQL database, with the three providers'
 * fakes (in this JVM) as their providers. The router example's cheapest candidate (groq) answers
 * 429 with a Retry-After of an hour: a run through instance A falls back; instance B hears A's
 * cooldown (it logs it when its listener applies the notice), and a run through B then completes
 * without calling groq at all: the fake's request count stays at one, and B's decision says why.
 */
@Timeout(300)
class CooldownAcrossInstancesTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Path EXAMPLES = Path.of("..", "examples");

    /** A {@code catalyst start} child; its stderr lines (the log) arrive on {@code log}. */
    record Instance(Process process, String url, LinkedBlockingQueue<String> log, List<String> seen) {
        /** Waits for a log line containing {@code text} (lines before it are kept in {@code seen}). */
        boolean awaitLog(String text) throws InterruptedException {
            long end = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = log.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) return false;
                seen.add(line);
                if (line.contains(text)) return true;
            }
        }
    }

    @Test
    void aRateLimitSeenByOneInstanceMakesTheOtherSkipTheDeploymentWithoutCallingIt(@TempDir Path dir) throws Exception {
        String dbName = "catalyst_cd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + dbName);
        var instances = new ArrayList<Instance>();
        try (var anthropic = new AnthropicFake(); var openai = new OpenAiFake(); var groq = new GroqFake();
             var http = HttpClient.newHttpClient()) {
            for (FakeServer f : List.of(anthropic, openai, groq)) f.pacing(Pacing.instant());
            var t = FaultTiming.defaults();
            groq.faultTiming(new FaultTiming(t.slowFirstByte(), t.stall(), 3600, t.retryAfterMs())); // outlasts the test
            groq.enqueue(Fault.HTTP_429_RETRY_AFTER);
            var env = Map.of("CATALYST_DB", "postgresql://postgres@127.0.0.1:5432/" + dbName, "CATALYST_PORT", "0",
                    "ANTHROPIC_API_KEY", "sk-ant-test-anthropic", "CATALYST_ANTHROPIC_BASE_URL", anthropic.baseUrl().toString(),
                    "OPENAI_API_KEY", "sk-proj-test-openai", "CATALYST_OPENAI_BASE_URL", openai.baseUrl().toString(),
                    "GROQ_API_KEY", "gsk_test_groq", "CATALYST_GROQ_BASE_URL", groq.baseUrl().toString());
            Instance a = start(dir.resolve("a"), env);
            instances.add(a);
            Instance b = start(dir.resolve("b"), env);
            instances.add(b);

            JsonNodeView first = run(http, a);
            assertThat(first.status()).as(first.body()).isEqualTo("completed");
            assertThat(groq.requests()).as("A called groq once: the 429").hasSize(1);
            assertThat(first.body()).contains("rate_limited");

            assertThat(b.awaitLog("shared router cooldown in force here: groq/")).as("B applied A's cooldown; B's log: %s", b.seen()).isTrue();
            JsonNodeView second = run(http, b);
            assertThat(second.status()).as(second.body()).isEqualTo("completed");
            assertThat(groq.requests()).as("B never called the cooled deployment").hasSize(1);
            assertThat(second.body()).containsPattern("cooling down for \\d+ ms \\(rate_limited\\)");
        } finally {
            for (Instance x : instances) {
                x.process().destroy();
                if (!x.process().waitFor(30, TimeUnit.SECONDS)) x.process().destroyForcibly().waitFor();
            }
            admin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        }
    }

    /** A run's description as stored, with the text of its events (the router's decisions are there). */
    record JsonNodeView(String status, String body) {}

    private static JsonNodeView run(HttpClient http, Instance x) throws Exception {
        String workflow = Files.readString(EXAMPLES.resolve("router.json"));
        var res = http.send(HttpRequest.newBuilder(URI.create(x.url() + "/api/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": " + workflow + ", \"inputs\": {}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        String id = Json.parse(res.body()).get("id").stringValue();
        var events = new StringBuilder();
        var stream = http.send(HttpRequest.newBuilder(URI.create(x.url() + "/api/runs/" + id + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (var lines = stream.body()) {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                events.append(line).append('\n');
                if (line.startsWith("event:") && line.contains("run.") && !line.contains("run.started")) break; // terminal
            }
        }
        var described = http.send(HttpRequest.newBuilder(URI.create(x.url() + "/api/runs/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonNodeView(Json.parse(described.body()).path("status").asString(), described.body() + "\n" + events);
    }

    private static Instance start(Path home, Map<String, String> env) throws Exception {
        Files.createDirectories(home);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "start");
        pb.environment().keySet().removeIf(k -> k.startsWith("CATALYST_") || k.endsWith("_API_KEY") || k.startsWith("OTEL_"));
        pb.environment().putAll(env);
        pb.environment().put("CATALYST_HOME", home.toString());
        Process p = pb.start();
        var log = new LinkedBlockingQueue<String>();
        Thread.ofVirtual().start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) log.add(line);
            } catch (IOException ended) {
                // the process is gone
            }
        });
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        var printed = new StringBuilder();
        while ((line = out.readLine()) != null) {
            printed.append(line).append('\n');
            var m = Pattern.compile("serving on (http://\\S+)").matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> { // keep its stdout drained
                    try {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException ended) {
                        // the process is gone
                    }
                });
                return new Instance(p, m.group(1), log, new ArrayList<>());
            }
        }
        throw new AssertionError("instance did not start; stdout: " + printed + " stderr: " + String.join("\n", log));
    }

    private static void admin(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
