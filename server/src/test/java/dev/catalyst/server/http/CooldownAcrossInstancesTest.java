package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.FaultTiming;
import dev.catalyst.testkit.fake.FakeServer;
import dev.catalyst.testkit.fake.GroqFake;
import dev.catalyst.testkit.fake.OpenAiFake;
import dev.catalyst.testkit.fake.Pacing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    @Test
    void aRateLimitSeenByOneInstanceMakesTheOtherSkipTheDeploymentWithoutCallingIt(@TempDir Path dir) throws Exception {
        String dbName = "catalyst_cd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + dbName);
        var instances = new ArrayList<ServerChild>();
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
            ServerChild a = ServerChild.start(dir.resolve("a"), env);
            instances.add(a);
            ServerChild b = ServerChild.start(dir.resolve("b"), env);
            instances.add(b);

            JsonNodeView first = run(http, a);
            assertThat(first.status()).as(first.body()).isEqualTo("completed");
            assertThat(groq.requests()).as("A called groq once: the 429").hasSize(1);
            assertThat(first.body()).contains("rate_limited");

            assertThat(b.awaitLog("shared router cooldown in force here: groq/", WAIT)).as("B applied A's cooldown; B's log: %s", b.seen()).isTrue();
            JsonNodeView second = run(http, b);
            assertThat(second.status()).as(second.body()).isEqualTo("completed");
            assertThat(groq.requests()).as("B never called the cooled deployment").hasSize(1);
            assertThat(second.body()).containsPattern("cooling down for \\d+ ms \\(rate_limited\\)");
        } finally {
            for (ServerChild x : instances) x.stop();
            admin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        }
    }

    /** A run's description as stored, with the text of its events (the router's decisions are there). */
    record JsonNodeView(String status, String body) {}

    private static JsonNodeView run(HttpClient http, ServerChild x) throws Exception {
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

    private static void admin(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
