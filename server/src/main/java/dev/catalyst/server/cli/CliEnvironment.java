package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import java.util.Map;

/** What commands read from the environment (CATALYST_CATALOG, ...), in one place. */
final class CliEnvironment {
    private CliEnvironment() {}

    static ModelCatalog catalog() {
        return catalog(System.getenv());
    }

    static ModelCatalog catalog(Map<String, String> env) {
        return ModelCatalog.fromEnvironment(env);
    }
}
