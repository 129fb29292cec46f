package dev.catalyst.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.catalyst.core.catalog.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic checks, and each kind's own checks, over small test kinds: no node type is known by name. */
class KindValidationTest {
    private final TestKinds.Seen seen = new TestKinds.Seen();
    private final WorkflowValidator validator = new WorkflowValidator(TestKinds.registry(seen), ModelCatalog.builtIn());

    private List<ValidationIssue> errors(String json) {
        return validator.validate(json.replace('\'', '"'), name -> true).errors();
    }

    private static final String PROMPT = "{'id': 'p', 'type': 'promptTemplate', 'config': {'template': 'hi'}}";

    @Test
    void aValidWorkflowOfTestKindsPasses() {
        var report = validator.validate("""
                {'schemaVersion': 1, 'inputs': {'topic': {'type': 'string'}},
                 'nodes': [%s, {'id': 's', 'type': 'shout', 'config': {'volume': 'loud', 'suffix': '{{ topic }}!'}},
                           {'id': 'f', 'type': 'finish', 'config': {}}],
                 'edges': [{'source': 'p', 'sourcePort': 'text', 'target': 's', 'targetPort': 'text'},
                           {'source': 's', 'sourcePort': 'text', 'target': 'f', 'targetPort': 'text'}],
                 'outputs': {'answer': '{{ nodes.f.output.text }}'}}""".formatted(PROMPT).replace('\'', '"'), name -> true);
        assertThat(report.errors()).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.variables()).containsEntry("s", List.of("topic"));
        assertThat(seen.nodeIds).containsExactly("s");
    }

    @Test
    void aKindsOwnCheckRunsOnlyOnItsNodes() {
        var issues = errors("""
                {'schemaVersion': 1, 'nodes': [%s,
                   {'id': 'a', 'type': 'shout', 'config': {'volume': 'quiet'}}, {'id': 'b', 'type': 'shout', 'config': {}}],
                 'edges': [{'source': 'p', 'sourcePort': 'text', 'target': 'a', 'targetPort': 'text'},
                           {'source': 'p', 'sourcePort': 'text', 'target': 'b', 'targetPort': 'text'}]}""".formatted(PROMPT));
        assertThat(seen.nodeIds).containsExactly("a", "b");
        assertThat(issues).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("a", "config.volume", IssueCodes.INVALID_CONFIG));
        assertThat(issues.getFirst().message()).isEqualTo("shout is loud or louder");
    }

    @Test
    void thePromptKindWantsMessagesOrTemplateNotBoth() {
        var neither = errors("{'schemaVersion': 1, 'nodes': [{'id': 'p', 'type': 'promptTemplate', 'config': {}}], 'edges': []}");
        assertThat(neither).extracting(ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("config.messages", IssueCodes.MISSING_CONFIG));
        assertThat(neither.getFirst().message()).isEqualTo("promptTemplate needs config.messages or config.template");
        var both = errors("""
                {'schemaVersion': 1, 'nodes': [{'id': 'p', 'type': 'promptTemplate',
                  'config': {'template': 'x', 'messages': [{'role': 'user', 'content': 'y'}]}}], 'edges': []}""");
        assertThat(both).extracting(ValidationIssue::code).containsExactly(IssueCodes.INVALID_CONFIG);
        assertThat(both.getFirst().message()).contains("not both");
    }

    @Test
    void nodesWhoseSpecMarksTheAnswerStreamAreOnePerWorkflow() {
        var issues = errors("""
                {'schemaVersion': 1, 'nodes': [%s, {'id': 'f1', 'type': 'finish', 'config': {}}, {'id': 'f2', 'type': 'finish', 'config': {}}],
                 'edges': [{'source': 'p', 'sourcePort': 'text', 'target': 'f1', 'targetPort': 'text'},
                           {'source': 'p', 'sourcePort': 'text', 'target': 'f2', 'targetPort': 'text'}]}""".formatted(PROMPT));
        assertThat(issues).extracting(ValidationIssue::nodeId, ValidationIssue::code).containsExactly(
                tuple("f1", IssueCodes.MULTIPLE_ANSWER_STREAMS), tuple("f2", IssueCodes.MULTIPLE_ANSWER_STREAMS));
        assertThat(issues.getFirst().message()).isEqualTo("a workflow has one answer stream, but finish nodes f1, f2 each claim it");
    }

    @Test
    void anExpressionReadsTheNamesItsKindGivesItAndNoOthers() {
        var issues = errors("""
                {'schemaVersion': 1, 'nodes': [{'id': 'k', 'type': 'pick',
                   'config': {'rules': [{'when': 'request.size() > 2'}, {'when': 'other == 1'}]}}], 'edges': []}""");
        assertThat(issues).extracting(ValidationIssue::field, ValidationIssue::code)
                .containsExactly(tuple("config.rules[1].when", IssueCodes.UNKNOWN_VARIABLE));
    }

    @Test
    void genericChecksReportEveryProblemAtOnce() {
        var issues = errors("""
                {'schemaVersion': 1, 'nodes': [%s,
                   {'id': 's', 'type': 'shout', 'config': {'times': 0, 'loudness': 3}},
                   {'id': 't', 'type': 'shout', 'config': {}},
                   {'id': 'x', 'type': 'shuot', 'config': {}}],
                 'edges': [{'source': 'p', 'sourcePort': 'messages', 'target': 's', 'targetPort': 'text'},
                           {'source': 's', 'sourcePort': 'text', 'target': 't', 'targetPort': 'extra'},
                           {'source': 't', 'sourcePort': 'text', 'target': 's', 'targetPort': 'extra'},
                           {'source': 'p', 'sourcePort': 'text', 'target': 's', 'targetPort': 'nope'}]}""".formatted(PROMPT));
        assertThat(issues).extracting(ValidationIssue::code).contains(
                IssueCodes.UNKNOWN_NODE_TYPE, IssueCodes.INVALID_CONFIG, IssueCodes.INCOMPATIBLE_PORTS,
                IssueCodes.UNKNOWN_PORT, IssueCodes.CYCLE, IssueCodes.MISSING_INPUT);
        assertThat(issues).filteredOn(i -> i.code().equals(IssueCodes.UNKNOWN_NODE_TYPE)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("did you mean shout"));
    }
}
