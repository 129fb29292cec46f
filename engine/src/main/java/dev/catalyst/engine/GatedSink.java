package dev.catalyst.engine;

import dev.catalyst.core.events.RunEvent;

/** Passes a run's events on until its terminal one; anything a straggling node sends after that is dropped. */
final class GatedSink implements RunEventSink {
    private final RunEventSink target;
    private boolean closed; // guarded by this

    GatedSink(RunEventSink target) {
        this.target = target;
    }

    @Override
    public synchronized void emit(RunEvent event) {
        if (!closed) target.emit(event);
    }

    /** Emits the run's terminal event, once: a second call is ignored. */
    synchronized void terminal(RunEvent event) {
        if (closed) return;
        closed = true;
        target.emit(event);
    }
}
