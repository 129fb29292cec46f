package dev.catalyst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScheduledDeadlineTimerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void firesADueDeadlineOnItsOwnThreadAndReadsItsClock() throws Exception {
        try (var timer = new ScheduledDeadlineTimer(Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(timer.now()).isEqualTo(NOW);
            var fired = new CountDownLatch(1);
            var thread = new String[1];
            timer.schedule(Duration.ZERO, () -> {
                thread[0] = Thread.currentThread().getName();
                fired.countDown();
            });
            assertThat(fired.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(thread[0]).isEqualTo("catalyst-engine-deadlines");
        }
    }

    @Test
    void aCancelledDeadlineNeverFiresAndHugeTimeoutsDoNotOverflow() throws Exception {
        try (var timer = new ScheduledDeadlineTimer(Clock.systemUTC())) {
            var fired = new CountDownLatch(1);
            timer.schedule(Duration.ofSeconds(Long.MAX_VALUE), fired::countDown).cancel();
            // a later deadline fires, proving the queue moves on past the cancelled one
            var later = new CountDownLatch(1);
            timer.schedule(Duration.ZERO, later::countDown);
            assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(fired.getCount()).isEqualTo(1);
        }
    }

    @Test
    void aClosedTimerRefusesNewDeadlines() {
        var timer = new ScheduledDeadlineTimer(Clock.systemUTC());
        timer.close();
        assertThatThrownBy(() -> timer.schedule(Duration.ofSeconds(1), () -> {}))
                .isInstanceOf(IllegalStateException.class).hasMessage("the deadline timer is closed");
    }
}
