package dev.catalyst.llm;

import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.secrets.Secret;
import java.time.Instant;

/**
 * Per-call inputs that are not part of the request: the key, the run's cancellation, the node's
 * deadline (null = the settings' total timeout), and a retry count (null = the settings' policy).
 */
public record CallOptions(Secret key, Cancellation cancellation, Instant deadline, Integer maxRetries) {
    public CallOptions {
        if (cancellation == null) cancellation = new Cancellation();
    }

    public static CallOptions of(Secret key) {
        return new CallOptions(key, new Cancellation(), null, null);
    }
}
