package dev.catalyst.server.runs;

import dev.catalyst.server.store.InstanceStore;
import dev.catalyst.server.store.ServerProcess;
import dev.catalyst.server.store.StoreConfig;
import dev.catalyst.server.store.StoreException;
import java.time.Duration;
import java.util.UUID;

/**
 * This server instance's lease in the database: taken at start, renewed every third of its
 * lifetime, given back at a clean stop. Other servers treat this instance's runs as theirs to
 * recover only once the lease has expired (ADR 9).
 */
final class OwnerLease implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OwnerLease.class.getName());
    private final InstanceStore store;
    private final ServerProcess self;
    private final StoreConfig config;
    private final String ownerId = UUID.randomUUID().toString();
    private volatile boolean closed;
    private Thread heartbeat;
    private Runnable onBeat = () -> { };
    // the heartbeat thread's own: since when every renewal has succeeded (sweeps wait a lease time after a failure)
    private long renewedSinceMillis;
    private boolean renewFailed;

    OwnerLease(InstanceStore store, ServerProcess self, StoreConfig config) {
        this.store = store;
        this.self = self;
        this.config = config;
    }

    String ownerId() {
        return ownerId;
    }

    /** Takes the lease (a failure here fails the start) and starts renewing it. */
    void take() {
        take(() -> { });
    }

    /**
     * As {@link #take()}, running {@code onBeat} after a renewal (the sweep of gone servers' runs)
     * once renewals have succeeded, and this process has met no database outage, for a whole lease
     * time. After an outage every lease looks expired at once; the wait gives the other live servers
     * a lease time to reconnect and renew before anyone judges them gone (a sweep right after the
     * outage would fail their live runs).
     */
    void take(Runnable onBeat) {
        this.onBeat = onBeat;
        renew();
        renewedSinceMillis = config.time().clock().millis();
        heartbeat = Thread.ofVirtual().name("lease-" + ownerId).start(this::beat);
    }

    private void renew() {
        long expires = config.time().clock().millis() + config.leaseTtl().toMillis();
        store.renew(new InstanceStore.Lease(ownerId, self.hostKey(), self.pid(), self.processStart(), expires));
    }

    private void beat() {
        Duration every = config.leaseTtl().dividedBy(3);
        while (!closed) {
            try {
                config.time().pause().pause(every);
                if (closed) return;
                renew();
                long now = config.time().clock().millis();
                if (renewFailed) {
                    renewFailed = false;
                    renewedSinceMillis = now;
                }
                // quiet for a lease time: no failed renewal, and no outage met by anything in this process
                long quietSince = Math.max(renewedSinceMillis, store.lastOutageMillis());
                if (now - quietSince >= config.leaseTtl().toMillis()) onBeat.run();
            } catch (InterruptedException e) {
                return;
            } catch (StoreException e) {
                // the database logs the outage once; the next beat tries again
                renewFailed = true;
            } catch (RuntimeException e) {
                // the heartbeat must outlive a sweep's surprise, or this server's own runs would be taken
                LOG.warning("the lease beat's sweep failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (heartbeat != null) heartbeat.interrupt();
        try {
            store.remove(ownerId);
        } catch (StoreException e) {
            // unreachable: the lease expires by itself
        }
    }
}
