package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.catalyst.llm.nodes.router.RouterState;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;
    TestExecutors nodes;
    Path workflow;
    Main world;

    @BeforeEach
    void wire() throws Exception {
        nodes = new TestExecutors();
        // the real wiring with this test's node stand-ins in place of the built-in executors
        var wiring = new Wiring(new RouterState(new dev.catalyst.testkit.ManualClock(), RouterState.Settings.defaults()),
                (settings, renderer, routerState) -> nodes.executors());
        world = new Main(Map.of("ANTHROPIC_API_KEY", "test-key", "CATALYST_HOME", dir.toString()), wiring, new CountDownLatch(1));
        workflow = Files.writeString(dir.resolve("hello.json"), TestExecutors.WORKFLOW);
    }

    @Test
    void streamsTheAnswerToStdoutAndStatusToStderr() {
        nodes.feed("Hello", " world", TestExecutors.END);
        var r = CliTestSupport.run(world, "run", workflow.toString(), "--input", "topic=seals");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Hello world\n");
        assertThat(r.err()).contains("▶ claude (anthropicCompletion)").contains("✓ claude").contains("first token")
                .contains("3 in / 11 out tokens").contains("$0.002").contains("── completed");
    }

    @Test
    void aRunFromTheCommandLineIsKeptInTheRunHistoryWithItsEvents() {
        nodes.feed("Hello", TestExecutors.END);
        var r = CliTestSupport.run(world, "run", workflow.toString(), "--input", "topic=seals", "--json");
        assertThat(r.exit()).isZero();
        var printed = r.out().lines().map(Json::parse).toList();
        // the database `catalyst start` would serve from this CATALYST_HOME
        try (var db = Database.open(DatabaseUrl.parse(null, dir))) {
            var store = new RunStore(db);
            var history = store.recent(10);
            assertThat(history).hasSize(1);
            var run = store.find(history.getFirst().id()).orElseThrow();
            assertThat(run.status()).isEqualTo("completed");
            assertThat(run.workflowId()).isEqualTo("hello");
            assertThat(Json.parse(run.inputs()).get("topic").stringValue()).isEqualTo("seals");
            // the stored events are the ones printed, in order
            var stored = store.events(run.id(), 0, Long.MAX_VALUE, 1000);
            assertThat(stored).extracting(StoredEvent::name)
                    .containsExactlyElementsOf(printed.stream().map(l -> l.get("event").stringValue()).toList());
            assertThat(stored).extracting(StoredEvent::seq)
                    .containsExactlyElementsOf(printed.stream().map(l -> l.get("id").asLong()).toList());
        }
    }

    @Test
    void anUnusableDatabaseIsAUsageError() {
        var bad = new Main(Map.of("ANTHROPIC_API_KEY", "test-key", "CATALYST_HOME", dir.toString(), "CATALYST_DB", "mysql://x"),
                new Wiring(new RouterState(new dev.catalyst.testkit.ManualClock(), RouterState.Settings.defaults()),
                        (settings, renderer, routerState) -> nodes.executors()), new CountDownLatch(1));
        var r = CliTestSupport.run(bad, "run", workflow.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("CATALYST_DB must be");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void printsEveryEventAsJsonLines() {
        nodes.feed("a", TestExecutors.END);
        var r = CliTestSupport.run(world, "run", workflow.toString(), "--json");
        assertThat(r.exit()).isZero();
        var lines = r.out().lines().map(Json::parse).toList();
        assertThat(lines.getFirst().get("event").stringValue()).isEqualTo("run.started");
        assertThat(lines.getFirst().get("id").asLong()).isEqualTo(1);
        assertThat(lines.getLast().get("event").stringValue()).isEqualTo("run.completed");
        assertThat(lines.getLast().get("data").get("outputs").get("answer").stringValue()).isEqualTo("a");
    }

    @Test
    void aFailedRunExitsWithFour() {
        nodes.feed("par", TestExecutors.FAIL);
        var r = CliTestSupport.run(world, "run", workflow.toString());
        assertThat(r.exit()).isEqualTo(RunCommand.EXIT_FAILED);
        assertThat(r.out()).isEqualTo("par\n");
        assertThat(r.err()).contains("✗ claude  stream_interrupted").contains("run failed: stream_interrupted").contains("── failed");
    }

    @Test
    void badWorkflowsAndInputsAreRefusedBeforeRunning() throws Exception {
        var invalid = Files.writeString(dir.resolve("bad.json"), TestExecutors.WORKFLOW.replace("claude-haiku-5-5", "nope"));
        var r = CliTestSupport.run(world, "run", invalid.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(r.err()).contains("cannot run").contains("[node claude]");
        var shape = Files.writeString(dir.resolve("shape.json"), "{\"schemaVersion\": 1, \"nodes\": 5}");
        assertThat(CliTestSupport.run(world, "run", shape.toString()).exit()).isEqualTo(Main.EXIT_INVALID);
        var missing = CliTestSupport.run(world, "run", dir.resolve("none.json").toString());
        assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("no such file");
        var input = CliTestSupport.run(world, "run", workflow.toString(), "--input", "colour=red");
        assertThat(input.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(input.err()).contains("unknown input 'colour'");
    }

    @Test
    void withoutAnAnswerStreamTheOutputsArePrinted() throws Exception {
        var wf = Files.writeString(dir.resolve("prompt.json"), """
            { "schemaVersion": 1, "id": "p",
              "nodes": [ { "id": "prompt", "type": "promptTemplate", "config": { "template": "hi" } } ],
              "outputs": { "text": "{{ nodes.prompt.output.text }}" } }
            """);
        var r = CliTestSupport.run(world, "run", wf.toString());
        assertThat(r.exit()).isZero();
        assertThat(Json.parse(r.out()).get("text").stringValue()).isEqualTo("hi");
    }

    @Test
    void onOneTerminalTheAnswerLineEndsBeforeTheStatusLine() {
        nodes.feed("Hello", " world", TestExecutors.END);
        var both = new java.io.StringWriter();
        var pw = new java.io.PrintWriter(both, true);
        assertThat(Main.run(new String[] {"run", workflow.toString()}, pw, pw, world)).isZero();
        assertThat(both.toString()).contains("Hello world\n✓ claude").doesNotContain("world✓");
    }
}
