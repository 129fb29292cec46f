package dev.catalyst.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link StreamRelayBenchmark#parseAndRelay} timed in this thread's CPU time rather than wall
 * time: on a machine shared with other builds (load 10 on 2 cores) JMH's wall-time error bars are
 * wider than the effect, while CPU time barely notices the neighbours. Run the old and the new
 * build alternately and compare the minimum and median of 15 rounds.
 */
public final class StreamRelayCpuTime {
    private StreamRelayCpuTime() {}

    public static void main(String[] args) throws Exception {
        var bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        var mx = ManagementFactory.getThreadMXBean();
        for (String p : new String[] {"anthropic", "openai", "groq"}) {
            var b = new StreamRelayBenchmark();
            b.provider = p;
            b.setup();
            for (int i = 0; i < 6000; i++) b.parseAndRelay(bh); // warm-up: JIT compiled before measuring
            double[] ns = new double[15];
            for (int k = 0; k < ns.length; k++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 600; i++) b.parseAndRelay(bh);
                ns[k] = (mx.getCurrentThreadCpuTime() - t0) / 600.0 / StreamRelayBenchmark.CHUNKS;
            }
            Arrays.sort(ns);
            System.out.printf("%-9s CPU ns per chunk: min %.0f, median %.0f%n", p, ns[0], ns[ns.length / 2]);
        }
    }
}
