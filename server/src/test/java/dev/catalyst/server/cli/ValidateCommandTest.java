package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void assertOneCleanLine(Cli cli) {
        assertThat(cli.err().lines().toList()).hasSize(1);
        assertThat(cli.err()).startsWith("catalyst: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void everyExampleIsValid() {
        var files = List.of("hello.json", "compare.json", "embed.json", "router.json", "embed-voyage.json");
        var args = files.stream().map(f -> Cli.examples().resolve(f).toString()).toArray(String[]::new);
        var cli = Cli.run(concat("validate", args));
        assertThat(cli.exit()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out().lines().toList()).containsExactly(
                "✓ " + args[0] + ": valid", "✓ " + args[1] + ": valid", "✓ " + args[2] + ": valid", "✓ " + args[3] + ": valid", "✓ " + args[4] + ": valid");
    }

    @Test
    void missingCredentialsAreWarningsThatDoNotFailValidation() {
        String hello = Cli.examples().resolve("hello.json").toString();
        var cli = Cli.run(Map.of(), "validate", hello);
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("✓ " + hello + ": valid, 1 warning\n")
                .contains("warning [node claude] config.credential unknown_credential: credential 'anthropic' is not defined");
    }

    @Test
    void brokenWorkflowListsEveryProblemWithItsCodeAndExitsOne() {
        String broken = Cli.fixture("broken.json").toString();
        var cli = Cli.run("validate", broken);
        assertThat(cli.exit()).isEqualTo(Main.EXIT_INVALID);
        assertThat(cli.out().lines().toList()).containsExactlyInAnyOrder(
                "✗ " + broken + ": 4 errors",
                "  error   [node loop-a] cycle: nodes loop-a → loop-b form a cycle; a workflow must not loop",
                "  error   [node loop-b] cycle: nodes loop-a → loop-b form a cycle; a workflow must not loop",
                "  error   [node mystery] type unknown_node_type: unknown node type 'anthropicCompletions' — did you mean anthropicCompletion?"
                        + " (known: promptTemplate, anthropicCompletion, openaiCompletion, groqCompletion, embeddingGenerate, llmRouter, streamResponse, textJoin)",
                "  error   [node gpt] config.temperature invalid_config: must have a maximum value of 2");
    }

    @Test
    void jsonOutputOfOneFileIsOneReport() {
        var cli = Cli.run("validate", "--json", Cli.fixture("broken.json").toString());
        assertThat(cli.exit()).isEqualTo(1);
        JsonNode report = Json.parse(cli.out());
        assertThat(report.get("valid").booleanValue()).isFalse();
        assertThat(report.get("file").stringValue()).endsWith("broken.json");
        assertThat(report.get("errors").valueStream().map(e -> e.get("code").stringValue()).toList())
                .containsExactlyInAnyOrder("cycle", "cycle", "unknown_node_type", "invalid_config");
        JsonNode typeError = report.get("errors").valueStream().filter(e -> e.get("code").stringValue().equals("unknown_node_type"))
                .findFirst().orElseThrow();
        assertThat(typeError.get("nodeId").stringValue()).isEqualTo("mystery");
        assertThat(typeError.get("field").stringValue()).isEqualTo("type");
        assertThat(typeError.get("severity").stringValue()).isEqualTo("error");
    }

    @Test
    void everyJsonIssueCarriesNodeIdFieldCodeAndMessageEvenWhenNull() throws Exception {
        // a workflow-level problem (no node) next to node problems
        Path file = java.nio.file.Files.writeString(dir.resolve("mixed.json"), """
            { "schemaVersion": 1, "id": "m",
              "nodes": [ { "id": "mystery", "type": "nope" } ],
              "edges": [ { "id": "e1", "source": "ghost", "sourcePort": "text", "target": "mystery", "targetPort": "x" } ],
              "outputs": { "answer": "{{ nodes.nowhere.output.text }}" } }
            """);
        var cli = Cli.run("validate", "--json", file.toString());
        assertThat(cli.exit()).as(cli.err()).isEqualTo(1);
        JsonNode errors = Json.parse(cli.out()).get("errors");
        assertThat(errors.size()).isGreaterThan(1);
        for (JsonNode issue : errors) {
            assertThat(issue.propertyNames()).as("%s", issue).contains("nodeId", "field", "code", "message").doesNotContain("error");
            assertThat(issue.get("code").isString()).isTrue();
            assertThat(issue.get("message").isString()).isTrue();
        }
        assertThat(errors.valueStream()).as("a workflow-level issue has nodeId null, not absent")
                .anyMatch(i -> i.get("nodeId").isNull());
    }

    @Test
    void jsonOutputOfSeveralFilesIsAList() {
        var cli = Cli.run("validate", "--json", Cli.examples().resolve("hello.json").toString(), Cli.fixture("broken.json").toString());
        assertThat(cli.exit()).isEqualTo(1);
        JsonNode reports = Json.parse(cli.out());
        assertThat(reports.isArray()).isTrue();
        assertThat(reports.valueStream().map(r -> r.get("valid").booleanValue()).toList()).containsExactly(true, false);
        assertThat(reports.get(0).get("errors").isEmpty()).isTrue();
    }

    @Test
    void missingFileIsOneLineAndExitTwo() {
        Path missing = dir.resolve("nope.json");
        var cli = Cli.run("validate", missing.toString());
        assertThat(cli.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(cli.out()).isEmpty();
        assertOneCleanLine(cli);
        assertThat(cli.err()).isEqualTo("catalyst: " + missing + ": no such file\n");
    }

    @Test
    void directoryIsRefused() {
        var cli = Cli.run("validate", dir.toString());
        assertThat(cli.exit()).isEqualTo(2);
        assertOneCleanLine(cli);
        assertThat(cli.err()).contains(dir + ": is a directory, not a workflow file");
    }

    @Test
    void malformedJsonIsFileLineColumnOnOneLine() throws IOException {
        Path file = write("truncated.json", "{\n  \"schemaVersion\": 1,\n  \"nodes\": [\n");
        var cli = Cli.run("validate", file.toString());
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertOneCleanLine(cli);
        assertThat(cli.err()).startsWith("catalyst: " + file + ":4:1: malformed JSON: ");
    }

    @Test
    void trailingGarbageDuplicateKeysAndEmptyFilesPointAtTheProblem() throws IOException {
        Path garbage = write("garbage.json", "{\"schemaVersion\": 1, \"nodes\": []}\n}");
        Path dup = write("dup.json", "{\n  \"schemaVersion\": 1,\n    \"schemaVersion\": 1\n}");
        Path empty = write("empty.json", "");
        var cli = Cli.run("validate", garbage.toString());
        assertOneCleanLine(cli);
        assertThat(cli.err()).startsWith("catalyst: " + garbage + ":2:1: malformed JSON: ");
        cli = Cli.run("validate", dup.toString());
        assertOneCleanLine(cli);
        assertThat(cli.err()).startsWith("catalyst: " + dup + ":3:20: malformed JSON: Duplicate Object property \"schemaVersion\"");
        cli = Cli.run("validate", empty.toString());
        assertOneCleanLine(cli);
        assertThat(cli.err()).isEqualTo("catalyst: " + empty + ":1:1: malformed JSON: empty document\n");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws IOException {
        Path file = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
        var cli = Cli.run("validate", file.toString());
        assertThat(cli.exit()).isEqualTo(2);
        assertOneCleanLine(cli);
        assertThat(cli.err()).contains("not UTF-8 text");
    }

    @Test
    void hugeFilesAreRefusedWithoutReadingThem() throws IOException {
        Path file = dir.resolve("huge.json");
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(WorkflowFiles.MAX_BYTES + 1);
        }
        var cli = Cli.run("validate", file.toString());
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("larger than 64 MiB");
    }

    @Test
    void aByteOrderMarkIsFine() throws IOException {
        Path file = write("bom.json", "\uFEFF" + Files.readString(Cli.examples().resolve("hello.json")));
        var cli = Cli.run("validate", file.toString());
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains(": valid");
    }

    @Test
    void oneUnreadableFileDoesNotHideTheOthers() {
        String hello = Cli.examples().resolve("hello.json").toString();
        var cli = Cli.run("validate", dir.resolve("gone.json").toString(), hello);
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.out()).isEqualTo("✓ " + hello + ": valid\n");
        assertThat(cli.err()).contains("gone.json: no such file");
    }

    @Test
    void emptyWorkflowIsInvalid() throws IOException {
        Path file = write("empty-wf.json", "{\"schemaVersion\": 1, \"nodes\": [], \"edges\": []}");
        var cli = Cli.run("validate", file.toString());
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.out()).contains(": 1 error\n").contains("nodes empty_workflow:");
    }

    @Test
    void aKeyPastedIntoTheWorkflowIsNotEchoed() throws IOException {
        String key = "sk-ant-api03-" + "Qm4RtY7uIoP2aSdF6gHjK9lZxCvBnM1";
        Path file = write("leak.json", """
                {"schemaVersion": 1, "nodes": [
                  {"id": "p", "type": "promptTemplate", "config": {"template": "hi"}},
                  {"id": "c", "type": "anthropicCompletion", "config": {"model": "claude-sonnet-5-5", "credential": "%s"}}],
                 "edges": [{"source": "p", "sourcePort": "messages", "target": "c", "targetPort": "messages"}]}""".formatted(key));
        for (var args : List.of(List.of("validate", file.toString()), List.of("validate", "--json", file.toString()))) {
            var cli = Cli.run(Map.of(), args.toArray(String[]::new));
            assertThat(cli.exit()).isEqualTo(1);
            assertThat(cli.out() + cli.err()).contains("looks like an API key").doesNotContain(key).doesNotContain("Qm4RtY7u");
        }
    }

    @Test
    void validateNeedsAFile() {
        var cli = Cli.run("validate");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required parameter");
    }

    private static String[] concat(String first, String[] rest) {
        var all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
