package dev.catalyst.llm;

import dev.catalyst.core.exec.Usage;
import dev.catalyst.llm.nodes.embedding.EmbeddingResult;
import dev.catalyst.llm.nodes.embedding.LocalEmbedder;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the local model in this module's tests (the real one is in embed-local, which
 * depends on llm): a token per word plus two, like [CLS] and [SEP]; a four-dimensional unit vector
 * per text from its hash. It records the batches it was given, and fails on the text "fail".
 */
public final class WordCountEmbedder implements LocalEmbedder {
    public final List<Integer> batches = new ArrayList<>();

    @Override
    public String model() {
        return "all-minilm-l6-v2";
    }

    @Override
    public int dimensions() {
        return 4;
    }

    @Override
    public int maxTokens() {
        return 8;
    }

    @Override
    public int[] countTokens(List<String> texts) {
        return texts.stream().mapToInt(t -> t.trim().split("\\s+").length + 2).toArray();
    }

    @Override
    public synchronized EmbeddingResult embed(List<String> texts) {
        batches.add(texts.size());
        if (texts.contains("fail")) throw new IllegalStateException("the model failed on purpose");
        var out = new ArrayList<float[]>();
        long tokens = 0;
        for (String t : texts) {
            int h = t.hashCode();
            float[] v = {h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, 1};
            double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]);
            for (int i = 0; i < 4; i++) v[i] /= (float) n;
            out.add(v);
            tokens += Math.min(maxTokens(), countTokens(List.of(t))[0]);
        }
        return new EmbeddingResult(out, Usage.of(tokens, 0, 0));
    }
}
