package dev.catalyst.testkit.fake;

import java.util.ArrayList;
import tools.jackson.databind.JsonNode;

/** Reads a Chat Completions request body: the checks the real API makes, and the neutral prompt for the reply. */
final class ChatRequestReader {
    private ChatRequestReader() {}

    /** What the real API would reject in this body (its 400 message), or null. */
    static String validate(JsonNode b) {
        if (!b.isObject()) return "Invalid request body: expected an object";
        if (!b.path("model").isString()) return "you must provide a model parameter";
        JsonNode msgs = b.path("messages");
        if (!msgs.isArray()) return "Missing required parameter: 'messages'.";
        if (msgs.isEmpty()) return "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.";
        for (int i = 0; i < msgs.size(); i++) {
            String role = msgs.get(i).path("role").asString("");
            if (!role.matches("developer|system|user|assistant|tool")) {
                return "Invalid value: '" + role + "'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.";
            }
            if (role.equals("tool") && !msgs.get(i).path("tool_call_id").isString()) return "Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.";
        }
        if (b.has("stream_options") && !b.path("stream").asBoolean(false)) {
            return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
        }
        JsonNode rf = b.path("response_format");
        if (rf.path("type").asString("").equals("json_schema") && !rf.path("json_schema").path("name").isString()) {
            return "Missing required parameter: 'response_format.json_schema.name'.";
        }
        if (b.has("temperature") && (b.get("temperature").asDouble() < 0 || b.get("temperature").asDouble() > 2)) {
            return "Invalid 'temperature': decimal above maximum value. Expected a value <= 2.";
        }
        return null;
    }

    static SimulatedReply.Prompt prompt(JsonNode b) {
        var system = new StringBuilder();
        String user = "";
        String toolResult = null;
        JsonNode msgs = b.get("messages");
        for (JsonNode m : msgs) {
            String role = m.path("role").asString();
            if (role.equals("system") || role.equals("developer")) system.append(AnthropicFake.textOf(m.path("content")));
            if (role.equals("user")) user = AnthropicFake.textOf(m.path("content"));
        }
        JsonNode last = msgs.get(msgs.size() - 1);
        if (last.path("role").asString().equals("tool")) toolResult = AnthropicFake.textOf(last.path("content"));
        var tools = new ArrayList<JsonNode>();
        b.path("tools").forEach(tools::add);
        JsonNode tc = b.path("tool_choice");
        String choice = tc.isString() ? tc.asString() : tc.isObject() ? "function" : "auto";
        String forced = tc.isObject() ? tc.path("function").path("name").asString() : null;
        var stops = new ArrayList<String>();
        JsonNode stop = b.path("stop");
        if (stop.isString()) stops.add(stop.asString());
        else stop.forEach(s -> stops.add(s.asString()));
        long max = b.has("max_completion_tokens") ? b.get("max_completion_tokens").asLong()
                : b.has("max_tokens") ? b.get("max_tokens").asLong() : 4096;
        JsonNode rf = b.path("response_format");
        String mode = rf.path("type").asString("text");
        JsonNode schema = rf.path("json_schema").path("schema");
        return new SimulatedReply.Prompt(system.toString(), user, toolResult, tools, choice, forced,
                b.path("parallel_tool_calls").asBoolean(true), max, stops, mode, schema.isMissingNode() ? null : schema,
                msgs.toString().length());
    }
}
