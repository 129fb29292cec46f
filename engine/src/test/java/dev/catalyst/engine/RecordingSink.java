package dev.catalyst.engine;

import dev.catalyst.core.events.RunEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event a run emits, in order. */
final class RecordingSink implements RunEventSink {
    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(RunEvent event) {
        events.add(event);
    }

    synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<String> names() {
        return events.stream().map(RunEvent::name).toList();
    }

    synchronized <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
