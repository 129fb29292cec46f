package dev.catalyst.engine;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.workflow.InputSpec;
import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Checks a run's inputs against the workflow's declared inputs and fills in defaults. */
public final class RunInputs {
    private RunInputs() {}

    /** JSON inputs (an object, or null for none) → the inputs of the run, defaults applied. */
    public static Map<String, JsonNode> resolve(Workflow workflow, JsonNode given) throws InvalidInputsException {
        var problems = new ArrayList<String>();
        if (given != null && !given.isNull() && !given.isObject()) {
            throw new InvalidInputsException(List.of("inputs must be an object of name → value, not " + WorkflowCodec.kind(given)));
        }
        var result = new LinkedHashMap<String, JsonNode>();
        if (given != null && given.isObject()) {
            for (String name : given.propertyNames()) {
                if (!workflow.inputs().containsKey(name)) {
                    problems.add("unknown input '" + name + "'" + declared(workflow));
                }
            }
        }
        for (var e : workflow.inputs().entrySet()) {
            String name = e.getKey();
            InputSpec spec = e.getValue();
            JsonNode value = given == null ? null : given.get(name);
            if (value == null || value.isNull()) {
                if (spec.defaultValue() != null) {
                    result.put(name, spec.defaultValue());
                } else if (spec.required()) {
                    problems.add("input '" + name + "' is required");
                }
                continue;
            }
            if (!fits(spec.type(), value)) {
                problems.add("input '" + name + "' must be " + article(spec.type()) + ", not " + WorkflowCodec.kind(value));
                continue;
            }
            result.put(name, value);
        }
        if (!problems.isEmpty()) throw new InvalidInputsException(problems);
        return java.util.Collections.unmodifiableMap(result);
    }

    /** Command-line {@code k=v} inputs: each value read as the declared type (JSON for objects and arrays). */
    public static Map<String, JsonNode> fromStrings(Workflow workflow, Map<String, String> given) throws InvalidInputsException {
        var json = Json.object();
        var problems = new ArrayList<String>();
        for (var e : given.entrySet()) {
            InputSpec spec = workflow.inputs().get(e.getKey());
            String type = spec == null ? "string" : spec.type();
            try {
                json.set(e.getKey(), parse(type, e.getValue()));
            } catch (IllegalArgumentException | JsonSyntaxException ex) {
                problems.add("input '" + e.getKey() + "' must be " + article(type) + ": cannot read '" + e.getValue() + "'");
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputsException(problems);
        return resolve(workflow, json);
    }

    private static JsonNode parse(String type, String text) {
        var f = JsonNodeFactory.instance;
        return switch (type) {
            case "number", "integer", "object", "array" -> Json.parse(text);
            case "boolean" -> switch (text) {
                case "true" -> f.booleanNode(true);
                case "false" -> f.booleanNode(false);
                default -> throw new IllegalArgumentException(text);
            };
            default -> f.stringNode(text);
        };
    }

    private static boolean fits(String type, JsonNode v) {
        return switch (type) {
            case "string" -> v.isString();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber();
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            default -> true;
        };
    }

    private static String article(String type) {
        return ("integer".equals(type) || "object".equals(type) || "array".equals(type) ? "an " : "a ") + type;
    }

    private static String declared(Workflow workflow) {
        return workflow.inputs().isEmpty() ? " (the workflow declares no inputs)"
                : " (declared: " + String.join(", ", workflow.inputs().keySet()) + ")";
    }
}
