package dev.catalyst.llm.nodes.router;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Prompt size in tokens, counted with OpenAI's o200k encoding. Other providers' tokenizers
 * differ, so their count is raised by {@link #FOREIGN_MARGIN}: the context filter should rather
 * skip a model that would have fit than call one that overflows.
 */
public final class TokenCounter {
    /** Extra share added for tokenizers we cannot run (Anthropic, Llama/Qwen on Groq). */
    static final double FOREIGN_MARGIN = 1.25;
    /** Role markers and separators the APIs add per message. */
    static final int PER_MESSAGE = 4;
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {}

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
    }

    /** The count as the provider will see it: exact for OpenAI's encoding, with a margin for the others. */
    static long forProvider(String provider, long o200kTokens) {
        return "openai".equals(provider) ? o200kTokens : (long) Math.ceil(o200kTokens * FOREIGN_MARGIN);
    }
}
