package dev.catalyst.core.registry;

import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node types Catalyst knows. The registry is data: each type is a JSON file under
 * {@code catalyst/nodes/} that the UI (through {@code GET /api/nodes}), the validator and the
 * engine all read. Shared schema pieces live in {@code _defs.json} and are copied into each
 * config schema's {@code $defs}, so every schema served is self-contained.
 */
public final class NodeRegistry {
    /** The seven LLM node types of the contract, in palette order. */
    public static final List<String> BUILT_IN = List.of(
            "promptTemplate", "anthropicCompletion", "openaiCompletion", "groqCompletion",
            "embeddingGenerate", "llmRouter", "streamResponse");

    private final Map<String, NodeType> types;

    public NodeRegistry(Collection<NodeType> types) {
        var map = new LinkedHashMap<String, NodeType>();
        for (NodeType t : types) {
            if (map.put(t.type(), t) != null) throw new IllegalArgumentException("node type defined twice: " + t.type());
        }
        this.types = java.util.Collections.unmodifiableMap(map);
    }

    /**
     * The shipped node types, read afresh on each call (as {@code ModelCatalog.builtIn()} does): a
     * node type carries its schema as a mutable JSON tree, so a registry shared by the whole process
     * would let one caller change every other's. The wiring reads it once and passes it on.
     */
    public static NodeRegistry builtIn() {
        return loadBuiltIn();
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

    private static NodeRegistry loadBuiltIn() {
        ObjectNode defs = (ObjectNode) readResource("_defs.json");
        var list = new ArrayList<NodeType>();
        for (String name : BUILT_IN) list.add(parse(readResource(name + ".json"), defs));
        return new NodeRegistry(list);
    }

    private static JsonNode readResource(String file) {
        String path = "/catalyst/nodes/" + file;
        try (InputStream in = NodeRegistry.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing node type resource " + path);
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return java.util.Collections.unmodifiableMap(out);
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
