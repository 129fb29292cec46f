package dev.catalyst.server.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser of the Prometheus text format 0.0.4, strict enough for the tests: every line is a
 * comment ({@code # HELP}, {@code # TYPE}), blank, or {@code name{label="value",...} number};
 * anything else fails the parse. Checks histograms: cumulative buckets that never fall, a
 * {@code +Inf} bucket equal to {@code _count}.
 */
public final class PromText {
    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public final List<Sample> samples = new ArrayList<>();
    public final Map<String, String> types = new HashMap<>();

    private PromText() {}

    public static PromText parse(String text) {
        var p = new PromText();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2) throw new IllegalArgumentException("bad TYPE line: " + line);
                p.types.put(parts[0], parts[1]);
                continue;
            }
            if (line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) throw new IllegalArgumentException("not a sample line: " + line);
            var labels = new LinkedHashMap<String, String>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.find() && l.start() == end) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                    end = l.end();
                }
                if (end != m.group(3).length()) throw new IllegalArgumentException("bad labels: " + line);
            }
            p.samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4).replace("+Inf", "Infinity"))));
        }
        return p;
    }

    /** The value of the one sample with this name and (at least) these labels; 0 when there is none (a counter not yet touched). */
    public double value(String name, String... labelPairs) {
        var matching = find(name, labelPairs);
        if (matching.size() > 1) throw new IllegalStateException(matching.size() + " samples match " + name + " " + List.of(labelPairs));
        return matching.isEmpty() ? 0 : matching.getFirst().value();
    }

    public List<Sample> find(String name, String... labelPairs) {
        var out = new ArrayList<Sample>();
        outer:
        for (Sample s : samples) {
            if (!s.name().equals(name)) continue;
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) continue outer;
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Checks the histogram's series with these labels: buckets in increasing {@code le} order never
     * fall, and the {@code +Inf} bucket equals {@code _count}. Returns the count.
     */
    public double histogramCount(String name, String... labelPairs) {
        if (!"histogram".equals(types.get(name))) throw new IllegalStateException(name + " is not declared a histogram: " + types.get(name));
        var buckets = find(name + "_bucket", labelPairs);
        double count = value(name + "_count", labelPairs);
        if (buckets.isEmpty()) {
            if (count != 0) throw new IllegalStateException(name + " has a count but no buckets");
            return 0;
        }
        var sorted = new ArrayList<>(buckets);
        sorted.sort((a, b) -> Double.compare(le(a), le(b)));
        double previous = 0;
        for (Sample b : sorted) {
            if (b.value() < previous) throw new IllegalStateException(name + " bucket le=" + b.labels().get("le") + " falls: " + b.value() + " < " + previous);
            previous = b.value();
        }
        if (le(sorted.getLast()) != Double.POSITIVE_INFINITY) throw new IllegalStateException(name + " has no +Inf bucket");
        if (sorted.getLast().value() != count) throw new IllegalStateException(name + " +Inf bucket " + sorted.getLast().value() + " != count " + count);
        return count;
    }

    private static double le(Sample s) {
        return Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity"));
    }
}
