package dev.catalyst.llm.nodes.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.llm.Fakes;
import dev.catalyst.llm.TestContext;
import dev.catalyst.llm.TestKinds;
import dev.catalyst.llm.WordCountEmbedder;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.testkit.ManualClock;
import dev.catalyst.testkit.fake.Fault;
import dev.catalyst.testkit.fake.FaultTiming;
import dev.catalyst.testkit.fake.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Batching against the fakes: limits by count and tokens, order, usage, per-batch retries on a clock the test moves. */
class EmbeddingBatchingTest {
    static Fakes fakes;
    ManualClock clock;
    List<Long> waits;
    NodeExecutor node;

    @BeforeAll
    static void start() {
        fakes = new Fakes();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void build() {
        fakes.openai.reset().faultTiming(new FaultTiming(Duration.ofSeconds(3), Duration.ofSeconds(3), 1, 20));
        clock = new ManualClock();
        waits = new CopyOnWriteArrayList<>();
        ProviderSettings p = fakes.patient();
        var settings = new ProviderSettings(p.baseUrls(), p.http(), p.timeouts(), p.retry(), clock);
        // every wait is recorded and passes at once by moving the clock: no test waits in real time
        Pause pause = (ms, cancellation) -> {
            waits.add(ms);
            clock.advance(Duration.ofMillis(ms));
        };
        node = TestKinds.executors(settings, new RouterState(clock, RouterState.Settings.defaults()),
                new EmbeddingSetup("openai", new WordCountEmbedder(), pause)).get("embeddingGenerate");
    }

    NodeOutput run(String config, List<String> texts) throws Exception {
        var ctx = new TestContext(new EnvSecretStore(Map.of("OPENAI_API_KEY", Fakes.KEY.reveal())));
        return node.execute(new NodeCall("embed", "embeddingGenerate", (ObjectNode) Json.parse(config), Map.of("texts", Json.valueToTree(texts)), ctx));
    }

    List<RecordedRequest> sentSince(int before) {
        var all = fakes.openai.requests();
        return all.subList(before, all.size());
    }

    @Test
    void fiveThousandTextsAreSplitWithinTheCountAndTokenLimitsAndKeepOrderAndUsage() throws Exception {
        // about 200 tokens each: 2,048 of them would be over OpenAI's 300k tokens per request
        List<String> texts = IntStream.range(0, 5000).mapToObj(i -> "text " + i + " " + "otter ".repeat(150 + i % 100)).toList();
        int before = fakes.openai.requests().size();
        NodeOutput out = run("{\"provider\":\"openai\",\"dimensions\":8,\"batchSize\":2048,\"concurrency\":4}", texts);

        var sent = sentSince(before);
        var cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        var seen = new HashMap<String, Integer>();
        for (RecordedRequest r : sent) {
            JsonNode input = r.json().get("input");
            assertThat(input.size()).isLessThanOrEqualTo(2048);
            long tokens = 0;
            for (JsonNode t : input) {
                tokens += cl100k.countTokensOrdinary(t.asString());
                seen.merge(t.asString(), 1, Integer::sum);
            }
            assertThat(tokens).isLessThanOrEqualTo(300_000);
        }
        assertThat(sent.size()).as("the token limit, not the count, sets the number of requests").isGreaterThan(3);
        assertThat(seen).hasSize(5000).allSatisfy((text, times) -> assertThat(times).isEqualTo(1));

        JsonNode vectors = out.values().get("embeddings");
        assertThat(vectors.size()).isEqualTo(5000);
        for (int i : new int[] {0, 1499, 2048, 4999}) {
            JsonNode alone = run("{\"provider\":\"openai\",\"dimensions\":8}", List.of(texts.get(i))).values().get("embeddings").get(0);
            assertThat(vectors.get(i)).as("vector %d", i).isEqualTo(alone);
        }
        long fakeTokens = texts.stream().mapToLong(t -> Math.max(1, t.length() / 4)).sum(); // the fake counts a token per 4 characters
        assertThat(out.usage().inputTokens()).isEqualTo(fakeTokens);
        assertThat(out.values().at("/usage/inputTokens").asLong()).isEqualTo(fakeTokens);
        assertThat(out.values().get("dimensions").asInt()).isEqualTo(8);
        assertThat(waits).isEmpty();
    }

    @Test
    void aBatchThatFailsTwiceThenSucceedsIsRetriedAloneAfterTheProvidersWait() throws Exception {
        List<String> texts = List.of("a", "b", "c", "d", "e", "f");
        int before = fakes.openai.requests().size();
        fakes.openai.enqueue(Fault.HTTP_429_RETRY_AFTER, Fault.HTTP_500);
        NodeOutput out = run("{\"provider\":\"openai\",\"dimensions\":4,\"batchSize\":2,\"concurrency\":1,\"maxRetries\":2}", texts);
        var inputs = sentSince(before).stream().map(r -> r.json().get("input").toString()).toList();
        assertThat(inputs).containsExactly("[\"a\",\"b\"]", "[\"a\",\"b\"]", "[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"e\",\"f\"]");
        assertThat(out.values().get("embeddings").size()).isEqualTo(6);
        // retry-after: 1 (seconds) honoured, then the backoff before the third try
        assertThat(waits.getFirst()).isEqualTo(1000);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(1)).isBetween(1L, 20L);
    }

