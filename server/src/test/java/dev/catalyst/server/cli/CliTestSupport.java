package dev.catalyst.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the CLI in-process, in a world the test builds (environment, clock, executors), and keeps what it printed. */
final class CliTestSupport {
    record Result(int exit, String out, String err) {}

    private CliTestSupport() {}

    /** A CLI session with the real wiring over {@code env}; its router state runs on {@code clock}. */
    static Main world(Map<String, String> env, Clock clock) {
        return new Main(env, Wiring.standard(clock), new CountDownLatch(1));
    }

    /** A CLI session whose {@code secrets set} reads {@code typed} as if typed at the hidden prompt. */
    static Main worldTyping(Map<String, String> env, String typed) {
        return new Main(env, Wiring.standard(new dev.catalyst.testkit.ManualClock()), new CountDownLatch(1), (prompt, stdin, err) -> typed);
    }

    /** As above, on a clock that only moves when the test moves it. */
    static Main world(Map<String, String> env) {
        return world(env, new dev.catalyst.testkit.ManualClock());
    }

    /** In an empty environment (no keys, default catalog): the machine's own variables never leak in. */
    static Result run(String... args) {
        return run(world(Map.of()), args);
    }

    static Result run(Main world, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), world);
        return new Result(exit, out.toString(), err.toString());
    }
}
