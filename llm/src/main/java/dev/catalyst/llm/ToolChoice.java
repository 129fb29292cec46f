package dev.catalyst.llm;

/** auto, none, required (Anthropic: any), or one named tool ({@code mode = "tool"}). */
public record ToolChoice(String mode, String name) {
    public static ToolChoice of(String mode) {
        return new ToolChoice(mode, null);
    }

    public static ToolChoice tool(String name) {
        return new ToolChoice("tool", name);
    }
}
