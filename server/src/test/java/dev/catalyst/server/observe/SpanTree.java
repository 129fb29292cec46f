package dev.catalyst.server.observe;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;

/** Finished spans as an indented tree with their attributes and events: how the README shows a real trace. */
public final class SpanTree {
    private SpanTree() {}

    public static String render(List<SpanData> spans) {
        var out = new StringBuilder();
        spans.stream().filter(s -> s.getParentSpanId().equals(SpanId.getInvalid()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(root -> render(root, spans, 0, out));
        return out.toString();
    }

    private static void render(SpanData s, List<SpanData> all, int depth, StringBuilder out) {
        String pad = "  ".repeat(depth);
        out.append(pad).append(s.getName()).append("  [").append(s.getKind()).append(", ")
                .append((s.getEndEpochNanos() - s.getStartEpochNanos()) / 1_000_000).append(" ms");
        if (s.getStatus().getStatusCode() != io.opentelemetry.api.trace.StatusCode.UNSET) out.append(", ").append(s.getStatus().getStatusCode());
        out.append("]\n");
        s.getAttributes().forEach((k, v) -> out.append(pad).append("    ").append(k.getKey()).append(" = ").append(v).append('\n'));
        s.getEvents().forEach(e -> out.append(pad).append("    event ").append(e.getName()).append(' ').append(e.getAttributes()).append('\n'));
        all.stream().filter(c -> c.getParentSpanId().equals(s.getSpanId()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(c -> render(c, all, depth + 1, out));
    }
}
