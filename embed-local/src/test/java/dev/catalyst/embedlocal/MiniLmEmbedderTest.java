package dev.catalyst.embedlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
    private static final List<String> TEXTS = List.of("Otters hold hands while they sleep.", "Sea otters use rocks as tools.",
            "The quick brown fox jumps over the lazy dog.");
    /*
     * The first six values of each vector, recorded once (2026-12-04) from LangChain4j's own
     * AllMiniLmL6V2QuantizedEmbeddingModel (its code path: per-text ONNX call, its pooling and
     * normalization), which shipped this .onnx file. They pin the numbers against a change of
     * model file, tokenizer or pooling; the test below also compares with that model live.
     */
    private static final float[][] RECORDED = {
            {0.02138088f, 0.0488805f, 0.09369269f, 0.016960049f, -0.04302474f, 0.006208645f},
            {-0.01918097f, 0.063144185f, 0.10636376f, 0.03499783f, -0.07160653f, -0.04011461f},
            {0.045607105f, 0.0722055f, 0.051180545f, 0.07992544f, 0.03233075f, -0.03420723f}};

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new MiniLmEmbedder(2);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void vectorsMatchTheRecordedReferenceValues() {
        var vectors = embedder.embed(TEXTS).vectors();
        assertThat(vectors).hasSize(3);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(vectors.get(i)).hasSize(384);
            for (int d = 0; d < RECORDED[i].length; d++) assertThat(vectors.get(i)[d]).isCloseTo(RECORDED[i][d], within(1e-5f));
        }
    }

    @Test
    void vectorsMatchLangChain4jsImplementationOfTheSameModel() {
        var mine = embedder.embed(TEXTS).vectors();
        var ref = new AllMiniLmL6V2QuantizedEmbeddingModel().embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();
        for (int i = 0; i < TEXTS.size(); i++) assertThat(cosine(mine.get(i), ref.get(i).vector())).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void vectorsAreUnitLengthAndCloseForCloseMeanings() {
        var v = embedder.embed(TEXTS).vectors();
        for (float[] x : v) assertThat(cosine(x, x)).isCloseTo(1.0, within(1e-5));
        double norm = 0;
        for (float f : v.get(0)) norm += f * f;
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.2);
    }

    @Test
    void aTextGetsTheSameVectorAloneAndAmongOthers() {
        float[] alone = embedder.embed(List.of(TEXTS.get(2))).vectors().get(0);
        float[] among = embedder.embed(TEXTS).vectors().get(2);
        assertThat(among).containsExactly(alone, within(1e-6f));
    }

    @Test
    void countsTokensWithSpecialTokensAndCutsLongTextsAtTheModelLimit() {
        assertThat(embedder.countTokens(TEXTS)).containsExactly(10, 10, 12);
        String longText = "sea ".repeat(400);
        assertThat(embedder.countTokens(List.of(longText))[0]).isEqualTo(402);
        var r = embedder.embed(List.of(longText, TEXTS.get(0)));
        assertThat(r.usage().inputTokens()).isEqualTo(256 + 10);
        assertThat(embedder.maxTokens()).isEqualTo(256);
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(embedder.model()).isEqualTo("all-minilm-l6-v2");
    }

    @Test
    void anEmptyListGivesNoVectorsAndOneThreadWorksToo() {
        try (var single = new MiniLmEmbedder(1)) {
            assertThat(single.embed(List.of()).vectors()).isEmpty();
            assertThat(single.embed(TEXTS.subList(0, 2)).vectors().get(1)[0]).isCloseTo(RECORDED[1][0], within(1e-5f));
        }
        assertThatThrownBy(() -> new MiniLmEmbedder(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
