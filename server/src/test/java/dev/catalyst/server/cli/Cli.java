package dev.catalyst.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {
    /** The four provider credentials, so validation shows only the problems under test. */
    static final Map<String, String> KEYS = Map.of(
            "ANTHROPIC_API_KEY", "test-anthropic", "OPENAI_API_KEY", "test-openai",
            "GROQ_API_KEY", "test-groq", "VOYAGE_API_KEY", "test-voyage");

    static Cli run(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Cli(exit, out.toString(), err.toString());
    }

    static Cli run(String... args) {
        return run(KEYS, args);
    }

    static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.exists(dir.resolve("pom.xml"))) return dir.resolve("examples");
        }
        throw new IllegalStateException("examples/ not found");
    }

    static Path fixture(String name) {
        try {
            return Path.of(Cli.class.getResource("/workflows/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
