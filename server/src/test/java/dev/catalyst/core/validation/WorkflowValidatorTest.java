package dev.catalyst.core.validation;

import static dev.catalyst.core.validation.Workflows.CLAUDE;
import static dev.catalyst.core.validation.Workflows.PROMPT;
import static dev.catalyst.core.validation.Workflows.PROMPT_TO_CLAUDE;
import static dev.catalyst.core.validation.Workflows.edge;
import static dev.catalyst.core.validation.Workflows.issues;
import static dev.catalyst.core.validation.Workflows.node;
import static dev.catalyst.core.validation.Workflows.validate;
import static dev.catalyst.core.validation.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.catalyst.core.TestFiles;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.server.cli.NodeKinds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class WorkflowValidatorTest {
    static Stream<Path> examples() {
        return TestFiles.examples().stream();
    }

    @Test
    void thereAreAtLeastTheFourExamplesTheIssueAsksFor() {
        assertThat(TestFiles.examples()).extracting(p -> p.getFileName().toString())
                .contains("hello.json", "compare.json", "embed.json", "router.json");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsValidWithoutWarningsWhenTheCredentialsExist(Path file) {
        var report = validate(TestFiles.read(file));
        assertThat(report.errors()).as(file.toString()).isEmpty();
        assertThat(report.valid()).isTrue();
    }

    @Test
    void cycleUnknownTypeAndBadConfigInOneFileAreAllReportedAtOnce() {
        var report = validate(TestFiles.fixture("broken.json"));
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactlyInAnyOrder(
                        tuple("loop-a", null, IssueCodes.CYCLE),
                        tuple("loop-b", null, IssueCodes.CYCLE),
                        tuple("mystery", "type", IssueCodes.UNKNOWN_NODE_TYPE),
                        tuple("gpt", "config.temperature", IssueCodes.INVALID_CONFIG));
        assertThat(report.errors()).extracting(ValidationIssue::message).contains(
                "nodes loop-a → loop-b form a cycle; a workflow must not loop",
                "must have a maximum value of 2");
    }

    @Test
    void aCompletionWiredOnlyAsARouterModelNeedsNoInput() {
        var report = validate(TestFiles.read(TestFiles.examplesDir().resolve("router.json")));
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void aCompletionThatIsAlsoAStepStillNeedsItsInput() {
        var all = issues(List.of(PROMPT, CLAUDE, node("gpt", "openaiCompletion", "{\"model\": \"gpt-6-luna\"}"),
                        node("r", "llmRouter", "{}"), node("answer", "streamResponse", "{}")),
                List.of(PROMPT_TO_CLAUDE, edge("claude", "model", "r", "models"), edge("gpt", "model", "r", "models"),
                        edge("prompt", "messages", "r", "messages"), edge("gpt", "text", "answer", "text")));
        assertThat(all).extracting(ValidationIssue::nodeId, ValidationIssue::code)
                .containsExactly(tuple("gpt", IssueCodes.MISSING_INPUT));
    }

    @Test
    void edgesAtNodesOfUnknownTypeAddNoNoise() {
        var all = issues(List.of(PROMPT, node("x", "mystery", "{}")), List.of(edge("prompt", "messages", "x", "whatever")));
        assertThat(all).extracting(ValidationIssue::code).containsExactly(IssueCodes.UNKNOWN_NODE_TYPE);
    }

    @Test
    void shapeAndGraphProblemsComeBackTogether() {
        var report = validate("""
                {"schemaVersion": 1, "extra": true,
                 "nodes": [%s, {"id": "claude", "type": "anthropicCompletion", "config": {"model": "claude-sonnet-5-5"}, "positon": {}}],
                 "edges": [%s, {"source": "claude"}]}""".formatted(PROMPT, PROMPT_TO_CLAUDE));
        assertThat(report.errors()).extracting(ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("extra", IssueCodes.UNKNOWN_FIELD),
                tuple("positon", IssueCodes.UNKNOWN_FIELD),
                tuple("edges[1].sourcePort", IssueCodes.MISSING_FIELD),
                tuple("edges[1].target", IssueCodes.MISSING_FIELD),
                tuple("edges[1].targetPort", IssueCodes.MISSING_FIELD));
    }

    private static String chain(int n, boolean closeTheLoop) {
        var nodes = new ArrayList<String>();
        var edges = new ArrayList<String>();
        nodes.add(PROMPT);
        for (int i = 0; i < n - 1; i++) nodes.add(node("n" + i, "anthropicCompletion", "{\"model\": \"claude-sonnet-5-5\"}"));
        edges.add(edge("prompt", "messages", "n0", "messages"));
        for (int i = 0; i + 1 < n - 1; i++) edges.add(edge("n" + i, "text", "n" + (i + 1), "prompt"));
        if (closeTheLoop) edges.add(edge("n" + (n - 2), "text", "n0", "prompt"));
        return workflow(nodes, edges);
    }

    @Test
    void tenThousandNodeChainIsValid() {
        String json = chain(10_000, false);
        long start = System.nanoTime();
        var report = validate(json);
        System.out.printf("validate 10,000-node chain: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(report.errors()).isEmpty();
        assertThat(report.valid()).isTrue();
    }

    @Test
    void tenThousandNodeCycleIsFoundWithoutOverflowingTheStack() {
        String json = chain(10_000, true);
        long start = System.nanoTime();
        var report = validate(json);
        System.out.printf("validate 10,000-node cycle: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).allSatisfy(i -> assertThat(i.code()).isEqualTo(IssueCodes.CYCLE));
        assertThat(report.errors()).extracting(ValidationIssue::nodeId).hasSize(9_999).doesNotHaveDuplicates().doesNotContain("prompt");
        // named, but not 10,000 names repeated on 10,000 issues
        String message = report.errors().get(0).message();
        assertThat(message).startsWith("nodes n0 → n1 → n2").contains("(9999 nodes in all)").hasSizeLessThan(500);
    }

    @Test
    void twoSeparateCyclesAreTwoReports() {
        var all = issues(List.of(PROMPT, CLAUDE, node("a", "anthropicCompletion", "{\"model\": \"claude-sonnet-5-5\"}"),
                        node("b", "anthropicCompletion", "{\"model\": \"claude-sonnet-5-5\"}")),
                List.of(PROMPT_TO_CLAUDE, edge("claude", "text", "claude", "prompt"),
                        edge("a", "text", "b", "prompt"), edge("b", "text", "a", "prompt")));
        assertThat(all).extracting(ValidationIssue::nodeId, ValidationIssue::message).containsExactlyInAnyOrder(
                tuple("claude", "node 'claude' is connected to itself; a workflow must not loop"),
                tuple("a", "nodes a → b form a cycle; a workflow must not loop"),
                tuple("b", "nodes a → b form a cycle; a workflow must not loop"));
    }

    @Test
    void reportAsJsonHasTheContractShape() {
        var report = validate(TestFiles.fixture("broken.json"));
        JsonNode json = Json.valueToTree(report);
        assertThat(json.get("valid").booleanValue()).isFalse();
        JsonNode first = json.get("errors").get(0);
        assertThat(first.propertyNames()).contains("nodeId", "code", "message", "severity").doesNotContain("edgeId");
        assertThat(first.get("severity").stringValue()).isEqualTo("error");
        assertThat(report.errorsOnly()).hasSize(4);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void describeIsOneReadableLine() {
        assertThat(ValidationIssue.error("gpt", "config.temperature", "invalid_config", "too hot").describe())
                .isEqualTo("error   [node gpt] config.temperature invalid_config: too hot");
        assertThat(ValidationIssue.edgeError("e1", "claude", "targetPort", "unknown_port", "no").describe())
                .isEqualTo("error   [node claude, edge e1] targetPort unknown_port: no");
        assertThat(ValidationIssue.edgeError("e1", null, "source", "dangling_edge", "gone").describe())
                .isEqualTo("error   [edge e1] source dangling_edge: gone");
        assertThat(ValidationIssue.warning(null, null, "x", "y").describe()).isEqualTo("warning [workflow] x: y");
    }

    @Test
    void extraChecksRunAfterTheBuiltInOnesAndSeeTheirWork() {
        var seen = new ArrayList<Integer>();
        var validator = Workflows.VALIDATOR.withCheck(ctx -> {
            seen.add(ctx.wellFormedEdges().size());
            ctx.add(ValidationIssue.warning(null, "outputs", "custom", "checked " + ctx.workflow().nodes().size() + " nodes"));
        });
        var decoded = WorkflowCodec.read(workflow(List.of(PROMPT, CLAUDE), List.of(PROMPT_TO_CLAUDE)));
        var report = validator.validate(decoded, Workflows.PROVIDER_KEYS);
        assertThat(seen).containsExactly(1);
        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).extracting(ValidationIssue::message).containsExactly("checked 2 nodes");
        // the original validator is unchanged
        assertThat(Workflows.VALIDATOR.validate(decoded, Workflows.PROVIDER_KEYS).errors()).isEmpty();
    }

    @Test
    void validatesADecodedWorkflowDirectly() {
        var wf = WorkflowCodec.read(workflow(List.of(CLAUDE), List.of())).workflow();
        var report = Workflows.VALIDATOR.validate(wf, Workflows.PROVIDER_KEYS);
        assertThat(report.errors()).extracting(ValidationIssue::code).containsExactly(IssueCodes.MISSING_INPUT);
    }

    @Test
    void contextExposesWhatChecksNeed() {
        var captured = new ArrayList<ValidationContext>();
        var validator = Workflows.VALIDATOR.withCheck(captured::add);
        validator.validate(workflow(List.of(PROMPT, CLAUDE), List.of(PROMPT_TO_CLAUDE)), Workflows.PROVIDER_KEYS);
        var ctx = captured.get(0);
        assertThat(ctx.registry().typeNames()).hasSize(NodeKinds.all().size());
        assertThat(ctx.catalog().resolve("claude-sonnet-5-5")).isPresent();
        assertThat(ctx.credentialExists("openai")).isTrue();
        assertThat(ctx.edgesInto("claude")).extracting(e -> e.source()).containsExactly("prompt");
        assertThat(ctx.edgesInto("prompt")).isEmpty();
        assertThat(ctx.issues()).isEmpty();
    }
}
