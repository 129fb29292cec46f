package dev.catalyst.llm.nodes.router;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a {@link RouterState} shares its cooldowns with other server instances (ADR 28): one
 * instance's 429 cools the deployment for all. Both calls are on the router's path, so an
 * implementation answers from memory and talks to its store off that path; {@link #NONE} (one
 * process) shares nothing.
 */
public interface SharedCooldowns {
    /** Tells the other instances about a cooldown this one started; must not block on I/O. */
    void publish(RouterState.Cooldown cooldown);

    /** A cooldown another instance started that is in force at {@code now}, as last read; must not block on I/O. */
    Optional<RouterState.Cooldown> find(String deployment, Instant now);

    SharedCooldowns NONE = new SharedCooldowns() {
        @Override
        public void publish(RouterState.Cooldown cooldown) {
            // one process: nothing to tell
        }

        @Override
        public Optional<RouterState.Cooldown> find(String deployment, Instant now) {
            return Optional.empty();
        }
    };
}
