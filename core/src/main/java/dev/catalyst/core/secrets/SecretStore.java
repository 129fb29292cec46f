package dev.catalyst.core.secrets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where credentials come from. Values are read only by the code that sends them to a provider. */
public interface SecretStore {
    /**
     * Where a named secret is kept, for listings (never the value).
     *
     * @param updatedAt when it was last set, where the store knows (null otherwise, e.g. an environment variable)
     */
    record SecretInfo(String name, String source, Instant updatedAt) {
        public SecretInfo(String name, String source) {
            this(name, source, null);
        }
    }

    Optional<Secret> get(String name);

    List<SecretInfo> list();

    default boolean has(String name) {
        return get(name).isPresent();
    }
}
