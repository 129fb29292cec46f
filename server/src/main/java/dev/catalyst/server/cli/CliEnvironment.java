package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;

/** What commands read from the environment (CATALYST_CATALOG, ...), in one place. */
final class CliEnvironment {
    private CliEnvironment() {}

    static ModelCatalog catalog() {
        return ModelCatalog.fromEnvironment(System.getenv());
    }
}
