package dev.catalyst.core.exec;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A point on a run's way from its request to its provider call, recorded as a JFR event
 * ({@code dev.catalyst.PathMark}, off unless a recording enables it): the phase reached, the run
 * when known (else the thread's name tells it) and {@link System#nanoTime()} then, so a recording
 * shows where the time before the first token goes (BENCHMARKS.md, the hot path).
 * When no recording asks for it, a mark costs a check of a constant flag.
 */
@Name("dev.catalyst.PathMark")
@Label("Catalyst hot path mark")
@Category("Catalyst")
@Description("A run reached a phase between its request and its provider call")
@StackTrace(false)
@Enabled(false)
public final class PathMark extends Event {
    @Label("Run")
    String run;

    @Label("Phase")
    String phase;

    @Label("System.nanoTime()")
    long nanos;

    private PathMark() {}

    /** Records that {@code run} (null: the current thread's) reached {@code phase} now. */
    public static void mark(String run, String phase) {
        mark(run, phase, System.nanoTime());
    }

    /** Records that {@code run} reached {@code phase} at {@code nanoTime} (a {@link System#nanoTime()} reading). */
    public static void mark(String run, String phase, long nanoTime) {
        var e = new PathMark();
        if (!e.isEnabled()) return;
        e.run = run;
        e.phase = phase;
        e.nanos = nanoTime;
        e.commit();
    }
}
