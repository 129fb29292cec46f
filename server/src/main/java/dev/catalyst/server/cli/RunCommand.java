package dev.catalyst.server.cli;

import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.InvalidInputsException;
import dev.catalyst.engine.Plan;
import dev.catalyst.engine.RunHandle;
import dev.catalyst.engine.RunInputs;
import dev.catalyst.engine.RunResult;
import dev.catalyst.engine.WorkflowInvalidException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", description = {
        "Run a workflow here and stream its answer to stdout as it arrives;",
        "node status and a usage/cost summary go to stderr.",
        "Exit code: 0 completed, 1 invalid workflow, 2 bad usage or inputs, 4 run failed, 5 run cancelled."})
final class RunCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 4;
    static final int EXIT_CANCELLED = 5;

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

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        WorkflowCodec.Decoded decoded;
        try {
            decoded = WorkflowFiles.read(file);
        } catch (WorkflowFiles.Unreadable e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ProviderMode chosen;
        try {
            chosen = ProviderMode.choose(main.env, simulation, err);
        } catch (IllegalArgumentException e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try (ProviderMode providers = chosen) {
            return run(decoded, main.wiring.engine(CliEnvironment.catalog(main.env), providers), out, err);
        }
    }

    private int run(WorkflowCodec.Decoded decoded, Engine engine, java.io.PrintWriter out, java.io.PrintWriter err) throws InterruptedException {
        Plan plan;
        try {
            if (decoded.hasErrors()) throw new WorkflowInvalidException(dev.catalyst.core.validation.ValidationReport.of(decoded.issues()));
            plan = engine.compile(decoded.workflow());
        } catch (WorkflowInvalidException e) {
            err.println("catalyst: " + file + " cannot run:");
            for (ValidationIssue issue : e.report().errorsOnly()) err.println("  " + issue.describe());
            return Main.EXIT_INVALID;
        }
        Map<String, tools.jackson.databind.JsonNode> runInputs;
        try {
            runInputs = RunInputs.fromStrings(decoded.workflow(), inputs);
        } catch (InvalidInputsException e) {
            for (String p : e.problems()) err.println("catalyst: " + p);
            return Main.EXIT_USAGE;
        }
        var printer = new TerminalPrinter(out, err, plan, json);
        RunHandle handle = engine.start(plan, UUID.randomUUID().toString(), runInputs, printer);
        Thread hook = new Thread(() -> {
            handle.cancel("interrupted by the user");
            try {
                handle.result().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway
            }
        }, "catalyst-run-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        RunResult result = handle.await();
        Runtime.getRuntime().removeShutdownHook(hook);
        printer.summary(result);
        return switch (result.status()) {
            case COMPLETED -> 0;
            case CANCELLED -> EXIT_CANCELLED;
            case FAILED, QUEUED, RUNNING -> EXIT_FAILED;
        };
    }
}
