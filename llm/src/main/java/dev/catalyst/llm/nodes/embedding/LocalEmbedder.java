package dev.catalyst.llm.nodes.embedding;

import java.util.List;

/**
 * The in-process embedding model of the {@code local} provider. The implementation lives in the
 * embed-local module (it carries ONNX Runtime), so llm stays light; the server wires it in.
 */
public interface LocalEmbedder {
    /** The one model it runs, e.g. {@code all-minilm-l6-v2}. */
    String model();

    int dimensions();

    /** Most tokens of one text, special tokens included; a longer text is refused or cut. */
    int maxTokens();

    /** Each text's token count as the model counts it, special tokens included. */
    int[] countTokens(List<String> texts);

    /**
     * Unit-length vectors in input order, and the tokens read. A text over {@link #maxTokens()} is
     * cut to it; callers that must not cut check {@link #countTokens} first.
     */
    EmbeddingResult embed(List<String> texts);
}
