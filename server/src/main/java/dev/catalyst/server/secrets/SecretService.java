package dev.catalyst.server.secrets;

import dev.catalyst.core.secrets.ChainedSecretStore;

/**
 * What the secrets API works on: the user's stores (lookup order and the writable one) and the key test.
 *
 * @param restartNote when keys stored now do not reach runs until a restart (a server in simulate
 *                    mode resolves every credential through the simulator), the sentence that says
 *                    so; null when a stored key is used by the next run
 */
public record SecretService(ChainedSecretStore store, KeyCheck check, String restartNote) {
    public SecretService(ChainedSecretStore store, KeyCheck check) {
        this(store, check, null);
    }
}
