package dev.catalyst.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.catalyst.core.TestFiles;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.server.cli.NodeKinds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The registry the wiring builds from the node kinds: the contract's types, ports, schemas and defaults. */
class NodeRegistryTest {
    private static final NodeRegistry REGISTRY = NodeKinds.registry();
    private static final List<String> COMPLETIONS = List.of("anthropicCompletion", "openaiCompletion", "groqCompletion");

    static Stream<NodeType> types() {
        return REGISTRY.all().stream();
    }

    private static Schema compile(NodeType t) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(t.config());
    }

    private static List<String> ports(List<Port> ports) {
        return ports.stream().map(p -> p.name() + ":" + p.type().wireName() + (p.many() ? "*" : "") + (p.required() ? "!" : "")).toList();
    }

    @Test
    void theSevenContractTypesThenTheOthersInPaletteOrder() {
        assertThat(REGISTRY.typeNames()).containsExactly("promptTemplate", "anthropicCompletion", "openaiCompletion",
                "groqCompletion", "embeddingGenerate", "llmRouter", "streamResponse", "textJoin");
    }

    @Test
    void portsAreTheOnesTheArchitectureNames() {
        assertThat(ports(REGISTRY.get("promptTemplate").inputs())).containsExactly("variables:Object");
        assertThat(ports(REGISTRY.get("promptTemplate").outputs())).containsExactly("messages:Messages", "text:Text");
        for (String t : COMPLETIONS) {
            NodeType type = REGISTRY.get(t);
            assertThat(ports(type.inputs())).as(t).containsExactly("messages:Messages", "prompt:Text");
            assertThat(ports(type.outputs())).as(t).containsExactly(
                    "text:Text", "message:Message", "usage:Usage", "toolCalls:ToolCalls", "model:LanguageModel");
            assertThat(type.requiredInputs()).as(t).containsExactly(List.of("messages", "prompt"));
            assertThat(type.streaming()).isTrue();
            assertThat(type.isCompletion()).isTrue();
            assertThat(type.credentials()).containsExactly(type.provider());
        }
        assertThat(ports(REGISTRY.get("embeddingGenerate").inputs())).containsExactly("texts:Text*");
        assertThat(ports(REGISTRY.get("embeddingGenerate").outputs())).containsExactly("embeddings:Embeddings", "usage:Usage");
        assertThat(ports(REGISTRY.get("llmRouter").inputs())).containsExactly("messages:Messages", "prompt:Text", "models:LanguageModel*");
        assertThat(ports(REGISTRY.get("llmRouter").outputs())).containsExactly(
                "text:Text", "message:Message", "usage:Usage", "toolCalls:ToolCalls", "decision:Decision");
        assertThat(ports(REGISTRY.get("streamResponse").inputs())).containsExactly("text:Text!");
        assertThat(ports(REGISTRY.get("streamResponse").outputs())).containsExactly("text:Text");
    }

    @Test
    void providersCategoriesAndStreaming() {
        assertThat(REGISTRY.all()).extracting(NodeType::type, NodeType::provider, NodeType::streaming).containsExactly(
                tuple("promptTemplate", null, false),
                tuple("anthropicCompletion", "anthropic", true),
                tuple("openaiCompletion", "openai", true),
                tuple("groqCompletion", "groq", true),
                tuple("embeddingGenerate", null, false),
                tuple("llmRouter", null, true),
                tuple("streamResponse", null, true),
                tuple("textJoin", null, false));
        // what the planner and validator read instead of type names
        assertThat(REGISTRY.all()).filteredOn(NodeType::generates).extracting(NodeType::type)
                .containsExactly("anthropicCompletion", "openaiCompletion", "groqCompletion", "llmRouter");
        assertThat(REGISTRY.all()).filteredOn(NodeType::answerStream).extracting(NodeType::type).containsExactly("streamResponse");
        assertThat(REGISTRY.get("llmRouter").expressionVariables()).containsExactly(java.util.Map.entry("rules[].when", List.of("request")));
        assertThat(REGISTRY.all()).allSatisfy(t -> {
            assertThat(t.category()).isNotBlank();
            assertThat(t.label()).isNotBlank();
            assertThat(t.description()).isNotBlank();
            assertThat(t.inputs()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
            assertThat(t.outputs()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
        });
        assertThat(REGISTRY.get("embeddingGenerate").credentials()).containsExactly("openai", "voyage");
        assertThat(REGISTRY.get("llmRouter").isCompletion()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("types")
    void configSchemaCompilesIsSelfContainedAndItsDefaultsValidate(NodeType type) {
        ObjectNode config = type.config();
        assertThat(config.get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(config.get("type").stringValue()).isEqualTo("object");
        assertThat(config.get("additionalProperties").booleanValue()).as("unknown config keys are rejected").isFalse();
        if (config.toString().contains("#/$defs/")) assertThat(config.has("$defs")).isTrue();

        Schema schema = compile(type);
        // the defaults alone, with the required keys the defaults provide, form a valid config
        assertThat(schema.validate(type.withDefaults(Json.object()))).as(type.type()).isEmpty();
        // and the schema does check: a key nobody defines is refused
        assertThat(schema.validate(Json.object().put("noSuchKey", 1))).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void schemaIsValidAgainstTheDraft202012MetaSchema(NodeType type) {
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(type.config())).as(type.type()).isEmpty();
    }

    @Test
    void everyNodeConfigOfTheExamplesValidatesAgainstItsSchema() {
        int checked = 0;
        for (var file : TestFiles.examples()) {
            for (Node node : WorkflowCodec.read(TestFiles.read(file)).workflow().nodes()) {
                NodeType type = REGISTRY.get(node.type());
                assertThat(compile(type).validate(node.config())).as(file + " " + node.id()).isEmpty();
                assertThat(compile(type).validate(type.withDefaults(node.config()))).as(file + " " + node.id() + " with defaults").isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void defaultsIncludeOnesReachedThroughRefs() {
        NodeType claude = REGISTRY.get("anthropicCompletion");
        assertThat(claude.defaultOf("model").stringValue()).isEqualTo("claude-sonnet-5-5");
        assertThat(claude.defaultOf("credential").stringValue()).isEqualTo("anthropic");
        // these three sit in _defs.json, behind a $ref
        assertThat(claude.defaultOf("maxTokens").intValue()).isEqualTo(1024);
        assertThat(claude.defaultOf("stream").booleanValue()).isTrue();
        assertThat(claude.defaultOf("maxRetries").intValue()).isEqualTo(2);
        assertThat(claude.defaultOf("temperature")).isNull();
        assertThat(REGISTRY.get("groqCompletion").defaultOf("model").stringValue()).isEqualTo("openai/gpt-oss-120b");
        assertThat(REGISTRY.get("openaiCompletion").defaultOf("responseFormat").stringValue()).isEqualTo("text");
        ObjectNode router = REGISTRY.get("llmRouter").defaults();
        assertThat(router.get("preset").stringValue()).isEqualTo("balanced");
        assertThat(router.get("maxAttempts").intValue()).isEqualTo(3);
        assertThat(router.get("budgetMs").intValue()).isEqualTo(120000);
        assertThat(REGISTRY.get("promptTemplate").defaultOf("strict").booleanValue()).isTrue();
        assertThat(REGISTRY.get("embeddingGenerate").defaultOf("batchSize").intValue()).isEqualTo(100);
        assertThat(REGISTRY.get("embeddingGenerate").defaultOf("concurrency").intValue()).isEqualTo(4);
        // provider and model depend on the keys configured and on the provider: no one default for all
        assertThat(REGISTRY.get("embeddingGenerate").defaultOf("provider")).isNull();
        assertThat(REGISTRY.get("embeddingGenerate").defaultOf("model")).isNull();
        assertThat(REGISTRY.get("streamResponse").defaultOf("includeDecisions").booleanValue()).isFalse();
    }

    @Test
    void enumsAreInTheSchemas() {
        assertThat(enumOf(REGISTRY.get("llmRouter"), "preset")).containsExactly("cost", "speed", "quality", "balanced");
        assertThat(enumOf(REGISTRY.get("embeddingGenerate"), "provider")).containsExactly("openai", "voyage", "local");
        JsonNode responseFormat = REGISTRY.get("openaiCompletion").config().at("/$defs/responseFormat/enum");
        assertThat(responseFormat.toString()).isEqualTo("[\"text\",\"json_object\",\"json_schema\"]");
    }

    private static List<String> enumOf(NodeType type, String key) {
        return type.config().path("properties").path(key).path("enum").valueStream().map(JsonNode::stringValue).toList();
    }

    @Test
    void withDefaultsMergesWithoutTouchingTheDefaults() {
        NodeType claude = REGISTRY.get("anthropicCompletion");
        ObjectNode config = Json.object().put("maxTokens", 10).put("temperature", 0.2);
        ObjectNode merged = claude.withDefaults(config);
        assertThat(merged.get("maxTokens").intValue()).isEqualTo(10);
        assertThat(merged.get("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(merged.get("stream").booleanValue()).isTrue();
        assertThat(merged.get("model").stringValue()).isEqualTo("claude-sonnet-5-5");
        merged.put("stream", false);
        assertThat(claude.defaultOf("stream").booleanValue()).isTrue();
        assertThat(config.has("stream")).isFalse();
        assertThat(claude.withDefaults(null)).isEqualTo(claude.defaults());
    }

    @Test
    void lookupsByNameAndPort() {
        assertThat(REGISTRY.find("nope")).isEmpty();
        assertThat(REGISTRY.find(null)).isEmpty();
        assertThatThrownBy(() -> REGISTRY.get("nope")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        NodeType router = REGISTRY.get("llmRouter");
        assertThat(router.input("models")).get().extracting(Port::many).isEqualTo(true);
        assertThat(router.input("nope")).isEmpty();
        assertThat(router.output("decision")).get().extracting(Port::type).isEqualTo(PortType.DECISION);
        assertThat(router.expressions()).containsEntry("rules[].when", "expression");
    }

    @Test
    void aTypeDefinedTwiceOrWithAnUnknownPortTypeIsRefused() {
        NodeType t = REGISTRY.get("streamResponse");
        assertThatThrownBy(() -> new NodeRegistry(List.of(t, t))).hasMessageContaining("defined twice: streamResponse");
        JsonNode bad = Json.parse("""
                {"type": "x", "inputs": [{"name": "in", "type": "Bytes"}], "config": {"type": "object"}}""");
        assertThatThrownBy(() -> NodeRegistry.parse(bad, Json.object()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown port type Bytes");
    }

    @Test
    void parsesASmallDefinitionWithoutSharedDefs() {
        NodeType t = NodeRegistry.parse(Json.parse("""
                {"type": "echo", "category": "Test", "label": "Echo", "description": "d",
                 "inputs": [{"name": "text", "type": "Text", "required": true}], "outputs": [],
                 "config": {"type": "object", "properties": {"n": {"type": "integer", "default": 3}}}}"""), Json.object());
        assertThat(t.config().has("$defs")).isFalse();
        assertThat(t.defaultOf("n").intValue()).isEqualTo(3);
        assertThat(t.streaming()).isFalse();
        assertThat(t.provider()).isNull();
        assertThat(t.credentials()).isEmpty();
        assertThat(t.inputs().get(0).required()).isTrue();
    }

    @Test
    void portTypesAcceptTheirOwnTypeAndObjectsTakeObjectLikeValues() {
        for (PortType p : PortType.values()) {
            assertThat(p.accepts(p)).isTrue();
            assertThat(PortType.fromWire(p.wireName())).contains(p);
        }
        assertThat(PortType.OBJECT.accepts(PortType.MESSAGE)).isTrue();
        assertThat(PortType.OBJECT.accepts(PortType.USAGE)).isTrue();
        assertThat(PortType.OBJECT.accepts(PortType.DECISION)).isTrue();
        assertThat(PortType.OBJECT.accepts(PortType.TEXT)).isFalse();
        assertThat(PortType.MESSAGES.accepts(PortType.TEXT)).isFalse();
        assertThat(PortType.TEXT.accepts(PortType.OBJECT)).isFalse();
        assertThat(PortType.fromWire("nope")).isEmpty();
    }

    @Test
    void registryAsJsonCarriesWhatTheUiNeeds() {
        JsonNode json = Json.valueToTree(REGISTRY.all());
        assertThat(json.size()).isEqualTo(8);
        JsonNode router = json.get(5);
        assertThat(router.get("type").stringValue()).isEqualTo("llmRouter");
        assertThat(router.get("inputs").get(2).get("type").stringValue()).isEqualTo("LanguageModel");
        assertThat(router.get("inputs").get(2).get("many").booleanValue()).isTrue();
        assertThat(router.get("config").get("properties").has("fallback")).isTrue();
        assertThat(router.get("defaults").get("preset").stringValue()).isEqualTo("balanced");
        assertThat(router.has("completion")).isFalse();
    }
}
