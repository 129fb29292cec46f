package dev.catalyst.bench;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.core.validation.ValidationReport;
import dev.catalyst.core.validation.WorkflowValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decodes and validates a large workflow from its JSON text: a prompt template feeding a chain of
 * completion nodes, each with a templated system prompt (so schemas, models, edges, cycles and
 * expressions are all checked). Issue 3 asks for 10,000 nodes in under a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class ValidationBenchmark {
    @Param({"1000", "10000"})
    int nodes;

    private final WorkflowValidator validator = new WorkflowValidator(NodeKinds.registry(), ModelCatalog.builtIn());
    private String json;

    @Setup
    public void setUp() {
        var wf = new StringBuilder("""
                {"schemaVersion": 1, "id": "big", "inputs": {"topic": {"type": "string", "default": "otters"}},
                 "nodes": [{"id": "n0", "type": "promptTemplate", "config": {"template": "About {{ topic }}"}}""");
        var edges = new StringBuilder();
        for (int i = 1; i < nodes; i++) {
            wf.append(",\n{\"id\": \"n").append(i).append("\", \"type\": \"anthropicCompletion\", \"config\": {\"model\": \"claude-haiku-5-5\", \"maxTokens\": 64, \"system\": \"Step ")
                    .append(i).append(" on {{ topic }}\"}}");
            if (i > 1) edges.append(",\n");
            edges.append("{\"id\": \"e").append(i).append("\", \"source\": \"n").append(i - 1).append("\", \"sourcePort\": \"")
                    .append(i == 1 ? "text" : "text").append("\", \"target\": \"n").append(i).append("\", \"targetPort\": \"prompt\"}");
        }
        wf.append("], \"edges\": [").append(edges).append("]}");
        json = wf.toString();
        ValidationReport report = validate();
        if (!report.valid()) throw new IllegalStateException("benchmark workflow is invalid: " + report.errorsOnly().subList(0, 1));
    }

    @Benchmark
    public ValidationReport validate() {
        return validator.validate(json, name -> true);
    }
}
