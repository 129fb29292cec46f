package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.LogCapture;
import dev.catalyst.core.json.Json;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.Pacing;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/secrets on a started server, and a random key planted through it: the provider (a fake
 * that records what it got) receives it, and nothing else does — not the answers, the events,
 * the run records, any byte of the database files (WAL included), the log, the printed output or
 * an exported workflow — also when the provider quotes the key back in its error body.
 */
@Timeout(180)
class SecretsApiTest {
    final String key = "sk-ant-api03-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24)) + "-AA";
    final String marker = key.substring(13, 40);
    @TempDir
    Path home;
    AnthropicFake fake;
    Main world;
    LogCapture log;
    Map<String, String> env;

    @BeforeEach
    void start() {
        fake = new AnthropicFake();
        fake.pacing(Pacing.instant());
        env = Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(), "CATALYST_MASTER_KEY", "the test's master key, long enough",
                "CATALYST_ANTHROPIC_BASE_URL", fake.baseUrl().toString());
        world = CliTestSupport.worldTyping(env, "an-older-anthropic-key");
        log = LogCapture.everything();
    }

    @AfterEach
    void stop() {
        log.close();
        fake.close();
    }

    HttpResponse<String> send(InProcessServer s, String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(s.url + path));
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return s.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aServerInSimulateModeSaysAStoredKeyWaitsForARestart() throws Exception {
        // no key anywhere: simulate mode comes on by itself
        try (var server = new InProcessServer(world)) {
            assertThat(server.err.toString()).contains("SIMULATE MODE");
            var put = send(server, "PUT", "/api/secrets/anthropic", "{\"value\": \"" + key + "\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            var answer = Json.parse(put.body());
            assertThat(answer.get("name").asString()).isEqualTo("anthropic");
            assertThat(answer.get("restart").asString()).contains("simulate mode").contains("restarted");
            assertThat(Json.parse(send(server, "GET", "/api/secrets", null).body()).get("restart").asString()).contains("restarted");
            assertThat(put.body()).doesNotContain(key);
        }
        // restarted (a new process: its own stop latch), the stored key is used: no simulate mode, and the (fake) provider gets it
        try (var server = new InProcessServer(CliTestSupport.world(env))) {
            assertThat(server.err.toString()).doesNotContain("SIMULATE MODE");
            assertThat(Json.parse(send(server, "GET", "/api/secrets", null).body()).has("restart")).isFalse();
            var created = server.post("/api/runs", "{\"workflow\": " + Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json")) + "}");
            var id = Json.parse(created.body()).get("id").stringValue();
            assertThat(server.events(id, new StringBuilder()).getLast().event()).isEqualTo("run.completed");
            assertThat(fake.lastRequest().header("x-api-key")).isEqualTo(key);
        }
    }

    @Test
    void aKeyPutThroughTheApiIsUsedByRunsAndAppearsNowhereElse() throws Exception {
        var seen = new StringBuilder();
        // a key set before the server starts, so it calls the (fake) provider rather than simulating
        assertThat(CliTestSupport.run(world, "secrets", "set", "anthropic").exit()).isZero();
        String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"));
        String okRun;
        String failedRun;
        try (var server = new InProcessServer(world)) {
            assertThat(server.err.toString()).doesNotContain("SIMULATE MODE");
            var put = send(server, "PUT", "/api/secrets/anthropic", "{\"value\": \"" + key + "\"}");
            seen.append(put.headers().map()).append(put.body());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(Json.parse(put.body()).get("source").asString()).isEqualTo("file:" + home.resolve("secrets.enc"));
            assertThat(Json.parse(put.body()).has("restart")).as("a real-mode server uses the key at once").isFalse();

            var list = send(server, "GET", "/api/secrets", null);
            seen.append(list.body());
            var listing = Json.parse(list.body());
            assertThat(listing.get("secrets").get(0).get("name").asString()).isEqualTo("anthropic");
            assertThat(listing.get("writableStore").asString()).startsWith("file:");

            // a run uses the key at once: the provider got it
            var created = server.post("/api/runs", "{\"workflow\": " + workflow + "}");
            seen.append(created.body());
            okRun = Json.parse(created.body()).get("id").stringValue();
            assertThat(server.events(okRun, seen).getLast().event()).isEqualTo("run.completed");
            assertThat(fake.lastRequest().header("x-api-key")).isEqualTo(key);

            // the provider refuses it and quotes it back
            fake.enqueueJson(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key " + key + "\"}}");
            var refused = server.post("/api/runs", "{\"workflow\": " + workflow + "}");
            seen.append(refused.body());
            failedRun = Json.parse(refused.body()).get("id").stringValue();
            var failedEvents = server.events(failedRun, seen);
            assertThat(failedEvents.getLast().event()).isEqualTo("run.failed");
            assertThat(failedEvents.getLast().data()).contains("auth");

            var tested = send(server, "POST", "/api/secrets/anthropic/test", "{}");
            seen.append(tested.body());
            assertThat(Json.parse(tested.body()).get("outcome").asString()).isEqualTo("ok");
            fake.enqueueJson(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key " + key + "\"}}");
            var testedBad = send(server, "POST", "/api/secrets/anthropic/test", "{}");
            seen.append(testedBad.body());
            assertThat(Json.parse(testedBad.body()).get("outcome").asString()).isEqualTo("auth");

            // a malformed body holding the key: the error says where, not what
            var malformed = send(server, "PUT", "/api/secrets/openai", "{\"value\": " + key + "}");
            seen.append(malformed.body());
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(send(server, "PUT", "/api/secrets/Not%20A%20Name", "{\"value\": \"x\"}").statusCode()).isEqualTo(400);
            assertThat(send(server, "PUT", "/api/secrets/openai", "{\"value\": 7}").statusCode()).isEqualTo(400);

            // imports with the key where its name belongs are refused, on store and on run
            String keyed = workflow.replace("\"credential\": \"anthropic\"", "\"credential\": \"" + key + "\"");
            assertThat(keyed).isNotEqualTo(workflow);
            var stored = server.post("/api/workflows", keyed);
            seen.append(stored.body());
            assertThat(stored.statusCode()).isEqualTo(400);
            assertThat(Json.parse(stored.body()).get("error").get("code").asString()).isEqualTo("key_in_workflow");
            assertThat(Json.parse(stored.body()).get("error").get("message").asString()).contains("catalyst secrets set");
            var keyedRun = server.post("/api/runs", "{\"workflow\": " + keyed + "}");
            seen.append(keyedRun.body());
            assertThat(keyedRun.statusCode()).isEqualTo(400);
            // an export of a stored workflow holds the name only
            assertThat(server.post("/api/workflows", workflow).statusCode()).isEqualTo(201);
            String id = Json.parse(workflow).get("id").asString();
            seen.append(send(server, "GET", "/api/workflows/" + id, null).body());

            for (String path : List.of("/api/runs/" + okRun, "/api/runs/" + failedRun, "/api/runs", "/api/secrets", "/api/health")) {
                var res = send(server, "GET", path, null);
                seen.append(res.headers().map()).append(res.body());
            }
            server.events(okRun, seen);
            server.events(failedRun, seen);

            assertThat(send(server, "DELETE", "/api/secrets/anthropic", null).statusCode()).isEqualTo(204);
            var gone = send(server, "DELETE", "/api/secrets/anthropic", null);
            assertThat(gone.statusCode()).isEqualTo(404);
            seen.append(server.out.text).append(server.err);
        }
        var cliList = CliTestSupport.run(world, "secrets", "list");
        seen.append(cliList.out()).append(cliList.err());

        assertThat(seen.toString()).contains(okRun).contains(failedRun).doesNotContain(key).doesNotContain(marker);
        assertThat(log.text()).doesNotContain(marker);
        var files = Files.list(home).filter(p -> p.getFileName().toString().startsWith("catalyst.db")).toList();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("%s", f).doesNotContain(marker);
        }
        assertThat(new String(Files.readAllBytes(home.resolve("secrets.enc")), StandardCharsets.ISO_8859_1)).doesNotContain(marker);
        String db = new String(Files.readAllBytes(home.resolve("catalyst.db")), StandardCharsets.ISO_8859_1);
        assertThat(db).as("the store holds the runs (so the search above looked at real data)").contains(okRun);
    }
}
