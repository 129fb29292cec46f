package dev.catalyst.server.runs;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Run ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds from the starting instance's clock,
 * then 74 random bits. Still a UUID string, so the API contract holds; the time in it lets another
 * instance tell "not stored yet" from "unknown" (ADR 29).
 */
final class RunIds {
    /**
     * How long an instance that does not know a run waits for it when the id says it started a moment
     * ago, counted from the id's time. The run's row goes to the store with the writer's next group,
     * off the request path (ADR 20): normally within the group interval (5 ms; cross-instance delivery
     * measured at most 85 ms under load, ADR 28). Five seconds covers a loaded writer and clock skew
     * between instances of a second or two with room to spare, and stays short enough that a client
     * asking for a run that will never be stored (its instance died before its first group) has its
     * 404 within a few seconds. An id older than this, or from further in the future, answers at once.
     */
    static final Duration NOT_YET_STORED = Duration.ofSeconds(5);

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RunIds(Clock clock) {
        this.clock = clock;
    }

    /** A new id: this instant's milliseconds, version 7, variant 2, random bits. */
    String next() {
        return of(clock.millis(), random).toString();
    }

    static UUID of(long millis, java.util.random.RandomGenerator random) {
        long randA = random.nextLong() & 0xFFFL;
        long randB = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = 0x8000_0000_0000_0000L | randB;
        return new UUID(msb, lsb);
    }

    /** The time a UUIDv7 id carries; empty for anything else (another version, another shape, upper case). */
    static Optional<Instant> timeOf(String id) {
        if (id == null || !SHAPE.matcher(id).matches()) return Optional.empty();
        return Optional.of(Instant.ofEpochMilli(UUID.fromString(id).getMostSignificantBits() >>> 16));
    }

    /**
     * How long to wait for a run this instance cannot find, at {@code now}: what is left of
     * {@link #NOT_YET_STORED} after the id's time, never more than that bound; zero for an id that is
     * not a UUIDv7, older than the bound, or further ahead of {@code now} than the bound.
     */
    static Duration waitFor(String id, Instant now) {
        Instant t = timeOf(id).orElse(null);
        if (t == null) return Duration.ZERO;
        Duration age = Duration.between(t, now);
        if (age.compareTo(NOT_YET_STORED) >= 0 || age.compareTo(NOT_YET_STORED.negated()) <= 0) return Duration.ZERO;
        return age.isNegative() ? NOT_YET_STORED : NOT_YET_STORED.minus(age);
    }
}
