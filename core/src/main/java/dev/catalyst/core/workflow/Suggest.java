package dev.catalyst.core.workflow;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for ids, fields and model names: the closest candidates by edit distance. */
public final class Suggest {
    private Suggest() {}

    /** Up to {@code max} candidates close to {@code input}, closest first; empty when none is close. */
    public static List<String> closest(String input, Collection<String> candidates, int max) {
        if (input == null || input.isEmpty()) return List.of();
        String needle = input.toLowerCase(Locale.ROOT);
        record Scored(String value, int distance) {}
        return candidates.stream()
                .map(c -> new Scored(c, score(needle, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance <= Math.max(2, needle.length() / 3))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::value))
                .limit(max)
                .map(Scored::value)
                .toList();
    }

    /** A " — did you mean a, b?" suffix, or "" when nothing is close. */
    public static String didYouMean(String input, Collection<String> candidates) {
        var close = closest(input, candidates, 3);
        return close.isEmpty() ? "" : " — did you mean " + String.join(", ", close) + "?";
    }

    // A candidate that contains the input (or the reverse) scores as near as a single edit.
    private static int score(String a, String b) {
        if (a.equals(b)) return 0;
        if (b.contains(a) || a.contains(b)) return 1;
        return levenshtein(a, b);
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
