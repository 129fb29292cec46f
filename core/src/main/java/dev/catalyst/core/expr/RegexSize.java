package dev.catalyst.core.expr;

import java.util.ArrayDeque;

/**
 * An upper estimate of how many instructions RE2J compiles a pattern into, read from the pattern
 * text before compiling it. CEL checks the real program size only after compiling, and nested
 * counted repeats expand while compiling: {@code ((a{1000}){1000}){1000}} ran the JVM out of heap.
 * Each atom counts one, a group its contents plus two, {@code {n,m}} multiplies the atom before
 * it by m + 1; an unknown construct counts as a literal, which only over-estimates.
 */
final class RegexSize {
    private RegexSize() {}

    /** The estimate, or some number over {@code limit} as soon as it passes it. */
    static long estimate(String pattern, long limit) {
        var frames = new ArrayDeque<long[]>(); // {total, last atom}
        long[] f = {0, 0};
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    char next = i + 1 < n ? pattern.charAt(i + 1) : ' ';
                    i += 2;
                    if ((next == 'p' || next == 'P') && i < n && pattern.charAt(i) == '{') i = skipPast(pattern, i, '}');
                    atom(f, 1);
                    continue;
                }
                case '[' -> {
                    i = classEnd(pattern, i + 1);
                    atom(f, 1);
                    continue;
                }
                case '(' -> {
                    frames.push(f);
                    f = new long[] {0, 0};
                    if (i + 1 < n && pattern.charAt(i + 1) == '?') i = flagsEnd(pattern, i + 2);
                }
                case ')' -> {
                    long group = f[0] + 2;
                    f = frames.isEmpty() ? new long[] {0, 0} : frames.pop();
                    atom(f, group);
                }
                case '|' -> {
                    f[0] += 1;
                    f[1] = 0;
                }
                case '*', '+', '?' -> f[0] += 1;
                case '{' -> {
                    int end = pattern.indexOf('}', i);
                    long max = end < 0 ? -1 : repeatMax(pattern.substring(i + 1, end));
                    if (max < 0) {
                        atom(f, 1);
                    } else {
                        long grown = saturate(f[1] * (max + 1));
                        f[0] = saturate(f[0] - f[1] + grown);
                        f[1] = grown;
                        i = end;
                    }
                }
                default -> atom(f, 1);
            }
            if (f[0] > limit) return f[0];
            i++;
        }
        long total = f[0];
        while (!frames.isEmpty()) total = saturate(total + frames.pop()[0]);
        return total;
    }

    private static void atom(long[] f, long size) {
        f[0] = saturate(f[0] + size);
        f[1] = size;
    }

    private static long saturate(long v) {
        return v < 0 || v > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : v;
    }

    // {n}, {n,} or {n,m}: the larger bound (n for an open one); -1 when it is not a repeat.
    private static long repeatMax(String body) {
        if (!body.matches("\\d{1,9}(,\\d{0,9})?")) return -1;
        String[] parts = body.split(",", -1);
        long low = Long.parseLong(parts[0]);
        return parts.length == 1 || parts[1].isEmpty() ? low : Math.max(low, Long.parseLong(parts[1]));
    }

    private static int skipPast(String p, int from, char close) {
        int end = p.indexOf(close, from);
        return end < 0 ? p.length() : end + 1;
    }

    // The index after a character class that starts at `from` (just after '[').
    private static int classEnd(String p, int from) {
        int i = from;
        if (i < p.length() && p.charAt(i) == '^') i++;
        if (i < p.length() && p.charAt(i) == ']') i++;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') i += 2;
            else if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') i = skipPast(p, i + 2, ']');
            else if (c == ']') return i + 1;
            else i++;
        }
        return i;
    }

    // After "(?": flags up to ':' or ')', or a name in "(?P<name>"; returns the index of that last character.
    private static int flagsEnd(String p, int from) {
        for (int i = from; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == ':' || c == ')' || c == '>') return c == ')' ? i - 1 : i;
        }
        return p.length();
    }
}
