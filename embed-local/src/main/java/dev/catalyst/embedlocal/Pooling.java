package dev.catalyst.embedlocal;

/** Mean pooling over the tokens the attention mask keeps, then scaling to unit length. */
final class Pooling {
    private Pooling() {}

    static float[] meanNormalized(float[][] tokens, long[] mask) {
        int dims = tokens[0].length;
        double[] sum = new double[dims];
        int kept = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) continue;
            kept++;
            for (int d = 0; d < dims; d++) sum[d] += tokens[t][d];
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(1, kept);
            norm += sum[d] * sum[d];
        }
        // sentence-transformers' Normalize divides by max(norm, 1e-12)
        double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[dims];
        for (int d = 0; d < dims; d++) out[d] = (float) (sum[d] * scale);
        return out;
    }
}
