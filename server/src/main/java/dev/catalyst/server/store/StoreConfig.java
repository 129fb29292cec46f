package dev.catalyst.server.store;

import java.time.Duration;

/**
 * How the store behaves when the database is slow or gone; see ADR 9.
 *
 * @param leaseTtl      a server that has not renewed its lease for this long counts as gone, and its
 *                      unfinished runs may be marked {@code interrupted} by the next server to start
 * @param recoveryLimit start-up recovery stops after this long and leaves the rest for the next start
 */
public record StoreConfig(StoreTimeouts timeouts, OutagePolicy outage, Duration leaseTtl, Duration recoveryLimit,
                          StoreTime time) {

    public static StoreConfig defaults() {
        return new StoreConfig(StoreTimeouts.defaults(), OutagePolicy.defaults(), Duration.ofSeconds(30),
                Duration.ofSeconds(60), StoreTime.system());
    }

    public StoreConfig withTimeouts(StoreTimeouts t) {
        return new StoreConfig(t, outage, leaseTtl, recoveryLimit, time);
    }

    public StoreConfig withOutage(OutagePolicy o) {
        return new StoreConfig(timeouts, o, leaseTtl, recoveryLimit, time);
    }

    public StoreConfig withLeaseTtl(Duration d) {
        return new StoreConfig(timeouts, outage, d, recoveryLimit, time);
    }

    public StoreConfig withRecoveryLimit(Duration d) {
        return new StoreConfig(timeouts, outage, leaseTtl, d, time);
    }

    public StoreConfig withTime(StoreTime t) {
        return new StoreConfig(timeouts, outage, leaseTtl, recoveryLimit, t);
    }
}
