package dev.catalyst.core.workflow;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.ValidationIssue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes workflow JSON. Reading never stops at the first problem: every shape problem
 * becomes a {@link ValidationIssue} and the parts that could be read are kept, so that validation
 * can report everything at once. Malformed JSON throws {@link dev.catalyst.core.json.JsonSyntaxException}.
 *
 * <p>Unknown fields are rejected ({@code unknown_field}, with a suggestion) at every level the
 * contract defines; {@code ui} is the one free-form object, kept as it is for the canvas.
 */
public final class WorkflowCodec {
    static final Set<String> WORKFLOW_FIELDS =
            Set.of("schemaVersion", "id", "name", "description", "inputs", "nodes", "edges", "outputs", "ui");
    static final Set<String> NODE_FIELDS = Set.of("id", "type", "position", "label", "config", "disabled");
    static final Set<String> EDGE_FIELDS = Set.of("id", "source", "sourcePort", "target", "targetPort");
    static final Set<String> INPUT_FIELDS = Set.of("type", "default", "description", "required");

    private WorkflowCodec() {}

    /** A decoded workflow and the shape problems met while decoding it. */
    public record Decoded(Workflow workflow, List<ValidationIssue> issues) {
        public boolean hasErrors() {
            return issues.stream().anyMatch(ValidationIssue::isError);
        }
    }

    public static Decoded read(String json) {
        return decode(Json.parse(json));
    }

    public static Decoded decode(JsonNode root) {
        var issues = new ArrayList<ValidationIssue>();
        if (!root.isObject()) {
            issues.add(ValidationIssue.error(null, "", IssueCodes.INVALID_FIELD,
                    "a workflow is a JSON object, not " + kind(root)));
            return new Decoded(new Workflow(0, null, null, null, null, null, null, null, null), issues);
        }
        unknownFields(root, WORKFLOW_FIELDS, null, "", issues);

        int version = 0;
        JsonNode v = root.get("schemaVersion");
        if (v == null) {
            issues.add(ValidationIssue.error(null, "schemaVersion", IssueCodes.MISSING_FIELD,
                    "schemaVersion is required (current: " + Workflow.CURRENT_SCHEMA_VERSION + ")"));
        } else if (!v.isIntegralNumber()) {
            issues.add(ValidationIssue.error(null, "schemaVersion", IssueCodes.INVALID_FIELD,
                    "schemaVersion must be an integer, not " + kind(v)));
        } else {
            // a number too large for an int is no version we know either
            version = v.canConvertToInt() ? v.asInt() : -1;
            if (version != Workflow.CURRENT_SCHEMA_VERSION) {
                issues.add(ValidationIssue.error(null, "schemaVersion", IssueCodes.UNSUPPORTED_SCHEMA_VERSION,
                        "schemaVersion " + v + " is not supported; this Catalyst reads version "
                                + Workflow.CURRENT_SCHEMA_VERSION));
            }
        }
        String id = text(root, "id", null, "id", issues);
        String name = text(root, "name", null, "name", issues);
        String description = text(root, "description", null, "description", issues);
        Map<String, InputSpec> inputs = inputs(root.get("inputs"), issues);
        List<Node> nodes = nodes(root.get("nodes"), issues);
        List<Edge> edges = edges(root.get("edges"), issues);
        Map<String, String> outputs = outputs(root.get("outputs"), issues);
        JsonNode ui = root.get("ui");
        if (ui != null && !ui.isObject() && !ui.isNull()) {
            issues.add(ValidationIssue.error(null, "ui", IssueCodes.INVALID_FIELD, "ui must be an object, not " + kind(ui)));
            ui = null;
        }
        return new Decoded(new Workflow(version, id, name, description, inputs, nodes, edges, outputs, ui), issues);
    }

    private static Map<String, InputSpec> inputs(JsonNode node, List<ValidationIssue> issues) {
        var result = new LinkedHashMap<String, InputSpec>();
        if (node == null || node.isNull()) return result;
        if (!node.isObject()) {
            issues.add(ValidationIssue.error(null, "inputs", IssueCodes.INVALID_FIELD,
                    "inputs must be an object of name → {type, default}, not " + kind(node)));
            return result;
        }
        for (var e : node.properties()) {
            String field = "inputs." + e.getKey();
            JsonNode spec = e.getValue();
            if (!spec.isObject()) {
                issues.add(ValidationIssue.error(null, field, IssueCodes.INVALID_FIELD,
                        "an input is an object like {\"type\": \"string\"}, not " + kind(spec)));
                continue;
            }
            unknownFields(spec, INPUT_FIELDS, null, field + ".", issues);
            String type = text(spec, "type", null, field + ".type", issues);
            if (type == null) {
                type = "string";
            } else if (!InputSpec.TYPES.contains(type)) {
                issues.add(ValidationIssue.error(null, field + ".type", IssueCodes.INVALID_INPUT,
                        "unknown input type '" + type + "'; use one of " + String.join(", ", sorted(InputSpec.TYPES))));
            }
            JsonNode req = spec.get("required");
            boolean required = false;
            if (req != null && !req.isBoolean()) {
                issues.add(ValidationIssue.error(null, field + ".required", IssueCodes.INVALID_FIELD,
                        "required must be true or false, not " + kind(req)));
            } else if (req != null) {
                required = req.booleanValue();
            }
            result.put(e.getKey(), new InputSpec(type, spec.get("default"),
                    text(spec, "description", null, field + ".description", issues), required));
        }
        return result;
    }

