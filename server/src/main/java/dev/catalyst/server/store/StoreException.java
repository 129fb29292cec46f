package dev.catalyst.server.store;

/** The database failed; the message says what was being done, never a password. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
