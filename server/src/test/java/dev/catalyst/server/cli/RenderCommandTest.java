package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }

    private static final String HELLO = Path.of("..", "examples", "hello.json").toString();

    @Test
    void rendersTheHelloExample() {
        var r = run("render", HELLO, "--node", "prompt", "--input", "topic=otters");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("[system]\nYou are terse.\n\n[user]\nWrite one line about otters.\n\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void jsonListsMessagesTextAndVariables() {
        var r = run("render", HELLO, "--node", "prompt", "--input", "topic=sea otters 🦦", "--json");
        assertThat(r.exit()).isZero();
        var json = Json.parse(r.out());
        assertThat(json.get("node").stringValue()).isEqualTo("prompt");
        assertThat(json.get("messages").get(1).get("content").stringValue()).isEqualTo("Write one line about sea otters 🦦.");
        assertThat(json.get("text").stringValue()).isEqualTo("You are terse.\n\nWrite one line about sea otters 🦦.");
        assertThat(json.get("variables").toString()).isEqualTo("[\"topic\"]");
    }

    @Test
    void theDefaultIsUsedWithoutInput() {
        var r = run("render", HELLO, "--node", "prompt");
        assertThat(r.out()).contains("Write one line about otters.");
    }

    @Test
    void typedInputsAndRenderErrors(@TempDir Path dir) throws Exception {
        Path wf = dir.resolve("wf.json");
        Files.writeString(wf, """
                { "schemaVersion": 1, "id": "t", "name": "T",
                  "inputs": { "n": { "type": "integer" }, "tags": { "type": "array" }, "who": { "type": "string" } },
                  "nodes": [ { "id": "p", "type": "promptTemplate", "config": { "template": "{{ n + 1 }} {{ tags }} {{ who }}" } },
                             { "id": "q", "type": "promptTemplate", "config": { "template": "{{ nobody }}" } },
                             { "id": "s", "type": "streamResponse" } ] }""");
        var ok = run("render", wf.toString(), "--node", "p", "--input", "n=41", "--input", "tags=[\"a\"]", "--input", "who=Zoë");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).startsWith("[user]" + System.lineSeparator() + "42 [\"a\"] Zoë");

        var missing = run("render", wf.toString(), "--node", "q");
        assertThat(missing.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(missing.err().strip()).isEqualTo("catalyst: " + wf + ": node q: message 1 (user): 1:4: unknown variable 'nobody'");
        assertThat(missing.err().lines().count()).isEqualTo(1);

        assertThat(run("render", wf.toString(), "--node", "p", "--input", "n=forty").err()).contains("input 'n' is declared integer, but 'forty' is not JSON");
        assertThat(run("render", wf.toString(), "--node", "p", "--input", "n=1.5").err()).contains("input 'n' is declared integer, but '1.5' is not one");
        var noEquals = run("render", wf.toString(), "--node", "p", "--input", "n");
        assertThat(noEquals.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noEquals.err()).contains("--input needs KEY=VALUE, got 'n'");
        var notPrompt = run("render", wf.toString(), "--node", "s");
        assertThat(notPrompt.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(notPrompt.err()).contains("node 's' has type streamResponse; render shows promptTemplate nodes (here: p, q)");
    }

    @Test
    void unknownNodesAndFilesAreUsageErrors(@TempDir Path dir) {
        var r = run("render", HELLO, "--node", "promt");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip()).isEqualTo("catalyst: " + HELLO + ": no node 'promt' — did you mean prompt? (promptTemplate nodes: prompt)");
        var none = run("render", dir.resolve("nope.json").toString(), "--node", "x");
        assertThat(none.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(none.err()).contains("no such file");
        assertThat(run("render", HELLO).exit()).isEqualTo(Main.EXIT_USAGE);
    }
}
