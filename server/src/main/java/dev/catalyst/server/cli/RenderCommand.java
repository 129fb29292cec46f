package dev.catalyst.server.cli;

import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionScope;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateConfig;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateNode;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.workflow.InputSpec;
import dev.catalyst.core.workflow.Node;
import dev.catalyst.core.workflow.Suggest;
import dev.catalyst.core.workflow.Workflow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "render", description = "Print the messages a promptTemplate node renders, without calling a model.")
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "Workflow JSON file.")
    Path file;

    @Option(names = "--node", required = true, paramLabel = "ID", description = "The promptTemplate node to render.")
    String nodeId;

    @Option(names = "--input", paramLabel = "KEY=VALUE",
            description = "A workflow input (repeatable). Typed by the input's declared type: JSON for number, integer, boolean, object, array.")
    List<String> inputArgs = new ArrayList<>();

    @Option(names = "--json", description = "Print {node, messages, text, variables} as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main main;

    /** A problem with what the user asked for; its exit code says whose fault it is. */
    private static final class Failure extends Exception {
        final int exit;

        Failure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Workflow workflow = WorkflowFiles.read(file).workflow();
            Node node = promptNode(workflow);
            var inputs = inputs(workflow.inputs());
            var config = NodeKinds.registry().get(node.type()).withDefaults(node.config());
            var prompt = PromptTemplateConfig.read(config);
            var messages = prompt.prompt();
            var scope = new ExpressionScope(inputs, Map.of(), inputs, null);
            var templates = main.wiring.templates();
            var rendered = new PromptTemplateNode(templates).render(messages, scope, prompt.isStrict());
            if (json) {
                ObjectNode result = Json.object();
                result.put("node", node.id());
                result.setAll(rendered.toOutput());
                var names = result.putArray("variables");
                variables(templates, messages).forEach(names::add);
                out.println(Json.pretty(result));
            } else {
                for (JsonNode m : rendered.messages()) {
                    out.println("[" + m.get("role").stringValue() + "]");
                    out.println(m.get("content").stringValue());
                    out.println();
                }
            }
            out.flush();
            return 0;
        } catch (WorkflowFiles.Unreadable e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (Failure e) {
            err.println("catalyst: " + file + ": " + e.getMessage());
            return e.exit;
        } catch (NodeException e) {
            // one line: the message without the source snippet that follows it
            err.println("catalyst: " + file + ": node " + nodeId + ": " + e.getMessage().lines().findFirst().orElse(""));
            return Main.EXIT_INVALID;
        }
    }

    private Node promptNode(Workflow workflow) throws Failure {
        var node = workflow.node(nodeId);
        var prompts = workflow.nodes().stream().filter(n -> PromptTemplateKind.TYPE.equals(n.type())).map(Node::id).toList();
        if (node.isEmpty()) {
            var ids = workflow.nodes().stream().map(Node::id).toList();
            throw new Failure(Main.EXIT_USAGE, "no node '" + nodeId + "'" + Suggest.didYouMean(nodeId, ids)
                    + (prompts.isEmpty() ? " (the workflow has no promptTemplate node)" : " (promptTemplate nodes: " + String.join(", ", prompts) + ")"));
        }
        if (!PromptTemplateKind.TYPE.equals(node.get().type())) {
            throw new Failure(Main.EXIT_USAGE, "node '" + nodeId + "' has type " + node.get().type() + "; render shows promptTemplate nodes"
                    + (prompts.isEmpty() ? "" : " (here: " + String.join(", ", prompts) + ")"));
        }
        if (node.get().config() == null) throw new Failure(Main.EXIT_INVALID, "node '" + nodeId + "' has no config");
        return node.get();
    }

    // Declared defaults, then --input values typed by the declared type; undeclared names are strings.
    private Map<String, JsonNode> inputs(Map<String, InputSpec> declared) throws Failure {
        var values = new LinkedHashMap<String, JsonNode>();
        declared.forEach((name, spec) -> {
            if (spec.defaultValue() != null) values.put(name, spec.defaultValue());
        });
        for (String arg : inputArgs) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new Failure(Main.EXIT_USAGE, "--input needs KEY=VALUE, got '" + arg + "'");
            String key = arg.substring(0, eq);
            String raw = arg.substring(eq + 1);
            InputSpec spec = declared.get(key);
            values.put(key, spec == null || "string".equals(spec.type()) ? JsonNodeFactory.instance.stringNode(raw) : typed(key, spec.type(), raw));
        }
        return values;
    }

    private static JsonNode typed(String key, String type, String raw) throws Failure {
        JsonNode v;
        try {
            v = Json.parse(raw);
        } catch (JsonSyntaxException e) {
            throw new Failure(Main.EXIT_USAGE, "input '" + key + "' is declared " + type + ", but '" + raw + "' is not JSON: " + e.getMessage());
        }
        boolean fits = switch (type) {
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber();
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            default -> true;
        };
        if (!fits) throw new Failure(Main.EXIT_USAGE, "input '" + key + "' is declared " + type + ", but '" + raw + "' is not one");
        return v;
    }

    private static List<String> variables(TemplateEngine templates, List<PromptTemplateConfig.Message> messages) {
        var names = new LinkedHashSet<String>();
        for (var m : messages) {
            try {
                names.addAll(templates.referencedVariables(m.content()));
            } catch (ExpressionException e) {
                // unreachable after a successful render: the same templates compiled then
            }
        }
        return List.copyOf(names);
    }
}
