package dev.catalyst.embedlocal;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.llm.nodes.embedding.EmbeddingResult;
import dev.catalyst.llm.nodes.embedding.LocalEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * all-MiniLM-L6-v2 (quantized ONNX, the file LangChain4j ships in its jar) run in-process: mean
 * pooling over the tokens, then L2 normalization, as the sentence-transformers reference model does.
 * One text per ONNX Runtime call: the quantized model scales its activations per call, so padding a
 * text into a batch with others changes its vector (cosine 0.992 against itself, measured); alone,
 * a text always gets the same vector. Texts run in parallel on {@code threads} threads instead.
 * The session loads on first use and is kept by this instance; {@link #close()} frees it.
 */
public final class MiniLmEmbedder implements LocalEmbedder, AutoCloseable {
    public static final String MODEL = "all-minilm-l6-v2";
    static final String ONNX = "/all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    /** sentence-transformers' max_seq_length for this model: longer texts are cut there. */
    static final int MAX_TOKENS = 256;
    private static final int DIMENSIONS = 384;

    private final int threads;
    private final Object lock = new Object();
    private volatile Loaded loaded;

    private record Loaded(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, boolean typeIds) {}

    /** @param threads how many texts are embedded at once (the cores one call may use) */
    public MiniLmEmbedder(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        this.threads = threads;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public int maxTokens() {
        return MAX_TOKENS;
    }

    @Override
    public int[] countTokens(List<String> texts) {
        HuggingFaceTokenizer tokenizer = loaded().tokenizer();
        return texts.stream().mapToInt(t -> tokenizer.encode(t).getIds().length).toArray();
    }

    @Override
    public EmbeddingResult embed(List<String> texts) {
        Loaded m = loaded();
        float[][] vectors = new float[texts.size()][];
        long[] tokens = new long[texts.size()];
        if (threads == 1 || texts.size() < 2) {
            for (int i = 0; i < texts.size(); i++) embedOne(m, texts, i, vectors, tokens);
        } else {
            // one text per ONNX call, texts spread over the threads (see the class comment)
            try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, texts.size()))) {
                var next = new AtomicInteger();
                var jobs = new ArrayList<Future<?>>();
                for (int t = 0; t < Math.min(threads, texts.size()); t++) {
                    jobs.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) embedOne(m, texts, i, vectors, tokens);
                        return null;
                    }));
                }
                for (Future<?> f : jobs) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("local embedding interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return new EmbeddingResult(List.of(vectors), Usage.of(LongStream.of(tokens).sum(), 0, 0));
    }

    private static void embedOne(Loaded m, List<String> texts, int i, float[][] vectors, long[] tokens) {
        long[] ids = cut(m.tokenizer().encode(texts.get(i)).getIds());
        long[][] mask = new long[1][ids.length];
        Arrays.fill(mask[0], 1);
        try (OnnxTensor tIds = OnnxTensor.createTensor(m.env(), new long[][] {ids});
             OnnxTensor tMask = OnnxTensor.createTensor(m.env(), mask);
             OnnxTensor tTypes = OnnxTensor.createTensor(m.env(), new long[1][ids.length])) {
            Map<String, OnnxTensor> inputs = m.typeIds()
                    ? Map.of("input_ids", tIds, "attention_mask", tMask, "token_type_ids", tTypes)
                    : Map.of("input_ids", tIds, "attention_mask", tMask);
            try (OrtSession.Result r = m.session().run(inputs)) {
                vectors[i] = Pooling.meanNormalized(((float[][][]) r.get(0).getValue())[0], mask[0]);
                tokens[i] = ids.length;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("local embedding model failed on text " + i + ": " + e.getMessage(), e);
        }
    }

    /** The ids cut to MAX_TOKENS, keeping the closing [SEP] as the reference tokenizer's truncation does. */
    private static long[] cut(long[] ids) {
        if (ids.length <= MAX_TOKENS) return ids;
        long[] out = Arrays.copyOf(ids, MAX_TOKENS);
        out[MAX_TOKENS - 1] = ids[ids.length - 1];
        return out;
    }

    private Loaded loaded() {
        Loaded m = loaded;
        if (m != null) return m;
        synchronized (lock) {
            if (loaded == null) loaded = load();
            return loaded;
        }
    }

    private Loaded load() {
        try (InputStream model = resource(ONNX); InputStream tok = resource(TOKENIZER)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            var options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1); // parallel across texts instead
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(model.readAllBytes(), options);
            // no truncation or padding in the tokenizer: lengths are checked by callers and cut in cut()
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false", "truncation", "false"));
            return new Loaded(env, session, tokenizer, session.getInputNames().contains("token_type_ids"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the local embedding model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("the local embedding model " + name + " is missing from the classpath");
        return in;
    }

    @Override
    public void close() {
        synchronized (lock) {
            Loaded m = loaded;
            loaded = null;
            if (m == null) return;
            m.tokenizer().close();
            try {
                m.session().close();
            } catch (OrtException e) {
                // closing frees native memory; nothing to recover
            }
        }
    }
}
