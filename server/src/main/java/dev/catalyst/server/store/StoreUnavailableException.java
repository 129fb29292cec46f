package dev.catalyst.server.store;

/**
 * The database could not be reached or answered in time (a refused or broken connection, a
 * timeout, a lock held too long): the same work may succeed later. HTTP answers it with 503.
 */
public final class StoreUnavailableException extends StoreException {
    private final long retryAfterSeconds;

    public StoreUnavailableException(String message, Throwable cause, long retryAfterSeconds) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
