package dev.catalyst.core.exec;

/** Token counts of one call (contract shape). {@code cachedInputTokens} is part of {@code inputTokens}. */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long totalTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public static Usage of(long input, long output, long cachedInput) {
        return new Usage(input, output, cachedInput, input + output);
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cachedInputTokens + other.cachedInputTokens, totalTokens + other.totalTokens);
    }
}
