package dev.catalyst.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
    @Test
    void closestCandidatesComeFirstAndFarOnesAreLeftOut() {
        var candidates = List.of("anthropicCompletion", "openaiCompletion", "groqCompletion", "promptTemplate");
        assertThat(Suggest.closest("anthropicCompletions", candidates, 3)).containsExactly("anthropicCompletion");
        assertThat(Suggest.closest("promptTemplat", candidates, 3)).containsExactly("promptTemplate");
        assertThat(Suggest.closest("zzzz", candidates, 3)).isEmpty();
        assertThat(Suggest.closest("", candidates, 3)).isEmpty();
        assertThat(Suggest.closest(null, candidates, 3)).isEmpty();
    }

    @Test
    void didYouMeanFormsASuffixOrNothing() {
        assertThat(Suggest.didYouMean("confg", List.of("config", "id"))).isEqualTo(" — did you mean config?");
        assertThat(Suggest.didYouMean("qqqqqq", List.of("config", "id"))).isEmpty();
    }

    @Test
    void levenshteinCountsEdits() {
        assertThat(Suggest.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggest.levenshtein("", "abc")).isEqualTo(3);
        assertThat(Suggest.levenshtein("same", "same")).isZero();
    }
}
