package dev.catalyst.core.validation;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.registry.NodeKind;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.workflow.Node;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small node kinds for core's tests (the model kinds live in llm, which core cannot see): the real
 * promptTemplate, a "shout" transform with a check of its own, a "finish" that marks the answer
 * stream, and a "pick" whose rule expressions may read {@code request}.
 */
final class TestKinds {
    private TestKinds() {}

    /** A kind made of a spec, a check and an executor that echoes its text input. */
    record Kind(NodeType spec, List<KindCheck> checks) implements NodeKind<Object> {
        @Override
        public Class<? extends Record> configType() {
            return Kind.class;
        }

        @Override
        public NodeExecutor executor(Object deps) {
            return call -> NodeOutput.of(Json.object().set("text", call.input("text")));
        }
    }

    /** Nodes the shout kind's check was run on, in order. */
    static final class Seen implements KindCheck {
        final List<String> nodeIds = new CopyOnWriteArrayList<>();

        @Override
        public void check(Node node, NodeType type, ValidationContext ctx) {
            nodeIds.add(node.id());
            if (node.configString("volume") != null && !Set.of("loud", "louder").contains(node.configString("volume"))) {
                ctx.add(ValidationIssue.error(node.id(), "config.volume", IssueCodes.INVALID_CONFIG, type.type() + " is loud or louder"));
            }
        }
    }

    static Kind shout(KindCheck check) {
        return new Kind(NodeRegistry.parse(Json.parse("""
                {"type": "shout", "streaming": true, "generates": true,
                 "inputs": [{"name": "text", "type": "Text", "required": true}, {"name": "extra", "type": "Text", "many": true}],
                 "outputs": [{"name": "text", "type": "Text"}],
                 "expressions": {"suffix": "template"},
                 "config": {"type": "object", "additionalProperties": false,
                            "properties": {"volume": {"type": "string"}, "suffix": {"type": "string"}, "times": {"type": "integer", "minimum": 1, "default": 1}}}}"""),
                Json.object()), List.of(check));
    }

    static Kind finish() {
        return new Kind(NodeRegistry.parse(Json.parse("""
                {"type": "finish", "streaming": true, "answerStream": true,
                 "inputs": [{"name": "text", "type": "Text", "required": true}], "outputs": [{"name": "text", "type": "Text"}],
                 "config": {"type": "object"}}"""), Json.object()), List.of());
    }

    static Kind pick() {
        return new Kind(NodeRegistry.parse(Json.parse("""
                {"type": "pick", "inputs": [{"name": "text", "type": "Text"}], "outputs": [{"name": "text", "type": "Text"}],
                 "expressions": {"rules[].when": "expression"}, "expressionVariables": {"rules[].when": ["request"]},
                 "config": {"type": "object"}}"""), Json.object()), List.of());
    }

    static NodeRegistry registry(KindCheck shoutCheck) {
        return NodeRegistry.of(List.of(new PromptTemplateKind(), shout(shoutCheck), finish(), pick()));
    }
}
