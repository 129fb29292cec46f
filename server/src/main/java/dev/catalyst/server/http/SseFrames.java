package dev.catalyst.server.http;

import dev.catalyst.server.store.StoredEvent;

/** How a run's event is written on an event stream (also what the relay benchmark measures). */
public final class SseFrames {
    private SseFrames() {}

    /** One SSE frame; each line of the data gets its own {@code data:} field, as the format requires. */
    public static void frame(StringBuilder b, StoredEvent e) {
        b.append("id: ").append(e.seq()).append('\n');
        b.append("event: ").append(e.name()).append('\n');
        String data = e.data();
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            b.append("data: ").append(data).append('\n'); // compact JSON: one line
        } else {
            for (String line : data.split("\r\n|\r|\n", -1)) b.append("data: ").append(line).append('\n');
        }
        b.append('\n');
    }
}
