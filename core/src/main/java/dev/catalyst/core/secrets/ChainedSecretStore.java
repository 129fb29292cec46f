package dev.catalyst.core.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Secrets looked up in order, first found wins: the environment (read-only), then the OS
 * keychain, then the encrypted file. New values go to the one writable store, if there is one.
 */
public final class ChainedSecretStore implements SecretStore {
    private final List<SecretStore> order;
    private final WritableSecretStore writable;
    private final String noWritableReason;

    /**
     * @param order            the stores in lookup order
     * @param writable         where {@code set} and {@code rm} go, or null
     * @param noWritableReason when {@code writable} is null: why, and what to do about it
     */
    public ChainedSecretStore(List<SecretStore> order, WritableSecretStore writable, String noWritableReason) {
        this.order = List.copyOf(order);
        this.writable = writable;
        this.noWritableReason = noWritableReason;
    }

    @Override
    public Optional<Secret> get(String name) {
        for (SecretStore s : order) {
            Optional<Secret> found = s.get(name);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /** Every defined name once, from the store a lookup would read it from, sorted by name. */
    @Override
    public List<SecretInfo> list() {
        var byName = new LinkedHashMap<String, SecretInfo>();
        for (SecretStore s : order) {
            for (SecretInfo info : s.list()) byName.putIfAbsent(info.name(), info);
        }
        var out = new ArrayList<>(byName.values());
        out.sort(java.util.Comparator.comparing(SecretInfo::name));
        return out;
    }

    /** Where new secrets go, or empty with {@link #noWritableReason()}. */
    public Optional<WritableSecretStore> writable() {
        return Optional.ofNullable(writable);
    }

    public String noWritableReason() {
        return noWritableReason;
    }

    /** The store a name is read from, when one has it. */
    public Optional<SecretInfo> info(String name) {
        return list().stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
