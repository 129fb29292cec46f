package dev.catalyst.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCatalogTest {
    private static final ModelCatalog CATALOG = ModelCatalog.builtIn();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static ModelInfo model(String ref) {
        return CATALOG.resolve(ref).orElseThrow().model();
    }

    private static BigDecimal cost(String ref, Usage usage, LocalDate day) {
        return ModelCatalog.cost(model(ref), usage, day);
    }

    @Test
    void shipsEveryProvider() {
        assertThat(CATALOG.all()).extracting(ModelInfo::provider).contains("anthropic", "openai", "groq", "voyage");
        assertThat(CATALOG.byProvider("groq")).isNotEmpty().allSatisfy(m -> assertThat(m.provider()).isEqualTo("groq"));
        assertThat(CATALOG.byProvider("nope")).isEmpty();
        assertThat(CATALOG.all()).extracting(ModelInfo::ref).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({
            "claude-sonnet-5-5, anthropic, claude-sonnet-5-5",
            "anthropic/claude-sonnet-5-5, anthropic, claude-sonnet-5-5",
            "claude-sonnet-4-5, anthropic, claude-sonnet-4-5-20250929",
            "anthropic/claude-sonnet-4-5, anthropic, claude-sonnet-4-5-20250929",
            "gpt-5.6, openai, gpt-5.6-sol",
            "openai/gpt-6-sol, openai, gpt-6-sol",
            "openai/gpt-oss-120b, groq, openai/gpt-oss-120b",
            "groq/openai/gpt-oss-120b, groq, openai/gpt-oss-120b",
            "meta-llama/llama-4-maverick-17b-128e-instruct, groq, meta-llama/llama-4-maverick-17b-128e-instruct",
            "llama-4-maverick, groq, meta-llama/llama-4-maverick-17b-128e-instruct",
            "voyage/voyage-4, voyage, voyage-4"})
    void resolvesIdsAliasesAndProviderPrefixedIds(String ref, String provider, String id) {
        var lookup = CATALOG.resolve(ref).orElseThrow();
        assertThat(lookup.model().provider()).isEqualTo(provider);
        assertThat(lookup.model().id()).isEqualTo(id);
    }

    @Test
    void resolvesWithinOneProvider() {
        assertThat(CATALOG.resolve("groq", "openai/gpt-oss-120b")).get().extracting(l -> l.model().ref()).isEqualTo("groq/openai/gpt-oss-120b");
        assertThat(CATALOG.resolve("groq", "groq/openai/gpt-oss-120b")).isPresent();
        assertThat(CATALOG.resolve("openai", "openai/gpt-6-sol")).get().extracting(l -> l.model().id()).isEqualTo("gpt-6-sol");
        // a Groq id that starts with openai/ is not an OpenAI model
        assertThat(CATALOG.resolve("openai", "openai/gpt-oss-120b")).isEmpty();
        assertThat(CATALOG.resolve("openai", "claude-sonnet-5-5")).isEmpty();
        assertThat(CATALOG.resolve("anthropic", "claude-opus-4-1")).get().extracting(l -> l.model().id()).isEqualTo("claude-opus-4-1-20250805");
        assertThat(CATALOG.resolve("anthropic", " ")).isEmpty();
    }

    @Test
    void unknownRefsResolveToNothing() {
        assertThat(CATALOG.resolve("gpt-99")).isEmpty();
        assertThat(CATALOG.resolve("nope/gpt-6-sol")).isEmpty();
        assertThat(CATALOG.resolve(null)).isEmpty();
        assertThat(CATALOG.resolve("")).isEmpty();
        assertThat(CATALOG.resolve("/x")).isEmpty();
    }

    @Test
    void retiredIdResolvesToItsOwnRecordWithAWarningNamingTheReplacement() {
        var lookup = CATALOG.resolve("claude-3-opus-latest").orElseThrow();
        assertThat(lookup.model().id()).isEqualTo("claude-3-opus-20240229");
        assertThat(lookup.model().isRetired()).isTrue();
        assertThat(lookup.hasWarning()).isTrue();
        assertThat(lookup.warning()).isEqualTo("model anthropic/claude-3-opus-20240229 is retired since 2026-01-05 and no longer served;"
                + " use claude-opus-4-8 instead");

        var groq = CATALOG.resolve("groq", "llama-3.3-70b-versatile").orElseThrow();
        assertThat(groq.model().id()).isEqualTo("llama-3.3-70b-versatile");
        assertThat(groq.warning()).contains("retired").contains("use openai/gpt-oss-120b instead");

        var noReplacement = CATALOG.resolve("gpt-4.1-nano").orElseThrow();
        assertThat(noReplacement.warning()).contains("retired since 2026-10-23").doesNotContain("instead");
        var noDate = CATALOG.resolve("gemma2-9b-it").orElseThrow();
        assertThat(noDate.warning()).isEqualTo("model groq/gemma2-9b-it is retired and no longer served");
    }

    @Test
    void deprecatedModelWarnsWithShutdownDateAndReplacement() {
        var lookup = CATALOG.resolve("gpt-4o-2024-08-06").orElseThrow();
        assertThat(lookup.model().id()).isEqualTo("gpt-4o");
        assertThat(lookup.model().isDeprecated()).isTrue();
        assertThat(lookup.warning()).isEqualTo("model openai/gpt-4o is deprecated; it shuts down on 2027-01-14; use gpt-6-luna instead");
        assertThat(CATALOG.resolve("voyage-2").orElseThrow().warning()).isEqualTo("model voyage/voyage-2 is deprecated");
    }

    @Test
    void activeAndUnknownStatusHaveNoWarning() {
        assertThat(CATALOG.resolve("claude-sonnet-5-5").orElseThrow().hasWarning()).isFalse();
        var unknownState = CATALOG.resolve("voyage-3").orElseThrow();
        assertThat(unknownState.model().status().state()).isNull();
        assertThat(unknownState.hasWarning()).isFalse();
    }

    @Test
    void suggestsCloseIdsPreferringModelsStillServed() {
        assertThat(CATALOG.suggest("anthropic", "claude-sonet-5-5")).first().isEqualTo("claude-sonnet-5-5");
        var sonnets = CATALOG.suggest("anthropic", "claude-sonnet");
        assertThat(sonnets).hasSize(3).allSatisfy(id -> assertThat(CATALOG.resolve("anthropic", id).orElseThrow().model().isRetired()).isFalse());
        // only retired models are close: they are still offered
        assertThat(CATALOG.suggest("groq", "llama-3.3-70b-versatil")).first().isEqualTo("llama-3.3-70b-versatile");
        assertThat(CATALOG.suggest(null, "gpt-oss-120")).contains("openai/gpt-oss-120b");
        assertThat(CATALOG.suggest("openai", "qqqqqqqqqqqqqqqq")).isEmpty();
    }

    @Test
    void modelFactsAreRead() {
        ModelInfo sonnet = model("claude-sonnet-5-5");
        assertThat(sonnet.ref()).isEqualTo("anthropic/claude-sonnet-5-5");
        assertThat(sonnet.displayName()).isEqualTo("Claude Sonnet 5.5");
        assertThat(sonnet.contextWindow()).isEqualTo(1_000_000L);
        assertThat(sonnet.isChat()).isTrue();
        assertThat(sonnet.supports("tools")).isTrue();
        assertThat(sonnet.supports("json_mode")).isFalse();
        assertThat(sonnet.supports("json_schema")).isFalse();
        assertThat(sonnet.capabilities()).containsEntry("json_schema", null).doesNotContainKey("notes");
        assertThat(sonnet.qualityTier()).isEqualTo(4);
        assertThat(model("gpt-4o").speed().outputTokensPerS()).isEqualTo(131.0);
        assertThat(model("gpt-4o").speed().ttftS()).isEqualTo(0.45);
        ModelInfo embedding = model("text-embedding-3-small");
        assertThat(embedding.kind()).isEqualTo("embedding");
        assertThat(embedding.isChat()).isFalse();
        assertThat(embedding.embeddingDimensions()).isEqualTo(1536);
        assertThat(embedding.supports("tools")).isFalse();
        assertThat(model("gpt-5.6-sol").pricing().history()).containsExactly(
                new Pricing.Period(LocalDate.of(2026, 8, 21), new BigDecimal("5"), new BigDecimal("30")));
    }

    @Test
    void costCountsUncachedInputCachedInputAndOutput() {
        // claude-sonnet-5-5: $2 in, $10 out, $0.20 cached per million
        var usage = Usage.of(1000, 500, 400);
        assertThat(cost("claude-sonnet-5-5", usage, TODAY)).isEqualByComparingTo("0.00628");
        assertThat(cost("openai/gpt-oss-120b", Usage.of(1_000_000, 0, 0), TODAY)).isEqualByComparingTo("0.15");
        assertThat(cost("openai/gpt-oss-120b", Usage.of(0, 1_000_000, 0), TODAY)).isEqualByComparingTo("0.6");
        assertThat(cost("openai/gpt-oss-120b", Usage.of(1_000_000, 0, 1_000_000), TODAY)).isEqualByComparingTo("0.075");
        assertThat(ModelCatalog.cost(model("claude-sonnet-5-5"), Usage.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void cachedInputWithoutACachePriceIsBilledAsInput() {
        // qwen/qwen3.6-27b lists no cache price
        assertThat(cost("qwen/qwen3.6-27b", Usage.of(1000, 0, 500), TODAY)).isEqualByComparingTo("0.0006");
    }

    @Test
    void longContextSurchargeBillsTheWholeRequestUntilItsEndDate() {
        var big = Usage.of(250_000, 1_000, 0);
        // before 2026-03-13: $6 / $22.50 on everything once input passes 200k
        assertThat(cost("claude-sonnet-4-6", big, LocalDate.of(2026, 3, 12))).isEqualByComparingTo("1.5225");
        // from 2026-03-13 on: flat $3 / $15
        assertThat(cost("claude-sonnet-4-6", big, LocalDate.of(2026, 3, 13))).isEqualByComparingTo("0.765");
        // exactly at the threshold is not above it
        assertThat(cost("claude-sonnet-4-6", Usage.of(200_000, 1_000, 0), LocalDate.of(2026, 3, 1))).isEqualByComparingTo("0.615");
    }

    @Test
    void longContextCachedPriceAppliesWhenListedElseTheNormalOne() {
        // gpt-5.4 above 272k: $5 in, $0.50 cached
        assertThat(cost("gpt-5.4", Usage.of(300_000, 0, 100_000), TODAY)).isEqualByComparingTo("1.05");
        // gpt-5.6-sol above 272k: $8 in, $30 out, no long-context cache price → $0.40
        assertThat(cost("gpt-5.6-sol", Usage.of(300_000, 1_000, 100), TODAY)).isEqualByComparingTo("2.42924");
    }

    @Test
    void priceHistoryAppliesBeforeTheChange() {
        var usage = Usage.of(1_000, 1_000, 0);
        assertThat(cost("gpt-5.6-sol", usage, LocalDate.of(2026, 8, 20))).isEqualByComparingTo("0.035");
        assertThat(cost("gpt-5.6-sol", usage, LocalDate.of(2026, 8, 21))).isEqualByComparingTo("0.024");
    }

    @Test
    void theEarliestRunningPeriodWinsWhateverTheOrder() {
        var pricing = new Pricing(BigDecimal.ONE, BigDecimal.ONE, null, null, null, java.util.List.of(
                new Pricing.Period(LocalDate.of(2026, 6, 1), new BigDecimal("3"), new BigDecimal("3")),
                new Pricing.Period(LocalDate.of(2026, 1, 1), new BigDecimal("5"), new BigDecimal("5"))));
        var m = new ModelInfo("x", "y", null, java.util.List.of(), "chat", null, null, null, pricing, Map.of(), null, null, null, null);
        var usage = Usage.of(1_000_000, 0, 0);
        assertThat(ModelCatalog.cost(m, usage, LocalDate.of(2025, 12, 1))).isEqualByComparingTo("5");
        assertThat(ModelCatalog.cost(m, usage, LocalDate.of(2026, 2, 1))).isEqualByComparingTo("3");
        assertThat(ModelCatalog.cost(m, usage, LocalDate.of(2026, 7, 1))).isEqualByComparingTo("1");
        assertThat(m.isRetired()).isFalse();
        assertThat(m.isDeprecated()).isFalse();
        assertThat(m.supports("tools")).isFalse();
    }

    @Test
    void unknownPriceGivesNoCost() {
        assertThat(cost("qwen/qwen3.8-27b", Usage.of(10, 10, 0), TODAY)).isNull();
        assertThat(cost("voyage-code-4", Usage.of(10, 0, 0), TODAY)).isNull();
        // embeddings have no output price; a call without output tokens still has a cost
        assertThat(cost("text-embedding-3-small", Usage.of(1_000_000, 0, 0), TODAY)).isEqualByComparingTo("0.02");
        assertThat(cost("text-embedding-3-small", Usage.of(1_000_000, 5, 0), TODAY)).isNull();
    }

    @Test
    void overrideFileReplacesAPriceAndAddsAModel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, """
                {"models": [
                  {"provider": "anthropic", "id": "claude-sonnet-5-5", "kind": "chat", "context_window": 1000000,
                   "pricing": {"input": 1.5, "output": 7.5}, "status": {"state": "active"}},
                  {"provider": "openai", "id": "gpt-7", "aliases": ["gpt-seven"], "kind": "chat",
                   "pricing": {"input": 3, "output": 9, "history": [{"until": "2026-12", "input": 4, "output": 12}]},
                   "status": {"state": "active"}}
                ]}""");
        var catalog = ModelCatalog.fromEnvironment(Map.of(ModelCatalog.OVERRIDE_VARIABLE, file.toString()));
        assertThat(catalog.all()).hasSize(CATALOG.all().size() + 1);
        assertThat(catalog.resolve("claude-sonnet-5-5").orElseThrow().model().pricing().input()).isEqualByComparingTo("1.5");
        assertThat(ModelCatalog.cost(catalog.resolve("claude-sonnet-5-5").orElseThrow().model(), Usage.of(1_000_000, 0, 0), TODAY))
                .isEqualByComparingTo("1.5");
        var added = catalog.resolve("openai", "gpt-seven").orElseThrow().model();
        assertThat(added.id()).isEqualTo("gpt-7");
        // "2026-12" means the first of that month
        assertThat(added.pricing().history().get(0).until()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(catalog.byProvider("openai")).extracting(ModelInfo::id).contains("gpt-7", "gpt-6-sol");
        // the built-in catalog is untouched
        assertThat(CATALOG.resolve("claude-sonnet-5-5").orElseThrow().model().pricing().input()).isEqualByComparingTo("2");
    }

    @Test
    void noOverrideMeansTheBuiltInCatalog() {
        assertThat(ModelCatalog.fromEnvironment(Map.of()).all()).hasSameSizeAs(CATALOG.all());
        assertThat(ModelCatalog.fromEnvironment(Map.of(ModelCatalog.OVERRIDE_VARIABLE, " ")).all()).hasSameSizeAs(CATALOG.all());
    }

    private static CatalogException brokenOverride(Path dir, String content) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, content);
        try {
            ModelCatalog.withOverride(file);
        } catch (CatalogException e) {
            assertThat(e.getMessage()).contains(file.toString());
            return e;
        }
        throw new AssertionError("accepted: " + content);
    }

    @Test
    void brokenOverrideFilesAreRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        assertThat(brokenOverride(dir, "{\"models\": [\n  {\"provider\": \"openai\",\n").getMessage()).contains("malformed JSON at 3:");
        assertThat(brokenOverride(dir, "{\"model\": []}").getMessage()).contains("a catalog is an object with a \"models\" list");
        assertThat(brokenOverride(dir, "[]").getMessage()).contains("\"models\" list");
        assertThat(brokenOverride(dir, "{\"models\": [{\"id\": \"x\"}]}").getMessage()).contains("models[0] needs a provider and an id");
        assertThat(brokenOverride(dir, "{\"models\": [\"gpt-7\"]}").getMessage()).contains("models[0] needs a provider and an id");
        assertThat(brokenOverride(dir, """
                {"models": [{"provider": "openai", "id": "gpt-7", "status": {"state": "retired", "retirement_date": "soon"}}]}""")
                .getMessage()).contains("model openai/gpt-7").contains("soon");
        assertThat(brokenOverride(dir, """
                {"models": [{"provider": "openai", "id": "gpt-7", "pricing": {"input": "0.5"}}]}""")
                .getMessage()).contains("model openai/gpt-7").contains("input must be a number");
        assertThat(brokenOverride(dir, """
                {"models": [{"provider": "openai", "id": "gpt-7", "context_window": 1e400}]}""")
                .getMessage()).contains("model openai/gpt-7");
    }

    @Test
    void missingOverrideFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> ModelCatalog.fromEnvironment(Map.of("CATALYST_CATALOG", missing.toString())))
                .isInstanceOf(CatalogException.class)
                .hasMessage("catalog file " + missing + " (CATALYST_CATALOG) does not exist");
        assertThatThrownBy(() -> ModelCatalog.withOverride(dir)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("cannot read catalog file " + dir);
    }

    @Test
    void catalogAsJsonHasDatesAsText() {
        var json = Json.valueToTree(model("claude-3-opus-20240229"));
        assertThat(json.get("status").get("retirementDate").stringValue()).isEqualTo("2026-01-05");
        assertThat(json.get("status").get("replacement").stringValue()).isEqualTo("claude-opus-4-8");
        assertThat(json.has("retired")).isFalse();
    }
}
