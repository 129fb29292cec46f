package dev.catalyst.server.runs;

import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.engine.Plan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled plans of stored workflows, so that a {@code workflowId} run is not decoded, validated
 * and planned again each time; and of workflows sent inline, by their decoded value, so a client
 * that sends the same workflow with every run (the usual case) has it validated and planned once. An entry is used only while the stored definition is the same text
 * (an update gives a new text, so a new plan); the least recently used entry goes past the capacity.
 * Only workflows that compiled are kept: a refused one is checked again on its next run.
 */
final class PlanCache {
    /**
     * A workflow decoded and planned, with its JSON text as a run's row keeps it (written once per
     * cached plan, not once per run).
     */
    record Compiled(Workflow workflow, Plan plan, String text) {
        Compiled(Workflow workflow, Plan plan) {
            this(workflow, plan, workflow == null ? null : dev.catalyst.core.workflow.WorkflowCodec.write(workflow));
        }
    }

    /** Decodes and plans a definition, or throws the run service's refusal. */
    @FunctionalInterface
    interface Compiler {
        Compiled compile(String definition);
    }

    private record Entry(String definition, Compiled compiled) {}

    private final int capacity;
    private final Map<String, Entry> entries; // guarded by this
    private final Map<Workflow, Compiled> inline; // guarded by this

    PlanCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("the plan cache holds at least one plan, not " + capacity);
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
        this.inline = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * The plan of a workflow sent inline, compiled once per distinct workflow (records compare by
     * value, the node configs as JSON trees). A plan depends on nothing else: credentials are
     * checked for every run by the caller, and the node kinds are fixed for the server's life.
     */
    Compiled inline(Workflow workflow, java.util.function.Function<Workflow, Compiled> compiler) {
        synchronized (this) {
            Compiled c = inline.get(workflow);
            if (c != null) return c;
        }
        Compiled compiled = compiler.apply(workflow); // outside the lock: compiling is the slow part
        synchronized (this) {
            inline.put(workflow, compiled);
            if (inline.size() > capacity) inline.remove(inline.keySet().iterator().next());
        }
        return compiled;
    }

    /** The plan of workflow {@code id} as stored now ({@code definition}), compiled once per text. */
    Compiled get(String id, String definition, Compiler compiler) {
        synchronized (this) {
            Entry e = entries.get(id);
            if (e != null && e.definition().equals(definition)) return e.compiled();
        }
        Compiled compiled = compiler.compile(definition); // outside the lock: compiling is the slow part
        synchronized (this) {
            entries.put(id, new Entry(definition, compiled));
            if (entries.size() > capacity) entries.remove(entries.keySet().iterator().next());
        }
        return compiled;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized int inlineSize() {
        return inline.size();
    }
}
