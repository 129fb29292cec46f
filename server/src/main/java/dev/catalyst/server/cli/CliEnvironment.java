package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import java.nio.file.Path;
import java.util.Map;

/** What commands read from their environment map (CATALYST_CATALOG, CATALYST_HOME), in one place. */
final class CliEnvironment {
    private CliEnvironment() {}

    static ModelCatalog catalog(Map<String, String> env) {
        return ModelCatalog.fromEnvironment(env);
    }

    /** $CATALYST_HOME, default ~/.catalyst. */
    static Path home(Map<String, String> env) {
        String h = env.get("CATALYST_HOME");
        return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".catalyst");
    }
}
