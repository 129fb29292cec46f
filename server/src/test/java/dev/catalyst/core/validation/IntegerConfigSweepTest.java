package dev.catalyst.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.cli.NodeKinds;
import dev.catalyst.core.registry.NodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every integer config field of every node type, fed hostile values: each is an {@code invalid_config}
 * issue naming the field, never an exception (the fuzzer found 54 of 155 such cases answered with 500).
 */
class IntegerConfigSweepTest {
    static final List<String> HOSTILE = List.of("1e300", "-1", "9223372036854775808", "1.5", "\"7\"", "-1e300", "1E+20");

    /** A node's config that is otherwise valid, so the field under test is what the validator reports. */
    static String baseConfig(String type) {
        return switch (type) {
            case "promptTemplate" -> "\"template\": \"hi\"";
            case "anthropicCompletion" -> "\"model\": \"claude-sonnet-5-5\"";
            case "openaiCompletion" -> "\"model\": \"gpt-5-mini\"";
            case "groqCompletion" -> "\"model\": \"llama-3.3-70b-versatile\"";
            case "embeddingGenerate" -> "\"provider\": \"openai\", \"model\": \"text-embedding-3-small\"";
            case "llmRouter" -> "\"preset\": \"cost\", \"candidates\": [{\"provider\": \"anthropic\", \"model\": \"claude-sonnet-5-5\"}]";
            default -> "";
        };
    }

    static List<String> integerFields(NodeType type) {
        var fields = new ArrayList<String>();
        for (var p : type.config().path("properties").properties()) {
            if (isInteger(type, p.getValue())) fields.add(p.getKey());
        }
        return fields;
    }

    private static boolean isInteger(NodeType type, JsonNode prop) {
        if (prop.has("$ref")) {
            String ref = prop.get("$ref").stringValue();
            prop = type.config().path("$defs").path(ref.substring("#/$defs/".length()));
        }
        return "integer".equals(prop.path("type").asString(""));
    }

    static Stream<Arguments> cases() {
        var out = new ArrayList<Arguments>();
        for (NodeType t : NodeKinds.registry().all()) {
            for (String field : integerFields(t)) {
                for (String value : HOSTILE) out.add(Arguments.of(t.type(), field, value));
            }
        }
        return out.stream();
    }

    @Test
    void theSweepCoversTheIntegerFieldsOfEveryNodeTypeThatHasThem() {
        var withIntegers = NodeKinds.registry().all().stream().filter(t -> !integerFields(t).isEmpty()).map(NodeType::type).toList();
        assertThat(withIntegers).contains("anthropicCompletion", "openaiCompletion", "groqCompletion", "embeddingGenerate", "llmRouter");
        assertThat(cases().count()).isGreaterThan(30L * HOSTILE.size() / 2);
    }

    @Test
    void everyBaseConfigIsValidOnItsOwn() {
        for (NodeType t : NodeKinds.registry().all()) {
            var report = Workflows.validate(Workflows.workflow(List.of(Workflows.node("n", t.type(), "{" + baseConfig(t.type()) + "}")), List.of()));
            assertThat(report.errors()).as(t.type()).noneMatch(i -> i.isError() && i.field() != null && i.field().startsWith("config"));
        }
    }

    @Test
    void everyIntegerFieldHasBoundsInItsSchema() {
        for (NodeType t : NodeKinds.registry().all()) {
            for (String field : integerFields(t)) {
                JsonNode prop = t.config().path("properties").get(field);
                if (prop.has("$ref")) prop = t.config().path("$defs").path(prop.get("$ref").stringValue().substring("#/$defs/".length()));
                assertThat(prop.has("minimum")).as(t.type() + "." + field + " minimum").isTrue();
                assertThat(prop.has("maximum")).as(t.type() + "." + field + " maximum").isTrue();
                assertThat(prop.get("maximum").isIntegralNumber() && prop.get("maximum").canConvertToLong())
                        .as(t.type() + "." + field + " maximum fits a long").isTrue();
            }
        }
    }

    @ParameterizedTest(name = "llmRouter candidate params.{0} = {1}")
    @MethodSource("paramCases")
    void aHostileIntegerInARouterCandidatesParamsIsInvalidConfigToo(String field, String value) {
        String config = "{\"preset\": \"cost\", \"candidates\": [{\"provider\": \"anthropic\", \"model\": \"claude-sonnet-5-5\","
                + " \"params\": {\"" + field + "\": " + value + "}}]}";
        var report = Workflows.validate(Workflows.workflow(List.of(Workflows.node("r", "llmRouter", config)), List.of()));
        assertThat(report.errors()).as(report.errors().toString()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo(IssueCodes.INVALID_CONFIG);
            assertThat(i.field()).isEqualTo("config.candidates[0].params." + field);
        });
    }

    static Stream<Arguments> paramCases() {
        var out = new ArrayList<Arguments>();
        NodeType anthropic = NodeKinds.registry().get("anthropicCompletion");
        for (String field : integerFields(anthropic)) {
            for (String value : HOSTILE) out.add(Arguments.of(field, value));
        }
        return out.stream();
    }

    @Test
    void validRouterCandidateParamsPassAndUnknownKeysAreNamed() {
        String ok = "{\"preset\": \"cost\", \"candidates\": [{\"provider\": \"anthropic\", \"model\": \"claude-sonnet-5-5\","
                + " \"params\": {\"maxTokens\": 300, \"temperature\": 0.2}}]}";
        var report = Workflows.validate(Workflows.workflow(List.of(Workflows.node("r", "llmRouter", ok)), List.of()));
        assertThat(report.errors()).noneMatch(i -> i.field() != null && i.field().contains("params"));
        String typo = ok.replace("maxTokens", "maxTokns");
        var typoReport = Workflows.validate(Workflows.workflow(List.of(Workflows.node("r", "llmRouter", typo)), List.of()));
        assertThat(typoReport.errors()).anySatisfy(i -> {
            assertThat(i.field()).isEqualTo("config.candidates[0].params.maxTokns");
            assertThat(i.message()).contains("unknown anthropicCompletion config key 'maxTokns'", "maxTokens");
        });
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("cases")
    void aHostileIntegerIsAnInvalidConfigIssueNamingTheField(String type, String field, String value) {
        String base = baseConfig(type);
        String config = "{" + base + (base.isEmpty() ? "" : ", ") + "\"" + field + "\": " + value + "}";
        var report = Workflows.validate(Workflows.workflow(List.of(Workflows.node("n", type, config)), List.of()));
        assertThat(report.errors())
                .as(report.errors().toString())
                .anySatisfy(i -> {
                    assertThat(i.code()).isEqualTo(IssueCodes.INVALID_CONFIG);
                    assertThat(i.field()).isEqualTo("config." + field);
                    assertThat(i.nodeId()).isEqualTo("n");
                });
    }
}
