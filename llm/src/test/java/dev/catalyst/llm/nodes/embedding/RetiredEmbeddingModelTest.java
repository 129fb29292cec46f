package dev.catalyst.llm.nodes.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.validation.IssueCodes;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.TestContext;
import dev.catalyst.llm.TestKinds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A retired embedding model runs as asked, never swapped, with a warning that names its replacement:
 * in validation, in the node's output (which the node.completed event carries), and in the error
 * when the provider no longer serves it. The shipped catalog has no retired embedding model today,
 * so the test builds its own: text-embedding-ada-002 marked retired (the fake still serves it, as a
 * provider does for a while), and an id the fake does not serve.
 */
class RetiredEmbeddingModelTest {
    private static final String RETIRED = "text-embedding-ada-002";
    private static final String GONE = "text-embedding-0-legacy";
    static Fakes fakes;
    static ModelCatalog catalog;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
        ModelCatalog shipped = ModelCatalog.builtIn();
        assertThat(shipped.resolve("openai", RETIRED).orElseThrow().hasWarning()).as("shipped as not retired").isFalse();
        assertThat(shipped.resolve("openai", GONE)).as("not in the shipped catalog").isEmpty();
        var models = new ArrayList<>(shipped.all().stream().filter(m -> !m.ref().equals("openai/" + RETIRED)).toList());
        models.add(retired(shipped.resolve("openai", RETIRED).orElseThrow().model(), RETIRED));
        models.add(retired(shipped.resolve("openai", "text-embedding-3-small").orElseThrow().model(), GONE));
        catalog = new ModelCatalog(models);
    }

    private static ModelInfo retired(ModelInfo base, String id) {
        return new ModelInfo(base.provider(), id, base.displayName(), List.of(), base.kind(), base.contextWindow(),
                base.maxInputTokens(), base.maxOutputTokens(), base.pricing(), base.capabilities(),
                new ModelInfo.Status("retired", LocalDate.parse("2026-01-31"), LocalDate.parse("2026-06-30"), "text-embedding-3-small"),
                base.speed(), base.qualityTier(), base.embeddingDimensions());
    }

    private static String warning(String id) {
        return "model openai/" + id + " is retired since 2026-06-30 and no longer served; use text-embedding-3-small instead";
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    private static NodeOutput run(String model) throws Exception {
        var node = TestKinds.executors(fakes.patient()).get("embeddingGenerate");
        var ctx = new TestContext(new EnvSecretStore(Map.of("OPENAI_API_KEY", Fakes.KEY.reveal())), catalog);
        return node.execute(new NodeCall("embed", "embeddingGenerate",
                (ObjectNode) Json.parse("{\"provider\": \"openai\", \"model\": \"" + model + "\", \"maxRetries\": 0}"),
                Map.of("texts", Json.parse("[\"a\", \"b\"]")), ctx));
    }

    @Test
    void runsTheRetiredModelItWasGivenWithAWarningNamingTheReplacement() throws Exception {
        NodeOutput out = run(RETIRED);
        assertThat(fakes.openai.lastRequest().json().path("model").asString()).as("not swapped").isEqualTo(RETIRED);
        assertThat(out.values().get("model").asString()).isEqualTo(RETIRED);
        assertThat(out.values().get("embeddings").size()).isEqualTo(2);
        assertThat(out.values().get("warning").asString()).isEqualTo(warning(RETIRED));
    }

    @Test
    void whenTheProviderNoLongerServesItTheErrorNamesTheReplacement() {
        assertThatThrownBy(() -> run(GONE)).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.getMessage()).contains("does not exist").endsWith("(" + warning(GONE) + ")");
            assertThat(e.details().get("failedIndices")).as("the details survive").hasSize(2);
        });
        assertThat(fakes.openai.lastRequest().json().path("model").asString()).as("not swapped").isEqualTo(GONE);
    }

    @Test
    void validationWarnsWithTheReplacementAndDoesNotBlockTheRun() {
        var kind = new EmbeddingKind();
        var validator = new WorkflowValidator(NodeRegistry.of(List.of(kind)), catalog);
        String json = "{\"schemaVersion\": 1, \"nodes\": [{\"id\": \"e\", \"type\": \"embeddingGenerate\", \"config\": "
                + "{\"provider\": \"openai\", \"model\": \"" + RETIRED + "\", \"texts\": \"x\"}}], \"edges\": []}";
        List<ValidationIssue> issues = validator.validate(json, Set.of("openai")::contains).errors();
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isFalse();
            assertThat(i.code()).isEqualTo(IssueCodes.RETIRED_MODEL);
            assertThat(i.field()).isEqualTo("config.model");
            assertThat(i.message()).isEqualTo(warning(RETIRED));
        });
    }
}
