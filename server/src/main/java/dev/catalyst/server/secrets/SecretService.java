package dev.catalyst.server.secrets;

import dev.catalyst.core.secrets.ChainedSecretStore;

/** What the secrets API works on: the user's stores (lookup order and the writable one) and the key test. */
public record SecretService(ChainedSecretStore store, KeyCheck check) {}
