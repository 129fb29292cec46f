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
import tools.jackson.databind.node.ObjectNode;

/** Each node type's config schema, compiled once, and the translation of schema errors into issues. */
final class ConfigSchemas {
    private final Map<String, Schema> schemas = new HashMap<>();
    private final Map<String, NodeType> types = new HashMap<>();
    /** Per provider, its completion node's config schema without required keys: what a router candidate's params are. */
    private final Map<String, Schema> paramSchemas = new HashMap<>();
    private final Map<String, NodeType> completions = new HashMap<>();

    ConfigSchemas(NodeRegistry registry) {
        SchemaRegistry schemaRegistry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (NodeType t : registry.all()) {
            schemas.put(t.type(), schemaRegistry.getSchema(t.config()));
            types.put(t.type(), t);
            if (t.isCompletion()) {
                ObjectNode params = t.config().deepCopy();
                params.remove("required");
                paramSchemas.put(t.provider(), schemaRegistry.getSchema(params));
                completions.put(t.provider(), t);
            }
        }
    }

    List<ValidationIssue> check(String nodeId, String type, JsonNode config) {
        Schema schema = schemas.get(type);
        if (schema == null) return List.of();
        var issues = new ArrayList<ValidationIssue>();
        var huge = new java.util.HashSet<String>();
        // the library throws on numbers beyond a long's range (asLong) instead of reporting them:
        // report them here and let it check a copy in which they are null (that error is skipped below)
        JsonNode checked = config.deepCopy();
        outOfRange(checked, "config", huge);
        huge.forEach(field -> issues.add(ValidationIssue.error(nodeId, field, IssueCodes.INVALID_CONFIG,
                "this number is out of range" + bounds(type, field))));
        List<com.networknt.schema.Error> errors = schema.validate(checked);
        for (com.networknt.schema.Error e : errors) {
            String path = path(e.getInstanceLocation().toString());
            if (huge.contains(path)) continue;
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
        candidateParams(nodeId, checked, huge, issues);
        return issues;
    }

    // Inline candidates ({provider, model, params}) run as that provider's completion node with
    // params as its config: the same schema checks them, so no executor reads an unchecked value.
    private void candidateParams(String nodeId, JsonNode checked, java.util.Set<String> huge, List<ValidationIssue> issues) {
        JsonNode candidates = checked.path("candidates");
        for (int i = 0; candidates.isArray() && i < candidates.size(); i++) {
            JsonNode c = candidates.get(i);
            String provider = c.path("provider").isString() ? c.get("provider").stringValue() : null;
            JsonNode params = c.path("params");
            if (provider == null || !params.isObject() || !paramSchemas.containsKey(provider)) continue;
            String base = "config.candidates[" + i + "].params";
            for (com.networknt.schema.Error e : paramSchemas.get(provider).validate(params)) {
                String path = base + path(e.getInstanceLocation().toString()).substring("config".length());
                if (huge.contains(path)) continue;
                if ("additionalProperties".equals(e.getKeyword())) {
                    var keys = new ArrayList<String>();
                    completions.get(provider).config().path("properties").propertyNames().forEach(keys::add);
                    issues.add(ValidationIssue.error(nodeId, join(path, e.getProperty()), IssueCodes.INVALID_CONFIG,
                            "unknown " + completions.get(provider).type() + " config key '" + e.getProperty() + "'"
                                    + Suggest.didYouMean(e.getProperty(), keys)));
                } else {
                    issues.add(ValidationIssue.error(nodeId, path, IssueCodes.INVALID_CONFIG, message(e)));
                }
            }
        }
    }

    // Numbers such as 1e400 parse (as BigDecimal) but fit no double: note where they are and null them.
    private static void outOfRange(JsonNode v, String path, java.util.Set<String> found) {
        if (v instanceof tools.jackson.databind.node.ObjectNode o) {
            for (String key : List.copyOf(o.propertyNames())) {
                if (huge(o.get(key))) {
                    found.add(path + "." + key);
                    o.putNull(key);
                } else {
                    outOfRange(o.get(key), path + "." + key, found);
                }
            }
        } else if (v instanceof tools.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (huge(a.get(i))) {
                    found.add(path + "[" + i + "]");
                    a.setNull(i);
                } else {
                    outOfRange(a.get(i), path + "[" + i + "]", found);
                }
            }
        }
    }

    private static final java.math.BigDecimal LONG_MAX = java.math.BigDecimal.valueOf(Long.MAX_VALUE);

    /** Beyond what any config field allows and what the schema library can compare: |v| > 2^63 - 1. */
    static boolean huge(JsonNode v) {
        return v.isNumber() && v.decimalValue().abs().compareTo(LONG_MAX) > 0;
    }

    // "; maxTokens is an integer from 1 to 1000000" for a top-level field whose schema has bounds
    private String bounds(String type, String field) {
        if (!field.startsWith("config.") || field.indexOf('.', 7) >= 0 || field.indexOf('[') >= 0) return "";
        ObjectNode config = types.get(type).config();
        JsonNode prop = config.path("properties").path(field.substring(7));
        if (prop.has("$ref")) prop = config.path("$defs").path(prop.get("$ref").asString("").replace("#/$defs/", ""));
        if (!prop.has("minimum") || !prop.has("maximum")) return "";
        String kind = "integer".equals(prop.path("type").asString("")) ? "an integer" : "a number";
        return "; " + field.substring(7) + " is " + kind + " from " + prop.get("minimum") + " to " + prop.get("maximum");
    }

    private List<String> knownKeys(String type, String path) {
        if (!path.equals("config")) return List.of();
        var keys = new ArrayList<String>();
        types.get(type).config().path("properties").propertyNames().forEach(keys::add);
        return keys;
    }

    // The library reports JSON Pointers ("/messages/0/role"); issues use dotted paths ("config.messages[0].role").
    static String path(String instanceLocation) {
        if (instanceLocation == null || instanceLocation.isEmpty() || instanceLocation.equals("$") || instanceLocation.equals("/")) {
            return "config";
        }
        if (instanceLocation.startsWith("$")) return "config" + instanceLocation.substring(1);
        var out = new StringBuilder("config");
        for (String segment : instanceLocation.substring(instanceLocation.startsWith("/") ? 1 : 0).split("/", -1)) {
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) out.append('[').append(name).append(']');
            else out.append('.').append(name);
        }
        return out.toString();
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
