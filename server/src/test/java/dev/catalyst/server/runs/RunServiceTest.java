package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.engine.Engine;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.server.store.WorkflowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run service on its own: typed requests in, domain errors out, a real SQLite file underneath; no HTTP. */
class RunServiceTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Database db;
    RunStore runs;
    WorkflowStore workflows;
    TestExecutors nodes;
    RunService service;

    @BeforeEach
    void open() {
        db = TestDatabases.sqlite(dir);
        runs = new RunStore(db);
        workflows = new WorkflowStore(db);
        nodes = new TestExecutors();
        service = new RunService(nodes.engine(), runs, workflows, 16);
        service.takeLease();
    }

    @AfterEach
    void close() {
        nodes.feed(TestExecutors.END); // a run a failed test left waiting ends
        service.close();
        db.close();
    }

    private static RunRequest given(String workflow, RunRequest.Inputs inputs) {
        return RunRequest.given(WorkflowCodec.read(workflow), inputs);
    }

    private static List<StoredEvent> events(Subscription sub) throws InterruptedException {
        var out = new ArrayList<StoredEvent>();
        try (sub) {
            while (!sub.finished()) {
                StoredEvent e = sub.next(WAIT);
                if (e != null) out.add(e);
            }
        }
        return out;
    }

    @Test
    void aGivenWorkflowRunsIsStoredAndItsWatcherSeesTokensAsTheyCome() throws Exception {
        var seen = new CopyOnWriteArrayList<RunEvent>();
        var firstToken = new CountDownLatch(1);
        var prepared = service.prepare(given(TestExecutors.WORKFLOW, new RunRequest.Inputs.Text(Map.of("topic", "seals"))));
        assertThat(prepared.plan().answerNodeId()).isEqualTo("claude"); // the node whose tokens streamResponse marks
        assertThat(prepared.inputs().get("topic").stringValue()).isEqualTo("seals");

        var run = service.launch(prepared, e -> {
            seen.add(e);
            if (e instanceof RunEvent.Token) firstToken.countDown();
        });
        nodes.feed("Hel");
        // the watcher has the first token while the node still waits for the rest: it is live, not replayed
        assertThat(firstToken.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(run.handle().result()).isNotDone();
        nodes.feed("lo", TestExecutors.END);
        run.stored().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        var described = service.describe(run.id()).orElseThrow();
        assertThat(described.get("status").stringValue()).isEqualTo("completed");
        assertThat(described.get("workflowId").stringValue()).isEqualTo("hello");
        assertThat(described.get("inputs").get("topic").stringValue()).isEqualTo("seals");
        assertThat(described.get("outputs").get("answer").stringValue()).isEqualTo("Hello");
        assertThat(service.recent(10)).extracting(RunStore.RunSummary::id).containsExactly(run.id());

        // the store holds what the watcher saw, in the same order
        var stored = events(service.subscribe(run.id(), 0).orElseThrow());
        assertThat(stored).extracting(StoredEvent::name).containsExactlyElementsOf(seen.stream().map(RunEvent::name).toList());
        assertThat(stored.getFirst().name()).isEqualTo("run.started");
        assertThat(stored.getLast().name()).isEqualTo("run.completed");
    }

    @Test
    void aStoredWorkflowRunsByIdWithJsonInputs() throws Exception {
        workflows.create("hello", "Hello", TestExecutors.WORKFLOW);
        nodes.feed("hi", TestExecutors.END);
        var started = service.start(RunRequest.stored("hello", new RunRequest.Inputs.Values(Json.parse("{\"topic\": \"terns\"}"))));
        assertThat(started.status()).isEqualTo("running");
        service.whenStored(started.id()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        var run = runs.find(started.id()).orElseThrow();
        assertThat(run.status()).isEqualTo("completed");
        assertThat(Json.parse(run.inputs()).get("topic").stringValue()).isEqualTo("terns");
    }

    @Test
    void aStoredWorkflowIsCompiledOncePerStoredText() {
        workflows.create("hello", "Hello", TestExecutors.WORKFLOW);
        var inputs = RunRequest.Inputs.none();
        var first = service.prepare(RunRequest.stored("hello", inputs));
        var again = service.prepare(RunRequest.stored("hello", inputs));
        assertThat(again.plan()).isSameAs(first.plan());
        assertThat(again.workflow()).isSameAs(first.workflow());

        // an update is a new text: a new plan, made from what is stored now
        workflows.put("hello", "Hello", TestExecutors.WORKFLOW.replace("\"template\": \"hi\"", "\"template\": \"bye\""));
        var updated = service.prepare(RunRequest.stored("hello", inputs));
        assertThat(updated.plan()).isNotSameAs(first.plan());
        assertThat(updated.plan().nodes().get("prompt").config().get("template").stringValue()).isEqualTo("bye");

        // a stored text that does not compile is refused every time, and the fixed one compiles again
        workflows.put("hello", "Hello", TestExecutors.WORKFLOW.replace("anthropicCompletion", "noSuchKind"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> service.prepare(RunRequest.stored("hello", inputs)))
                    .isInstanceOf(RunException.InvalidWorkflow.class);
        }
        workflows.put("hello", "Hello", TestExecutors.WORKFLOW);
        var fixed = service.prepare(RunRequest.stored("hello", inputs));
        assertThat(fixed.plan().nodes().get("prompt").config().get("template").stringValue()).isEqualTo("hi");
    }

    @Test
    void anUnknownOrDamagedStoredWorkflowIsRefused() {
        assertThatThrownBy(() -> service.start(RunRequest.stored("nope", RunRequest.Inputs.none())))
                .isInstanceOf(RunException.NotFound.class).hasMessage("no workflow with id 'nope'");
        workflows.create("broken", "Broken", "{ not json");
        assertThatThrownBy(() -> service.start(RunRequest.stored("broken", RunRequest.Inputs.none())))
                .isInstanceOf(RunException.StoredWorkflowDamaged.class).hasMessageContaining("'broken'");
        assertThat(service.recent(10)).isEmpty();
    }

    @Test
    void aMalformedOrInvalidWorkflowIsRefusedWithEveryIssueAndNothingIsStored() {
        var malformed = given("{\"schemaVersion\": 1, \"nodes\": 5}", RunRequest.Inputs.none());
        assertThatThrownBy(() -> service.start(malformed))
                .isInstanceOfSatisfying(RunException.InvalidWorkflow.class, e -> {
                    assertThat(e).hasMessage("the workflow is malformed");
                    assertThat(e.issues()).isNotEmpty();
                });
        var invalid = given(TestExecutors.WORKFLOW.replace("claude-haiku-5-5", "nope"), RunRequest.Inputs.none());
        assertThatThrownBy(() -> service.start(invalid))
                .isInstanceOfSatisfying(RunException.InvalidWorkflow.class, e ->
                        assertThat(e.issues()).anySatisfy(i -> {
                            assertThat(i.nodeId()).isEqualTo("claude");
                            assertThat(i.isError()).isTrue();
                        }));
        assertThat(service.recent(10)).isEmpty();
    }

    @Test
    void aMissingCredentialIsRefusedBeforeTheRunStarts() {
        var engine = new Engine(NodeKinds.registry(), ModelCatalog.builtIn(), nodes.executors(), TestExecutors.templates(),
                new EnvSecretStore(Map.of()));
        try (var noKeys = new RunService(engine, runs, workflows, 16)) {
            assertThatThrownBy(() -> noKeys.start(given(TestExecutors.WORKFLOW, RunRequest.Inputs.none())))
                    .isInstanceOfSatisfying(RunException.InvalidWorkflow.class, e -> {
                        assertThat(e.issues()).isNotEmpty().allSatisfy(i -> assertThat(i.nodeId()).isEqualTo("claude"));
                        assertThat(e.getMessage()).isEqualTo(e.issues().getFirst().message());
                    });
        }
        assertThat(service.recent(10)).isEmpty();
    }

    @Test
    void inputsThatDoNotFitAreRefusedWithEveryProblem() {
        var json = given(TestExecutors.WORKFLOW, new RunRequest.Inputs.Values(Json.parse("{\"colour\": \"red\", \"topic\": 5}")));
        assertThatThrownBy(() -> service.start(json))
                .isInstanceOfSatisfying(RunException.InvalidInputs.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("unknown input 'colour'"))
                        .anySatisfy(p -> assertThat(p).contains("input 'topic' must be")));
        var notAnObject = given(TestExecutors.WORKFLOW, new RunRequest.Inputs.Values(Json.parse("[1]")));
        assertThatThrownBy(() -> service.start(notAnObject)).isInstanceOf(RunException.InvalidInputs.class)
                .hasMessageContaining("inputs must be an object");
        var text = given(TestExecutors.WORKFLOW, new RunRequest.Inputs.Text(Map.of("colour", "red")));
        assertThatThrownBy(() -> service.start(text))
                .isInstanceOfSatisfying(RunException.InvalidInputs.class, e ->
                        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("unknown input 'colour'")));
        assertThat(service.recent(10)).isEmpty();
    }

    @Test
    void cancellingAnEndedOrUnknownRunIsRefused() throws Exception {
        assertThatThrownBy(() -> service.cancel("no-such-run")).isInstanceOf(RunException.NotFound.class)
                .hasMessage("no run with id 'no-such-run'");
        var started = service.start(given(TestExecutors.WORKFLOW, RunRequest.Inputs.none()));
        assertThat(service.cancel(started.id())).isEqualTo("cancelled");
        service.whenStored(started.id()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThatThrownBy(() -> service.cancel(started.id()))
                .isInstanceOfSatisfying(RunException.AlreadyEnded.class, e -> {
                    assertThat(e.status()).isEqualTo("cancelled");
                    assertThat(e).hasMessage("run " + started.id() + " already ended: cancelled");
                });
    }

    @Test
    void aRunStartsWithoutWaitingForItsRowAndIsShownFromMemoryUntilTheRowIsStored() throws Exception {
        var entered = new CountDownLatch(1);
        var open = new CountDownLatch(1);
        // the writer holds its first group open until the test lets it go: nothing is committed meanwhile
        var held = new RunService(nodes.engine(), runs, workflows, 16,
                new EventWriter.Grouping(Duration.ofMillis(5), 4096, d -> {
                    entered.countDown();
                    open.await();
                }));
        try {
            held.takeLease();
            var started = held.start(given(TestExecutors.WORKFLOW, new RunRequest.Inputs.Values(Json.parse("{\"topic\": \"otters\"}"))));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            String id = started.id();
            assertThat(runs.find(id)).as("the row is not committed yet").isEmpty();
            assertThat(held.describe(id).orElseThrow().get("status").stringValue()).isEqualTo("running");
            assertThat(held.describe(id).orElseThrow().get("inputs").get("topic").stringValue()).isEqualTo("otters");
            assertThat(held.history(null, 10)).extracting(RunStore.HistoryLine::id).containsExactly(id);
            assertThat(held.history("another", 10)).isEmpty();
            assertThat(held.workflowOf(id)).isPresent();
            var sub = held.subscribe(id, 0).orElseThrow();
            nodes.feed("Hi", TestExecutors.END);
            open.countDown();
            assertThat(events(sub).getLast().name()).isEqualTo("run.completed");
            held.whenStored(id).get(30, TimeUnit.SECONDS);
            var row = runs.find(id).orElseThrow();
            assertThat(row.status()).isEqualTo("completed");
            assertThat(held.history(null, 10)).extracting(RunStore.HistoryLine::status).containsExactly("completed");
            assertThat(held.workflowOf(id)).isPresent();
        } finally {
            open.countDown();
            held.close();
        }
    }
}
