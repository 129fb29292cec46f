package dev.catalyst.llm.nodes.embedding;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;

/** Token counts with cl100k_base (OpenAI's embedding models count with it), scaled per provider to stay on the safe side. */
final class TokenEstimator {
    private final Encoding cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    long[] count(List<String> texts, double factor) {
        long[] out = new long[texts.size()];
        for (int i = 0; i < out.length; i++) out[i] = (long) Math.ceil(cl100k.countTokensOrdinary(texts.get(i)) * factor);
        return out;
    }
}
