package dev.catalyst.llm.nodes.router;

import dev.catalyst.core.json.Json;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the router knows about a request before choosing: its size and the capabilities it needs.
 * {@link #variables()} is the {@code request} value rules read (documented in docs/router.md).
 *
 * @param promptTokens o200k token count of the messages, plus a few per message
 * @param needs        capabilities every candidate must have: tools, json_mode, vision
 */
public record RouterRequest(ArrayNode messages, long promptTokens, Integer maxTokens, Set<String> needs, String lastUserText) {

    /** Reads the router's {@code messages}/{@code prompt} inputs; shape errors are left to the completion node that gets them. */
    static RouterRequest of(JsonNode messages, JsonNode prompt, Integer maxTokens, Set<String> required) {
        ArrayNode list = Json.array();
        if (messages != null && messages.isArray()) messages.forEach(m -> list.add(m));
        if (prompt != null && (prompt.isString() || prompt.isNumber())) {
            ObjectNode m = list.addObject();
            m.put("role", "user");
            m.put("content", prompt.asString());
        }
        var needs = new LinkedHashSet<>(required);
        long tokens = 0;
        String lastUser = "";
        for (JsonNode m : list) {
            tokens += TokenCounter.PER_MESSAGE;
            JsonNode content = m.path("content");
            String text = text(content);
            tokens += TokenCounter.count(text);
            if (m.path("role").asString("").equals("user")) lastUser = text;
            if (m.path("toolCalls").size() > 0 || m.path("role").asString("").equals("tool")) needs.add("tools");
            if (content.isArray()) {
                for (JsonNode part : content) {
                    String type = part.path("type").asString("");
                    if (type.equals("image") || type.equals("image_url")) needs.add("vision");
                }
            }
        }
        return new RouterRequest(list, tokens, maxTokens, Set.copyOf(needs), lastUser);
    }

    private static String text(JsonNode content) {
        if (content.isString()) return content.asString();
        if (!content.isArray()) return "";
        var sb = new StringBuilder();
        for (JsonNode part : content) sb.append(part.isString() ? part.asString() : part.path("text").asString(""));
        return sb.toString();
    }

    public boolean needs(String capability) {
        return needs.contains(capability);
    }

    /** The {@code request} variable of rules. */
    public ObjectNode variables() {
        ObjectNode r = Json.object();
        r.put("promptTokens", promptTokens);
        r.put("messageCount", (long) messages.size());
        r.put("hasTools", needs("tools"));
        r.put("hasImages", needs("vision"));
        r.put("jsonMode", needs("json_mode"));
        if (maxTokens == null) r.putNull("maxTokens");
        else r.put("maxTokens", (long) maxTokens);
        r.put("prompt", lastUserText);
        r.set("messages", messages);
        return r;
    }
}
