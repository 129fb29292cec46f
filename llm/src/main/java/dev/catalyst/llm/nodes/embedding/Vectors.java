package dev.catalyst.llm.nodes.embedding;

import dev.catalyst.core.exec.Usage;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Decoding embedding payloads shared by OpenAI and Voyage: float arrays or base64 little-endian float32. */
public final class Vectors {
    private Vectors() {}

    public static float[] decodeBase64(String s) {
        byte[] bytes = Base64.getDecoder().decode(s);
        FloatBuffer fb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    static float[] decode(JsonNode embedding) {
        if (embedding.isString()) return decodeBase64(embedding.asString());
        float[] out = new float[embedding.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) embedding.get(i).asDouble();
        return out;
    }

    /** Reads {@code data[].{index, embedding}} into input order and checks the count. */
    public static EmbeddingResult read(String provider, JsonNode body, int expected, long tokens) throws LlmException {
        JsonNode data = body.path("data");
        if (!data.isArray() || data.size() != expected) {
            throw new LlmException(new LlmError.ServerError(provider, 200, provider + " returned " + data.size() + " embeddings for " + expected + " texts", null));
        }
        var out = new ArrayList<float[]>(expected);
        for (int i = 0; i < expected; i++) out.add(null);
        for (JsonNode d : data) {
            int index = d.path("index").asInt(-1);
            if (index < 0 || index >= expected) {
                throw new LlmException(new LlmError.ServerError(provider, 200, provider + " returned an embedding with index " + index, null));
            }
            out.set(index, decode(d.path("embedding")));
        }
        String model = body.path("model").asString(null);
        return new EmbeddingResult(List.copyOf(out), Usage.of(tokens, 0, 0), model == null || model.isBlank() ? null : model);
    }
}
