package dev.catalyst.llm.nodes.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.TestKinds;
import dev.catalyst.llm.TestContext;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.llm.providers.voyage.VoyageEmbeddingCodec;
import dev.catalyst.testkit.ProviderCorpus;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.FaultTiming;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EmbeddingNodeTest {
    static Fakes fakes;
    static NodeExecutor node;
    /** The same node with short timeouts, for the one call that must time out (a hang never answers). */
    static NodeExecutor hasty;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
        node = TestKinds.executors(fakes.patient()).get("embeddingGenerate");
        hasty = TestKinds.executors(fakes.settings).get("embeddingGenerate");
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void reset() {
        fakes.openai.reset().faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 1, 20));
        fakes.voyage.reset().faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 1, 20));
    }

    static TestContext ctx() {
        return new TestContext(new EnvSecretStore(Map.of("OPENAI_API_KEY", Fakes.KEY.reveal(), "VOYAGE_API_KEY", Fakes.KEY.reveal())));
    }

    static NodeOutput run(String config, Map<String, JsonNode> inputs) throws Exception {
        return node.execute(new NodeCall("embed", "embeddingGenerate", (ObjectNode) Json.parse(config), inputs, ctx()));
    }

    @Test
    void theConfigIsReadIntoItsRecordAndAWrongShapeIsAClearError() {
        assertThatThrownBy(() -> run("{\"provider\": \"openai\", \"model\": \"text-embedding-3-small\", \"batchSize\": \"many\"}",
                Map.of("texts", Json.valueToTree("x"))))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("embeddingGenerate config does not match its schema");
    }

    @Test
    void openaiInBatchesInOrderWithUsageAndCost() throws Exception {
        int before = fakes.openai.requests().size();
        var texts = Json.parse("[[\"a\",\"b\"],\"c\",[\"d\",\"e\"]]");
        NodeOutput out = run("{\"provider\":\"openai\",\"model\":\"text-embedding-3-small\",\"dimensions\":8,\"batchSize\":2}", Map.of("texts", texts));
        JsonNode vectors = out.values().get("embeddings");
        assertThat(vectors.size()).isEqualTo(5);
        assertThat(vectors.get(0).size()).isEqualTo(8);
        assertThat(fakes.openai.requests().size() - before).isEqualTo(3);
        var sent = fakes.openai.lastRequest().json();
        assertThat(sent.path("encoding_format").asString()).isEqualTo("base64");
        assertThat(sent.path("dimensions").asInt()).isEqualTo(8);
        assertThat(out.usage().inputTokens()).isEqualTo(5);
        assertThat(out.values().at("/usage/inputTokens").asLong()).isEqualTo(5);
        assertThat(out.costUsd()).isPositive();
        NodeOutput again = run("{\"provider\":\"openai\",\"dimensions\":8}", Map.of("texts", Json.parse("[\"c\"]")));
        assertThat(again.values().get("embeddings").get(0)).isEqualTo(vectors.get(2));
    }

    @Test
    void voyageWithInputTypeAndConfigTexts() throws Exception {
        NodeOutput out = run("{\"provider\":\"voyage\",\"model\":\"voyage-4\",\"inputType\":\"document\",\"dimensions\":256,\"texts\":\"Sea otters use rocks.\"}", Map.of());
        assertThat(out.values().get("embeddings").get(0).size()).isEqualTo(256);
        var sent = fakes.voyage.lastRequest().json();
        assertThat(sent.path("input_type").asString()).isEqualTo("document");
        assertThat(sent.path("output_dimension").asInt()).isEqualTo(256);
        assertThat(sent.path("input").get(0).asString()).isEqualTo("Sea otters use rocks.");
        assertThat(run("{\"provider\":\"voyage\",\"model\":\"voyage-4\"}", Map.of("texts", Json.parse("\"x\""))).values().get("embeddings").get(0).size()).isEqualTo(1024);
        assertThat(fakes.voyage.lastRequest().json().path("model").asString()).isEqualTo("voyage-4");
    }

    @Test
    void anotherProvidersModelIsRefusedNotSwapped() throws Exception {
        int before = fakes.voyage.requests().size();
        assertThatThrownBy(() -> run("{\"provider\":\"voyage\",\"model\":\"text-embedding-3-small\"}", Map.of("texts", Json.parse("\"x\""))))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith("model 'text-embedding-3-small' belongs to openai, not voyage: set config.provider to openai"
                            + " or pick one of voyage's embedding models (did you mean voyage-").doesNotStartWith("node ");
                });
        assertThatThrownBy(() -> run("{\"provider\":\"openai\",\"model\":\"text-embedding-4-mini\"}", Map.of("texts", Json.parse("\"x\""))))
                .hasMessageStartingWith("model 'text-embedding-4-mini' is not a openai embedding model in the catalog (did you mean text-embedding-");
        assertThat(fakes.voyage.requests().size()).as("nothing reached voyage").isEqualTo(before);
        // without config.model each provider gets its own default, never another provider's
        NodeOutput out = run("{\"provider\":\"voyage\"}", Map.of("texts", Json.parse("\"x\"")));
        assertThat(fakes.voyage.lastRequest().json().path("model").asString()).isEqualTo("voyage-4");
        assertThat(out.values().get("model").asString()).isEqualTo("voyage-4");
        assertThat(out.values().get("dimensions").asInt()).isEqualTo(1024);
        assertThat(out.values().has("warning")).isFalse();
    }

    @Test
    void aDeprecatedModelRunsWithAWarningInItsOutput() throws Exception {
        NodeOutput out = run("{\"provider\":\"voyage\",\"model\":\"voyage-2\"}", Map.of("texts", Json.parse("\"x\"")));
        assertThat(fakes.voyage.lastRequest().json().path("model").asString()).isEqualTo("voyage-2");
        assertThat(out.values().get("warning").asString()).contains("voyage-2").contains("deprecated");
    }

    @Test
    void base64VectorsDecodeLittleEndian() {
        JsonNode vectors = Json.parse(ProviderCorpus.read("openai/embeddings/base64-decode-vectors.json")).get("vectors");
        for (JsonNode v : vectors) {
            float[] got = Vectors.decodeBase64(v.get("base64_little_endian_float32").asString());
            assertThat(got).hasSize(v.get("floats_as_float32").size());
            for (int i = 0; i < got.length; i++) assertThat(got[i]).isEqualTo((float) v.get("floats_as_float32").get(i).asDouble());
        }
    }

    @Test
    void fixtureResponsesReplayed() throws Exception {
        fakes.voyage.enqueueJson(200, ProviderCorpus.read("voyage/response-base64-float.constructed.json"));
        NodeOutput v = run("{\"provider\":\"voyage\",\"model\":\"voyage-3.5\"}", Map.of("texts", Json.parse("\"a\"")));
        JsonNode floats = Json.parse(ProviderCorpus.read("voyage/response-float.constructed.json")).at("/data/0/embedding");
        for (int i = 0; i < floats.size(); i++) {
            assertThat(v.values().at("/embeddings/0/" + i).floatValue()).isEqualTo((float) floats.get(i).asDouble());
        }
        assertThat(v.usage().inputTokens()).isEqualTo(4);
        fakes.openai.enqueueJson(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":1,\"embedding\":[2.0]},"
                + "{\"object\":\"embedding\",\"index\":0,\"embedding\":\"AACAPw==\"}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}");
        NodeOutput o = run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("[\"x\",\"y\"]")));
        assertThat(o.values().at("/embeddings/0/0").floatValue()).isEqualTo(1.0f);
        assertThat(o.values().at("/embeddings/1/0").floatValue()).isEqualTo(2.0f);
        fakes.openai.enqueueJson(200, "{\"data\":[]}");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\",\"maxRetries\":0}", Map.of("texts", Json.parse("\"x\""))))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_ERROR));
        fakes.openai.enqueueJson(200, "{\"data\":[{\"index\":4,\"embedding\":[1]}]}");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\",\"maxRetries\":0}", Map.of("texts", Json.parse("\"x\""))))
                .hasMessageContaining("index 4");
        fakes.openai.enqueueJson(200, "not json");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\",\"maxRetries\":0}", Map.of("texts", Json.parse("\"x\""))))
                .hasMessageContaining("malformed");
    }

    @Test
    void faultsAndRetries() throws Exception {
        int before = fakes.voyage.requests().size();
        fakes.voyage.enqueue(Fault.HTTP_429_RETRY_AFTER_MS, Fault.HTTP_500);
        assertThat(run("{\"provider\":\"voyage\",\"model\":\"voyage-4\"}", Map.of("texts", Json.parse("\"x\""))).values().get("embeddings").size()).isEqualTo(1);
        assertThat(fakes.voyage.requests().size() - before).isEqualTo(3);
        fakes.voyage.enqueue(Fault.HTTP_401);
        assertThatThrownBy(() -> run("{\"provider\":\"voyage\",\"model\":\"voyage-4\"}", Map.of("texts", Json.parse("\"x\""))))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH);
                    assertThat(e.getMessage()).contains("Provided API key is invalid").doesNotContain(Fakes.KEY.reveal());
                });
        fakes.openai.enqueue(Fault.HTTP_429_RETRY_AFTER, Fault.HTTP_429_RETRY_AFTER, Fault.HTTP_429_RETRY_AFTER);
        assertThatThrownBy(() -> run("{\"provider\":\"openai\",\"maxRetries\":2}", Map.of("texts", Json.parse("\"x\""))))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        fakes.voyage.enqueue(Fault.HANG);
        assertThatThrownBy(() -> hasty.execute(new NodeCall("embed", "embeddingGenerate",
                (ObjectNode) Json.parse("{\"provider\":\"voyage\",\"model\":\"voyage-4\",\"maxRetries\":0}"), Map.of("texts", Json.parse("\"x\"")), ctx())))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        assertThat(new VoyageEmbeddingCodec().error(400, "{\"detail\":\"Number of tokens in an example exceeds the context length\"}", null).code())
                .isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(new VoyageEmbeddingCodec().error(400, ProviderCorpus.read("voyage/errors/400-batch-token-limit.observed.json"), null).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void badInputsNameWhereTheyAre() {
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of())).hasMessageContaining("texts port");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("[]")))).hasMessage("texts is an empty list: nothing to embed");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("[\"a\",\"\"]"))))
                .hasMessageStartingWith("texts[1] is an empty string");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("\"\"")))).hasMessageStartingWith("texts is an empty string");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("[[\"a\"],[\"b\",7]]"))))
                .hasMessage("texts[1][1] is a number, not text");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("[\"a\",null]")))).hasMessage("texts[1] is null, not text");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("[{\"a\":1}]")))).hasMessage("texts[0] is an object, not text");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("[[[\"a\"]]]")))).hasMessageContaining("a list inside a list");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("{\"a\":1}")))).hasMessageContaining("list of strings, not an object");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", Map.of("texts", Json.parse("true")))).hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> run("{\"provider\":\"voyage\",\"model\":\"voyage-4\",\"inputType\":\"poem\"}", Map.of("texts", Json.parse("\"x\"")))).hasMessageContaining("query or document");
        assertThatThrownBy(() -> node.execute(new NodeCall("embed", "embeddingGenerate", (ObjectNode) Json.parse("{\"provider\":\"openai\"}"),
                Map.of("texts", Json.parse("\"x\"")), new TestContext(new EnvSecretStore(Map.of())))))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH));
    }
}
