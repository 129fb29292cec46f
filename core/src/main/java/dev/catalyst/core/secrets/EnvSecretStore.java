package dev.catalyst.core.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from environment variables: {@code ANTHROPIC_API_KEY}, {@code OPENAI_API_KEY},
 * {@code GROQ_API_KEY} and {@code VOYAGE_API_KEY} supply {@code anthropic}, {@code openai},
 * {@code groq} and {@code voyage}; any other name {@code x} comes from {@code CATALYST_SECRET_X}.
 */
public final class EnvSecretStore implements SecretStore {
    private static final Map<String, String> PROVIDER_VARIABLES = Map.of(
            "anthropic", "ANTHROPIC_API_KEY",
            "openai", "OPENAI_API_KEY",
            "groq", "GROQ_API_KEY",
            "voyage", "VOYAGE_API_KEY");

    private final Map<String, String> env;

    public EnvSecretStore() {
        this(System.getenv());
    }

    public EnvSecretStore(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static String variableFor(String name) {
        String known = PROVIDER_VARIABLES.get(name);
        if (known != null) return known;
        return "CATALYST_SECRET_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public Optional<Secret> get(String name) {
        String value = env.get(variableFor(name));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Secret(value.strip()));
    }

    @Override
    public List<SecretInfo> list() {
        var out = new ArrayList<SecretInfo>();
        PROVIDER_VARIABLES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (get(e.getKey()).isPresent()) out.add(new SecretInfo(e.getKey(), "env:" + e.getValue()));
        });
        env.keySet().stream().filter(k -> k.startsWith("CATALYST_SECRET_")).sorted().forEach(k -> {
            if (!env.get(k).isBlank()) {
                out.add(new SecretInfo(k.substring("CATALYST_SECRET_".length()).toLowerCase(Locale.ROOT), "env:" + k));
            }
        });
        return out;
    }
}
