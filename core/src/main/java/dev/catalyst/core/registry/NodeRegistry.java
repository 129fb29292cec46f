package dev.catalyst.core.registry;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.validation.KindCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node types of this build, built from the {@link NodeKind}s the wiring lists: each type's
 * spec (what the UI, through {@code GET /api/nodes}, the validator and the engine read) and the
 * validation rules of its kind. Shared schema pieces live in {@code _defs.json} and are copied
 * into each config schema's {@code $defs}, so every schema served is self-contained.
 */
public final class NodeRegistry {
    private final Map<String, NodeType> types;
    private final Map<String, List<KindCheck>> checks;

    /** Types without kind checks (tests of the generic validation). */
    public NodeRegistry(Collection<NodeType> types) {
        this(types, Map.of());
    }

    private NodeRegistry(Collection<NodeType> types, Map<String, List<KindCheck>> checks) {
        var map = new LinkedHashMap<String, NodeType>();
        for (NodeType t : types) {
            if (map.put(t.type(), t) != null) throw new IllegalArgumentException("node type defined twice: " + t.type());
        }
        this.types = Collections.unmodifiableMap(map);
        this.checks = Map.copyOf(checks);
    }

    /** The registry of {@code kinds}, in their order (the palette's order). */
    public static NodeRegistry of(List<? extends NodeKind<?>> kinds) {
        var checks = new LinkedHashMap<String, List<KindCheck>>();
        for (NodeKind<?> k : kinds) checks.put(k.spec().type(), List.copyOf(k.checks()));
        return new NodeRegistry(kinds.stream().map(NodeKind::spec).toList(), checks);
    }

    public Optional<NodeType> find(String type) {
        return Optional.ofNullable(type == null ? null : types.get(type));
    }

    public NodeType get(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("unknown node type: " + type));
    }

    public List<NodeType> all() {
        return List.copyOf(types.values());
    }

    public Collection<String> typeNames() {
        return types.keySet();
    }

    /** The validation rules of one type's kind (none for an unknown type). */
    public List<KindCheck> checks(String type) {
        return checks.getOrDefault(type, List.of());
    }

    /** Builds a node type from its JSON description (the format of the files under catalyst/nodes/). */
    public static NodeType parse(JsonNode json, ObjectNode sharedDefs) {
        String type = json.path("type").stringValue(null);
        ObjectNode config = ((ObjectNode) json.required("config")).deepCopy();
        config.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        if (config.toString().contains("#/$defs/")) config.set("$defs", sharedDefs.deepCopy());
        return new NodeType(
                type,
                json.path("category").stringValue(null),
                json.path("label").stringValue(null),
                json.path("description").stringValue(null),
                json.hasNonNull("provider") ? json.get("provider").stringValue() : null,
                json.path("streaming").asBoolean(false),
                strings(json.path("credentials")),
                ports(type, json.path("inputs")),
                ports(type, json.path("outputs")),
                requiredInputs(json.path("requiredInputs")),
                expressions(json.path("expressions")),
                json.path("generates").asBoolean(false),
                json.path("answerStream").asBoolean(false),
                expressionVariables(json.path("expressionVariables")),
                config,
                defaults(config, sharedDefs));
    }

    private static List<Port> ports(String type, JsonNode array) {
        var ports = new ArrayList<Port>();
        for (JsonNode p : array) {
            String typeName = p.path("type").stringValue(null);
            PortType portType = PortType.fromWire(typeName)
                    .orElseThrow(() -> new IllegalStateException("node type " + type + ": unknown port type " + typeName));
            ports.add(new Port(p.path("name").stringValue(null), portType, p.path("required").asBoolean(false),
                    p.path("many").asBoolean(false), p.path("description").stringValue(null)));
        }
        return List.copyOf(ports);
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.stringValue()));
        return List.copyOf(out);
    }

    private static List<List<String>> requiredInputs(JsonNode array) {
        var out = new ArrayList<List<String>>();
        array.forEach(group -> out.add(strings(group)));
        return List.copyOf(out);
    }

    private static Map<String, String> expressions(JsonNode obj) {
        var out = new LinkedHashMap<String, String>();
        for (var e : obj.properties()) out.put(e.getKey(), e.getValue().stringValue());
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, List<String>> expressionVariables(JsonNode obj) {
        var out = new LinkedHashMap<String, List<String>>();
        for (var e : obj.properties()) out.put(e.getKey(), strings(e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    // A default may sit on the property itself or on the shared definition it points to.
    private static ObjectNode defaults(ObjectNode config, ObjectNode sharedDefs) {
        ObjectNode defaults = Json.object();
        for (var e : config.path("properties").properties()) {
            JsonNode prop = e.getValue();
            JsonNode value = prop.get("default");
            if (value == null && prop.has("$ref")) {
                String ref = prop.get("$ref").stringValue();
                if (ref.startsWith("#/$defs/")) value = sharedDefs.path(ref.substring("#/$defs/".length())).get("default");
            }
            if (value != null) defaults.set(e.getKey(), value);
        }
        return defaults;
    }
}
