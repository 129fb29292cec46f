package dev.catalyst.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.catalyst.core.json.Json;
import dev.catalyst.embedlocal.MiniLmEmbedder;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Java half of the local-embeddings benchmark (MiniLmEmbedder: tokenize, one ONNX Runtime call
 * per text, pool, normalize), driven by bench/local-embeddings/ort.mjs so that Java and ONNX
 * Runtime's Node binding take turns in one run and see the same load. On start it writes what the
 * Node side needs (the model file, the token ids, the first vectors to compare with), warms up, and
 * prints {@code ready}; then each stdin line {@code short} or {@code long} embeds that set once and
 * prints {@code <set> <nanoseconds> <process cpu nanoseconds>}. Usage: {@code LocalEmbeddingThroughput <out-dir> [threads]}.
 */
public final class LocalEmbeddingThroughput {
    private LocalEmbeddingThroughput() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/target/local-embeddings");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Files.createDirectories(out);
        try (InputStream model = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
            Files.copy(model, out.resolve("model.onnx"), StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("short", IntStream.range(0, 400).mapToObj(i -> "Sea otter number " + i + " uses a rock as a tool.").toList());
        String paragraph = "Sea otters live along the coasts of the northern Pacific, where they dive for urchins, crabs and clams, "
                + "float on their backs to eat, and wrap themselves in kelp so the tide does not carry them away while they sleep. ";
        sets.put("long", IntStream.range(0, 60).mapToObj(i -> i + " " + paragraph.repeat(8)).toList());

        ObjectNode report = Json.object();
        report.put("threads", threads);
        try (var embedder = new MiniLmEmbedder(threads)) {
            embedder.embed(List.of("warm up the session")); // loads the model: not measured
            for (var set : sets.entrySet()) {
                embedder.embed(set.getValue()); // warm-up round
                int[] tokens = embedder.countTokens(set.getValue());
                report.put(set.getKey() + "_count", set.getValue().size());
                report.put(set.getKey() + "_max_tokens", Math.min(256, Arrays.stream(tokens).max().orElse(0)));
                ArrayNode first = report.putArray("java_" + set.getKey() + "_first");
                for (float[] v : embedder.embed(set.getValue().subList(0, 3)).vectors()) {
                    ArrayNode a = first.addArray();
                    for (float x : v) a.add(x);
                }
            }
            try (InputStream tok = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
                 var tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false", "truncation", "false"))) {
                for (var set : sets.entrySet()) report.set(set.getKey() + "_ids", ids(tokenizer, set.getValue()));
            }
            Files.writeString(out.resolve("input.json"), Json.write(report));
            System.out.println("ready");
            System.out.flush();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                List<String> texts = sets.get(line.strip());
                if (texts == null) throw new IllegalArgumentException("expected 'short' or 'long', got: " + line);
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                embedder.embed(texts);
                System.out.println(line.strip() + " " + (System.nanoTime() - start) + " " + (os.getProcessCpuTime() - cpu));
                System.out.flush();
            }
        }
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
