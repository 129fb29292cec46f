package dev.catalyst.server.runs;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.json.Json;
import dev.catalyst.server.store.InstanceStore;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.ServerProcess;
import dev.catalyst.server.store.StoreConfig;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Recovery, at start and then on lease beats (the sweep, ADR 28): the unfinished runs whose server
 * is gone (its lease expired, or its process on this machine no longer exists, or no owner was
 * recorded) are marked failed with {@code interrupted}, their per-node records rebuilt from their
 * events. A run of a live server, even one started elsewhere a moment ago, is left
 * alone. Bounded: after {@link StoreConfig#recoveryLimit()} the rest waits for the next start.
 */
final class Recovery {
    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    private final RunStore runs;
    private final InstanceStore instances;
    private final ServerProcess self;
    private final StoreConfig config;
    private final String selfOwner; // this server's own lease: its runs are never another's to recover

    Recovery(RunStore runs, InstanceStore instances, ServerProcess self, StoreConfig config) {
        this(runs, instances, self, config, null);
    }

    Recovery(RunStore runs, InstanceStore instances, ServerProcess self, StoreConfig config, String selfOwner) {
        this.runs = runs;
        this.instances = instances;
        this.self = self;
        this.config = config;
        this.selfOwner = selfOwner;
    }

    /** Returns how many runs were marked. */
    int recover() {
        Instant deadline = config.time().clock().instant().plus(config.recoveryLimit());
        // runs before leases: a server that starts meanwhile took its lease before creating any run, so
        // every run listed here has its owner's lease in the list below unless that owner is gone
        List<RunStore.Unfinished> unfinished = runs.unfinishedWithOwners();
        long now = config.time().clock().millis();
        Set<String> alive = new HashSet<>();
        Set<String> gone = new HashSet<>();
        for (InstanceStore.Lease lease : instances.all()) {
            if (lease.expiresAtMillis() <= now || self.sawGone(lease)) gone.add(lease.ownerId());
            else alive.add(lease.ownerId());
        }
        int marked = 0;
        for (RunStore.Unfinished run : unfinished) {
            if (run.ownerId() != null && (alive.contains(run.ownerId()) || run.ownerId().equals(selfOwner))) continue;
            if (!config.time().clock().instant().isBefore(deadline)) {
                LOG.warning("start-up recovery stopped after " + config.recoveryLimit().toSeconds() + " s with " + marked
                        + " run(s) marked interrupted; the next start marks the rest");
                return marked;
            }
            var error = new RunEvent.ErrorInfo(ErrorCode.INTERRUPTED, "the server stopped while this run was in flight",
                    false, null, null);
            // a conditional claim: of two servers sweeping at once, only one fails the run
            if (runs.markFailed(run.id(), null, 0, "run.failed", Json.write(new RunEvent.RunFailed(run.id(), error)),
                    Json.write(error), NodesFromEvents::rebuild)) {
                LOG.log(Level.INFO, "run " + run.id() + " marked failed (interrupted): "
                        + (run.ownerId() == null ? "it has no owner" : "its server is gone"), LogFields.run(run.id()));
                marked++;
            }
        }
        for (String owner : gone) instances.remove(owner);
        return marked;
    }
}
