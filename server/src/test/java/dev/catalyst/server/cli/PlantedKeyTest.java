package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.LogCapture;
import dev.catalyst.core.json.Json;
import dev.catalyst.testkit.fake.AnthropicFake;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.Pacing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real-looking key planted in the environment reaches the provider (a fake, by base URL, not
 * simulate mode) and nowhere else: not the database files, the events, the HTTP answers, the
 * printed output nor the log.
 */
@Timeout(120)
class PlantedKeyTest {
    static final String KEY = "sk-ant-api03-PLANTEDKEY-" + "x7Qm2R9vLk4TzW8nB3cY6hJ1fD5sA0pE-AAAA";

    @TempDir
    Path home;
    AnthropicFake fake;
    LogCapture log;
    Main world;

    @BeforeEach
    void plant() {
        fake = new AnthropicFake();
        fake.pacing(Pacing.instant());
        world = CliTestSupport.world(Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(),
                "ANTHROPIC_API_KEY", KEY, "CATALYST_ANTHROPIC_BASE_URL", fake.baseUrl().toString()));
        log = LogCapture.everything();
    }

    @AfterEach
    void unplant() {
        log.close();
        fake.close();
    }

    @Test
    void theKeyReachesTheProviderAndNothingElse() throws Exception {
        var seen = new StringBuilder();
        String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"));
        String ok;
        String failed;
        try (var server = new InProcessServer(world)) {
            assertThat(server.err.toString()).doesNotContain("SIMULATE MODE");
            // a run that completes
            var created = server.post("/api/runs", "{\"workflow\": " + workflow + "}");
            seen.append(created.body());
            ok = Json.parse(created.body()).get("id").stringValue();
            var events = server.events(ok, seen);
            assertThat(events.getLast().event()).isEqualTo("run.completed");
            // a run the provider refuses (401): the error travels through events, the store and the API
            fake.enqueue(Fault.HTTP_401);
            var refused = server.post("/api/runs", "{\"workflow\": " + workflow + "}");
            seen.append(refused.body());
            failed = Json.parse(refused.body()).get("id").stringValue();
            var failedEvents = server.events(failed, seen);
            assertThat(failedEvents.getLast().event()).isEqualTo("run.failed");
            assertThat(failedEvents.getLast().data()).contains("auth");
            for (String path : List.of("/api/runs/" + ok, "/api/runs/" + failed, "/api/runs", "/api/health")) {
                var res = server.get(path);
                seen.append(res.headers().map()).append(res.body());
            }
            // replay from the store
            server.events(ok, seen);
            server.events(failed, seen);
            seen.append(server.out.text).append(server.err);
        }
        // the provider did get it, in its own header
        assertThat(fake.requests()).isNotEmpty();
        assertThat(fake.requests().getFirst().header("x-api-key")).isEqualTo(KEY);

        // the command line run prints events and errors without it
        fake.enqueue(Fault.HTTP_401);
        var cli = CliTestSupport.run(world, "run", SimulateModeTest.EXAMPLES.resolve("hello.json").toString(), "--json");
        assertThat(cli.exit()).isEqualTo(RunCommand.EXIT_FAILED);
        assertThat(cli.out()).contains("run.failed");
        seen.append(cli.out()).append(cli.err());

        assertThat(seen.toString()).contains(ok).contains(failed).contains("token").doesNotContain(KEY).doesNotContain("PLANTEDKEY");
        assertThat(log.text()).doesNotContain("PLANTEDKEY");
        // the same records as CATALYST_LOG_FORMAT=json writes them
        var json = new dev.catalyst.server.observe.JsonLogFormatter();
        assertThat(log.records()).isNotEmpty().allSatisfy(r -> assertThat(json.format(r)).doesNotContain("PLANTEDKEY"));
        var files = Files.list(home).filter(p -> p.getFileName().toString().startsWith("catalyst.db")).toList();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as("%s", f).doesNotContain("PLANTEDKEY");
        }
        String db = new String(Files.readAllBytes(home.resolve("catalyst.db")), StandardCharsets.ISO_8859_1);
        assertThat(db).as("the store holds the runs (so the search above looked at real data)").contains(ok);
    }
}
