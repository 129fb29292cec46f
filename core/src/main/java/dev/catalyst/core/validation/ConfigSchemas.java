package dev.catalyst.core.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.Suggest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Each node type's config schema, compiled once, and the translation of schema errors into issues. */
final class ConfigSchemas {
    private final Map<String, Schema> schemas = new HashMap<>();
    private final Map<String, NodeType> types = new HashMap<>();

    ConfigSchemas(NodeRegistry registry) {
        SchemaRegistry schemaRegistry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (NodeType t : registry.all()) {
            schemas.put(t.type(), schemaRegistry.getSchema(t.config()));
            types.put(t.type(), t);
        }
    }

    List<ValidationIssue> check(String nodeId, String type, JsonNode config) {
        Schema schema = schemas.get(type);
        if (schema == null) return List.of();
        var issues = new ArrayList<ValidationIssue>();
        for (com.networknt.schema.Error e : schema.validate(config)) {
            String path = path(e.getInstanceLocation().toString());
            String keyword = e.getKeyword();
            String property = e.getProperty();
            if ("required".equals(keyword)) {
                issues.add(ValidationIssue.error(nodeId, join(path, property), IssueCodes.MISSING_CONFIG,
                        type + " needs config." + (path.equals("config") ? "" : path.substring("config.".length()) + ".") + property));
            } else if ("additionalProperties".equals(keyword)) {
                issues.add(ValidationIssue.error(nodeId, join(path, property), IssueCodes.INVALID_CONFIG,
                        "unknown config key '" + property + "'" + Suggest.didYouMean(property, knownKeys(type, path))));
            } else {
                issues.add(ValidationIssue.error(nodeId, path, IssueCodes.INVALID_CONFIG, message(e)));
            }
        }
        return issues;
    }

    private List<String> knownKeys(String type, String path) {
        if (!path.equals("config")) return List.of();
        var keys = new ArrayList<String>();
        types.get(type).config().path("properties").propertyNames().forEach(keys::add);
        return keys;
    }

    // "$.messages[0].role" or the JSON pointer "/messages/0/role" → "config.messages[0].role"
    static String path(String instanceLocation) {
        if (instanceLocation == null || instanceLocation.equals("$") || instanceLocation.isEmpty()) return "config";
        if (instanceLocation.startsWith("/")) {
            var out = new StringBuilder("config");
            for (String seg : instanceLocation.substring(1).split("/", -1)) {
                String name = seg.replace("~1", "/").replace("~0", "~");
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) out.append('[').append(name).append(']');
                else out.append('.').append(name);
            }
            return out.toString();
        }
        return "config" + (instanceLocation.startsWith("$") ? instanceLocation.substring(1) : "." + instanceLocation);
    }

    private static String join(String path, String property) {
        return property == null ? path : path + "." + property;
    }

    private static String message(com.networknt.schema.Error e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        // the library prefixes the instance path; the issue already carries it in 'field'
        return colon > 0 && m.startsWith("$") ? m.substring(colon + 2) : m;
    }
}
