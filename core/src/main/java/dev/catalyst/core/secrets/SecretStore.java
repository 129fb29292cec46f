package dev.catalyst.core.secrets;

import java.util.List;
import java.util.Optional;

/** Where credentials come from. Values are read only by the code that sends them to a provider. */
public interface SecretStore {
    /** Where a named secret is kept, for listings (never the value). */
    record SecretInfo(String name, String source) {}

    Optional<Secret> get(String name);

    List<SecretInfo> list();

    default boolean has(String name) {
        return get(name).isPresent();
    }
}
