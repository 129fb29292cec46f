package dev.catalyst.core.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.validation.ValidationReport;
import dev.catalyst.core.validation.WorkflowValidator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Foundation's validation rules, exercised through bad workflows (the template work runs
 * them on every validation, so they are checked here as they meet expressions).
 */
class WorkflowValidationTest {
    private static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeRegistry.builtIn(), ModelCatalog.builtIn());

    private static ValidationReport validate(String json) {
        return VALIDATOR.validate(json, Set.of("anthropic")::contains);
    }

    private static java.util.List<String> codes(ValidationReport r) {
        return r.errors().stream().map(ValidationIssue::code).toList();
    }

    @Test
    void shapeProblemsOfTheFileAreReportedTogether() {
        assertThat(codes(validate("[1]"))).containsExactly(IssueCodes.INVALID_FIELD, IssueCodes.EMPTY_WORKFLOW);
        var r = validate("""
                { "schemaVersion": 1, "id": 7, "nam": "x", "inputs": { "a": { "type": "strng" }, "b": { "type": "integer", "default": "x" }, "c": 3 },
                  "nodes": [ { "type": "promptTemplate" }, { "id": "p", "type": 5 }, { "id": "q", "type": "promptTemplate", "config": [], "extra": 1 }, 7 ],
                  "edges": [ { "id": "e" }, 3 ], "outputs": { "o": 1 }, "ui": {} }""");
        assertThat(r.valid()).isFalse();
        assertThat(codes(r)).contains(IssueCodes.INVALID_FIELD, IssueCodes.UNKNOWN_FIELD, IssueCodes.MISSING_FIELD, IssueCodes.INVALID_INPUT);
        assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("did you mean name"));
        assertThat(codes(validate("{ \"schemaVersion\": 2, \"nodes\": [] }"))).containsExactly(IssueCodes.UNSUPPORTED_SCHEMA_VERSION);
        assertThat(codes(validate("{ \"schemaVersion\": 1, \"id\": \"x\", \"nodes\": [] }"))).contains(IssueCodes.EMPTY_WORKFLOW);
        assertThat(r.errors().get(0).describe()).startsWith("error");
    }

    @Test
    void nodeAndEdgeProblems() {
        var r = validate("""
                { "schemaVersion": 1, "id": "x", "name": "X",
                  "nodes": [
                    { "id": "p", "type": "promptTemplate", "config": { "template": "hi", "strct": true } },
                    { "id": "p", "type": "promptTemplate", "config": { "template": "dup" } },
                    { "id": " bad", "type": "promtTemplate" },
                    { "id": "c", "type": "anthropicCompletion", "config": { "model": "claude-sonet-4-6", "temperature": 9 } },
                    { "id": "g", "type": "openaiCompletion", "config": { "model": "text-embedding-3-small" } },
                    { "id": "old", "type": "anthropicCompletion", "config": { "model": "claude-3-opus-20240229" } },
                    { "id": "s1", "type": "streamResponse" }, { "id": "s2", "type": "streamResponse" },
                    { "id": "e", "type": "embeddingGenerate", "config": { "provider": "openai", "model": "gpt-4o", "credential": "nokey" } } ],
                  "edges": [
                    { "id": "e1", "source": "p", "sourcePort": "messages", "target": "c", "targetPort": "messages" },
                    { "id": "e1", "source": "p", "sourcePort": "messages", "target": "g", "targetPort": "messages" },
                    { "id": "e2", "source": "nope", "sourcePort": "x", "target": "gone", "targetPort": "y" },
                    { "id": "e3", "source": "p", "sourcePort": "mesages", "target": "c", "targetPort": "promt" },
                    { "id": "e4", "source": "p", "sourcePort": "text", "target": "c", "targetPort": "messages" },
                    { "id": "e5", "source": "p", "sourcePort": "messages", "target": "c", "targetPort": "messages" },
                    { "id": "e6", "source": "c", "sourcePort": "usage", "target": "s1", "targetPort": "text" },
                    { "id": "e7", "source": "s1", "sourcePort": "text", "target": "s2", "targetPort": "text" },
                    { "id": "e8", "source": "s2", "sourcePort": "text", "target": "s1", "targetPort": "text" } ] }""");
        assertThat(codes(r)).contains(IssueCodes.DUPLICATE_ID, IssueCodes.INVALID_ID, IssueCodes.UNKNOWN_NODE_TYPE,
                IssueCodes.INVALID_CONFIG, IssueCodes.UNKNOWN_MODEL, IssueCodes.WRONG_MODEL_KIND, IssueCodes.RETIRED_MODEL,
                IssueCodes.MULTIPLE_ANSWER_STREAMS, IssueCodes.DANGLING_EDGE, IssueCodes.UNKNOWN_PORT, IssueCodes.INCOMPATIBLE_PORTS,
                IssueCodes.DUPLICATE_EDGE, IssueCodes.CYCLE, IssueCodes.MISSING_INPUT, IssueCodes.UNKNOWN_CREDENTIAL);
        assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("did you mean promptTemplate"));
        assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("nodes s1 → s2 form a cycle"));
        assertThat(r.warnings()).anySatisfy(i -> assertThat(i.message()).contains("claude-3-opus-20240229 is retired"));
    }

    @Test
    void routersEmbeddingsAndPrompts() {
        var r = validate("""
                { "schemaVersion": 1, "id": "x", "name": "X",
                  "nodes": [
                    { "id": "p", "type": "promptTemplate", "config": { "template": "hi", "messages": [ { "role": "user", "content": "x" } ] } },
                    { "id": "q", "type": "promptTemplate", "config": {} },
                    { "id": "r", "type": "llmRouter", "config": { "rules": [ { "when": "true", "use": "cluade" } ], "fallback": ["nobody"] } },
                    { "id": "r2", "type": "llmRouter", "config": { "candidates": [ { "provider": "openai", "model": "gpt-5.5" } ] } },
                    { "id": "c", "type": "anthropicCompletion", "config": { "model": "gpt-4o" } },
                    { "id": "claude", "type": "anthropicCompletion", "config": { "model": "claude-sonnet-4-6" } },
                    { "id": "e1", "type": "embeddingGenerate", "config": { "provider": "local", "model": "other" } },
                    { "id": "e2", "type": "embeddingGenerate", "config": { "provider": "openai", "model": "text-embedding-3-small", "dimensions": 99999 } },
                    { "id": "e3", "type": "embeddingGenerate", "config": { "provider": "openai" } } ],
                  "edges": [
                    { "id": "m1", "source": "claude", "sourcePort": "model", "target": "r", "targetPort": "models" },
                    { "id": "m2", "source": "p", "sourcePort": "messages", "target": "r", "targetPort": "messages" },
                    { "id": "m3", "source": "p", "sourcePort": "messages", "target": "c", "targetPort": "messages" } ] }""");
        assertThat(codes(r)).contains(IssueCodes.UNKNOWN_CANDIDATE, IssueCodes.MISSING_INPUT, IssueCodes.MISSING_CONFIG, IssueCodes.UNKNOWN_MODEL, IssueCodes.INVALID_CONFIG);
        assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("it is a openai model").contains("use that provider's node"));
        assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("set either config.messages or config.template"));
        assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("the local provider has one model"));
    }
}
