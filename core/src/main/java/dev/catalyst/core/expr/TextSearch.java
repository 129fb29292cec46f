package dev.catalyst.core.expr;

/**
 * Substring search in time linear in the text and the needle. {@code String.contains} compares
 * naively and is quadratic in the worst case (a 300 KB text and a 100 KB needle of near-matches
 * took 10.6 s); Knuth–Morris–Pratt never steps back in the text. Short needles keep the JDK's
 * vectorised search, whose worst case is the text length times at most {@link #SHORT} characters.
 */
final class TextSearch {
    static final int SHORT = 16;

    private TextSearch() {}

    static boolean contains(String text, String needle) {
        int m = needle.length();
        if (m <= SHORT) return text.contains(needle);
        if (m > text.length()) return false;
        int[] fallback = fallback(needle);
        int k = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (k > 0 && needle.charAt(k) != c) k = fallback[k - 1];
            if (needle.charAt(k) == c) k++;
            if (k == m) return true;
        }
        return false;
    }

    // fallback[i]: length of the longest proper prefix of needle[0..i] that is also its suffix.
    private static int[] fallback(String needle) {
        int[] f = new int[needle.length()];
        int k = 0;
        for (int i = 1; i < needle.length(); i++) {
            while (k > 0 && needle.charAt(k) != needle.charAt(i)) k = f[k - 1];
            if (needle.charAt(k) == needle.charAt(i)) k++;
            f[i] = k;
        }
        return f;
    }
}
