package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.RunInputs;
import dev.catalyst.engine.RunStatus;
import dev.catalyst.embedlocal.MiniLmEmbedder;
import dev.catalyst.llm.nodes.completion.CompletionKind;
import dev.catalyst.llm.nodes.embedding.EmbeddingKind;
import dev.catalyst.llm.nodes.embedding.EmbeddingSetup;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.nodes.router.RouterKind;
import dev.catalyst.llm.nodes.router.RouterState;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The wiring's kinds: one executor per registry type, and config records that match their JSON Schemas. */
class NodeKindsTest {
    static Stream<NodeKind<? super NodeKinds.Deps>> kinds() {
        return NodeKinds.all().stream();
    }

    @Test
    void typeConstantsForCodeThatBuildsWorkflowsNameTheSpecsTheyMean() {
        assertThat(new PromptTemplateKind().spec().type()).isEqualTo(PromptTemplateKind.TYPE);
        assertThat(new RouterKind().spec().type()).isEqualTo(RouterKind.TYPE);
        assertThat(new EmbeddingKind().spec().type()).isEqualTo(EmbeddingKind.TYPE);
        for (CompletionKind kind : CompletionKind.all()) {
            assertThat(kind.spec().type()).isEqualTo(CompletionKind.typeOf(kind.provider()));
        }
    }

    @Test
    void everyRegistryTypeHasAnExecutorBuiltFromTheSameList() {
        var deps = new NodeKinds.Deps(new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)), ProviderSettings.of(Map.of()),
                new RouterState(Clock.systemUTC(), RouterState.Settings.defaults()), new EmbeddingSetup("local", new MiniLmEmbedder(1)));
        assertThat(NodeKinds.executors(deps).keySet()).containsExactlyInAnyOrderElementsOf(NodeKinds.registry().typeNames());
    }

    @Test
    void aWorkflowJoiningTwoPromptsRunsThroughTheWiredKinds() throws Exception {
        var deps = new NodeKinds.Deps(new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)), ProviderSettings.of(Map.of()),
                new RouterState(Clock.systemUTC(), RouterState.Settings.defaults()), new EmbeddingSetup("local", new MiniLmEmbedder(1)));
        var engine = new Engine(NodeKinds.registry(), ModelCatalog.builtIn(), NodeKinds.executors(deps), new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT)),
                new EnvSecretStore(Map.of()));
        var workflow = WorkflowCodec.read("""
                {"schemaVersion": 1, "inputs": {"topic": {"type": "string", "default": "otters"}},
                 "nodes": [{"id": "a", "type": "promptTemplate", "config": {"template": "Facts about {{ topic }}."}},
                           {"id": "b", "type": "promptTemplate", "config": {"template": "A poem about {{ topic }}."}},
                           {"id": "both", "type": "textJoin", "config": {"separator": "\\n", "prefix": "- "}}],
                 "edges": [{"source": "a", "sourcePort": "text", "target": "both", "targetPort": "texts"},
                           {"source": "b", "sourcePort": "text", "target": "both", "targetPort": "texts"}],
                 "outputs": {"list": "{{ nodes.both.output.text }}"}}""").workflow();
        var events = new java.util.concurrent.CopyOnWriteArrayList<dev.catalyst.core.events.RunEvent>();
        var result = engine.start(engine.compile(workflow), "join-1", RunInputs.resolve(workflow, null), events::add).await();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.outputs().get("list").stringValue()).isEqualTo("- Facts about otters.\n- A poem about otters.");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theConfigRecordHasExactlyTheSchemasPropertiesWithMatchingTypes(NodeKind<?> kind) {
        NodeType spec = kind.spec();
        JsonNode props = spec.config().get("properties");
        Map<String, RecordComponent> components = Arrays.stream(kind.configType().getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, c -> c));
        assertThat(components.keySet()).as(spec.type()).containsExactlyInAnyOrderElementsOf(props.propertyNames());
        for (var e : props.properties()) {
            JsonNode schema = resolve(spec.config(), e.getValue());
            Type javaType = components.get(e.getKey()).getGenericType();
            assertThat(fits(spec.config(), schema, javaType)).as(spec.type() + "." + e.getKey() + " " + schema + " as " + javaType).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSchemasRequiredPropertiesAreInTheRecord(NodeKind<?> kind) {
        var names = Arrays.stream(kind.configType().getRecordComponents()).map(RecordComponent::getName).toList();
        kind.spec().config().path("required").forEach(r -> assertThat(names).contains(r.stringValue()));
    }

    @Test
    void everyExampleNodesConfigReadsIntoItsRecord() throws Exception {
        var registry = NodeKinds.registry();
        var byType = NodeKinds.all().stream().collect(Collectors.toMap(k -> k.spec().type(), k -> k));
        int read = 0;
        try (var files = Files.list(Path.of("../examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                var workflow = WorkflowCodec.read(Files.readString(file)).workflow();
                for (var node : workflow.nodes()) {
                    ObjectNode config = registry.get(node.type()).withDefaults(node.config());
                    Record record = Json.MAPPER.treeToValue(config, byType.get(node.type()).configType());
                    assertThat(record).as(file + " " + node.id()).isNotNull();
                    read++;
                }
            }
        }
        assertThat(read).isGreaterThan(5);
    }

    private static JsonNode resolve(ObjectNode root, JsonNode schema) {
        if (schema.has("$ref")) {
            JsonNode target = root.at(schema.get("$ref").stringValue().substring(1));
            ObjectNode merged = (ObjectNode) target.deepCopy();
            schema.properties().forEach(p -> { if (!p.getKey().equals("$ref")) merged.set(p.getKey(), p.getValue()); });
            return merged;
        }
        return schema;
    }

    // Whether a Java type can hold every value the schema allows (nested objects: a record with the same properties, or raw JSON).
    private static boolean fits(ObjectNode root, JsonNode schema, Type javaType) {
        Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
        if (raw == JsonNode.class) return true;
        if (schema.has("enum")) return raw == String.class;
        return switch (schema.path("type").asString("")) {
            case "string" -> raw == String.class;
            case "integer" -> raw == Integer.class || raw == Long.class;
            case "number" -> raw == Double.class;
            case "boolean" -> raw == Boolean.class;
            case "array" -> raw == List.class && javaType instanceof ParameterizedType p
                    && fits(root, resolve(root, schema.path("items")), p.getActualTypeArguments()[0]);
            case "object" -> raw.isRecord() && schema.has("properties") && Arrays.stream(raw.getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.toSet()).equals(java.util.Set.copyOf(schema.get("properties").propertyNames()))
                    && Arrays.stream(raw.getRecordComponents()).allMatch(c ->
                            fits(root, resolve(root, schema.get("properties").get(c.getName())), c.getGenericType()));
            default -> false;
        };
    }
}
