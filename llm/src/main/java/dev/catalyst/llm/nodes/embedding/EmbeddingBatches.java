package dev.catalyst.llm.nodes.embedding;

import java.util.ArrayList;
import java.util.List;

/** How texts are split into requests: in order, each at most {@code maxCount} texts and {@code maxTokens} tokens. */
final class EmbeddingBatches {
    /** Texts {@code from} (inclusive) to {@code to} (exclusive). */
    record Batch(int from, int to) {
        int size() {
            return to - from;
        }
    }

    private EmbeddingBatches() {}

    /** @param tokens each text's (estimated) tokens; a text over {@code maxTokens} alone goes in a request of its own */
    static List<Batch> plan(long[] tokens, int maxCount, long maxTokens) {
        var out = new ArrayList<Batch>();
        int from = 0;
        long sum = 0;
        for (int i = 0; i < tokens.length; i++) {
            boolean full = i - from == maxCount || (i > from && sum + tokens[i] > maxTokens);
            if (full) {
                out.add(new Batch(from, i));
                from = i;
                sum = 0;
            }
            sum += tokens[i];
        }
        if (from < tokens.length) out.add(new Batch(from, tokens.length));
        return out;
    }
}
