package dev.catalyst.core.validation;

import static dev.catalyst.core.validation.Workflows.issues;
import static dev.catalyst.core.validation.Workflows.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An embedding model of another provider is an error that names the fix, never a silent swap at run time. */
class EmbeddingModelCheckTest {
    private static List<ValidationIssue> errors(String config) {
        return issues(List.of(node("e", "embeddingGenerate", config)), List.of()).stream().filter(ValidationIssue::isError).toList();
    }

    @Test
    void anOpenAiEmbeddingModelUnderVoyageSaysWhichProviderItBelongsToAndSuggestsVoyageModels() {
        var found = errors("{\"provider\": \"voyage\", \"model\": \"text-embedding-3-small\", \"texts\": \"x\"}");
        assertThat(found).hasSize(1);
        ValidationIssue issue = found.getFirst();
        assertThat(issue.nodeId()).isEqualTo("e");
        assertThat(issue.field()).isEqualTo("config.model");
        assertThat(issue.code()).isEqualTo(IssueCodes.UNKNOWN_MODEL);
        assertThat(issue.message()).startsWith("'text-embedding-3-small' is an openai model, not a voyage one: set config.provider to openai,"
                + " or use a voyage embedding model — did you mean ").contains("voyage-").endsWith("?");
    }

    @Test
    void aVoyageModelUnderOpenAiSuggestsOpenAiEmbeddingModels() {
        var issue = errors("{\"provider\": \"openai\", \"model\": \"voyage-4\", \"texts\": \"x\"}").getFirst();
        assertThat(issue.message()).startsWith("'voyage-4' is a voyage model, not an openai one: set config.provider to voyage")
                .contains("did you mean text-embedding-");
    }

    @Test
    void aChatModelOfAnotherProviderIsNotSentToThatProvider() {
        var issue = errors("{\"provider\": \"voyage\", \"model\": \"gpt-6-sol\", \"texts\": \"x\"}").getFirst();
        assertThat(issue.code()).isEqualTo(IssueCodes.UNKNOWN_MODEL);
        assertThat(issue.message()).startsWith("'gpt-6-sol' is an openai chat model; this node needs a voyage embedding model — did you mean voyage-");
    }

    @Test
    void theProvidersOwnModelsStillPass() {
        assertThat(errors("{\"provider\": \"voyage\", \"model\": \"voyage-4\", \"texts\": \"x\"}")).isEmpty();
        assertThat(errors("{\"provider\": \"openai\", \"model\": \"text-embedding-3-small\", \"texts\": \"x\"}")).isEmpty();
    }
}
