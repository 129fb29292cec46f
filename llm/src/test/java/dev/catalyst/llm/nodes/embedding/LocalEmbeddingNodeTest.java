package dev.catalyst.llm.nodes.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.llm.TestContext;
import dev.catalyst.llm.TestKinds;
import dev.catalyst.llm.WordCountEmbedder;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.testkit.ManualClock;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The local provider through the node: no key, no network; the model itself is tested in embed-local. */
class LocalEmbeddingNodeTest {
    WordCountEmbedder model;
    NodeExecutor node;

    @BeforeEach
    void build() {
        model = new WordCountEmbedder();
        // no provider reachable: a call that left the process would fail
        node = TestKinds.executors(ProviderSettings.of(Map.of()), new RouterState(new ManualClock(), RouterState.Settings.defaults()),
                new EmbeddingSetup("local", model)).get("embeddingGenerate");
    }

    NodeOutput run(String config, JsonNode texts) throws Exception {
        var ctx = new TestContext(new EnvSecretStore(Map.of()));
        return node.execute(new NodeCall("embed", "embeddingGenerate", (ObjectNode) Json.parse(config), Map.of("texts", texts), ctx));
    }

    @Test
    void withoutAProviderAndWithoutKeysTheLocalModelEmbedsInBatches() throws Exception {
        var texts = Json.parse("[\"a b\",\"c\",\"d e f\",\"g\",\"h\"]");
        NodeOutput out = run("{\"batchSize\": 2}", texts);
        assertThat(out.values().get("embeddings").size()).isEqualTo(5);
        assertThat(out.values().get("model").asString()).isEqualTo("all-minilm-l6-v2");
        assertThat(out.values().get("dimensions").asInt()).isEqualTo(4);
        assertThat(out.values().get("costUsd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(out.usage().inputTokens()).isEqualTo(4 + 3 + 5 + 3 + 3);
        assertThat(model.batches).containsExactly(2, 2, 1);
        // order kept: the third vector is the one "d e f" gets alone
        var alone = run("{\"provider\": \"local\"}", Json.parse("\"d e f\""));
        assertThat(out.values().get("embeddings").get(2)).isEqualTo(alone.values().get("embeddings").get(0));
    }

    @Test
    void aTextOverTheModelsLimitIsRefusedByIndexUnlessTruncateIsSet() throws Exception {
        var texts = Json.parse("[\"short\",\"one two three four five six seven\"]");
        assertThatThrownBy(() -> run("{\"provider\": \"local\"}", texts))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED))
                .hasMessage("texts[1] has 9 tokens, more than all-minilm-l6-v2 reads (8); shorten it, or set truncate: true to embed its first 8 tokens");
        assertThat(model.batches).isEmpty();
        NodeOutput out = run("{\"provider\": \"local\", \"truncate\": true}", texts);
        assertThat(out.values().get("embeddings").size()).isEqualTo(2);
    }

    @Test
    void anotherModelUnderLocalIsRefusedWithTheOneItHas() {
        assertThatThrownBy(() -> run("{\"provider\": \"local\", \"model\": \"text-embedding-3-small\"}", Json.parse("\"x\"")))
                .hasMessage("the local provider has one model, all-minilm-l6-v2; 'text-embedding-3-small' is not available offline"
                        + " (did you mean all-minilm-l6-v2?)");
        assertThat(model.batches).isEmpty();
    }

    @Test
    void aCancelledRunStopsBetweenBatches() {
        var ctx = new TestContext(new EnvSecretStore(Map.of()));
        ctx.cancellation().cancel("test");
        assertThatThrownBy(() -> node.execute(new NodeCall("embed", "embeddingGenerate", (ObjectNode) Json.parse("{}"), Map.of("texts", Json.parse("\"x\"")), ctx)))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    }

    @Test
    void aPassedDeadlineIsATimeoutAndAModelFailureAServerError() {
        var ctx = new TestContext(new EnvSecretStore(Map.of()));
        ctx.deadline = java.time.Instant.now().minusSeconds(1);
        assertThatThrownBy(() -> node.execute(new NodeCall("embed", "embeddingGenerate", (ObjectNode) Json.parse("{}"), Map.of("texts", Json.parse("\"x\"")), ctx)))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessage("the local model embedded 0 of 1 texts before the node's timeout");
        assertThatThrownBy(() -> run("{}", Json.parse("[\"a\", \"fail\"]")))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_ERROR))
                .hasMessage("the local embedding model failed: the model failed on purpose");
    }

    @Test
    void theDefaultProviderFollowsTheKeysConfigured() {
        assertThat(EmbeddingSetup.defaultProvider(true, true)).isEqualTo("openai");
        assertThat(EmbeddingSetup.defaultProvider(false, true)).isEqualTo("voyage");
        assertThat(EmbeddingSetup.defaultProvider(false, false)).isEqualTo("local");
    }
}
