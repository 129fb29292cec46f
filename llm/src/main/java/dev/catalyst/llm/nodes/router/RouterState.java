package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.exec.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runs of one server (or one CLI session) share about deployments: cooldowns (after a 429, for its
 * Retry-After or {@link Settings#rateLimitCooldown}; after {@link Settings#failureThreshold}
 * failures within {@link Settings#failureWindow}) and learned latency (exponential moving
 * averages of time to first token and output speed). {@link #snapshot()} is the public view
 * for {@code GET /api/router/status}. One instance is made where the executors are wired and
 * handed to the router node and to the status route; time comes from the injected clock. Thread-safe.
 */
public final class RouterState {
    /** Tunables; {@code alpha} is the weight of a new latency sample in the moving average. */
    public record Settings(Duration rateLimitCooldown, int failureThreshold, Duration failureWindow, Duration failureCooldown, double alpha) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), 3, Duration.ofSeconds(60), Duration.ofSeconds(30), 0.3);
        }
    }

    /** A deployment that is skipped until {@code until}. */
    public record Cooldown(String deployment, Instant until, String reason) {}

    /** Learned latency of one deployment; {@code outputTokensPerS} is null until a stream long enough to measure. */
    public record LatencyStats(String deployment, long samples, double ttftMs, Double outputTokensPerS) {}

    /** The whole state at one instant, for the status endpoint. */
    public record Status(Instant at, List<Cooldown> cooldowns, List<LatencyStats> latency) {}

    private final Clock clock;
    private final Settings settings;
    private final Map<String, Cooldown> cooldowns = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, LatencyStats> latency = new ConcurrentHashMap<>();
    // set once by the server wiring when several instances share a database; NONE otherwise
    private volatile SharedCooldowns shared = SharedCooldowns.NONE;

    public RouterState(Clock clock, Settings settings) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Shares cooldowns through {@code shared} from now on: this state's new cooldowns are published
     * there, and the ones other instances published count here too. Learned latency stays local.
     */
    public void shareCooldowns(SharedCooldowns shared) {
        this.shared = java.util.Objects.requireNonNull(shared, "shared");
    }

    /** The cooldown in force for a deployment now, if any (expired ones are dropped): this instance's, else another's. */
    public Optional<Cooldown> cooldown(String deployment) {
        Instant now = clock.instant();
        Cooldown c = cooldowns.get(deployment);
        if (c != null && !c.until().isAfter(now)) {
            cooldowns.remove(deployment, c);
            c = null;
        }
        if (c != null) return Optional.of(c);
        Optional<Cooldown> other = shared.find(deployment, now);
        other.ifPresent(o -> cooldowns.merge(deployment, o, RouterState::longer));
        return other;
    }

    private static Cooldown longer(Cooldown old, Cooldown neu) {
        return old.until().isAfter(neu.until()) ? old : neu;
    }

    /** Records a failed call before its first token: a 429 cools down at once; others count toward the threshold. */
    public void failed(String deployment, ErrorCode code, Long retryAfterMs) {
        Instant now = clock.instant();
        if (code == ErrorCode.RATE_LIMITED) {
            long ms = retryAfterMs != null && retryAfterMs > 0 ? retryAfterMs : settings.rateLimitCooldown().toMillis();
            coolDown(deployment, now.plusMillis(ms), "rate_limited");
        }
        Deque<Instant> window = failures.computeIfAbsent(deployment, d -> new ArrayDeque<>());
        int count;
        synchronized (window) {
            window.addLast(now);
            Instant from = now.minus(settings.failureWindow());
            while (!window.isEmpty() && window.peekFirst().isBefore(from)) window.removeFirst();
            count = window.size();
            if (count >= settings.failureThreshold()) window.clear();
        }
        if (count >= settings.failureThreshold()) {
            coolDown(deployment, now.plus(settings.failureCooldown()),
                    count + " failures within " + settings.failureWindow().toSeconds() + " s (last: " + code.wireName() + ")");
        }
    }

    private void coolDown(String deployment, Instant until, String reason) {
        // a longer cooldown already in force is kept: a short Retry-After must not shorten it
        var c = new Cooldown(deployment, until, reason);
        cooldowns.merge(deployment, c, RouterState::longer);
        shared.publish(c);
    }

    /** Records a successful call: its time to first token and, when measurable, its output speed. */
    public void succeeded(String deployment, long ttftMs, long totalMs, long outputTokens) {
        failures.remove(deployment);
        double a = settings.alpha();
        long genMs = totalMs - ttftMs;
        Double tps = genMs > 0 && outputTokens > 1 ? outputTokens * 1000.0 / genMs : null;
        latency.merge(deployment, new LatencyStats(deployment, 1, ttftMs, tps), (old, s) -> new LatencyStats(deployment, old.samples() + 1,
                old.ttftMs() + a * (s.ttftMs() - old.ttftMs()), average(old.outputTokensPerS(), tps, a)));
    }

    /** The moving average of a speed that is not always measurable: a missing side keeps the other. */
    private static Double average(Double old, Double sample, double a) {
        if (sample == null) return old;
        if (old == null) return sample;
        return old + a * (sample - old);
    }

    /** Learned latency of a deployment, if any call has completed. */
    public Optional<LatencyStats> latency(String deployment) {
        return Optional.ofNullable(latency.get(deployment));
    }

    public Status snapshot() {
        Instant now = clock.instant();
        List<Cooldown> active = cooldowns.values().stream().filter(c -> c.until().isAfter(now))
                .sorted(Comparator.comparing(Cooldown::deployment)).toList();
        List<LatencyStats> stats = latency.values().stream().sorted(Comparator.comparing(LatencyStats::deployment)).toList();
        return new Status(now, active, stats);
    }
}
