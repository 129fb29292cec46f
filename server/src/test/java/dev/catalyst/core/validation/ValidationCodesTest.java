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
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test (or more) per code of docs/validation-codes.md. */
class ValidationCodesTest {

    private static ValidationIssue only(List<ValidationIssue> issues, String code) {
        var matching = issues.stream().filter(i -> i.code().equals(code)).toList();
        assertThat(matching).as("issues with code %s in %s", code, issues).hasSize(1);
        return matching.get(0);
    }

    private static List<String> codes(List<ValidationIssue> issues) {
        return issues.stream().map(ValidationIssue::code).toList();
    }

    @Test
    void theDocumentedCodesAreExactlyTheCodesInIssueCodes() throws Exception {
        String doc = TestFiles.read(TestFiles.examplesDir().resolveSibling("docs").resolve("validation-codes.md"));
        Set<String> documented = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE).matcher(doc).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        Set<String> declared = Arrays.stream(IssueCodes.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.toSet());
        assertThat(documented).hasSize(29).isEqualTo(declared);
    }

    @Test
    void missingField() {
        var report = validate("{\"nodes\": [" + PROMPT + "]}");
        assertThat(report.valid()).isFalse();
        assertThat(only(report.errors(), IssueCodes.MISSING_FIELD).field()).isEqualTo("schemaVersion");
    }

    @Test
    void invalidField() {
        var issue = only(validate("{\"schemaVersion\": 1, \"nodes\": [" + PROMPT + "], \"edges\": {}}").errors(), IssueCodes.INVALID_FIELD);
        assertThat(issue.field()).isEqualTo("edges");
        assertThat(issue.message()).isEqualTo("edges must be a list, not an object");
    }

    @Test
    void unknownField() {
        var issue = only(validate("{\"schemaVersion\": 1, \"nodes\": [" + PROMPT + "], \"edgs\": []}").errors(), IssueCodes.UNKNOWN_FIELD);
        assertThat(issue.field()).isEqualTo("edgs");
        assertThat(issue.message()).isEqualTo("unknown field 'edgs' — did you mean edges?");
    }

    @Test
    void unsupportedSchemaVersionIsReportedAlone() {
        var report = validate("{\"schemaVersion\": 2, \"nodes\": [{\"id\": \"a\", \"type\": \"nope\"}], \"edges\": []}");
        assertThat(report.valid()).isFalse();
        assertThat(codes(report.errors())).containsExactly(IssueCodes.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void emptyWorkflow() {
        var report = validate(workflow(List.of(), List.of()));
        assertThat(report.valid()).isFalse();
        assertThat(codes(report.errors())).containsExactly(IssueCodes.EMPTY_WORKFLOW);
        assertThat(report.errors().get(0).field()).isEqualTo("nodes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\\t", "\\u00a0 ", " lead", "trail ", "a\\u0000b", "line\\nbreak", "bell\\u0007", "del\\u007f"})
    void invalidId(String jsonEscapedId) {
        var all = validate("{\"schemaVersion\": 1, \"nodes\": [{\"id\": \"" + jsonEscapedId + "\", \"type\": \"promptTemplate\","
                + " \"config\": {\"template\": \"x\"}}]}").errors();
        assertThat(codes(all)).containsExactly(IssueCodes.INVALID_ID);
        assertThat(all.get(0).field()).isEqualTo("id");
    }

    @Test
    void idLengthCountsCharactersNotUtf16Units() {
        String otters = "🦦".repeat(NodeCheck.MAX_ID_LENGTH);
        assertThat(NodeCheck.idProblem(otters)).isNull();
        assertThat(NodeCheck.idProblem("a".repeat(NodeCheck.MAX_ID_LENGTH + 1))).isEqualTo("an id is at most 128 characters");
        assertThat(NodeCheck.idProblem("提示 1")).isNull();
        assertThat(NodeCheck.idProblem("مرحبا\u200F")).isNull();
        assertThat(NodeCheck.idProblem(" ")).isEqualTo("an id cannot be blank");
        assertThat(NodeCheck.idProblem("x\u0001")).isEqualTo("an id cannot hold control characters");
        assertThat(NodeCheck.idProblem(" x")).isEqualTo("an id cannot start or end with whitespace");
    }

    @Test
    void duplicateNodeAndEdgeIds() {
        var all = issues(List.of(PROMPT, CLAUDE, node("claude", "promptTemplate", "{\"template\": \"x\"}")),
                List.of(Workflows.edge("e1", "prompt", "messages", "claude", "messages"),
                        Workflows.edge("e1", "prompt", "text", "claude", "prompt")));
        assertThat(all).extracting(ValidationIssue::nodeId, ValidationIssue::edgeId, ValidationIssue::field, ValidationIssue::code)
                .containsExactlyInAnyOrder(
                        tuple("claude", null, "id", IssueCodes.DUPLICATE_ID),
                        tuple(null, "e1", "id", IssueCodes.DUPLICATE_ID));
    }

    @Test
    void invalidInput() {
        var report = validate("""
                {"schemaVersion": 1, "inputs": {"n": {"type": "integer", "default": "three"}, "t": {"type": "text"}},
                 "nodes": [%s]}""".formatted(PROMPT));
        assertThat(report.errors()).extracting(ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("inputs.n.default", IssueCodes.INVALID_INPUT), tuple("inputs.t.type", IssueCodes.INVALID_INPUT));
        assertThat(report.errors()).anySatisfy(i -> assertThat(i.message()).isEqualTo("default of input 'n' is a string, but its type is integer"));
    }

    @Test
    void inputDefaultsOfEveryTypeAreAccepted() {
        var report = validate("""
                {"schemaVersion": 1, "inputs": {"s": {"type": "string", "default": "x"}, "n": {"type": "number", "default": 1.5},
                 "i": {"type": "integer", "default": 2}, "b": {"type": "boolean", "default": false},
                 "o": {"type": "object", "default": {}}, "a": {"type": "array", "default": []}},
                 "nodes": [%s]}""".formatted(PROMPT));
        assertThat(report.errors()).isEmpty();
        assertThat(WorkflowShapeCheck.matches("integer", dev.catalyst.core.json.Json.parse("1.5"))).isFalse();
        assertThat(WorkflowShapeCheck.matches("nope", dev.catalyst.core.json.Json.parse("1"))).isFalse();
    }

    @Test
    void unknownNodeTypeSuggestsTheClosest() {
        var issue = only(issues(List.of(node("x", "anthropicCompletions", "{}")), List.of()), IssueCodes.UNKNOWN_NODE_TYPE);
        assertThat(issue.nodeId()).isEqualTo("x");
        assertThat(issue.field()).isEqualTo("type");
        assertThat(issue.message()).startsWith("unknown node type 'anthropicCompletions' — did you mean anthropicCompletion?")
                .contains("(known: promptTemplate, anthropicCompletion");
    }

    @Test
    void missingConfig() {
        var issue = only(issues(List.of(PROMPT, node("claude", "anthropicCompletion", "{}")), List.of(PROMPT_TO_CLAUDE)),
                IssueCodes.MISSING_CONFIG);
        assertThat(issue.field()).isEqualTo("config.model");
        assertThat(issue.message()).isEqualTo("anthropicCompletion needs config.model");

        var nested = only(issues(List.of(PROMPT, node("claude", "anthropicCompletion",
                "{\"model\": \"claude-sonnet-5-5\", \"tools\": [{\"name\": \"lookup\"}]}")), List.of(PROMPT_TO_CLAUDE)), IssueCodes.MISSING_CONFIG);
        assertThat(nested.field()).isEqualTo("config.tools[0].parameters");
        assertThat(nested.message()).isEqualTo("anthropicCompletion needs config.tools[0].parameters");

        var prompt = only(issues(List.of(node("p", "promptTemplate", "{}")), List.of()), IssueCodes.MISSING_CONFIG);
        assertThat(prompt.message()).isEqualTo("promptTemplate needs config.messages or config.template");
    }

    @Test
    void invalidConfigOutOfRangeWrongTypeBadEnumAndUnknownKey() {
        var all = issues(List.of(PROMPT, node("claude", "anthropicCompletion", """
                {"model": "claude-sonnet-5-5", "temperature": 1.5, "maxTokens": "many", "temprature": 1,
                 "toolChoice": "sometimes", "stopSequences": [""]}""")), List.of(PROMPT_TO_CLAUDE));
        assertThat(all).allSatisfy(i -> {
            assertThat(i.code()).isEqualTo(IssueCodes.INVALID_CONFIG);
            assertThat(i.nodeId()).isEqualTo("claude");
        });
        // toolChoice is anyOf(enum, object): the library reports why each branch failed
        assertThat(all).extracting(ValidationIssue::field).containsOnly(
                "config.temperature", "config.maxTokens", "config.temprature", "config.toolChoice", "config.stopSequences[0]");
        assertThat(all).filteredOn(i -> i.field().equals("config.toolChoice")).extracting(ValidationIssue::message)
                .contains("does not have a value in the enumeration [\"auto\", \"any\", \"none\"]");
        assertThat(all).filteredOn(i -> i.field().equals("config.temperature")).first()
                .extracting(ValidationIssue::message).isEqualTo("must have a maximum value of 1");
        assertThat(all).filteredOn(i -> i.field().equals("config.temprature")).first()
                .extracting(ValidationIssue::message).isEqualTo("unknown config key 'temprature' — did you mean temperature?");

        var both = only(issues(List.of(node("p", "promptTemplate",
                "{\"template\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"b\"}]}")), List.of()), IssueCodes.INVALID_CONFIG);
        assertThat(both.message()).isEqualTo("set either config.messages or config.template, not both");

        var role = only(issues(List.of(node("p", "promptTemplate",
                "{\"messages\": [{\"role\": \"robot\", \"content\": \"b\"}]}")), List.of()), IssueCodes.INVALID_CONFIG);
        assertThat(role.field()).isEqualTo("config.messages[0].role");
    }

    @Test
    void invalidConfigForTooManyEmbeddingDimensions() {
        var issue = only(issues(List.of(node("e", "embeddingGenerate",
                "{\"provider\": \"voyage\", \"model\": \"voyage-4\", \"dimensions\": 2048, \"texts\": \"{{ inputs.t }}\"}")), List.of()),
                IssueCodes.INVALID_CONFIG);
        assertThat(issue.field()).isEqualTo("config.dimensions");
        assertThat(issue.message()).isEqualTo("voyage-4 makes vectors of at most 1024 dimensions, not 2048");
    }

    @Test
    void wrongShapesInsideConfigAreReportedNotThrown() {
        var all = issues(List.of(PROMPT, node("r", "llmRouter", """
                {"candidates": {"a": {"provider": "openai", "model": "gpt-6-sol"}}, "rules": {"when": "true"}, "fallback": "gpt",
                 "weights": [1]}"""), node("e", "embeddingGenerate",
                "{\"provider\": \"openai\", \"model\": \"text-embedding-3-small\", \"dimensions\": 99999999999, \"texts\": \"x\"}"),
                node("x", "anthropicCompletion", "{\"model\": 42, \"credential\": [\"a\"], \"maxTokens\": 1e400, \"temperature\": -1e400}")),
                List.of(edge("prompt", "messages", "r", "messages"), edge("prompt", "messages", "x", "messages")));
        assertThat(all).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code).contains(
                tuple("r", "config.candidates", IssueCodes.INVALID_CONFIG),
                tuple("r", "config.rules", IssueCodes.INVALID_CONFIG),
                tuple("r", "config.fallback", IssueCodes.INVALID_CONFIG),
                tuple("r", "config.weights", IssueCodes.INVALID_CONFIG),
                tuple("e", "config.dimensions", IssueCodes.INVALID_CONFIG),
                tuple("x", "config.model", IssueCodes.INVALID_CONFIG),
                tuple("x", "config.credential", IssueCodes.INVALID_CONFIG),
                tuple("x", "config.maxTokens", IssueCodes.INVALID_CONFIG),
                tuple("x", "config.temperature", IssueCodes.INVALID_CONFIG));
        assertThat(all).filteredOn(i -> "config.maxTokens".equals(i.field())).extracting(ValidationIssue::message)
                .containsExactly("this number is out of range; maxTokens is an integer from 1 to 1000000");
    }

    @Test
    void hugeNumbersInsideListsAreFoundToo() {
        var all = issues(List.of(PROMPT, node("r", "llmRouter", "{\"fallback\": [1e400], \"maxAttempts\": 0, "
                + "\"candidates\": [{\"provider\": \"openai\", \"model\": \"gpt-6-sol\", \"params\": {\"seed\": 1e999}}]}")),
                List.of(edge("prompt", "messages", "r", "messages")));
        assertThat(all).extracting(ValidationIssue::field, ValidationIssue::message).containsExactlyInAnyOrder(
                tuple("config.fallback[0]", "this number is out of range"),
                tuple("config.candidates[0].params.seed", "this number is out of range"),
                tuple("config.maxAttempts", "must have a minimum value of 1"));
    }

    @Test
    void missingInput() {
        var claude = only(issues(List.of(CLAUDE), List.of()), IssueCodes.MISSING_INPUT);
        assertThat(claude.field()).isEqualTo("inputs.messages");
        assertThat(claude.message()).isEqualTo("anthropicCompletion needs an edge into messages or prompt");

        var answer = only(issues(List.of(node("answer", "streamResponse", "{}")), List.of()), IssueCodes.MISSING_INPUT);
        assertThat(answer.field()).isEqualTo("inputs.text");

        var embed = only(issues(List.of(node("e", "embeddingGenerate", "{\"provider\": \"local\"}")), List.of()), IssueCodes.MISSING_INPUT);
        assertThat(embed.field()).isEqualTo("inputs.texts");

        var router = issues(List.of(PROMPT, node("r", "llmRouter", "{}")), List.of(edge("prompt", "messages", "r", "messages")));
        assertThat(only(router, IssueCodes.MISSING_INPUT).message()).startsWith("llmRouter needs candidates");
    }

    @Test
    void unknownModelWithSuggestionOrTheProviderItBelongsTo() {
        var typo = only(issues(List.of(PROMPT, node("claude", "anthropicCompletion", "{\"model\": \"claude-sonet-5-5\"}")),
                List.of(PROMPT_TO_CLAUDE)), IssueCodes.UNKNOWN_MODEL);
        assertThat(typo.field()).isEqualTo("config.model");
        assertThat(typo.message()).startsWith("unknown anthropic model 'claude-sonet-5-5' — did you mean claude-sonnet-5-5");

        var elsewhere = only(issues(List.of(PROMPT, node("gpt", "openaiCompletion", "{\"model\": \"openai/gpt-oss-120b\"}")),
                List.of(edge("prompt", "messages", "gpt", "messages"))), IssueCodes.UNKNOWN_MODEL);
        assertThat(elsewhere.message()).isEqualTo("unknown openai model 'openai/gpt-oss-120b'; it is a groq model — use that provider's node");

        var nothingClose = only(issues(List.of(PROMPT, node("g", "groqCompletion", "{\"model\": \"zzzzzzzzzzzzzzzzzzzz\"}")),
                List.of(edge("prompt", "messages", "g", "messages"))), IssueCodes.UNKNOWN_MODEL);
        assertThat(nothingClose.message()).endsWith("(see: catalyst models --provider groq)");

        var local = only(issues(List.of(node("e", "embeddingGenerate", "{\"provider\": \"local\", \"model\": \"bge\", \"texts\": \"x\"}")),
                List.of()), IssueCodes.UNKNOWN_MODEL);
        assertThat(local.message()).contains("all-minilm-l6-v2");
        assertThat(issues(List.of(node("e", "embeddingGenerate",
                "{\"provider\": \"local\", \"model\": \"All-MiniLM-L6-v2\", \"texts\": \"x\"}")), List.of())).isEmpty();
    }

    @Test
    void unknownModelOfARouterCandidate() {
        var all = issues(List.of(PROMPT, node("r", "llmRouter", """
                {"candidates": [{"provider": "openai", "model": "gpt-6-sol"}, {"provider": "groq", "model": "gpt-6-sol"}]}""")),
                List.of(edge("prompt", "messages", "r", "messages")));
        assertThat(only(all, IssueCodes.UNKNOWN_MODEL).field()).isEqualTo("config.candidates[1].model");
    }

    @Test
    void wrongModelKind() {
        var chat = only(issues(List.of(PROMPT, node("gpt", "openaiCompletion", "{\"model\": \"text-embedding-3-small\"}")),
                List.of(edge("prompt", "messages", "gpt", "messages"))), IssueCodes.WRONG_MODEL_KIND);
        assertThat(chat.message()).isEqualTo("text-embedding-3-small is an embedding model; this node needs a chat model");
        var embedding = only(issues(List.of(node("e", "embeddingGenerate",
                "{\"provider\": \"openai\", \"model\": \"gpt-6-sol\", \"texts\": \"x\"}")), List.of()), IssueCodes.WRONG_MODEL_KIND);
        assertThat(embedding.message()).isEqualTo("gpt-6-sol is a chat model; this node needs an embedding model");
    }

    @Test
    void embeddingWithoutAModelUsesItsProvidersDefaultAndLocalHasOneModel() {
        // the default model depends on the provider (voyage-4 for voyage), so leaving it out is no error
        assertThat(issues(List.of(node("e", "embeddingGenerate", "{\"provider\": \"voyage\", \"texts\": \"x\"}")), List.of())).isEmpty();
        assertThat(issues(List.of(node("e", "embeddingGenerate", "{\"provider\": \"local\", \"texts\": \"x\"}")), List.of())).isEmpty();
        assertThat(issues(List.of(node("e", "embeddingGenerate", "{\"texts\": \"x\"}")), List.of())).isEmpty();
        var issue = only(issues(List.of(node("e", "embeddingGenerate", "{\"provider\": \"local\", \"model\": \"voyage-4\", \"texts\": \"x\"}")),
                List.of()), IssueCodes.UNKNOWN_MODEL);
        assertThat(issue.message()).isEqualTo("the local provider has one model, all-minilm-l6-v2; 'voyage-4' is not available offline"
                + " — did you mean all-minilm-l6-v2?");
    }

    @Test
    void retiredModelIsAWarningNamingTheReplacement() {
        var report = validate(workflow(List.of(PROMPT, node("claude", "anthropicCompletion", "{\"model\": \"claude-3-opus-latest\"}")),
                List.of(PROMPT_TO_CLAUDE)));
        assertThat(report.valid()).isTrue();
        var issue = only(report.warnings(), IssueCodes.RETIRED_MODEL);
        assertThat(issue.severity()).isEqualTo(Severity.WARNING);
        assertThat(issue.field()).isEqualTo("config.model");
        assertThat(issue.message()).contains("claude-3-opus-20240229 is retired").contains("use claude-opus-4-8 instead");
    }

    @Test
    void deprecatedModelIsAWarningWithDateAndReplacement() {
        var report = validate(workflow(List.of(PROMPT, node("gpt", "openaiCompletion", "{\"model\": \"gpt-4o\"}")),
                List.of(edge("prompt", "messages", "gpt", "messages"))));
        assertThat(report.valid()).isTrue();
        assertThat(only(report.warnings(), IssueCodes.DEPRECATED_MODEL).message())
                .isEqualTo("model openai/gpt-4o is deprecated; it shuts down on 2027-01-14; use gpt-6-luna instead");
    }

    @Test
    void unknownCredentialIsAWarning() {
        String json = workflow(List.of(PROMPT, node("claude", "anthropicCompletion",
                "{\"model\": \"claude-sonnet-5-5\", \"credential\": \"team-claude\"}")), List.of(PROMPT_TO_CLAUDE));
        var report = Workflows.VALIDATOR.validate(json, name -> false);
        assertThat(report.valid()).isTrue();
        var issue = only(report.warnings(), IssueCodes.UNKNOWN_CREDENTIAL);
        assertThat(issue.field()).isEqualTo("config.credential");
        assertThat(issue.message()).isEqualTo("credential 'team-claude' is not defined; run `catalyst secrets set team-claude`"
                + " (or set the environment variable CATALYST_SECRET_TEAM_CLAUDE where Catalyst runs)");
        // a run starting now needs it: the same issue, found without the rest of validation
        assertThat(Workflows.VALIDATOR.missingCredentials(dev.catalyst.core.workflow.WorkflowCodec.read(json).workflow(), name -> false))
                .containsExactly(issue);
        assertThat(Workflows.VALIDATOR.missingCredentials(dev.catalyst.core.workflow.WorkflowCodec.read(json).workflow(), "team-claude"::equals))
                .isEmpty();
        assertThat(Workflows.VALIDATOR.validate(json, "team-claude"::equals).errors()).isEmpty();

        // without a credential the provider's name is used
        var defaulted = Workflows.VALIDATOR.validate(workflow(List.of(PROMPT, CLAUDE), List.of(PROMPT_TO_CLAUDE)), name -> false);
        assertThat(only(defaulted.warnings(), IssueCodes.UNKNOWN_CREDENTIAL).message()).contains("ANTHROPIC_API_KEY");
    }

    @Test
    void aKeyPastedIntoACredentialFieldIsAnErrorAndIsNeverRepeated() {
        String key = "sk-ant-api03-" + "Zq7XbN3kLm9PwR2tYv5HcJ8dFg4Ks6Aa";
        String groqKey = "gsk_" + "8HcJ2dFg4Ks6AaZq7XbN3kLm9PwR2tYv5Hc";
        String json = workflow(List.of(PROMPT, node("claude", "anthropicCompletion",
                        "{\"model\": \"claude-sonnet-5-5\", \"credential\": \"" + key + "\"}"),
                node("r", "llmRouter", "{\"candidates\": [{\"provider\": \"groq\", \"model\": \"openai/gpt-oss-20b\", \"credential\": \""
                        + groqKey + "\"}]}")),
                List.of(PROMPT_TO_CLAUDE, edge("prompt", "messages", "r", "messages")));
        var report = Workflows.VALIDATOR.validate(json, name -> false);
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).extracting(ValidationIssue::nodeId, ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("claude", "config.credential", IssueCodes.INVALID_CONFIG),
                tuple("r", "config.candidates[0].credential", IssueCodes.INVALID_CONFIG));
        String everything = dev.catalyst.core.json.Json.write(report) + report.errors().stream().map(ValidationIssue::describe).toList();
        assertThat(everything).doesNotContain(key).doesNotContain(groqKey).doesNotContain("Zq7XbN3k").doesNotContain("8HcJ2dFg")
                .doesNotContain(key.toUpperCase().replace('-', '_'));
    }

    @Test
    void ordinaryCredentialNamesAreNotMistakenForKeys() {
        for (String name : List.of("anthropic", "openai-prod", "team.claude_2", "skeleton-crew", "pa", "my-company-production-anthropic-key")) {
            assertThat(ModelCheck.looksLikeKey(name)).as(name).isFalse();
        }
        for (String key : List.of("sk-proj-" + "abcdefghijklmnop1234", "pa-Xk3j4k5l6m7n8b9v0c1x2z3", "AIzaSyA1b2C3d4E5f6G7h8I9j0K",
                "Xk3j4k5l6m7n8b9v0c1x2z3Xk3j4k5l6m7n8b9v0c1x2z3")) {
            assertThat(ModelCheck.looksLikeKey(key)).as(key).isTrue();
        }
    }

    @Test
    void unknownCandidate() {
        var all = issues(List.of(PROMPT, node("gpt", "openaiCompletion", "{\"model\": \"gpt-6-luna\"}"),
                node("r", "llmRouter", """
                        {"candidates": [{"provider": "groq", "model": "openai/gpt-oss-20b"}],
                         "rules": [{"when": "true", "use": "gtp"}], "fallback": ["groq/openai/gpt-oss-20b", "claude", 3]}""")),
                List.of(edge("prompt", "messages", "r", "messages"), edge("gpt", "model", "r", "models")));
        assertThat(all).extracting(ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("config.rules[0].use", IssueCodes.UNKNOWN_CANDIDATE),
                tuple("config.fallback[1]", IssueCodes.UNKNOWN_CANDIDATE),
                tuple("config.fallback[2]", IssueCodes.INVALID_CONFIG));
        assertThat(all).filteredOn(i -> "config.rules[0].use".equals(i.field())).first().extracting(ValidationIssue::message)
                .isEqualTo("'gtp' is not one of this router's candidates — did you mean gpt? (candidates: gpt, groq/openai/gpt-oss-20b)");
    }

    @Test
    void multipleAnswerStreams() {
        var all = issues(List.of(PROMPT, CLAUDE, node("a1", "streamResponse", "{}"), node("a2", "streamResponse", "{}")),
                List.of(PROMPT_TO_CLAUDE, edge("claude", "text", "a1", "text"), edge("claude", "text", "a2", "text")));
        assertThat(all).extracting(ValidationIssue::nodeId, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("a1", IssueCodes.MULTIPLE_ANSWER_STREAMS), tuple("a2", IssueCodes.MULTIPLE_ANSWER_STREAMS));
        assertThat(all.get(0).message()).contains("a1, a2");
    }

    @Test
    void danglingEdge() {
        var all = issues(List.of(PROMPT, CLAUDE), List.of(PROMPT_TO_CLAUDE,
                Workflows.edge("e2", "claude", "text", "answr", "text"), Workflows.edge("e3", "ghost", "text", "claude", "prompt")));
        assertThat(all).extracting(ValidationIssue::edgeId, ValidationIssue::field, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("e2", "target", IssueCodes.DANGLING_EDGE), tuple("e3", "source", IssueCodes.DANGLING_EDGE));
        assertThat(all).filteredOn(i -> "e2".equals(i.edgeId())).first().extracting(ValidationIssue::message)
                .isEqualTo("edge claude.text → answr.text ends at node 'answr', which does not exist");
        var suggested = issues(List.of(PROMPT, CLAUDE), List.of(edge("prompt", "messages", "claud", "messages")));
        assertThat(only(suggested, IssueCodes.DANGLING_EDGE).message()).endsWith("— did you mean claude?");
    }

    @Test
    void unknownPort() {
        var all = issues(List.of(PROMPT, CLAUDE), List.of(edge("prompt", "mesages", "claude", "messages"),
                edge("prompt", "messages", "claude", "input")));
        var ports = all.stream().filter(i -> i.code().equals(IssueCodes.UNKNOWN_PORT)).toList();
        assertThat(ports).extracting(ValidationIssue::nodeId, ValidationIssue::field).containsExactlyInAnyOrder(
                tuple("prompt", "sourcePort"), tuple("claude", "targetPort"));
        assertThat(ports).extracting(ValidationIssue::message).containsExactlyInAnyOrder(
                "promptTemplate has no output 'mesages' — did you mean messages?",
                "anthropicCompletion has no input 'input' (it has: messages, prompt)");
    }

    @Test
    void incompatiblePortsWithAHint() {
        var all = issues(List.of(PROMPT, CLAUDE), List.of(edge("prompt", "text", "claude", "messages")));
        var issue = only(all, IssueCodes.INCOMPATIBLE_PORTS);
        assertThat(issue.nodeId()).isEqualTo("claude");
        assertThat(issue.field()).isEqualTo("targetPort");
        assertThat(issue.message()).isEqualTo("cannot connect prompt.text → claude.messages: Text does not fit Messages;"
                + " connect it to anthropicCompletion.prompt instead");

        var none = only(issues(List.of(PROMPT, CLAUDE, node("c2", "anthropicCompletion", "{\"model\": \"claude-sonnet-5-5\"}")),
                List.of(PROMPT_TO_CLAUDE, edge("claude", "usage", "c2", "prompt"))), IssueCodes.INCOMPATIBLE_PORTS);
        assertThat(none.message()).endsWith("Usage does not fit Text; anthropicCompletion takes no Usage input");
    }

    @Test
    void tooManyEdgesIntoASinglePort() {
        var all = issues(List.of(PROMPT, node("p2", "promptTemplate", "{\"template\": \"x\"}"), CLAUDE),
                List.of(PROMPT_TO_CLAUDE, edge("p2", "messages", "claude", "messages")));
        var issue = only(all, IssueCodes.TOO_MANY_EDGES);
        assertThat(issue.edgeId()).isEqualTo("p2.messages->claude.messages");
        assertThat(issue.message()).isEqualTo("input 'messages' of claude takes one edge; p2.messages → claude.messages is an extra one");
    }

    @Test
    void manyEdgesIntoAManyPortAreFine() {
        var all = issues(List.of(node("p1", "promptTemplate", "{\"template\": \"a\"}"), node("p2", "promptTemplate", "{\"template\": \"b\"}"),
                        node("e", "embeddingGenerate", "{\"provider\": \"local\"}")),
                List.of(edge("p1", "text", "e", "texts"), edge("p2", "text", "e", "texts")));
        assertThat(all).isEmpty();
    }

    @Test
    void duplicateEdge() {
        var all = issues(List.of(PROMPT, CLAUDE), List.of(Workflows.edge("e1", "prompt", "messages", "claude", "messages"),
                Workflows.edge("e2", "prompt", "messages", "claude", "messages")));
        assertThat(codes(all)).containsExactly(IssueCodes.DUPLICATE_EDGE);
        assertThat(all.get(0).edgeId()).isEqualTo("e2");
    }

    @Test
    void cycleNamesItsNodesOnEachOfThem() {
        var all = issues(List.of(PROMPT, CLAUDE, node("b", "anthropicCompletion", "{\"model\": \"claude-sonnet-5-5\"}"),
                        node("c", "anthropicCompletion", "{\"model\": \"claude-sonnet-5-5\"}")),
                List.of(edge("claude", "text", "b", "prompt"), edge("b", "text", "c", "prompt"), edge("c", "text", "claude", "prompt"),
                        edge("prompt", "messages", "b", "messages")));
        // b takes both messages and prompt: allowed (either is enough); the loop is the problem
        assertThat(all).extracting(ValidationIssue::nodeId, ValidationIssue::code).containsExactlyInAnyOrder(
                tuple("claude", IssueCodes.CYCLE), tuple("b", IssueCodes.CYCLE), tuple("c", IssueCodes.CYCLE));
        assertThat(all).extracting(ValidationIssue::message).containsOnly("nodes claude → b → c form a cycle; a workflow must not loop");
    }

    @Test
    void selfLoopIsACycle() {
        var all = issues(List.of(PROMPT, CLAUDE), List.of(PROMPT_TO_CLAUDE, edge("claude", "text", "claude", "prompt")));
        var issue = only(all, IssueCodes.CYCLE);
        assertThat(issue.nodeId()).isEqualTo("claude");
        assertThat(issue.message()).isEqualTo("node 'claude' is connected to itself; a workflow must not loop");
    }

    // ADR 23
    private static String disabled(String nodeJson) {
        return nodeJson.substring(0, nodeJson.length() - 1) + ", \"disabled\": true}";
    }

    @Test
    void nothingToRun() {
        var report = validate(workflow(List.of(disabled(PROMPT), CLAUDE), List.of(PROMPT_TO_CLAUDE)));
        assertThat(report.valid()).isFalse();
        var issue = only(report.errors(), IssueCodes.NOTHING_TO_RUN);
        assertThat(issue.isError()).isTrue();
        assertThat(issue.message()).contains("nothing would run").contains("prompt disabled");
    }

    @Test
    void skippedOutput() {
        String wf = workflow(List.of(PROMPT, disabled(CLAUDE)), List.of(PROMPT_TO_CLAUDE));
        var report = validate(wf.substring(0, wf.length() - 1) + ", \"outputs\": {\"answer\": \"{{ nodes.claude.output.text }}\"}}");
        assertThat(report.valid()).isTrue();
        var issue = only(report.errors(), IssueCodes.SKIPPED_OUTPUT);
        assertThat(issue.isError()).isFalse();
        assertThat(issue.field()).isEqualTo("outputs.answer");
    }
}