    private static List<Node> nodes(JsonNode node, List<ValidationIssue> issues) {
        var result = new ArrayList<Node>();
        if (node == null || node.isNull()) {
            issues.add(ValidationIssue.error(null, "nodes", IssueCodes.MISSING_FIELD, "nodes is required (a list of nodes)"));
            return result;
        }
        if (!node.isArray()) {
            issues.add(ValidationIssue.error(null, "nodes", IssueCodes.INVALID_FIELD, "nodes must be a list, not " + kind(node)));
            return result;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            String at = "nodes[" + i + "]";
            if (!n.isObject()) {
                issues.add(ValidationIssue.error(null, at, IssueCodes.INVALID_FIELD, "a node is an object, not " + kind(n)));
                continue;
            }
            String id = text(n, "id", null, at + ".id", issues);
            if (id == null) {
                // an id of the wrong type was reported by text()
                if (!n.hasNonNull("id")) issues.add(ValidationIssue.error(null, at + ".id", IssueCodes.MISSING_FIELD, "every node needs an id"));
                continue;
            }
            unknownFields(n, NODE_FIELDS, id, "", issues);
            String type = text(n, "type", id, "type", issues);
            if (type == null && !n.hasNonNull("type")) {
                issues.add(ValidationIssue.error(id, "type", IssueCodes.MISSING_FIELD, "node '" + id + "' has no type"));
            }
            ObjectNode config = Json.object();
            JsonNode c = n.get("config");
            if (c != null && !c.isNull()) {
                if (c.isObject()) {
                    config = (ObjectNode) c;
                } else {
                    issues.add(ValidationIssue.error(id, "config", IssueCodes.INVALID_FIELD, "config must be an object, not " + kind(c)));
                }
            }
            result.add(new Node(id, type, position(n.get("position"), id, issues), text(n, "label", id, "label", issues), config,
                    disabled(n.get("disabled"), id, issues)));
        }
        return result;
    }

    // Optional; only true or false (absent = false), so a typo such as "yes" cannot silently disable a node.
    private static boolean disabled(JsonNode v, String nodeId, List<ValidationIssue> issues) {
        if (v == null) return false;
        if (!v.isBoolean()) {
            issues.add(ValidationIssue.error(nodeId, "disabled", IssueCodes.INVALID_FIELD,
                    "disabled must be true or false, not " + kind(v)));
            return false;
        }
        return v.booleanValue();
    }

    private static Position position(JsonNode p, String nodeId, List<ValidationIssue> issues) {
        if (p == null || p.isNull()) return Position.ORIGIN;
        if (!p.isObject() || !finiteNumber(p.path("x")) || !finiteNumber(p.path("y"))) {
            issues.add(ValidationIssue.error(nodeId, "position", IssueCodes.INVALID_FIELD,
                    "position must be {\"x\": number, \"y\": number}"));
            return Position.ORIGIN;
        }
        unknownFields(p, Set.of("x", "y"), nodeId, "position.", issues);
        return new Position(p.get("x").decimalValue().doubleValue(), p.get("y").decimalValue().doubleValue());
    }

    // A number a double can hold (1e400 cannot, and asDouble() would throw).
    private static boolean finiteNumber(JsonNode v) {
        return v.isNumber() && Double.isFinite(v.decimalValue().doubleValue());
    }

    private static List<Edge> edges(JsonNode node, List<ValidationIssue> issues) {
        var result = new ArrayList<Edge>();
        if (node == null || node.isNull()) return result;
        if (!node.isArray()) {
            issues.add(ValidationIssue.error(null, "edges", IssueCodes.INVALID_FIELD, "edges must be a list, not " + kind(node)));
            return result;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String at = "edges[" + i + "]";
            if (!e.isObject()) {
                issues.add(ValidationIssue.error(null, at, IssueCodes.INVALID_FIELD, "an edge is an object, not " + kind(e)));
                continue;
            }
            unknownFields(e, EDGE_FIELDS, null, at + ".", issues);
            String source = required(e, "source", at, issues);
            String sourcePort = required(e, "sourcePort", at, issues);
            String target = required(e, "target", at, issues);
            String targetPort = required(e, "targetPort", at, issues);
            if (source == null || sourcePort == null || target == null || targetPort == null) continue;
            String id = text(e, "id", null, at + ".id", issues);
            if (id == null) id = source + "." + sourcePort + "->" + target + "." + targetPort;
            result.add(new Edge(id, source, sourcePort, target, targetPort));
        }
        return result;
    }

