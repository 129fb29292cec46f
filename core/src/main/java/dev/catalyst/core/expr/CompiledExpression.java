package dev.catalyst.core.expr;

import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Set;

/**
 * An expression that parsed and type-checked, ready to evaluate any number of times (it holds no
 * per-run state). {@link #variables()} are the bare names it reads, in order of appearance.
 */
public final class CompiledExpression {
    private final String source;
    private final CelRuntime.Program program;
    private final List<Reference> references;
    private final Set<String> variables;
    private final List<String> path;

    CompiledExpression(String source, CelRuntime.Program program, List<Reference> references, List<String> path) {
        this.source = source;
        this.program = program;
        this.references = references;
        this.path = path;
        this.variables = java.util.Collections.unmodifiableSet(ReferenceCollector.variableNames(references));
    }

    public String source() {
        return source;
    }

    CelRuntime.Program program() {
        return program;
    }

    /** For a plain path such as {@code user.name}, its names; null otherwise. */
    List<String> path() {
        return path;
    }

    /**
     * True for a plain path such as {@code user.name} or {@code nodes.a.output.text}: no call, no
     * operator, nothing that can run long. Its value is read straight from the scope.
     */
    public boolean isPlainPath() {
        return path != null;
    }

    /** Everything the expression reads from outside, with positions in {@link #source()}. */
    public List<Reference> references() {
        return references;
    }

    /** Bare variable names the expression reads. */
    public Set<String> variables() {
        return variables;
    }

    int offsetOf(String variable) {
        for (Reference r : references) {
            if (r instanceof Reference.Variable v && v.name().equals(variable)) return v.offset();
            if (r instanceof Reference.NodeInput n && variable.equals(ReferenceCollector.INPUT)) return n.offset();
        }
        return 0;
    }
}
