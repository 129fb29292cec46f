package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.LogCapture;
import dev.catalyst.server.observe.JsonLogFormatter;
import dev.catalyst.server.observe.Observability;
import dev.catalyst.testkit.fake.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The log lines a run leaves, formatted as {@code CATALYST_LOG_FORMAT=json} writes them, carry the
 * run's id and, where a node is concerned, the node's: a retried 429 (llm), the retired model's
 * warning (llm), the node's and the run's failure (server). A run against the Anthropic fake on
 * loopback with a planted key, which no line holds.
 */
@Timeout(120)
class RunLogFieldsTest {
    static final String KEY = PlantedKeyTest.KEY;
    static final String PROMPT = "PROMPTMARK-logs-about-otters-5521";
    static final String RETIRED = "claude-3-5-haiku-20241022";

    @TempDir
    Path home;
    LoopbackProviders fakes;
    LogCapture log;
    LogCapture runLog;

    @BeforeEach
    void start() {
        // the levels a server logs at (INFO up; the run's own lines are INFO and WARNING). Below that, Jetty's
        // client debug lines print the request headers, key included: not a level to run a server at
        log = LogCapture.of("", java.util.logging.Level.INFO);
        // `catalyst run` (RunCommandTest, in this JVM) sets RunLog's level to SEVERE: a server's level here, for the test
        runLog = LogCapture.of("dev.catalyst.server.runs.RunLog", java.util.logging.Level.INFO);
        fakes = new LoopbackProviders(home, KEY, Observability.metricsOnly());
    }

    @AfterEach
    void stop() {
        fakes.close();
        runLog.close();
        log.close();
    }

    @Test
    void aRunsLinesCarryItsRunIdAndTheNodesId() throws Exception {
        fakes.anthropic.enqueue(Fault.HTTP_429_RETRY_AFTER_MS); // retried after the fake's 50 ms
        fakes.anthropic.enqueue(Fault.HTTP_401);
        String workflow = Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json"))
                .replace("\"claude-sonnet-5-5\"", "\"" + RETIRED + "\"");
        String id = fakes.run(workflow, "{\"topic\": \"" + PROMPT + "\"}");
        String other = fakes.run(Files.readString(SimulateModeTest.EXAMPLES.resolve("hello.json")), "{}"); // a run that completes, to tell lines apart
        assertThat(fakes.anthropic.requests()).hasSize(3);

        List<JsonNode> lines = jsonLines();
        JsonNode retry = only(lines, "dev.catalyst.llm.providers.http.ChatClient");
        assertThat(retry.path("message").asString()).isEqualTo("anthropic answered rate_limited (HTTP 429); retry 1 of 2 in 50 ms");
        assertFields(retry, id, "claude");
        JsonNode retired = only(lines, "dev.catalyst.llm.nodes.completion.CompletionNode");
        assertThat(retired.path("message").asString()).contains(RETIRED);
        assertFields(retired, id, "claude");
        var runLines = lines.stream().filter(l -> l.path("logger").asString().equals("dev.catalyst.server.runs.RunLog")).toList();
        assertThat(runLines).extracting(l -> l.path("message").asString())
                .containsExactly("run " + id + ": node claude failed: auth", "run " + id + " failed: auth (node claude)");
        for (JsonNode l : runLines) assertFields(l, id, "claude");
        assertThat(runLines.getFirst().path("level").asString()).isEqualTo("WARNING");

        // every line that names a run is tagged with that run, and none with the other (which logged nothing)
        for (JsonNode l : lines) {
            if (l.path("message").asString().contains(id)) assertThat(l.path("run_id").asString()).as(l.toString()).isEqualTo(id);
            assertThat(l.path("run_id").asString("")).isNotEqualTo(other);
        }
        String all = lines.toString();
        assertThat(all).contains(id).doesNotContain("PLANTEDKEY").doesNotContain(PROMPT);
        assertThat(fakes.anthropic.requests().getFirst().header("x-api-key")).isEqualTo(KEY); // the key was in play
    }

    private List<JsonNode> jsonLines() {
        var formatter = new JsonLogFormatter();
        return log.records().stream().map(formatter::format).map(line -> {
            assertThat(line.strip()).doesNotContain("\n");
            return Json.parse(line);
        }).toList();
    }

    private static JsonNode only(List<JsonNode> lines, String logger) {
        var of = lines.stream().filter(l -> l.path("logger").asString().equals(logger)).toList();
        assertThat(of).as("lines of %s in %s", logger, lines).hasSize(1);
        return of.getFirst();
    }

    private static void assertFields(JsonNode line, String runId, String nodeId) {
        assertThat(line.path("run_id").asString()).as(line.toString()).isEqualTo(runId);
        assertThat(line.path("node_id").asString()).as(line.toString()).isEqualTo(nodeId);
    }
}
