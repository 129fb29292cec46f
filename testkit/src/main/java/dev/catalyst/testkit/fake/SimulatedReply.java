package dev.catalyst.testkit.fake;

import dev.catalyst.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a fake model "writes": canned sentences that pick up the prompt's topic, chosen by a hash
 * of the prompt (so the same prompt gives the same answer), cut by max tokens and stop sequences;
 * or tool calls with arguments built from the tools' JSON Schemas; or JSON for JSON modes.
 */
public record SimulatedReply(List<String> pieces, List<ToolUse> toolUses, Finish finish, String stopSequence,
                             int inputTokens, int outputTokens) {

    public enum Finish { STOP, LENGTH, STOP_SEQUENCE, TOOL_USE }

    /** One tool call: its arguments as JSON text and the fragments the stream sends them in. */
    public record ToolUse(String id, String name, String argumentsJson, List<String> fragments) {}

    /** A neutral view of a request, built by each fake from its provider's body. */
    public record Prompt(String system, String lastUserText, String lastToolResult, List<JsonNode> tools,
                         String toolChoice, String forcedTool, boolean parallelTools, long maxTokens,
                         List<String> stopSequences, String jsonMode, JsonNode jsonSchema, int promptChars) {}

    private static final Pattern TOKEN = Pattern.compile("\\s*[\\p{L}\\p{N}'’]+|\\s*[^\\p{L}\\p{N}\\s]|\\s+$");
    private static final List<String> SENTENCES = List.of(
        "%s is a good place to start.",
        "Here is a short take on %s.",
        "The short answer about %s: it depends on what you need most.",
        "%s has more nuance than it first seems.",
        "Most people who look at %s notice the simple part first.",
        "A careful look at %s turns up a few surprises.",
        "In one line: %s rewards a second look.",
        "%s, put plainly, comes down to a few clear ideas.");

    public String text() {
        return String.join("", pieces);
    }

    public boolean hasToolUses() {
        return !toolUses.isEmpty();
    }

    public static SimulatedReply of(Prompt p, String idPrefix, String seq) {
        int inputTokens = Math.max(1, p.promptChars() / 4);
        if (p.lastToolResult() == null && !p.tools().isEmpty() && !"none".equals(p.toolChoice())) {
            return toolReply(p, idPrefix, seq, inputTokens);
        }
        String text = textFor(p);
        List<String> pieces = tokenize(text);
        Finish finish = Finish.STOP;
        String stop = null;
        for (String s : p.stopSequences()) {
            int at = text.indexOf(s);
            if (at >= 0) {
                text = text.substring(0, at);
                pieces = tokenize(text);
                finish = Finish.STOP_SEQUENCE;
                stop = s;
            }
        }
        if (pieces.size() > p.maxTokens()) {
            pieces = pieces.subList(0, (int) p.maxTokens());
            finish = Finish.LENGTH;
            stop = null;
        }
        return new SimulatedReply(List.copyOf(pieces), List.of(), finish, stop, inputTokens, pieces.size());
    }

    private static String textFor(Prompt p) {
        String topic = topic(p.lastUserText());
        int h = Math.abs((p.system() + "\u0000" + p.lastUserText()).hashCode());
        if ("json_object".equals(p.jsonMode())) {
            ObjectNode o = Json.object();
            o.put("topic", topic);
            o.put("answer", sentence(h, topic));
            return Json.write(o);
        }
        if ("json_schema".equals(p.jsonMode()) && p.jsonSchema() != null) {
            return Json.write(sample(p.jsonSchema(), topic));
        }
        String lead = p.lastToolResult() == null ? "" : "Based on the tool result (" + clip(p.lastToolResult(), 60) + "), ";
        boolean terse = p.system() != null && p.system().toLowerCase(Locale.ROOT).matches("(?s).*\\b(terse|one line|brief)\\b.*");
        String first = sentence(h, topic);
        if (!lead.isEmpty()) first = lead + Character.toLowerCase(first.charAt(0)) + first.substring(1);
        return terse ? first : first + " " + sentence(h / SENTENCES.size() + 3, topic);
    }

    private static String sentence(int h, String topic) {
        String s = String.format(SENTENCES.get(Math.floorMod(h, SENTENCES.size())), topic);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The prompt's subject: what follows "about", else its first words. */
    static String topic(String prompt) {
        if (prompt == null || prompt.isBlank()) return "this";
        String t = prompt.strip();
        Matcher m = Pattern.compile("(?i)\\babout\\s+(.+)").matcher(t);
        if (m.find()) t = m.group(1);
        String[] words = t.replaceAll("[\\p{Punct}&&[^'-]]+$", "").split("\\s+");
        String joined = String.join(" ", List.of(words).subList(0, Math.min(6, words.length)));
        joined = joined.replaceAll("[\\p{Punct}&&[^'-]]+$", "");
        return joined.isEmpty() ? "this" : joined;
    }

    static List<String> tokenize(String text) {
        var out = new ArrayList<String>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) if (!m.group().isEmpty()) out.add(m.group());
        return out;
    }

    private static SimulatedReply toolReply(Prompt p, String idPrefix, String seq, int inputTokens) {
        var chosen = new ArrayList<JsonNode>();
        if (p.forcedTool() != null) {
            p.tools().stream().filter(t -> p.forcedTool().equals(toolName(t))).findFirst().ifPresent(chosen::add);
        }
        if (chosen.isEmpty()) {
            chosen.add(p.tools().getFirst());
            if (p.parallelTools() && p.tools().size() > 1 && p.forcedTool() == null) chosen.add(p.tools().get(1));
        }
        var uses = new ArrayList<ToolUse>();
        int tokens = 0;
        for (int i = 0; i < chosen.size(); i++) {
            JsonNode schema = toolSchema(chosen.get(i));
            String args = Json.write(sample(schema, topic(p.lastUserText())));
            var fragments = new ArrayList<String>();
            for (int at = 0; at < args.length(); at += 7) fragments.add(args.substring(at, Math.min(args.length(), at + 7)));
            uses.add(new ToolUse(idPrefix + seq + "x" + i, toolName(chosen.get(i)), args, List.copyOf(fragments)));
            tokens += fragments.size() + 2;
        }
        return new SimulatedReply(List.of(), List.copyOf(uses), Finish.TOOL_USE, null, inputTokens, tokens);
    }

    static String toolName(JsonNode tool) {
        if (tool.has("function")) return tool.get("function").path("name").asString();
        return tool.path("name").asString();
    }

    static JsonNode toolSchema(JsonNode tool) {
        if (tool.has("function")) return tool.get("function").path("parameters");
        return tool.has("input_schema") ? tool.get("input_schema") : tool.path("parameters");
    }

    /** A value that fits a JSON Schema: required properties filled with plausible samples. */
    static JsonNode sample(JsonNode schema, String topic) {
        if (schema.has("enum") && schema.get("enum").size() > 0) return schema.get("enum").get(0);
        String type = schema.path("type").isString() ? schema.path("type").asString() : "object";
        return switch (type) {
            case "string" -> Json.valueToTree(topic);
            case "integer" -> Json.valueToTree(1);
            case "number" -> Json.valueToTree(1.5);
            case "boolean" -> Json.valueToTree(true);
            case "array" -> {
                var a = Json.array();
                if (schema.has("items")) a.add(sample(schema.get("items"), topic));
                yield a;
            }
            default -> {
                ObjectNode o = Json.object();
                JsonNode props = schema.path("properties");
                var required = new ArrayList<String>();
                schema.path("required").forEach(r -> required.add(r.asString()));
                for (String name : props.propertyNames()) {
                    if (!required.isEmpty() && !required.contains(name)) continue;
                    JsonNode ps = props.get(name);
                    boolean place = ps.path("type").asString("").equals("string")
                            && name.toLowerCase(Locale.ROOT).matches(".*(location|city|place).*") && !ps.has("enum");
                    o.set(name, place ? Json.valueToTree("San Francisco, CA") : sample(ps, topic));
                }
                yield o;
            }
        };
    }

    private static String clip(String s, int n) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= n ? one : one.substring(0, n) + "…";
    }
}
