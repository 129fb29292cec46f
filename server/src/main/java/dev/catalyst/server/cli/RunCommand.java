package dev.catalyst.server.cli;

import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.engine.RunResult;
import dev.catalyst.server.observe.LibraryLogLevels;
import dev.catalyst.server.runs.RunException;
import dev.catalyst.server.runs.RunRequest;
import dev.catalyst.server.runs.RunService;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.WorkflowStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", description = {
        "Run a workflow here and stream its answer to stdout as it arrives; node status and a usage/cost summary go to "
                + "stderr. The run is kept in the run history that `catalyst start` serves (CATALYST_DB, default sqlite in "
                + "CATALYST_HOME).",
        "Exit code: 0 completed, 1 invalid workflow, 2 bad usage or inputs, 4 run failed, 5 run cancelled."})
final class RunCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 4;
    static final int EXIT_CANCELLED = 5;
    /** A one-shot run has no live readers but this command; the sink still needs a buffer size. */
    private static final int SUBSCRIBER_BUFFER = 64;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow JSON file.")
    Path file;

    @Option(names = "--input", paramLabel = "NAME=VALUE", description = "A workflow input (repeatable); numbers, booleans and JSON are read by the input's declared type.")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print every run event as one JSON line on stdout instead of the answer text.")
    boolean json;

    @Mixin
    SimulateOptions simulation = new SimulateOptions();

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main main;

    // held by the command (see LibraryLogLevels)
    private LibraryLogLevels libraryLevels;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        // the store's libraries must not print over the answer, and the run's own failure lines (RunLog) would repeat
        // what the command prints about the failure
        var severe = java.util.logging.Level.SEVERE;
        libraryLevels = LibraryLogLevels.set(java.util.Map.of("org.flywaydb", severe, "com.zaxxer.hikari", severe, "ai.djl", severe,
                "dev.catalyst.server.runs.RunLog", severe));
        WorkflowCodec.Decoded decoded;
        try {
            decoded = WorkflowFiles.read(file);
        } catch (WorkflowFiles.Unreadable e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ProviderMode chosen;
        Database db;
        try {
            chosen = ProviderMode.choose(main.env, simulation, err);
        } catch (IllegalArgumentException e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        // the same database as `catalyst start`: a run from here shows in the run history
        try {
            db = Database.open(DatabaseUrl.parse(main.env.get("CATALYST_DB"), CliEnvironment.home(main.env)));
        } catch (RuntimeException e) {
            chosen.close();
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try (db; ProviderMode providers = chosen;
             var service = new RunService(main.wiring.engine(CliEnvironment.catalog(main.env), providers),
                     new RunStore(db), new WorkflowStore(db), SUBSCRIBER_BUFFER)) {
            return run(RunRequest.given(decoded, new RunRequest.Inputs.Text(inputs)), service, out, err);
        }
    }

    private int run(RunRequest request, RunService service, java.io.PrintWriter out, java.io.PrintWriter err) throws InterruptedException {
        RunService.Prepared prepared;
        try {
            prepared = service.prepare(request);
        } catch (RunException.InvalidWorkflow e) {
            err.println("catalyst: " + file + " cannot run:");
            for (ValidationIssue issue : e.issues()) if (issue.isError()) err.println("  " + issue.describe());
            return Main.EXIT_INVALID;
        } catch (RunException.InvalidInputs e) {
            for (String p : e.problems()) err.println("catalyst: " + p);
            return Main.EXIT_USAGE;
        }
        service.takeLease();
        var printer = new TerminalPrinter(out, err, prepared.plan(), json);
        var run = service.launch(prepared, printer);
        Thread hook = new Thread(() -> {
            run.handle().cancel("interrupted by the user");
            try {
                run.stored().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway; a run left unfinished is marked interrupted by the next start
            }
        }, "catalyst-run-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        RunResult result = run.handle().await();
        try {
            run.stored().join();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        printer.summary(result);
        return switch (result.status()) {
            case COMPLETED -> 0;
            case CANCELLED -> EXIT_CANCELLED;
            case FAILED, QUEUED, RUNNING -> EXIT_FAILED;
        };
    }
}
