package dev.catalyst.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The wake-up other instances get when a run's events are committed (PostgreSQL
 * {@code NOTIFY}, sent inside the writing transaction, so it is delivered on commit and never
 * before): each line of a payload is {@code <run id> <last committed seq>}. The event table stays
 * the source of truth; a notice only says "read again". Several runs share one payload, kept under
 * PostgreSQL's 8,000-byte limit, so a group of a thousand runs costs a handful of notices.
 */
public final class EventNotice {
    public static final String CHANNEL = "catalyst_run_events";
    static final String SEND = "SELECT pg_notify('" + CHANNEL + "', p) FROM unnest(?::text[]) AS p";
    static final int MAX_PAYLOAD = 7_000;

    private EventNotice() {}

    /** The payloads announcing the last seq of every run in {@code events}. */
    static List<String> payloads(List<StoredEvent> events) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (StoredEvent e : events) last.merge(e.runId(), e.seq(), Math::max);
        var out = new ArrayList<String>();
        var sb = new StringBuilder();
        for (var entry : last.entrySet()) {
            String line = entry.getKey() + " " + entry.getValue();
            if (sb.length() > 0 && sb.length() + 1 + line.length() > MAX_PAYLOAD) {
                out.add(sb.toString());
                sb.setLength(0);
            }
            if (sb.length() > 0) sb.append('\n');
            sb.append(line);
        }
        if (sb.length() > 0) out.add(sb.toString());
        return out;
    }

    /** Queues the notices in the caller's transaction (PostgreSQL sends them when it commits). */
    static void send(PreparedStatement ps, Connection c, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) return;
        ps.setArray(1, c.createArrayOf("text", payloads(events).toArray()));
        ps.executeQuery().close();
    }

    static void send(Connection c, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) return;
        try (var ps = c.prepareStatement(SEND)) {
            send(ps, c, events);
        }
    }

    /** Calls {@code each} with every run id and seq a payload names; a malformed line is skipped. */
    public static void parse(String payload, BiConsumer<String, Long> each) {
        for (String line : payload.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) continue;
            try {
                each.accept(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // not ours: ignored
            }
        }
    }
}
