package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CommandsTest {
    private static final int CATALOG_SIZE = ModelCatalog.builtIn().all().size();

    @Test
    void nodesListsTheTypesWithTheirPorts() {
        var cli = Cli.run("nodes");
        assertThat(cli.exit()).isZero();
        var lines = cli.out().lines().toList();
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).startsWith("TYPE").contains("CATEGORY").contains("STREAMS").contains("INPUTS → OUTPUTS");
        assertThat(lines.get(1)).startsWith("promptTemplate").endsWith("variables:Object → messages:Messages, text:Text");
        assertThat(lines.get(6)).startsWith("llmRouter").contains("yes")
                .contains("messages:Messages, prompt:Text, models:LanguageModel* → text:Text");
        assertThat(lines.get(7)).startsWith("streamResponse").endsWith("text:Text → text:Text");
        assertThat(lines.get(8)).startsWith("textJoin").contains("no").endsWith("texts:Text* → text:Text");
    }

    @Test
    void nodesJsonIsTheRegistryWithConfigSchemas() {
        var cli = Cli.run("nodes", "--json");
        assertThat(cli.exit()).isZero();
        JsonNode types = Json.parse(cli.out());
        assertThat(types.valueStream().map(t -> t.get("type").stringValue()).toList()).containsExactly("promptTemplate",
                "anthropicCompletion", "openaiCompletion", "groqCompletion", "embeddingGenerate", "llmRouter", "streamResponse", "textJoin");
        for (JsonNode t : types) {
            assertThat(t.get("config").get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(t.get("config").get("properties").isObject()).isTrue();
            assertThat(t.get("defaults").isObject()).isTrue();
            assertThat(t.get("inputs").isArray()).isTrue();
            assertThat(t.get("outputs").isArray()).isTrue();
            assertThat(t.get("streaming").isBoolean()).isTrue();
            assertThat(t.get("credentials").isArray()).isTrue();
            assertThat(t.get("category").isString()).isTrue();
        }
        JsonNode claude = types.get(1);
        assertThat(claude.get("config").get("$defs").has("maxTokens")).isTrue();
        assertThat(claude.get("defaults").get("maxTokens").intValue()).isEqualTo(1024);
        assertThat(claude.get("outputs").get(4).get("type").stringValue()).isEqualTo("LanguageModel");
    }

    @Test
    void modelsShowsStatusPricesContextAndReplacement() {
        var cli = Cli.run("models");
        assertThat(cli.exit()).isZero();
        var lines = cli.out().lines().toList();
        assertThat(lines).hasSize(CATALOG_SIZE + 1);
        assertThat(lines.get(0)).startsWith("PROVIDER").contains("STATUS").contains("IN $/M").contains("CONTEXT");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("anthropic").contains("claude-sonnet-5-5").contains("active")
                .contains(" 2 ").contains(" 10 ").contains("1,000,000"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("claude-3-opus-20240229").contains("retired").endsWith("→ claude-opus-4-8"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("qwen/qwen3.8-27b").contains(" - "));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("voyage-3 ").contains("unknown"));
    }

    @Test
    void modelsOfOneProvider() {
        var cli = Cli.run("models", "--provider", "groq");
        assertThat(cli.exit()).isZero();
        var rows = cli.out().lines().skip(1).toList();
        assertThat(rows).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("groq "));
        assertThat(rows).anySatisfy(l -> assertThat(l).contains("openai/gpt-oss-120b").contains("0.15").contains("131,072"));
    }

    @Test
    void unknownProviderIsAUsageError() {
        var cli = Cli.run("models", "--provider", "nope");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEqualTo("catalyst: no models for provider 'nope' (providers: anthropic, openai, groq, voyage)\n");
    }

    @Test
    void modelsJsonIsTheCatalog() {
        var cli = Cli.run("models", "--json");
        assertThat(cli.exit()).isZero();
        JsonNode models = Json.parse(cli.out());
        assertThat(models.size()).isEqualTo(CATALOG_SIZE);
        JsonNode opus = models.valueStream().filter(m -> m.get("id").stringValue().equals("claude-3-opus-20240229")).findFirst().orElseThrow();
        assertThat(opus.get("status").get("state").stringValue()).isEqualTo("retired");
        assertThat(opus.get("status").get("replacement").stringValue()).isEqualTo("claude-opus-4-8");
        assertThat(opus.get("pricing").get("input").decimalValue()).isEqualByComparingTo("15");

        JsonNode groq = Json.parse(Cli.run("models", "--provider", "groq", "--json").out());
        assertThat(groq.valueStream().map(m -> m.get("provider").stringValue()).distinct().toList()).containsExactly("groq");
    }

    @Test
    void aCatalogOverrideFileChangesWhatIsShown(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("prices.json"), """
                {"models": [{"provider": "groq", "id": "openai/gpt-oss-120b", "kind": "chat", "context_window": 131072,
                             "pricing": {"input": 0.11, "output": 0.44}, "status": {"state": "active"}},
                            {"provider": "groq", "id": "brand-new-model", "kind": "chat", "pricing": {"input": 1, "output": 2},
                             "status": {"state": "active"}}]}""");
        var cli = Cli.run(Map.of("CATALYST_CATALOG", file.toString()), "models", "--provider", "groq");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("brand-new-model");
        assertThat(cli.out().lines()).anySatisfy(l -> assertThat(l).contains("openai/gpt-oss-120b").contains("0.11").contains("0.44"));
    }

    @Test
    void aBrokenCatalogOverrideIsOneClearLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("prices.json"), "{\"models\": [\n  {\"provider\": \"groq\"\n");
        for (String command : new String[] {"models", "validate"}) {
            String[] args = command.equals("models") ? new String[] {"models"}
                    : new String[] {"validate", Cli.examples().resolve("hello.json").toString()};
            var cli = Cli.run(Map.of("CATALYST_CATALOG", file.toString()), args);
            assertThat(cli.exit()).as(command).isEqualTo(2);
            assertThat(cli.err().lines().toList()).hasSize(1);
            assertThat(cli.err()).startsWith("catalyst: " + file + ": malformed JSON at 3:").doesNotContain("internal error");
        }
        var missing = Cli.run(Map.of("CATALYST_CATALOG", dir.resolve("none.json").toString()), "models");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("none.json (CATALYST_CATALOG) does not exist");
    }

    @Test
    void versionNamesTheReleaseAndTheJava() {
        var cli = Cli.run("--version");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).matches("catalyst \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\\n");
        assertThat(Version.current()).doesNotContain("${").isNotEqualTo("unknown");
    }

    @Test
    void noCommandPrintsUsage() {
        var cli = Cli.run();
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("Usage: catalyst").contains("validate").contains("nodes").contains("models").contains("start");
    }

    @Test
    void helpAndUnknownCommands() {
        var help = Cli.run("help", "validate");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--json").contains("FILE");
        var unknown = Cli.run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("frobnicate");
    }

    @Test
    void theThreeArgumentRunUsesTheProcessEnvironment() {
        var out = new java.io.StringWriter();
        int exit = Main.run(new String[] {"nodes"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("promptTemplate");
    }
}
