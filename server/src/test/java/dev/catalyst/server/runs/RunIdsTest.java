package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** UUIDv7 run ids and the rule for how long an unknown one is waited for, on fixed clocks. */
class RunIdsTest {
    static final Instant NOW = Instant.parse("2026-12-05T21:30:00.123Z");

    @Test
    void anIdIsAVersion7UuidCarryingTheClocksMilliseconds() {
        var ids = new RunIds(Clock.fixed(NOW, ZoneOffset.UTC));
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.toString()).isEqualTo(id);
            assertThat(RunIds.timeOf(id)).contains(NOW);
            seen.add(id);
        }
        assertThat(seen).as("random bits differ within one millisecond").hasSize(1000);
        // RFC 9562's example layout: the first 48 bits are the milliseconds, big-endian
        assertThat(Long.parseLong(ids.next().replace("-", "").substring(0, 12), 16)).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void onlyACanonicalVersion7IdCarriesATime() {
        assertThat(RunIds.timeOf(UUID.randomUUID().toString())).as("version 4").isEmpty();
        assertThat(RunIds.timeOf("r")).isEmpty();
        assertThat(RunIds.timeOf("")).isEmpty();
        assertThat(RunIds.timeOf(null)).isEmpty();
        String v7 = new RunIds(Clock.fixed(NOW, ZoneOffset.UTC)).next();
        assertThat(RunIds.timeOf(v7.toUpperCase())).as("upper case is not what we hand out").isEmpty();
        assertThat(RunIds.timeOf(v7 + "0")).isEmpty();
        assertThat(RunIds.timeOf(v7.substring(0, 19) + "c" + v7.substring(20))).as("variant 3").isEmpty();
    }

    @Test
    void anUnknownIdIsWaitedForOnlyWhileItsTimeIsWithinTheBound() {
        Duration bound = RunIds.NOT_YET_STORED;
        assertThat(RunIds.waitFor(idAt(NOW), NOW)).isEqualTo(bound);
        assertThat(RunIds.waitFor(idAt(NOW.minusMillis(1200)), NOW)).isEqualTo(bound.minusMillis(1200));
        assertThat(RunIds.waitFor(idAt(NOW.minus(bound).plusMillis(1)), NOW)).isEqualTo(Duration.ofMillis(1));
        assertThat(RunIds.waitFor(idAt(NOW.minus(bound)), NOW)).as("as old as the bound").isZero();
        assertThat(RunIds.waitFor(idAt(NOW.minus(Duration.ofHours(1))), NOW)).isZero();
        // an instance whose clock runs ahead of this one's: waited for, never longer than the bound
        assertThat(RunIds.waitFor(idAt(NOW.plusMillis(800)), NOW)).isEqualTo(bound);
        assertThat(RunIds.waitFor(idAt(NOW.plus(bound)), NOW)).as("too far ahead to be a clock's skew").isZero();
        assertThat(RunIds.waitFor(UUID.randomUUID().toString(), NOW)).isZero();
        assertThat(RunIds.waitFor("not-a-run", NOW)).isZero();
    }

    private static String idAt(Instant t) {
        return new RunIds(Clock.fixed(t, ZoneOffset.UTC)).next();
    }
}
