package dev.catalyst.engine;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.textjoin.TextJoinKind;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.engine.nodes.streamresponse.StreamResponseKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry engine tests plan against: the real promptTemplate and streamResponse kinds, and
 * stand-in specs for the model kinds, which live in llm (a module the engine cannot see). A
 * stand-in has the real kind's ports and spec flags and accepts any config; its executor is the
 * test's own.
 */
final class StandInKinds {
    private StandInKinds() {}

    /** A fresh registry (specs are mutable JSON trees, so tests do not share one). */
    static NodeRegistry registry() {
        var types = new ArrayList<NodeType>();
        types.add(new PromptTemplateKind().spec());
        for (String provider : List.of("anthropic", "openai", "groq")) types.add(completion(provider));
        types.add(router());
        types.add(new StreamResponseKind().spec());
        types.add(new TextJoinKind().spec());
        return new NodeRegistry(types);
    }

    private static NodeType completion(String provider) {
        return NodeRegistry.parse(Json.parse("""
                {"type": "%sCompletion", "provider": "%s", "streaming": true, "generates": true, "credentials": ["%s"],
                 "inputs": [{"name": "messages", "type": "Messages"}, {"name": "prompt", "type": "Text"}],
                 "requiredInputs": [["messages", "prompt"]],
                 "outputs": [{"name": "text", "type": "Text"}, {"name": "message", "type": "Message"}, {"name": "usage", "type": "Usage"},
                             {"name": "toolCalls", "type": "ToolCalls"}, {"name": "model", "type": "LanguageModel"}],
                 "config": {"type": "object"}}""".formatted(provider, provider, provider)), Json.object());
    }

    private static NodeType router() {
        return NodeRegistry.parse(Json.parse("""
                {"type": "llmRouter", "streaming": true, "generates": true,
                 "inputs": [{"name": "messages", "type": "Messages"}, {"name": "prompt", "type": "Text"},
                            {"name": "models", "type": "LanguageModel", "many": true}],
                 "requiredInputs": [["messages", "prompt"]],
                 "outputs": [{"name": "text", "type": "Text"}, {"name": "message", "type": "Message"}, {"name": "usage", "type": "Usage"},
                             {"name": "toolCalls", "type": "ToolCalls"}, {"name": "decision", "type": "Decision"}],
                 "config": {"type": "object"}}"""), Json.object());
    }
}
