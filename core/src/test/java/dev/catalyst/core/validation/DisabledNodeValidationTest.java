package dev.catalyst.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.textjoin.TextJoinKind;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ADR 23: what disabling a node does to validation and which nodes will not run. */
class DisabledNodeValidationTest {
    private final WorkflowValidator validator =
            new WorkflowValidator(NodeRegistry.of(List.of(new PromptTemplateKind(), new TextJoinKind())), ModelCatalog.builtIn());

    // a → join ← b, and a → c (join needs 'texts'; c's variables input is optional)
    private static String graph(String aExtra, String bExtra, String outputs) {
        return ("""
                {'schemaVersion': 1, 'id': 'g', 'nodes': [
                  {'id': 'a', 'type': 'promptTemplate', %s},
                  {'id': 'b', 'type': 'promptTemplate', 'config': {'template': 'two'}%s},
                  {'id': 'join', 'type': 'textJoin', 'config': {}},
                  {'id': 'tail', 'type': 'textJoin', 'config': {}}],
                 'edges': [
                  {'source': 'a', 'sourcePort': 'text', 'target': 'join', 'targetPort': 'texts'},
                  {'source': 'b', 'sourcePort': 'text', 'target': 'join', 'targetPort': 'texts'},
                  {'source': 'join', 'sourcePort': 'text', 'target': 'tail', 'targetPort': 'texts'}],
                 'outputs': %s}""").formatted(aExtra.startsWith("'config'") ? aExtra : "'config': {'template': 'one'}" + aExtra,
                bExtra, outputs).replace('\'', '"');
    }

    private ValidationReport validate(String json) {
        return validator.validate(json, name -> true);
    }

    @Test
    void aBrokenDisabledNodeIsReportedAsWarningsAndDoesNotBlock() {
        String json = graph("'config': {'template': '{{ nope }}', 'bogus': 1}, 'disabled': true", "", "{}");
        ValidationReport report = validate(json);
        assertThat(report.valid()).isTrue();
        assertThat(report.errorsOnly()).isEmpty();
        assertThat(report.warnings()).isNotEmpty().allSatisfy(w -> {
            assertThat(w.nodeId()).isEqualTo("a");
            assertThat(w.message()).endsWith("(the node is disabled)");
        });
        assertThat(report.warnings()).extracting(ValidationIssue::code).contains(IssueCodes.INVALID_CONFIG);

        // the same node enabled: the same problems are errors
        ValidationReport enabled = validate(json.replace("\"disabled\": true", "\"disabled\": false"));
        assertThat(enabled.valid()).isFalse();
        assertThat(enabled.errorsOnly()).extracting(ValidationIssue::nodeId).containsOnly("a");
        assertThat(enabled.errorsOnly()).hasSameSizeAs(report.warnings());
    }

    @Test
    void problemsOfNodesThatAreOnlySkippedStayErrors() {
        // b is disabled; a's and join's own problems are still errors (they are not disabled)
        String json = graph("'config': {'template': 'one', 'bogus': 1}", ", 'disabled': true", "{}");
        ValidationReport report = validate(json);
        assertThat(report.valid()).isFalse();
        assertThat(report.errorsOnly()).extracting(ValidationIssue::nodeId, ValidationIssue::code)
                .containsExactly(tuple("a", IssueCodes.INVALID_CONFIG));
    }

    @Test
    void aDisabledBranchOfAManyInputSkipsOnlyThatBranch() {
        var result = validator.skipping(WorkflowCodec.read(graph(", 'disabled': true", "", "{}")).workflow());
        assertThat(result.skipped()).containsExactly("a");
    }

    @Test
    void aRequiredInputFedOnlyBySkippedNodesSkipsTheChainTransitively() {
        var result = validator.skipping(WorkflowCodec.read(graph(", 'disabled': true", ", 'disabled': true",
                "{'joined': '{{ nodes.tail.output.text }}', 'plain': 'x'}".replace('\'', '"'))).workflow());
        assertThat(result.skipped()).containsExactly("a", "b", "join", "tail");
        assertThat(result.skippedOutputs()).containsExactly(java.util.Map.entry("joined", "tail"));
    }

    @Test
    void everyNodeDisabledOrStarvedIsAnErrorSayingSo() {
        ValidationReport starved = validate(graph(", 'disabled': true", ", 'disabled': true", "{}"));
        assertThat(starved.valid()).isFalse();
        assertThat(starved.errorsOnly()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCodes.NOTHING_TO_RUN);
            assertThat(i.field()).isEqualTo("nodes");
            assertThat(i.message()).contains("nothing would run").contains("a, b disabled");
        });

        String allDisabled = """
                {"schemaVersion": 1, "nodes": [{"id": "p", "type": "promptTemplate", "config": {"template": "hi"}, "disabled": true}]}""";
        assertThat(validate(allDisabled).errorsOnly()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCodes.NOTHING_TO_RUN);
            assertThat(i.message()).startsWith("every node is disabled");
        });
    }

    @Test
    void anOutputReadingASkippedNodeIsAWarningThatItIsLeftOut() {
        String outputs = "{'a': '{{ nodes.a.output.text }}', 'joined': '{{ nodes.join.output.text }}', 'broken': '{{ nodes.a.output. }}'}";
        ValidationReport report = validate(graph(", 'disabled': true", "", outputs.replace('\'', '"')));
        assertThat(report.warnings()).filteredOn(i -> i.code().equals(IssueCodes.SKIPPED_OUTPUT))
                .singleElement().satisfies(i -> {
                    assertThat(i.field()).isEqualTo("outputs.a");
                    assertThat(i.message()).contains("node 'a'").contains("disabled").contains("leaves this output out");
                });
        // an output that does not compile is still the expression check's error, not a skipped output
        assertThat(report.errorsOnly()).extracting(ValidationIssue::field).containsExactly("outputs.broken");

        var skippedOut = validate(graph(", 'disabled': true", ", 'disabled': true",
                "{'t': '{{ nodes.tail.output.text }}'}".replace('\'', '"')));
        assertThat(skippedOut.warnings()).filteredOn(i -> i.code().equals(IssueCodes.SKIPPED_OUTPUT))
                .singleElement().satisfies(i -> assertThat(i.message()).contains("skipped: its input comes only from disabled nodes"));
    }

    @Test
    void idsAndCyclesStayErrorsOnADisabledNode() {
        String json = """
                {"schemaVersion": 1, "nodes": [
                  {"id": "p", "type": "promptTemplate", "config": {"template": "hi"}},
                  {"id": "p", "type": "promptTemplate", "config": {"template": "hi"}, "disabled": true}]}""";
        assertThat(validate(json).errorsOnly()).extracting(ValidationIssue::code).contains(IssueCodes.DUPLICATE_ID);
    }

    @Test
    void nothingDisabledLeavesTheReportAlone() {
        var result = validator.skipping(WorkflowCodec.read(graph("", "", "{}")).workflow());
        assertThat(result.skipped()).isEmpty();
        assertThat(result.isSkipped("a")).isFalse();
        assertThat(validate(graph("", "", "{}")).errors()).isEmpty();
    }
}
