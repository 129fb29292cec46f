package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.Cancellation;
import java.time.Clock;
import java.time.Instant;

/**
 * A provider's rate-limit cooldown, shared by every batch sent through one client: after a 429 with
 * a wait, no batch is sent before the wait is over, so concurrent batches do not all hit the limit.
 */
public final class Cooldown {
    private final Clock clock;
    private final Pause pause;
    private Instant until = Instant.EPOCH;

    public Cooldown(Clock clock, Pause pause) {
        this.clock = clock;
        this.pause = pause;
    }

    /** Nobody sends before {@code ms} from now (a later cooldown already set stays). */
    public synchronized void hold(long ms) {
        Instant end = clock.instant().plusMillis(ms);
        if (end.isAfter(until)) until = end;
    }

    /** Waits until the cooldown is over (at once when there is none). */
    public void await(Cancellation cancellation) throws InterruptedException {
        while (!cancellation.isCancelled()) {
            long left;
            synchronized (this) {
                left = until.toEpochMilli() - clock.millis();
            }
            if (left <= 0) return;
            pause.sleep(left, cancellation);
        }
    }
}
