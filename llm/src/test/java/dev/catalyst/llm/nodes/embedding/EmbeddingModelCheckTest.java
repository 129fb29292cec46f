package dev.catalyst.llm.nodes.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.validation.WorkflowValidator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An embedding model of another provider is an error that names the fix, never a silent swap at run time. */
class EmbeddingModelCheckTest {
    private static final EmbeddingKind KIND = new EmbeddingKind();
    private static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeRegistry.of(List.of(KIND)), ModelCatalog.builtIn());

    private static List<ValidationIssue> errors(String config) {
        String json = "{\"schemaVersion\": 1, \"nodes\": [{\"id\": \"e\", \"type\": \"" + KIND.spec().type() + "\", \"config\": " + config + "}], \"edges\": []}";
        return VALIDATOR.validate(json, Set.of("openai", "voyage")::contains).errors().stream().filter(ValidationIssue::isError).toList();
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

    @Test
    void aModelWithoutAProviderNamesTheProviderItBelongsTo() {
        var issue = errors("{\"model\": \"voyage-4\", \"texts\": \"x\"}").getFirst();
        assertThat(issue.field()).isEqualTo("config.model");
        assertThat(issue.code()).isEqualTo(IssueCodes.UNKNOWN_MODEL);
        assertThat(issue.message()).startsWith("'voyage-4' is a voyage model: set config.provider to voyage (without config.provider");
        assertThat(errors("{\"model\": \"text-embedding-3-small\", \"texts\": \"x\"}").getFirst().message())
                .startsWith("'text-embedding-3-small' is an openai model: set config.provider to openai");
        assertThat(errors("{\"model\": \"all-MiniLM-L6-v2\", \"texts\": \"x\"}").getFirst().message())
                .startsWith("'all-MiniLM-L6-v2' is the local model: set config.provider to local");
    }

    @Test
    void aModelWithoutAProviderThatNoProviderEmbedsWithIsRefusedWithADidYouMean() {
        assertThat(errors("{\"model\": \"voyage-44\", \"texts\": \"x\"}").getFirst().message())
                .startsWith("'voyage-44' is not an embedding model of openai, voyage or local — did you mean voyage-4");
        assertThat(errors("{\"model\": \"gpt-6-sol\", \"texts\": \"x\"}").getFirst().message())
                .startsWith("'gpt-6-sol' is an openai chat model; this node needs an embedding model of openai, voyage or local — did you mean ");
    }

    @Test
    void noModelAndNoProviderIsValid() {
        assertThat(errors("{\"texts\": \"x\"}")).isEmpty();
    }
}
