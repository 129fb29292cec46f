package dev.catalyst.engine;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.core.workflow.Workflow;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Runs workflows. Wiring: the node executors come in by node type, built from the same node kinds
 * as the registry; workflow outputs are rendered with the renderer.
 *
 * <pre>{@code
 * var engine = new Engine(registry, catalog, executors, renderer, secrets);
 * Plan plan = engine.compile(workflow);                 // WorkflowInvalidException when it cannot run
 * RunHandle run = engine.start(plan, runId, inputs, sink);
 * RunResult result = run.await();
 * }</pre>
 */
public final class Engine implements AutoCloseable {
    private final NodeRegistry registry;
    private final ModelCatalog catalog;
    private final Map<String, NodeExecutor> executors;
    private final TemplateRenderer renderer;
    private final SecretStore secrets;
    private final EngineOptions options;
    private final WorkflowValidator validator;
    private final Planner planner;
    private final CpuPool cpu;
    private final DeadlineTimer deadlines;
    private final boolean ownsDeadlines;

    public Engine(NodeRegistry registry, ModelCatalog catalog, Map<String, NodeExecutor> executors,
                  TemplateRenderer renderer, SecretStore secrets) {
        this(registry, catalog, executors, renderer, secrets, EngineOptions.DEFAULTS);
    }

    public Engine(NodeRegistry registry, ModelCatalog catalog, Map<String, NodeExecutor> executors,
                  TemplateRenderer renderer, SecretStore secrets, EngineOptions options) {
        this(registry, catalog, executors, renderer, secrets, options, new WorkflowValidator(registry, catalog));
    }

    /** @param validator the validator runs must pass (e.g. one extended with expression checks) */
    public Engine(NodeRegistry registry, ModelCatalog catalog, Map<String, NodeExecutor> executors,
                  TemplateRenderer renderer, SecretStore secrets, EngineOptions options, WorkflowValidator validator) {
        this(registry, catalog, executors, renderer, secrets, options, validator, CpuPool.inline());
    }

    /** @param cpu where validation runs, off the caller's virtual thread (ADR 8); node deadlines run on a timer of the engine's own */
    public Engine(NodeRegistry registry, ModelCatalog catalog, Map<String, NodeExecutor> executors,
                  TemplateRenderer renderer, SecretStore secrets, EngineOptions options, WorkflowValidator validator, CpuPool cpu) {
        this(registry, catalog, executors, renderer, secrets, options, validator, cpu, DeadlineTimer.system(), true);
    }

    /** @param deadlines fires node timeouts; the caller keeps it and closes it (the engine does not) */
    public Engine(NodeRegistry registry, ModelCatalog catalog, Map<String, NodeExecutor> executors, TemplateRenderer renderer,
                  SecretStore secrets, EngineOptions options, WorkflowValidator validator, CpuPool cpu, DeadlineTimer deadlines) {
        this(registry, catalog, executors, renderer, secrets, options, validator, cpu, deadlines, false);
    }

    private Engine(NodeRegistry registry, ModelCatalog catalog, Map<String, NodeExecutor> executors, TemplateRenderer renderer,
                   SecretStore secrets, EngineOptions options, WorkflowValidator validator, CpuPool cpu,
                   DeadlineTimer deadlines, boolean ownsDeadlines) {
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.ownsDeadlines = ownsDeadlines;
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.executors = Map.copyOf(executors);
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.options = Objects.requireNonNull(options, "options");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.planner = new Planner(registry, validator, this.executors.keySet());
    }

    /** Validates the workflow (credentials included) and plans it. */
    public Plan compile(Workflow workflow) throws WorkflowInvalidException {
        return cpu.call(() -> planner.compile(workflow, secrets::has));
    }

    /**
     * Starts a run on a virtual thread and returns at once. Every event goes to {@code sink}, the
     * last one being exactly one of run.completed, run.failed or run.cancelled.
     *
     * @param inputs the run's inputs, already checked with {@link RunInputs#resolve}
     */
    public RunHandle start(Plan plan, String runId, Map<String, JsonNode> inputs, RunEventSink sink) {
        var execution = new RunExecution(this, plan, runId, Map.copyOf(inputs), sink);
        // run.started and the schedule here; the first root node (and the chain it unblocks) on the one thread started here
        Thread.ofVirtual().name("run-" + runId).start(execution.begin());
        return new RunHandle(runId, plan, execution.cancellation(), execution.result(), execution::metricsInOrder);
    }

    /** Closes the deadline timer the engine made itself; runs still in flight lose their deadlines. */
    @Override
    public void close() {
        if (ownsDeadlines) deadlines.close();
    }

    public NodeRegistry registry() { return registry; }
    public ModelCatalog catalog() { return catalog; }
    public SecretStore secrets() { return secrets; }
    public EngineOptions options() { return options; }
    public WorkflowValidator validator() { return validator; }
    /** Where CPU-bound work (validation) runs. */
    public CpuPool cpu() { return cpu; }
    TemplateRenderer renderer() { return renderer; }
    DeadlineTimer deadlines() { return deadlines; }

    NodeExecutor executor(String type) {
        return executors.get(type);
    }
}
