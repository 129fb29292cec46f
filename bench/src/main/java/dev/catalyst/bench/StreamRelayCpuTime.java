package dev.catalyst.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link StreamRelayBenchmark#parseAndRelay} and {@link StreamRelaySocketBenchmark#parseRelayAndWrite}
 * timed in CPU time rather than wall time: on a machine shared with other builds (load 10 on 2
 * cores) JMH's wall-time error bars are wider than the effect, while CPU time barely notices the
 * neighbours. Run the old and the new build alternately and compare the minimum and median of 15 rounds.
 *
 * <p>For the socket path two figures: the relaying thread's own CPU per chunk (parse, sink, frame,
 * socket write) and the whole process's, which adds the store writer's SQLite commits and the
 * loopback client's reads (an upper bound for the server's share).
 */
public final class StreamRelayCpuTime {
    private StreamRelayCpuTime() {}

    public static void main(String[] args) throws Exception {
        var bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        var mx = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        boolean socketOnly = args.length > 0 && args[0].equals("socket");
        for (String p : new String[] {"anthropic", "openai", "groq"}) {
            if (!socketOnly) {
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
                System.out.printf("%-9s parse and relay, CPU ns per chunk: min %.0f, median %.0f%n", p, ns[0], ns[ns.length / 2]);
            }
            var s = new StreamRelaySocketBenchmark();
            s.provider = p;
            s.setup();
            try {
                for (int i = 0; i < 3000; i++) s.parseRelayAndWrite(bh);
                double[] thread = new double[15];
                double[] process = new double[15];
                for (int k = 0; k < thread.length; k++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    long p0 = os.getProcessCpuTime();
                    for (int i = 0; i < 300; i++) s.parseRelayAndWrite(bh);
                    thread[k] = (mx.getCurrentThreadCpuTime() - t0) / 300.0 / StreamRelaySocketBenchmark.CHUNKS;
                    process[k] = (os.getProcessCpuTime() - p0) / 300.0 / StreamRelaySocketBenchmark.CHUNKS;
                }
                Arrays.sort(thread);
                Arrays.sort(process);
                System.out.printf("%-9s to the socket, CPU ns per chunk: relaying thread min %.0f, median %.0f; process min %.0f, median %.0f"
                                + " (%d token events, %d MB read by the client)%n",
                        p, thread[0], thread[thread.length / 2], process[0], process[process.length / 2], s.tokens(), s.clientBytes() >> 20);
            } finally {
                s.tearDown();
            }
        }
    }
}
