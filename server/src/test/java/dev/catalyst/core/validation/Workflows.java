package dev.catalyst.core.validation;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.server.cli.NodeKinds;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Small builders for workflow JSON in tests, and a validator over the built-in registry and catalog. */
final class Workflows {
    static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeKinds.registry(), ModelCatalog.builtIn());
    static final Predicate<String> PROVIDER_KEYS = Set.of("anthropic", "openai", "groq", "voyage")::contains;

    static final String PROMPT = node("prompt", "promptTemplate", "{\"template\": \"Say hello.\"}");
    static final String CLAUDE = node("claude", "anthropicCompletion", "{\"model\": \"claude-sonnet-5-5\"}");
    static final String PROMPT_TO_CLAUDE = edge("prompt", "messages", "claude", "messages");

    private Workflows() {}

    static String workflow(List<String> nodes, List<String> edges) {
        return "{\"schemaVersion\": 1, \"nodes\": [" + String.join(",\n", nodes) + "], \"edges\": [" + String.join(",\n", edges) + "]}";
    }

    static String node(String id, String type, String config) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"config\": " + config + "}";
    }

    static String edge(String source, String sourcePort, String target, String targetPort) {
        return "{\"source\": \"" + source + "\", \"sourcePort\": \"" + sourcePort + "\", \"target\": \"" + target
                + "\", \"targetPort\": \"" + targetPort + "\"}";
    }

    static String edge(String id, String source, String sourcePort, String target, String targetPort) {
        return "{\"id\": \"" + id + "\", \"source\": \"" + source + "\", \"sourcePort\": \"" + sourcePort + "\", \"target\": \""
                + target + "\", \"targetPort\": \"" + targetPort + "\"}";
    }

    /** Validates with the four provider credentials defined, so only the problems under test show. */
    static ValidationReport validate(String json) {
        return VALIDATOR.validate(json, PROVIDER_KEYS);
    }

    static List<ValidationIssue> issues(List<String> nodes, List<String> edges) {
        return validate(workflow(nodes, edges)).errors();
    }
}
