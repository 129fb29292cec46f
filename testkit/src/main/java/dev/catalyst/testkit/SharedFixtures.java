package dev.catalyst.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code shared/provider-fixtures} (the wire-format corpus that sits beside the clone). Order:
 * system property {@code catalyst.shared}, env {@code CATALYST_SHARED} (either the {@code shared}
 * folder or its parent), then walking up from the working directory. Missing means a test that
 * needs it must fail, never skip: CI always has it.
 */
public final class SharedFixtures {
    private SharedFixtures() {}

    public static Path root() {
        for (String hint : new String[] {System.getProperty("catalyst.shared"), System.getenv("CATALYST_SHARED")}) {
            if (hint == null || hint.isBlank()) continue;
            Path p = Path.of(hint).toAbsolutePath();
            for (Path candidate : new Path[] {p.resolve("provider-fixtures"), p.resolve("shared/provider-fixtures"), p}) {
                if (Files.isRegularFile(candidate.resolve("sse-conformance-vectors.json"))) return candidate;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/provider-fixtures");
            if (Files.isRegularFile(candidate.resolve("sse-conformance-vectors.json"))) return candidate;
        }
        throw new IllegalStateException("shared/provider-fixtures not found: set CATALYST_SHARED or -Dcatalyst.shared, "
                + "or keep ../shared beside the clone (searched upward from " + Path.of("").toAbsolutePath() + ")");
    }

    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) throw new IllegalStateException("fixture missing: " + p);
        return p;
    }

    public static String read(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
