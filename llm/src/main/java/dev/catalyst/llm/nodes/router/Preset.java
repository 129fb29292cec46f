package dev.catalyst.llm.nodes.router;

import java.util.Locale;

/** How candidates are ranked when no rule picks one. */
public enum Preset {
    /** Lowest expected cost of this request (catalog prices, prompt tokens, expected output). */
    COST,
    /** Lowest expected time: time to first token plus generation time, learned per deployment. */
    SPEED,
    /** Highest catalog quality tier; ties go to the cheaper one. */
    QUALITY,
    /** Weighted sum of normalised cost, time and quality gap (lowest wins). */
    BALANCED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Preset parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
