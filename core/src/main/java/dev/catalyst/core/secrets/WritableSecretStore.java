package dev.catalyst.core.secrets;

/** A store secrets can be put into and removed from (the keychain, the encrypted file); the environment is not one. */
public interface WritableSecretStore extends SecretStore {
    /** Stores {@code value} under {@code name}, replacing any value it had. */
    void put(String name, Secret value);

    /** Removes the secret; false when there was none. */
    boolean remove(String name);

    /** What the store is, for listings and messages: "keychain", "file:/home/me/.catalyst/secrets.enc". */
    String describe();
}
