package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The other subcommands, run the way the launcher runs them; validate shows the template checks. */
class CliCommandsTest {
    record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void validateReportsAnUnknownTemplateVariableWithASuggestion(@TempDir Path dir) throws Exception {
        Path wf = dir.resolve("typo.json");
        Files.writeString(wf, Files.readString(Path.of("..", "examples", "hello.json")).replace("{{ topic }}", "{{ topc }}"));
        var human = run("validate", wf.toString());
        assertThat(human.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(human.out()).contains("✗ " + wf + ": 1 error")
                .contains("[node prompt] config.messages[1].content unknown_variable: 1:25: unknown variable 'topc' — did you mean topic?");
        assertThat(human.out()).contains("\n     | Write one line about {{ topc }}.\n     | ........................^");
        var json = Json.parse(run("validate", "--json", wf.toString()).out());
        assertThat(json.get("valid").booleanValue()).isFalse();
        assertThat(json.get("variables").toString()).isEqualTo("{\"prompt\":[\"topc\"]}");
    }

    @Test
    void validateAcceptsTheExamples() {
        var r = run("validate", Path.of("..", "examples", "hello.json").toString(), Path.of("..", "examples", "router.json").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("valid");
        var missing = run("validate", "no-such-file.json");
        assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("no-such-file.json: no such file");
    }

    @Test
    void nodesModelsStartAndVersion() {
        assertThat(run("nodes").out()).contains("promptTemplate").contains("variables:Object → messages:Messages, text:Text");
        assertThat(Json.parse(run("nodes", "--json").out()).get(0).get("type").stringValue()).isEqualTo("promptTemplate");
        assertThat(run("models").out()).contains("PROVIDER").contains("anthropic");
        assertThat(Json.parse(run("models", "--json", "--provider", "openai").out()).isArray()).isTrue();
        assertThat(run("models", "--provider", "nobody").exit()).isEqualTo(Main.EXIT_USAGE);
        var start = run("start");
        assertThat(start.exit()).isEqualTo(StartCommand.EXIT_NOT_BUILT);
        assertThat(run("--version").out()).startsWith("catalyst ");
        assertThat(run().out()).contains("render");
    }
}