    private static Map<String, String> outputs(JsonNode node, List<ValidationIssue> issues) {
        var result = new LinkedHashMap<String, String>();
        if (node == null || node.isNull()) return result;
        if (!node.isObject()) {
            issues.add(ValidationIssue.error(null, "outputs", IssueCodes.INVALID_FIELD,
                    "outputs must be an object of name → template, not " + kind(node)));
            return result;
        }
        for (var e : node.properties()) {
            if (e.getValue().isString()) {
                result.put(e.getKey(), e.getValue().stringValue());
            } else {
                issues.add(ValidationIssue.error(null, "outputs." + e.getKey(), IssueCodes.INVALID_FIELD,
                        "an output is a template string such as \"{{ nodes.claude.output.text }}\", not " + kind(e.getValue())));
            }
        }
        return result;
    }

    private static String required(JsonNode obj, String key, String at, List<ValidationIssue> issues) {
        String value = text(obj, key, null, at + "." + key, issues);
        if (value == null && !obj.hasNonNull(key)) {
            issues.add(ValidationIssue.error(null, at + "." + key, IssueCodes.MISSING_FIELD, key + " is required on every edge"));
        }
        return value;
    }

    private static String text(JsonNode obj, String key, String nodeId, String field, List<ValidationIssue> issues) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isString()) {
            issues.add(ValidationIssue.error(nodeId, field, IssueCodes.INVALID_FIELD, key + " must be a string, not " + kind(v)));
            return null;
        }
        return v.stringValue();
    }

    private static void unknownFields(JsonNode obj, Set<String> known, String nodeId, String prefix, List<ValidationIssue> issues) {
        for (String name : obj.propertyNames()) {
            if (!known.contains(name)) {
                issues.add(ValidationIssue.error(nodeId, prefix + name, IssueCodes.UNKNOWN_FIELD,
                        "unknown field '" + name + "'" + Suggest.didYouMean(name, known)));
            }
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** How a JSON value is described in messages: "a string", "a number", ... */
    public static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return "null";
        if (v.isString()) return "a string";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        if (v.isArray()) return "a list";
        return "an object";
    }

    /** Writes a workflow back to its JSON form, fields in contract order. */
    public static ObjectNode encode(Workflow wf) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", wf.schemaVersion());
        if (wf.id() != null) root.put("id", wf.id());
        if (wf.name() != null) root.put("name", wf.name());
        if (wf.description() != null) root.put("description", wf.description());
        if (!wf.inputs().isEmpty()) {
            ObjectNode inputs = root.putObject("inputs");
            wf.inputs().forEach((name, spec) -> {
                ObjectNode s = inputs.putObject(name);
                s.put("type", spec.type());
                if (spec.defaultValue() != null) s.set("default", spec.defaultValue());
                if (spec.description() != null) s.put("description", spec.description());
                if (spec.required()) s.put("required", true);
            });
        }
        var nodes = root.putArray("nodes");
        for (Node n : wf.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("type", n.type());
            if (n.label() != null) o.put("label", n.label());
            ObjectNode pos = o.putObject("position");
            coordinate(pos, "x", n.position().x());
            coordinate(pos, "y", n.position().y());
            o.set("config", n.config() == null ? Json.object() : n.config());
            // written only when true, so files without the field read and write back unchanged
            if (n.disabled()) o.put("disabled", true);
        }
        var edges = root.putArray("edges");
        for (Edge e : wf.edges()) {
            ObjectNode o = edges.addObject();
            o.put("id", e.id());
            o.put("source", e.source());
            o.put("sourcePort", e.sourcePort());
            o.put("target", e.target());
            o.put("targetPort", e.targetPort());
        }
        if (!wf.outputs().isEmpty()) {
            ObjectNode outputs = root.putObject("outputs");
            wf.outputs().forEach(outputs::put);
        }
        if (wf.ui() != null && !wf.ui().isNull()) root.set("ui", wf.ui());
        return root;
    }

    // Whole coordinates stay whole (320, not 320.0), so a file read and written back does not change.
    private static void coordinate(ObjectNode pos, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) pos.put(key, (long) value);
        else pos.put(key, value);
    }

    public static String write(Workflow wf) {
        return Json.pretty(encode(wf));
    }
}
