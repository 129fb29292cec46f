package dev.catalyst.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.catalyst.core.json.Json;
import dev.catalyst.embedlocal.MiniLmEmbedder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Texts per second of the local embedding provider (MiniLmEmbedder: tokenize, one ONNX Runtime call
 * per text, pool, normalize) for short (≈12 tokens) and 256-token texts. It also writes what
 * bench/local-embeddings/ort.mjs needs to run the same .onnx file on the same token ids with
 * ONNX Runtime's Node binding in the same run: the model file, the ids, and the first vectors to
 * compare with. Usage: {@code LocalEmbeddingThroughput <out-dir> [threads] [rounds]}.
 */
public final class LocalEmbeddingThroughput {
    private LocalEmbeddingThroughput() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/target/local-embeddings");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(out);
        try (InputStream model = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
            Files.copy(model, out.resolve("model.onnx"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> shortTexts = IntStream.range(0, 400).mapToObj(i -> "Sea otter number " + i + " uses a rock as a tool.").toList();
        String paragraph = "Sea otters live along the coasts of the northern Pacific, where they dive for urchins, crabs and clams, "
                + "float on their backs to eat, and wrap themselves in kelp so the tide does not carry them away while they sleep. ";
        List<String> longTexts = IntStream.range(0, 60).mapToObj(i -> i + " " + paragraph.repeat(8)).toList();

        ObjectNode report = Json.object();
        report.put("threads", threads);
        try (var embedder = new MiniLmEmbedder(threads)) {
            embedder.embed(List.of("warm up the session")); // loads the model: not measured
            for (var set : List.of(Map.entry("short", shortTexts), Map.entry("long", longTexts))) {
                List<String> texts = set.getValue();
                embedder.embed(texts); // warm-up round
                long start = System.nanoTime();
                for (int r = 0; r < rounds; r++) embedder.embed(texts);
                double seconds = (System.nanoTime() - start) / 1e9;
                double perSecond = texts.size() * rounds / seconds;
                int[] tokens = embedder.countTokens(texts);
                System.out.printf("java  %-5s %4d texts × %d rounds, %3d tokens max: %8.1f texts/s%n", set.getKey(), texts.size(), rounds,
                        Math.min(256, Arrays.stream(tokens).max().orElse(0)), perSecond);
                report.put("java_" + set.getKey() + "_texts_per_s", perSecond);
                ArrayNode first = report.putArray("java_" + set.getKey() + "_first");
                for (float[] v : embedder.embed(texts.subList(0, 3)).vectors()) {
                    ArrayNode a = first.addArray();
                    for (float x : v) a.add(x);
                }
            }
        }
        try (InputStream tok = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
             var tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false", "truncation", "false"))) {
            report.set("short_ids", ids(tokenizer, shortTexts));
            report.set("long_ids", ids(tokenizer, longTexts));
        }
        report.put("rounds", rounds);
        Files.writeString(out.resolve("input.json"), Json.write(report));
    }

    /** The token ids the embedder feeds the model: cut at 256 keeping the closing [SEP], as MiniLmEmbedder does. */
    private static ArrayNode ids(HuggingFaceTokenizer tokenizer, List<String> texts) {
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (String t : texts) {
            long[] ids = tokenizer.encode(t).getIds();
            if (ids.length > 256) {
                long sep = ids[ids.length - 1];
                ids = Arrays.copyOf(ids, 256);
                ids[255] = sep;
            }
            ArrayNode a = all.addArray();
            for (long id : ids) a.add(id);
        }
        return all;
    }
}
