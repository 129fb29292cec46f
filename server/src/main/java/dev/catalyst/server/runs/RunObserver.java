package dev.catalyst.server.runs;

import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.engine.RunEventSink;
import java.time.Duration;

/**
 * Who else hears what the run service does: each run's events (traces, metrics; ADR 27) and the
 * store writer's commits. It reads and never changes a run: its sink is called on the engine's
 * thread after the run's own sink, so it must be quick and must not throw.
 */
public interface RunObserver {
    /** Hears nothing: the service's default. */
    RunObserver NONE = new RunObserver() {
        @Override
        public RunEventSink open(String runId, Workflow workflow) {
            return event -> { };
        }
    };

    /** The sink that hears one run's events, from {@code run.started} to its terminal event. */
    RunEventSink open(String runId, Workflow workflow);

    /**
     * The writer committed a group of {@code writes} (rows and events); {@code lag} is how long the
     * group's oldest write waited for the commit.
     */
    default void committed(int writes, Duration lag) {
    }
}
