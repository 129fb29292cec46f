package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.EmbeddingClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends planned batches, at most {@code concurrency} at a time, and puts the vectors back in input
 * order. A batch is retried alone (by the client). After a batch fails for good no new batch is
 * sent; the error names the texts that failed or were not sent, and its details keep every vector
 * that arrived, so nothing paid for is lost.
 */
final class BatchRunner {
    private BatchRunner() {}

    static EmbeddingResult run(EmbeddingClient client, List<String> texts, List<EmbeddingBatches.Batch> batches, EmbeddingSpec spec,
                               CallOptions options, int concurrency) throws NodeException, InterruptedException {
        int n = batches.size();
        var results = new EmbeddingResult[n];
        var failures = new LlmException[n];
        var next = new AtomicInteger();
        var stop = new AtomicBoolean();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var workers = new ArrayList<Future<?>>();
            for (int w = 0; w < Math.min(concurrency, n); w++) {
                workers.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < n && !stop.get(); b = next.getAndIncrement()) {
                        var batch = batches.get(b);
                        try {
                            results[b] = client.batch(texts.subList(batch.from(), batch.to()), spec, options);
                        } catch (LlmException e) {
                            failures[b] = e;
                            stop.set(true);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException ie) throw ie;
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        LlmException first = null;
        for (LlmException f : failures) if (first == null && f != null) first = f;
        if (first == null && options.cancellation().isCancelled()) {
            throw new NodeException(ErrorCode.CANCELLED, "embedding cancelled");
        }
        if (first != null) throw failed(first, texts.size(), batches, results, failures);
        var vectors = new ArrayList<float[]>(texts.size());
        Usage usage = Usage.ZERO;
        String model = null;
        for (EmbeddingResult r : results) {
            vectors.addAll(r.vectors());
            usage = usage.plus(r.usage());
            if (model == null) model = r.model();
        }
        return new EmbeddingResult(vectors, usage, model);
    }

    private static NodeException failed(LlmException first, int total, List<EmbeddingBatches.Batch> batches, EmbeddingResult[] results,
                                        LlmException[] failures) {
        ObjectNode details = Json.object();
        ArrayNode failedIndices = details.putArray("failedIndices");
        ArrayNode embeddings = details.putArray("embeddings");
        Usage usage = Usage.ZERO;
        int failedCount = 0;
        var failedRanges = new ArrayList<String>();
        for (int b = 0; b < batches.size(); b++) {
            var batch = batches.get(b);
            EmbeddingResult r = results[b];
            if (r != null) {
                usage = usage.plus(r.usage());
                for (float[] v : r.vectors()) {
                    ArrayNode a = embeddings.addArray();
                    for (float f : v) a.add(f);
                }
                continue;
            }
            for (int i = batch.from(); i < batch.to(); i++) {
                failedIndices.add(i);
                embeddings.addNull();
            }
            failedCount += batch.size();
            String range = batch.size() == 1 ? Integer.toString(batch.from()) : batch.from() + "–" + (batch.to() - 1);
            failedRanges.add(failures[b] == null ? range + " (not sent)" : range);
        }
        details.set("usage", Json.valueToTree(usage));
        String message = failedCount + " of " + total + " texts not embedded (" + summarize(failedRanges) + "): "
                + first.error().message() + "; the " + (total - failedCount) + " embedded are in the error's details";
        NodeException base = first.toNodeException();
        return new NodeException(base.code(), message, null, base.retryAfterMs(), details, first);
    }

    private static String summarize(List<String> ranges) {
        if (ranges.size() <= 6) return "texts " + String.join(", ", ranges);
        return "texts " + String.join(", ", ranges.subList(0, 5)) + " and " + (ranges.size() - 5) + " more batches";
    }
}
