package dev.catalyst.llm.nodes.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A router state shares its cooldowns through the interface it is given, and counts the ones others shared. */
class SharedCooldownsTest {
    static final Instant T = Instant.parse("2026-12-04T12:00:00Z");

    /** What a shared store would hold: one map for every "instance". */
    static final class Board implements SharedCooldowns {
        final Map<String, RouterState.Cooldown> rows = new ConcurrentHashMap<>();
        final List<RouterState.Cooldown> published = new ArrayList<>();

        @Override
        public void publish(RouterState.Cooldown c) {
            published.add(c);
            rows.merge(c.deployment(), c, (o, n) -> o.until().isAfter(n.until()) ? o : n);
        }

        @Override
        public Optional<RouterState.Cooldown> find(String deployment, Instant now) {
            return Optional.ofNullable(rows.get(deployment)).filter(c -> c.until().isAfter(now));
        }
    }

    @Test
    void oneStatesRateLimitCoolsTheDeploymentForAnother() {
        var clock = new ManualClock(T);
        var board = new Board();
        var a = new RouterState(clock, RouterState.Settings.defaults());
        var b = new RouterState(clock, RouterState.Settings.defaults());
        assertThat(b.cooldown("p/m@k")).isEmpty();
        a.shareCooldowns(board);
        b.shareCooldowns(board);

        a.failed("p/m@k", ErrorCode.RATE_LIMITED, 5_000L);
        assertThat(board.published).singleElement().satisfies(c -> assertThat(c.until()).isEqualTo(T.plusSeconds(5)));
        assertThat(b.cooldown("p/m@k")).hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("rate_limited"));
        // kept locally once seen: the board need not be asked again while it lasts
        board.rows.clear();
        assertThat(b.cooldown("p/m@k")).isPresent();
        clock.advance(Duration.ofSeconds(5));
        assertThat(b.cooldown("p/m@k")).isEmpty();
        assertThat(a.cooldown("p/m@k")).isEmpty();

        // failures past the threshold cool down too, and that is shared as well
        for (int i = 0; i < 3; i++) a.failed("p/x@k", ErrorCode.SERVER_ERROR, null);
        assertThat(b.cooldown("p/x@k")).hasValueSatisfying(c -> assertThat(c.reason()).startsWith("3 failures"));
    }

    @Test
    void withoutSharingNothingIsPublished() {
        var state = new RouterState(new ManualClock(T), RouterState.Settings.defaults());
        state.failed("p/m@k", ErrorCode.RATE_LIMITED, null);
        assertThat(SharedCooldowns.NONE.find("p/m@k", T)).isEmpty();
        SharedCooldowns.NONE.publish(new RouterState.Cooldown("p/m@k", T, "x"));
        assertThat(state.cooldown("p/m@k")).isPresent();
    }
}
