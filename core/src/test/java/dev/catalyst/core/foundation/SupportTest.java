package dev.catalyst.core.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.secrets.Secret;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small Foundation pieces the template work relies on: secrets, events, JSON, cancellation, the catalog. */
class SupportTest {
    @Test
    void secretsComeFromTheEnvironmentAndNeverPrint() {
        var store = new EnvSecretStore(Map.of("ANTHROPIC_API_KEY", " sk-a ", "CATALYST_SECRET_MY_DB", "pw", "OPENAI_API_KEY", " "));
        assertThat(store.get("anthropic").orElseThrow().reveal()).isEqualTo("sk-a");
        assertThat(store.has("openai")).isFalse();
        assertThat(store.get("my-db").orElseThrow().toString()).isEqualTo("Secret[****]");
        assertThat(store.list()).extracting(i -> i.name() + "@" + i.source())
                .containsExactly("anthropic@env:ANTHROPIC_API_KEY", "my_db@env:CATALYST_SECRET_MY_DB");
        assertThat(EnvSecretStore.variableFor("x.y")).isEqualTo("CATALYST_SECRET_X_Y");
        assertThatThrownBy(() -> new Secret("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new EnvSecretStore().list()).isNotNull();
    }

    @Test
    void runEventsKnowTheirNamesAndWhichOnesEndARun() {
        var error = new RunEvent.ErrorInfo(ErrorCode.EXPRESSION_ERROR, "bad", false, "p", null);
        List<RunEvent> events = List.of(new RunEvent.RunStarted("r", "w"), new RunEvent.NodeStarted("p", "promptTemplate"),
                new RunEvent.Token("p", "t", 0), new RunEvent.RouterDecision("r", "c", "why", null, 1),
                new RunEvent.NodeCompleted("p", null, Usage.ZERO, BigDecimal.ZERO, 1, null), new RunEvent.NodeFailed("p", error, null),
                new RunEvent.RunCompleted("r", null), new RunEvent.RunFailed("r", error), new RunEvent.RunCancelled("r", "user"));
        assertThat(events).extracting(RunEvent::name).containsExactly("run.started", "node.started", "token", "router.decision",
                "node.completed", "node.failed", "run.completed", "run.failed", "run.cancelled");
        assertThat(events.stream().filter(RunEvent::isTerminal).count()).isEqualTo(3);
        assertThat(Json.write(error)).contains("\"code\":\"expression_error\"").doesNotContain("retryAfterMs");
    }

    @Test
    void jsonErrorsCarryLineAndColumn() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": }")).isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isPositive();
        });
        assertThatThrownBy(() -> Json.parse("  ")).hasMessageContaining("empty document");
        assertThat(Json.pretty(Json.parse("{\"a\":1}"))).contains("\"a\" : 1");
        assertThat(Json.valueToTree(Map.of("k", 1)).get("k").asInt()).isEqualTo(1);
    }

    @Test
    void cancellationRunsCallbacksOnce() throws Exception {
        var c = new Cancellation();
        var calls = new AtomicInteger();
        try (AutoCloseable handle = c.onCancel(calls::incrementAndGet)) {
            c.onCancel(() -> { throw new IllegalStateException("a failing callback"); });
            c.cancel(null);
            c.cancel("again");
        }
        assertThat(calls.get()).isEqualTo(1);
        assertThat(c.reason()).isEqualTo("cancelled");
        c.onCancel(calls::incrementAndGet);
        assertThat(calls.get()).isEqualTo(2);
        assertThatThrownBy(c::throwIfCancelled).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(e.retryable()).isFalse();
            assertThat(e.partialText()).isNull();
            assertThat(e.retryAfterMs()).isNull();
        });
        assertThat(Usage.of(10, 5, 2).plus(Usage.of(1, 1, 0))).isEqualTo(new Usage(11, 6, 2, 17));
    }

    @Test
    void theCatalogResolvesSuggestsAndPrices(@TempDir Path dir) throws Exception {
        var catalog = ModelCatalog.builtIn();
        assertThat(catalog.resolve("anthropic/claude-sonnet-4-6")).isPresent();
        assertThat(catalog.resolve("claude-3-opus-latest").orElseThrow().warning()).contains("retired");
        assertThat(catalog.resolve("openai", "gpt-4o").orElseThrow().warning()).contains("deprecated");
        assertThat(catalog.resolve(" ")).isEmpty();
        assertThat(catalog.suggest("anthropic", "claude-sonet-4-6")).contains("claude-sonnet-4-6");
        var model = catalog.resolve("anthropic", "claude-sonnet-4-6").orElseThrow().model();
        assertThat(ModelCatalog.cost(model, Usage.of(1_000_000, 0, 0), LocalDate.of(2026, 11, 25))).isPositive();
        assertThat(ModelCatalog.cost(model, Usage.of(1000, 1000, 500))).isPositive();
        assertThat(ModelCatalog.fromEnvironment(Map.of()).all()).hasSameSizeAs(catalog.all());
        Path override = dir.resolve("catalog.json");
        Files.writeString(override, "{ \"models\": [] }");
        assertThat(ModelCatalog.withOverride(override).all()).isNotNull();
    }
}
