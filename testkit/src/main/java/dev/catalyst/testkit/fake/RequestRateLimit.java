package dev.catalyst.testkit.fake;

import java.time.Clock;
import java.time.Duration;

/**
 * A provider's requests-per-window limit for a fake: at most {@code perWindow} requests in each
 * fixed window; a request over it is told how long until the next window (a 429 with that wait).
 */
public final class RequestRateLimit {
    private final int perWindow;
    private final long windowMs;
    private final Clock clock;
    private long windowStart = Long.MIN_VALUE;
    private int used;

    public RequestRateLimit(int perWindow, Duration window, Clock clock) {
        if (perWindow < 1 || window.toMillis() < 1) throw new IllegalArgumentException("a rate limit needs at least one request per window of at least 1 ms");
        this.perWindow = perWindow;
        this.windowMs = window.toMillis();
        this.clock = clock;
    }

    /** 0 when the request may go through, else the milliseconds until it may be sent again. */
    synchronized long admit() {
        long now = clock.millis();
        if (windowStart == Long.MIN_VALUE || now - windowStart >= windowMs) {
            windowStart = windowStart == Long.MIN_VALUE ? now : now - (now - windowStart) % windowMs;
            used = 0;
        }
        if (used < perWindow) {
            used++;
            return 0;
        }
        return windowStart + windowMs - now;
    }
}
