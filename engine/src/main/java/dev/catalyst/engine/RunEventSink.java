package dev.catalyst.engine;

import dev.catalyst.core.events.RunEvent;

/**
 * Where a run's events go. Called from node threads concurrently; the implementation orders them
 * (assigns sequence ids) and must not block for long: it is on the engine's hot path.
 */
@FunctionalInterface
public interface RunEventSink {
    void emit(RunEvent event);
}
