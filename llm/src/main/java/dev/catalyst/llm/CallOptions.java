package dev.catalyst.llm;

import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.secrets.Secret;
import java.time.Instant;

/**
 * Per-call inputs that are not part of the request: the key, the run's cancellation, the node's
 * deadline (null = the settings' total timeout), a retry count (null = the settings' policy), and
 * the run and node the call is made for, which its log lines carry (null for a call outside a run).
 */
public record CallOptions(Secret key, Cancellation cancellation, Instant deadline, Integer maxRetries, LogFields log) {
    public CallOptions {
        if (cancellation == null) cancellation = new Cancellation();
    }

    public CallOptions(Secret key, Cancellation cancellation, Instant deadline, Integer maxRetries) {
        this(key, cancellation, deadline, maxRetries, null);
    }

    public static CallOptions of(Secret key) {
        return new CallOptions(key, new Cancellation(), null, null);
    }
}
