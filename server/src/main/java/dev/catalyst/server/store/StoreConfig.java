package dev.catalyst.server.store;

import java.time.Duration;
import java.util.Map;

/**
 * How the store behaves when the database is slow or gone; see ADR 9.
 *
 * @param leaseTtl      a server that has not renewed its lease for this long counts as gone, and its
 *                      unfinished runs are marked {@code interrupted} by the next live server's sweep
 *                      (every third of this), so within 4/3 of it (ADR 28)
 * @param recoveryLimit start-up recovery stops after this long and leaves the rest for the next start
 * @param versionsKept  the most versions kept per workflow; a save beyond it deletes the oldest
 */
public record StoreConfig(StoreTimeouts timeouts, OutagePolicy outage, Duration leaseTtl, Duration recoveryLimit,
                          StoreTime time, int versionsKept) {

    /** Versions kept per workflow when {@value #VERSIONS_ENV} is not set. */
    public static final int DEFAULT_VERSIONS_KEPT = 100;
    public static final String VERSIONS_ENV = "CATALYST_WORKFLOW_VERSIONS";
    /** The lease lifetime, e.g. {@code 20s} or {@code 1500ms}. */
    public static final String LEASE_ENV = "CATALYST_LEASE_TTL";
    /** 20 s: a dead server's runs read {@code interrupted} within about 27 s (ADR 28). */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(20);
    private static final int MAX_VERSIONS_KEPT = 1_000_000;

    public StoreConfig {
        if (versionsKept < 1) throw new IllegalArgumentException("versionsKept must be at least 1, not " + versionsKept);
    }

    public static StoreConfig defaults() {
        return new StoreConfig(StoreTimeouts.defaults(), OutagePolicy.defaults(), DEFAULT_LEASE_TTL,
                Duration.ofSeconds(60), StoreTime.system(), DEFAULT_VERSIONS_KEPT);
    }

    /**
     * The defaults, with the versions kept per workflow from {@value #VERSIONS_ENV} and the lease
     * lifetime from {@value #LEASE_ENV} when they are set.
     */
    public static StoreConfig fromEnvironment(Map<String, String> env) {
        StoreConfig c = withVersionsFrom(env);
        String lease = env.get(LEASE_ENV);
        return lease == null || lease.isBlank() ? c : c.withLeaseTtl(leaseTtl(lease.strip()));
    }

    /** A time written as whole seconds or milliseconds ({@code 20s}, {@code 500ms}); null when it is neither. */
    public static Duration parseDuration(String raw) {
        try {
            return raw.endsWith("ms") ? Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)))
                    : raw.endsWith("s") ? Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1)))
                    : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration leaseTtl(String raw) {
        Duration d = parseDuration(raw);
        if (d == null || d.toMillis() < 300 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(LEASE_ENV + " must be a time from 300ms to 3600s (e.g. 20s), not '" + raw + "'");
        }
        return d;
    }

    private static StoreConfig withVersionsFrom(Map<String, String> env) {
        String raw = env.get(VERSIONS_ENV);
        if (raw == null || raw.isBlank()) return defaults();
        int n;
        try {
            n = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VERSIONS_ENV + " must be a whole number of versions, not '" + raw + "'");
        }
        if (n < 1 || n > MAX_VERSIONS_KEPT) {
            throw new IllegalArgumentException(VERSIONS_ENV + " must be 1.." + MAX_VERSIONS_KEPT + ", not " + n);
        }
        return defaults().withVersionsKept(n);
    }

    public StoreConfig withTimeouts(StoreTimeouts t) {
        return new StoreConfig(t, outage, leaseTtl, recoveryLimit, time, versionsKept);
    }

    public StoreConfig withOutage(OutagePolicy o) {
        return new StoreConfig(timeouts, o, leaseTtl, recoveryLimit, time, versionsKept);
    }

    public StoreConfig withLeaseTtl(Duration d) {
        return new StoreConfig(timeouts, outage, d, recoveryLimit, time, versionsKept);
    }

    public StoreConfig withRecoveryLimit(Duration d) {
        return new StoreConfig(timeouts, outage, leaseTtl, d, time, versionsKept);
    }

    public StoreConfig withTime(StoreTime t) {
        return new StoreConfig(timeouts, outage, leaseTtl, recoveryLimit, t, versionsKept);
    }

    public StoreConfig withVersionsKept(int n) {
        return new StoreConfig(timeouts, outage, leaseTtl, recoveryLimit, time, n);
    }
}