    @Test
    void aBatchThatFailsForGoodNamesTheTextsNotEmbeddedAndKeepsTheOthers() throws Exception {
        List<String> texts = List.of("a", "b", "c", "d", "e", "f");
        fakes.openai.enqueueJson(200, "{\"object\":\"list\",\"data\":[{\"index\":0,\"embedding\":[1.0,0.0]},{\"index\":1,\"embedding\":[0.0,1.0]}],"
                + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}");
        fakes.openai.enqueue(Fault.HTTP_401);
        int before = fakes.openai.requests().size();
        assertThatThrownBy(() -> run("{\"provider\":\"openai\",\"batchSize\":2,\"concurrency\":1}", texts))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH);
                    assertThat(e.getMessage()).startsWith("4 of 6 texts not embedded (texts 2–3, 4–5 (not sent)): ")
                            .endsWith("; the 2 embedded are in the error's details").doesNotContain(Fakes.KEY.reveal());
                    JsonNode d = e.details();
                    assertThat(d.get("failedIndices").toString()).isEqualTo("[2,3,4,5]");
                    assertThat(d.get("embeddings").toString()).isEqualTo("[[1.0,0.0],[0.0,1.0],null,null,null,null]");
                    assertThat(d.at("/usage/inputTokens").asLong()).isEqualTo(2);
                });
        assertThat(sentSince(before)).as("no batch after the one that failed").hasSize(2);
    }

    @Test
    void aTextOverTheModelsLimitIsRefusedByIndexBeforeAnythingIsSent() {
        int before = fakes.openai.requests().size();
        var texts = new ArrayList<>(List.of("short", "otter ".repeat(9000)));
        assertThatThrownBy(() -> run("{\"provider\":\"openai\"}", texts))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTEXT_LENGTH_EXCEEDED))
                .hasMessageStartingWith("texts[1] has about 18001 tokens, more than text-embedding-3-small reads (8191); shorten it");
        assertThatThrownBy(() -> run("{\"provider\":\"openai\",\"truncate\":true}", texts)).hasMessageStartingWith("openai cannot cut long texts itself");
        assertThat(sentSince(before)).isEmpty();
    }

    @Test
    void voyageCutsLongTextsWhenAskedAndGetsItsInputType() throws Exception {
        var ctx = new TestContext(new EnvSecretStore(Map.of("VOYAGE_API_KEY", Fakes.KEY.reveal())));
        var config = (ObjectNode) Json.parse("{\"provider\":\"voyage\",\"inputType\":\"query\",\"truncate\":true,\"dimensions\":256}");
        ArrayNode texts = Json.MAPPER.createArrayNode().add("x").add("otter ".repeat(40_000));
        NodeOutput out = node.execute(new NodeCall("embed", "embeddingGenerate", config, Map.of("texts", texts), ctx));
        JsonNode sent = fakes.voyage.lastRequest().json();
        assertThat(sent.get("truncation").asBoolean()).isTrue();
        assertThat(sent.get("input_type").asString()).isEqualTo("query");
        assertThat(sent.get("output_dimension").asInt()).isEqualTo(256);
        assertThat(out.values().get("embeddings").get(1).size()).isEqualTo(256);
        config.put("truncate", false);
        assertThatThrownBy(() -> node.execute(new NodeCall("embed", "embeddingGenerate", config, Map.of("texts", texts), ctx)))
                .hasMessageStartingWith("texts[1] has about 100002 tokens, more than voyage-4 reads (32000); shorten it, or set truncate: true");
    }

    @Test
    void batchesAreCutByTokensAndCountInOrder() {
        assertThat(EmbeddingBatches.plan(new long[] {5, 5, 5, 5, 5}, 2, 100)).extracting(EmbeddingBatches.Batch::size).containsExactly(2, 2, 1);
        assertThat(EmbeddingBatches.plan(new long[] {60, 30, 20, 90, 200, 1}, 10, 100))
                .containsExactly(new EmbeddingBatches.Batch(0, 2), new EmbeddingBatches.Batch(2, 3), new EmbeddingBatches.Batch(3, 4),
                        new EmbeddingBatches.Batch(4, 5), new EmbeddingBatches.Batch(5, 6));
        assertThat(EmbeddingBatches.plan(new long[0], 10, 100)).isEmpty();
    }

    @Test
    void theCooldownHoldsEveryoneUntilTheLongestWaitIsOver() throws Exception {
        var cooldown = new Cooldown(clock, (ms, c) -> {
            waits.add(ms);
            clock.advance(Duration.ofMillis(ms));
        });
        var cancellation = new dev.catalyst.core.exec.Cancellation();
        cooldown.await(cancellation);
        assertThat(waits).isEmpty();
        cooldown.hold(1000);
        cooldown.hold(200); // a shorter wait does not cut the longer one
        cooldown.await(cancellation);
        assertThat(waits).containsExactly(1000L);
        cooldown.await(cancellation);
        assertThat(waits).containsExactly(1000L);
    }
}
