package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Foundation's commands, exercised end to end (they had no tests of their own in this module). */
class OtherCommandsTest {
    @Test
    void listsNodesAndModels() {
        var nodes = CliTestSupport.run("nodes");
        assertThat(nodes.exit()).isZero();
        assertThat(nodes.out()).contains("streamResponse").contains("textJoin").contains("models:LanguageModel*");
        assertThat(Json.parse(CliTestSupport.run("nodes", "--json").out()).size()).isEqualTo(NodeKinds.all().size());
        var models = CliTestSupport.run("models", "--provider", "anthropic");
        assertThat(models.exit()).isZero();
        assertThat(models.out()).contains("anthropic");
        assertThat(Json.parse(CliTestSupport.run("models", "--json").out()).isArray()).isTrue();
        var none = CliTestSupport.run("models", "--provider", "acme");
        assertThat(none.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(CliTestSupport.run("models").out()).contains("PROVIDER");
    }

    @Test
    void validatesFiles(@TempDir Path dir) throws Exception {
        var ok = CliTestSupport.run("validate", "../examples/hello.json");
        assertThat(ok.out()).contains("hello.json");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"schemaVersion\": 1, \"nodes\": [{\"id\": \"x\", \"type\": \"nope\"}]}");
        var r = CliTestSupport.run("validate", bad.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(r.out()).contains("✗");
        var json = CliTestSupport.run("validate", "--json", bad.toString(), "../examples/hello.json");
        assertThat(Json.parse(json.out()).size()).isEqualTo(2);
        var broken = Files.writeString(dir.resolve("broken.json"), "{");
        assertThat(CliTestSupport.run("validate", broken.toString()).err()).contains("broken.json:1:");
        assertThat(CliTestSupport.run("validate", dir.toString()).err()).contains("is a directory");
    }

    @Test
    void helpAndVersion() {
        assertThat(CliTestSupport.run().out()).contains("start").contains("run");
        assertThat(CliTestSupport.run("--version").out()).startsWith("catalyst ");
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndStartsNothing() {
        for (String[] args : new String[][] {{"start", "--help"}, {"run", "-h"}, {"validate", "--help"}, {"secrets", "set", "--help"},
                {"token", "rotate", "--help"}, {"models", "--help"}}) {
            var r = CliTestSupport.run(args);
            String usage = "Usage: catalyst " + String.join(" ", java.util.Arrays.copyOf(args, args.length - 1));
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith(usage).contains("-h, --help");
            assertThat(r.err()).as(String.join(" ", args)).isEmpty();
        }
        assertThat(CliTestSupport.run("start", "--version").out()).startsWith("catalyst ");
    }
}
