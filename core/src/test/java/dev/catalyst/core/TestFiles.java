package dev.catalyst.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files the tests read: the repository's examples, and workflow fixtures under a test module's resources/workflows/. */
public final class TestFiles {
    private TestFiles() {}

    /** The repository's examples/ folder, found from the module directory Maven runs tests in. */
    public static Path examplesDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path examples = dir.resolve("examples");
            if (Files.isDirectory(examples) && Files.exists(dir.resolve("pom.xml"))) return examples;
        }
        throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
    }

    public static List<Path> examples() {
        try (Stream<Path> files = Files.list(examplesDir())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture under src/test/resources/workflows/. */
    public static String fixture(String name) {
        try (var in = TestFiles.class.getResourceAsStream("/workflows/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
