package dev.catalyst.server.http;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How many runs one client may start: a token bucket per client of {@code perMinute} runs that
 * refills evenly over a minute, on an injected clock. A client over it is told when the next run
 * may start (429 with Retry-After).
 */
final class RunRateLimiter {
    /** Past this many clients, buckets that are full again are dropped (they hold no information). */
    private static final int MAX_CLIENTS = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    RunRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one run for {@code client}: 0 when it may start, else the seconds until it may (at least 1). */
    long acquire(String client) {
        if (perMinute == 0) return 0;
        long now = nanos();
        if (buckets.size() > MAX_CLIENTS) buckets.values().removeIf(b -> refilled(b, now) >= perMinute);
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now));
        long waitSeconds;
        synchronized (bucket) {
            bucket.tokens = refilled(bucket, now);
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double secondsPerToken = 60.0 / perMinute;
            waitSeconds = (long) Math.ceil((1 - bucket.tokens) * secondsPerToken);
        }
        return Math.max(1, waitSeconds);
    }

    int perMinute() {
        return perMinute;
    }

    private double refilled(Bucket b, long now) {
        double elapsedMinutes = Math.max(0, now - b.lastNanos) / 60e9;
        return Math.min(perMinute, b.tokens + elapsedMinutes * perMinute);
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
