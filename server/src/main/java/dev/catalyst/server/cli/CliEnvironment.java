package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import java.nio.file.Path;
import java.util.Map;

/** What commands read from the environment (CATALYST_CATALOG, ...), in one place. */
final class CliEnvironment {
    /** Tests put their own environment here; null means the process environment. */
    static volatile Map<String, String> override;

    private CliEnvironment() {}

    static Map<String, String> env() {
        Map<String, String> o = override;
        return o != null ? o : System.getenv();
    }

    static ModelCatalog catalog() {
        return catalog(env());
    }

    static ModelCatalog catalog(Map<String, String> env) {
        return ModelCatalog.fromEnvironment(env);
    }

    /** $CATALYST_HOME, default ~/.catalyst. */
    static Path home() {
        String h = env().get("CATALYST_HOME");
        return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".catalyst");
    }
}
