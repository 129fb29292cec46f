package dev.catalyst.server.store;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A PostgreSQL schema of the test class's own: named when the class loads, dropped after its tests. */
public final class PostgresSchema implements AfterAllCallback {
    private final String name = TestDatabases.freshSchema();

    public String name() {
        return name;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        TestDatabases.dropSchema(name);
    }
}
