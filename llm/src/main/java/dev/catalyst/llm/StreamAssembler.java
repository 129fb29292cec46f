package dev.catalyst.llm;

import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Builds a {@link ChatResult} from chunks: text, tool calls by index (fragments joined), last usage report, finish. */
public final class StreamAssembler implements Consumer<StreamChunk> {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final TreeMap<Integer, String[]> calls = new TreeMap<>();
    private final TreeMap<Integer, StringBuilder> args = new TreeMap<>();
    private Long input;
    private Long output;
    private Long cached;
    private StreamChunk.Finish finish;
    private String responseId;
    private String model;
    private boolean content;

    @Override
    public void accept(StreamChunk chunk) {
        switch (chunk) {
            case StreamChunk.TextDelta t -> {
                text.append(t.text());
                if (!t.text().isEmpty()) content = true;
            }
            case StreamChunk.ToolCallDelta d -> {
                String[] head = calls.computeIfAbsent(d.index(), i -> new String[2]);
                if (d.id() != null) head[0] = d.id();
                if (d.name() != null) head[1] = d.name();
                if (d.argumentsFragment() != null) args.computeIfAbsent(d.index(), i -> new StringBuilder()).append(d.argumentsFragment());
                content = true;
            }
            case StreamChunk.UsageReport u -> {
                if (u.inputTokens() != null) input = u.inputTokens();
                if (u.outputTokens() != null) output = u.outputTokens();
                if (u.cachedInputTokens() != null) cached = u.cachedInputTokens();
            }
            case StreamChunk.RefusalDelta r -> {
                refusal.append(r.text());
                if (!r.text().isEmpty()) content = true;
            }
            case StreamChunk.Finish f -> finish = f;
            case StreamChunk.Started s -> {
                if (responseId == null) responseId = s.responseId();
                if (model == null) model = s.model();
            }
        }
    }

    /** True once any text, refusal or tool call has arrived: from then on a call is never retried. */
    public boolean hasContent() {
        return content;
    }

    public String partialText() {
        return text.toString();
    }

    public boolean finished() {
        return finish != null;
    }

    public ChatResult result() {
        var toolCalls = new ArrayList<ToolCall>();
        calls.forEach((i, head) -> toolCalls.add(new ToolCall(head[0], head[1], parseArguments(args.get(i)))));
        Usage usage = input == null && output == null ? null
                : Usage.of(input == null ? 0 : input, output == null ? 0 : output, cached == null ? 0 : cached);
        return new ChatResult(text.toString(), List.copyOf(toolCalls), usage, finish == null ? null : finish.providerReason(),
                finish == null ? null : finish.reason(), refusal.isEmpty() ? null : refusal.toString(), responseId, model);
    }

    private static JsonNode parseArguments(StringBuilder sb) {
        String s = sb == null ? "" : sb.toString();
        if (s.isBlank()) return Json.object();
        try {
            return Json.parse(s);
        } catch (JsonSyntaxException e) {
            return Json.valueToTree(s);
        }
    }
}
