package dev.catalyst.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider client's send path alone (ADR 25): POSTs a streamed chat completion to a loopback
 * fake upstream ({@code bench/hotpath/fake-upstream.mjs}) with an idle gap between requests, and
 * measures, on the virtual thread that sends and blocks like a node does, send → response head
 * and send → first body bytes. The clients ({@link ProviderClients}) take turns round-robin in one
 * process, the first {@code warmup} turns of each discarded.
 *
 * <p>Latency: {@code TTFT_MS=0 TOKENS=1 node bench/hotpath/fake-upstream.mjs} then
 * {@code java -cp … dev.catalyst.bench.ProviderClientIdleGap <port> 300 50 150}.
 * CPU per streamed chunk: the fake with {@code TOKENS=200 GAP_MS=2} (one TCP segment per event) and
 * {@code … <port> 40 10 50 cpu 200}: the CPU time of all the process's threads over each response
 * (the reading thread, the client's selector and executor threads) divided by the upstream's SSE events.
 */
public final class ProviderClientIdleGap {
    private ProviderClientIdleGap() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        long gapMs = Long.parseLong(args[3]);
        boolean cpu = args.length > 4 && args[4].equals("cpu");
        int events = args.length > 5 ? Integer.parseInt(args[5]) + 3 : 4; // role chunk, tokens, stop, [DONE]
        List<String> only = args.length > 6 ? Arrays.asList(args[6].split(",")) : List.of();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
        byte[] body = ("{\"model\":\"gpt-bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Write one line about otters.\"}],"
                + "\"max_completion_tokens\":256}").getBytes(StandardCharsets.UTF_8);

        List<ProviderClients.Client> clients = new ArrayList<>();
        for (var c : ProviderClients.all(uri)) {
            if (only.isEmpty() || only.contains(c.name())) clients.add(c);
            else c.close();
        }
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        for (var c : clients) samples.put(c.name(), new ArrayList<>());
        System.out.printf("load average at start: %s%n", loadAverage());
        try {
            for (int round = 0; round < warmup + requests; round++) {
                for (int k = 0; k < clients.size(); k++) {
                    var c = clients.get((round + k) % clients.size()); // rotating order: no client always follows the same one
                    long[] out = new long[3];
                    Throwable[] failed = new Throwable[1];
                    long cpu0 = cpu ? processCpuNs() : 0;
                    Thread t = Thread.ofVirtual().start(() -> {
                        try {
                            var s = c.exchange(uri, body);
                            out[0] = s.headNs();
                            out[1] = s.firstNs();
                        } catch (Throwable e) {
                            failed[0] = e;
                        }
                    });
                    t.join();
                    out[2] = cpu ? processCpuNs() - cpu0 : 0;
                    if (failed[0] != null) throw new IllegalStateException(c.name() + " failed", failed[0]);
                    if (round >= warmup) samples.get(c.name()).add(out);
                    Thread.sleep(gapMs);
                }
            }
        } finally {
            for (var c : clients) c.close();
        }
        System.out.printf("load average at end: %s; %d requests per client after %d warm-up, %d ms idle between requests%n",
                loadAverage(), requests, warmup, gapMs);
        for (var e : samples.entrySet()) {
            List<long[]> s = e.getValue();
            if (cpu) {
                double[] perChunk = s.stream().mapToDouble(x -> x[2] / (double) events).sorted().toArray();
                System.out.printf("%-8s process CPU per upstream event: p10 %6.0f ns, median %6.0f ns, p90 %6.0f ns (%d events a response)%n",
                        e.getKey(), pct(perChunk, 10), pct(perChunk, 50), pct(perChunk, 90), events);
            } else {
                double[] head = s.stream().mapToDouble(x -> x[0] / 1e6).sorted().toArray();
                double[] first = s.stream().mapToDouble(x -> x[1] / 1e6).sorted().toArray();
                System.out.printf("%-8s send → head  p50 %.3f  p90 %.3f  p99 %.3f ms | send → first body bytes p50 %.3f  p90 %.3f  p99 %.3f ms%n",
                        e.getKey(), pct(head, 50), pct(head, 90), pct(head, 99), pct(first, 50), pct(first, 90), pct(first, 99));
            }
        }
    }

    /**
     * CPU time of all the process's threads in ns, from each thread's schedstat: the JVM's process
     * CPU time here moves in 10 ms ticks, too coarse for a 0.5 s response.
     */
    private static long processCpuNs() throws java.io.IOException {
        long sum = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (var t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String s = java.nio.file.Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
                } catch (java.nio.file.NoSuchFileException ended) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return sum;
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String loadAverage() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    }
}
