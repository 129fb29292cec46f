package dev.catalyst.server.secrets;

/** A secret store that cannot do what was asked (locked keychain, unreadable file, wrong master key); the message says what to do. */
public final class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message) {
        super(message);
    }
}
