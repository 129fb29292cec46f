package dev.catalyst.core.validation;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Validates a workflow and reports every issue at once. The checks read top to bottom: the
 * generic ones (shape, nodes and config schemas, edges, cycles, inputs, expressions), which know no
 * node type by name, and between them each node kind's own checks, as the registry lists them;
 * more are added with {@link #withCheck}.
 */
public final class WorkflowValidator {
    private final NodeRegistry registry;
    private final ModelCatalog catalog;
    private final List<WorkflowCheck> checks;
    private final TemplateEngine templates;

    /** A validator whose expression check compiles with its own template engine (default limits). */
    public WorkflowValidator(NodeRegistry registry, ModelCatalog catalog) {
        this(registry, catalog, new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)));
    }

    /** A validator whose expression check compiles with {@code templates} (the wiring's, cache included). */
    public WorkflowValidator(NodeRegistry registry, ModelCatalog catalog, TemplateEngine templates) {
        this(registry, catalog, templates, List.of(
                new WorkflowShapeCheck(),
                new NodeCheck(new ConfigSchemas(registry)),
                new EdgeCheck(),
                new CycleCheck(),
                new InputPortCheck(),
                new KindChecks(),
                new ExpressionCheck(templates)));
    }

    private WorkflowValidator(NodeRegistry registry, ModelCatalog catalog, TemplateEngine templates, List<WorkflowCheck> checks) {
        this.registry = registry;
        this.catalog = catalog;
        this.templates = templates;
        this.checks = List.copyOf(checks);
    }

    /** A validator that also runs {@code check} after the built-in ones. */
    public WorkflowValidator withCheck(WorkflowCheck check) {
        var more = new ArrayList<>(checks);
        more.add(check);
        return new WorkflowValidator(registry, catalog, templates, more);
    }

    /** Validates a decoded workflow; {@code credentialExists} says which credential names are defined. */
    public ValidationReport validate(Workflow workflow, Predicate<String> credentialExists) {
        var ctx = new ValidationContext(workflow, registry, catalog, credentialExists);
        for (WorkflowCheck c : checks) c.check(ctx);
        var issues = DisabledNodes.apply(workflow, skipping(workflow), ctx.issues());
        return ValidationReport.of(issues, ctx.variables());
    }

    /** Which nodes will not run and which outputs are left out because of disabled nodes (ADR 23). */
    public SkipAnalysis.Result skipping(Workflow workflow) {
        return SkipAnalysis.analyse(workflow, registry, templates);
    }

    /** Decodes and validates JSON text; shape problems and semantic ones come back together. */
    public ValidationReport validate(String json, Predicate<String> credentialExists) {
        var decoded = WorkflowCodec.read(json);
        return merge(decoded, credentialExists);
    }

    public ValidationReport validate(WorkflowCodec.Decoded decoded, Predicate<String> credentialExists) {
        return merge(decoded, credentialExists);
    }

    /**
     * The credentials a workflow names that {@code credentialExists} does not know, as issues
     * ({@code unknown_credential}, naming the variable that supplies each). Validation reports them
     * as warnings (a key may be set before the run); a run that starts now needs them.
     */
    public List<ValidationIssue> missingCredentials(Workflow workflow, Predicate<String> credentialExists) {
        var ctx = new ValidationContext(workflow, registry, catalog, credentialExists);
        new KindChecks().check(ctx); // the kinds that call providers check their credentials
        var skipped = skipping(workflow); // a node that will not run needs no key
        return ctx.issues().stream().filter(i -> IssueCodes.UNKNOWN_CREDENTIAL.equals(i.code()))
                .filter(i -> i.nodeId() == null || !skipped.isSkipped(i.nodeId())).toList();
    }

    private ValidationReport merge(WorkflowCodec.Decoded decoded, Predicate<String> credentialExists) {
        var all = new ArrayList<>(decoded.issues());
        boolean unsupportedVersion = all.stream().anyMatch(i -> IssueCodes.UNSUPPORTED_SCHEMA_VERSION.equals(i.code()));
        // Another schema version may mean other rules: report that alone rather than guess.
        if (unsupportedVersion) return ValidationReport.of(all);
        var report = validate(decoded.workflow(), credentialExists);
        all.addAll(report.errors());
        return ValidationReport.of(all, report.variables());
    }
}
