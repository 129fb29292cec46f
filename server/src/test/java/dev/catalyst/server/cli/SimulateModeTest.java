package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The examples run end to end with no key, through the real clients against the simulator's fakes. */
@Timeout(120)
class SimulateModeTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path home;

    /** A CLI session of this test's own: cooldowns and learned latency live in it, on a clock that stands still. */
    private Main session() {
        return CliTestSupport.world(Map.of("CATALYST_HOME", home.toString()));
    }

    private List<JsonNode> runJson(String example, String... more) {
        return runJson(session(), example, more);
    }

    private List<JsonNode> runJson(Main world, String example, String... more) {
        var args = new java.util.ArrayList<>(List.of("run", EXAMPLES.resolve(example).toString(), "--json"));
        args.addAll(List.of(more));
        var r = CliTestSupport.run(world, args.toArray(String[]::new));
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.err()).contains("SIMULATE MODE");
        return r.out().lines().map(Json::parse).toList();
    }

    /** Per node: its streamed tokens joined, checked against its final text, usage and cost. */
    private static Map<String, String> checkStreamsMatchOutputs(List<JsonNode> events) {
        var streamed = new LinkedHashMap<String, StringBuilder>();
        var finals = new LinkedHashMap<String, String>();
        for (JsonNode e : events) {
            JsonNode d = e.get("data");
            switch (e.get("event").stringValue()) {
                case "token" -> streamed.computeIfAbsent(d.get("nodeId").stringValue(), k -> new StringBuilder()).append(d.get("text").stringValue());
                case "node.completed" -> {
                    // the model calls: not the prompt, nor a join (it calls no model and streams nothing)
                    if (d.get("output").has("text") && !Set.of("prompt", "join").contains(d.get("nodeId").stringValue())) {
                        finals.put(d.get("nodeId").stringValue(), d.get("output").get("text").stringValue());
                        assertThat(d.get("usage").get("inputTokens").asInt()).isPositive();
                        assertThat(d.get("usage").get("outputTokens").asInt()).isPositive();
                        assertThat(d.get("costUsd").decimalValue()).isPositive();
                        assertThat(d.get("ttftMs").asLong()).isNotNegative();
                    }
                }
                default -> { }
            }
        }
        assertThat(finals).isNotEmpty();
        finals.forEach((node, text) -> {
            assertThat(text).isNotBlank();
            assertThat(streamed.get(node)).as("tokens of %s", node).isNotNull();
            assertThat(streamed.get(node).toString()).as("streamed text of %s", node).isEqualTo(text);
        });
        assertThat(events.getLast().get("event").stringValue()).isEqualTo("run.completed");
        return finals;
    }

    @Test
    void helloStreamsItsAnswerAndTheStreamEqualsTheOutput() {
        var events = runJson("hello.json", "--simulate");
        var finals = checkStreamsMatchOutputs(events);
        String answer = events.getLast().get("data").get("outputs").get("answer").stringValue();
        assertThat(answer).isEqualTo(finals.get("claude"));
        assertThat(events.stream().filter(e -> e.get("event").stringValue().equals("token")).count()).isGreaterThanOrEqualTo(5);

        // the plain run prints the same answer as it streams, and the summary names usage and cost
        var text = CliTestSupport.run(session(), "run", EXAMPLES.resolve("hello.json").toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).isEqualTo(answer + "\n");
        assertThat(text.err()).contains("SIMULATE MODE").contains("on because no provider key is set")
                .contains("✓ claude").contains("first token").contains("out tokens").contains("$").contains("── completed");
    }

    @Test
    void compareRunsThreeProvidersAndEachStreamEqualsItsOutput() {
        var events = runJson("compare.json");
        var finals = checkStreamsMatchOutputs(events);
        assertThat(finals.keySet()).containsExactlyInAnyOrder("claude", "gpt", "groq");
        JsonNode outputs = events.getLast().get("data").get("outputs");
        finals.forEach((node, text) -> assertThat(outputs.get(node).stringValue()).isEqualTo(text));
        // the join puts the three answers into one, in edge order
        assertThat(outputs.get("answer").stringValue()).isEqualTo(finals.get("claude") + "\n\n" + finals.get("gpt") + "\n\n" + finals.get("groq"));
    }

    @Test
    void embedWithNoKeyRunsTheLocalModelInProcess() {
        var events = runJson("embed.json");
        JsonNode done = events.stream().filter(e -> e.get("event").stringValue().equals("node.completed")).findFirst().orElseThrow().get("data");
        assertThat(done.get("output").get("model").stringValue()).isEqualTo("all-minilm-l6-v2");
        assertThat(done.get("usage").get("inputTokens").asInt()).isEqualTo(20);
        assertThat(done.get("costUsd").decimalValue()).isZero();
        JsonNode vectors = events.getLast().get("data").get("outputs").get("embeddings");
        assertThat(vectors.size()).isEqualTo(2);
        assertThat(vectors.get(0).size()).isEqualTo(384);
        // the recorded reference value of embed-local's MiniLmEmbedderTest: the real model ran
        assertThat(vectors.get(0).get(0).floatValue()).isCloseTo(0.02138088f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void embedWithVoyageReturnsVectorsWithUsageAndCost() {
        var events = runJson("embed-voyage.json");
        JsonNode done = events.stream().filter(e -> e.get("event").stringValue().equals("node.completed")).findFirst().orElseThrow().get("data");
        assertThat(done.get("usage").get("inputTokens").asInt()).isPositive();
        assertThat(done.get("costUsd").decimalValue()).isPositive();
        JsonNode vectors = events.getLast().get("data").get("outputs").get("embeddings");
        assertThat(vectors.size()).isPositive();
        assertThat(vectors.get(0).size()).isGreaterThan(100);
    }

    @Test
    void aFailedEmbeddingNamesItsNodeOnce() {
        var r = CliTestSupport.run(session(), "run", EXAMPLES.resolve("embed-voyage.json").toString(), "--json", "--simulate-fault", "voyage=http_401");
        assertThat(r.exit()).as(r.err()).isEqualTo(RunCommand.EXIT_FAILED);
        JsonNode failed = r.out().lines().map(Json::parse).filter(e -> e.get("event").stringValue().equals("node.failed"))
                .findFirst().orElseThrow().get("data");
        String message = failed.get("error").get("message").stringValue();
        assertThat(failed.get("error").get("code").stringValue()).isEqualTo("auth");
        assertThat(message).startsWith("node embed: ").doesNotContain("node embed: node embed");
        assertThat(r.err()).doesNotContain("node embed: node embed");
    }

    @Test
    void theRouterExampleRunsWithADecisionAndStreamsTheChosenModelsAnswer() {
        var events = runJson("router.json");
        var decisions = events.stream().filter(e -> e.get("event").stringValue().equals("router.decision")).toList();
        assertThat(decisions).isNotEmpty();
        JsonNode first = decisions.get(0).get("data");
        assertThat(first.get("nodeId").stringValue()).isEqualTo("router");
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        assertThat(first.get("candidates").size()).isEqualTo(3);
        // preset cost over claude-haiku-5-5, gpt-6-luna and openai/gpt-oss-20b: groq's model is cheapest
        assertThat(first.get("chosen").stringValue()).isEqualTo("groq");
        // the wired completion nodes are models only: they call no provider, they hand over their model
        var modelNodes = List.of("claude", "gpt", "groq");
        assertThat(events).noneMatch(e -> e.get("event").stringValue().equals("token")
                && modelNodes.contains(e.get("data").get("nodeId").stringValue()));
        assertThat(events.stream().filter(e -> e.get("event").stringValue().equals("node.completed")
                && modelNodes.contains(e.get("data").get("nodeId").stringValue())))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.get("data").get("output").propertyNames()).containsExactly("model"));
        String streamed = events.stream().filter(e -> e.get("event").stringValue().equals("token")
                && e.get("data").get("nodeId").stringValue().equals("router"))
                .map(e -> e.get("data").get("text").stringValue()).reduce("", String::concat);
        JsonNode done = events.getLast();
        assertThat(done.get("event").stringValue()).isEqualTo("run.completed");
        assertThat(streamed).isNotEmpty().isEqualTo(done.get("data").get("outputs").get("answer").stringValue());
    }

    @Test
    void aFaultOnTheFirstCandidateFallsBackAndShowsInTheEventsAndTheSummary() {
        var world = session();
        var events = runJson(world, "router.json", "--simulate-fault", "groq=http_429");
        var decisions = events.stream().filter(e -> e.get("event").stringValue().equals("router.decision"))
                .map(e -> e.get("data")).toList();
        assertThat(decisions).extracting(d -> d.get("chosen").stringValue(), d -> d.get("attempt").asInt())
                .startsWith(org.assertj.core.groups.Tuple.tuple("groq", 1), org.assertj.core.groups.Tuple.tuple("gpt", 2));
        assertThat(decisions.get(1).get("reason").stringValue()).contains("rate_limited");
        assertThat(events.getLast().get("event").stringValue()).isEqualTo("run.completed");

        // the 429 cooled groq down for every later run of the session: the next run starts on gpt
        // (the session's clock stands still, so the cooldown lasts however slow the machine is)
        var cooled = CliTestSupport.run(world, "run", EXAMPLES.resolve("router.json").toString(), "--simulate");
        assertThat(cooled.exit()).as(cooled.err()).isZero();
        assertThat(cooled.err()).contains("router chose gpt (attempt 1)").doesNotContain("router chose groq");
        assertThat(world.wiring.routerState().cooldown("groq/openai/gpt-oss-20b@groq")).isPresent();

        // once the Retry-After has passed on the session's clock, groq is chosen first again
        ((dev.catalyst.testkit.ManualClock) world.wiring.routerState().clock()).advance(java.time.Duration.ofMinutes(5));
        var recovered = CliTestSupport.run(world, "run", EXAMPLES.resolve("router.json").toString(), "--simulate");
        assertThat(recovered.exit()).as(recovered.err()).isZero();
        assertThat(recovered.err()).contains("router chose groq (attempt 1)");

        // the same fault as a person sees it, in a fresh session: the fallback is named on stderr
        var r = CliTestSupport.run(session(), "run", EXAMPLES.resolve("router.json").toString(), "--simulate-fault", "groq=http_429");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("SIMULATE MODE").contains("next groq request: http_429_retry_after")
                .contains("router chose groq (attempt 1)").contains("router chose gpt (attempt 2)").contains("rate_limited");
    }

    @Test
    void aMalformedSimulateFaultIsAUsageError() {
        var world = session();
        var noProvider = CliTestSupport.run(world, "run", EXAMPLES.resolve("hello.json").toString(), "--simulate-fault", "http_429");
        assertThat(noProvider.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noProvider.err()).contains("write PROVIDER=FAULT with a provider of anthropic, groq, openai, voyage");
        var unknown = CliTestSupport.run(world, "run", EXAMPLES.resolve("hello.json").toString(), "--simulate-fault", "groq=explode");
        assertThat(unknown.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(unknown.err()).contains("unknown fault 'explode'").contains("cut_mid_stream");
    }

    @Test
    void withAKeySetSimulateModeStaysOffUnlessAsked() {
        var env = Map.of("CATALYST_HOME", home.toString(), "ANTHROPIC_API_KEY", "sk-ant-api03-unused",
                "CATALYST_ANTHROPIC_BASE_URL", "http://127.0.0.1:1");
        var world = CliTestSupport.world(env);
        var real = CliTestSupport.run(world, "run", EXAMPLES.resolve("hello.json").toString());
        assertThat(real.err()).doesNotContain("SIMULATE MODE").doesNotContain("sk-ant-api03-unused");
        assertThat(real.exit()).isEqualTo(RunCommand.EXIT_FAILED);
        var asked = CliTestSupport.run(world, "run", EXAMPLES.resolve("hello.json").toString(), "--simulate");
        assertThat(asked.err()).contains("SIMULATE MODE").doesNotContain("on because no provider key");
        assertThat(asked.exit()).isZero();
    }

    @Test
    void theServerStreamsAHelloRunOverSseInSimulateMode() throws Exception {
        var world = CliTestSupport.world(Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString()));
        try (var server = new InProcessServer(world, "--simulate")) {
            assertThat(server.err.toString()).contains("SIMULATE MODE");
            assertThat(server.out.text).contains("mode:  simulate");
            var health = Json.parse(server.get("/api/health").body());
            assertThat(health.get("simulate").asBoolean()).isTrue();

            String workflow = java.nio.file.Files.readString(EXAMPLES.resolve("hello.json"));
            var created = server.post("/api/runs", "{\"workflow\": " + workflow + ", \"inputs\": {\"topic\": \"the migration of arctic terns across oceans\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String runId = Json.parse(created.body()).get("id").stringValue();

            var events = server.events(runId, new StringBuilder());
            var tokens = events.stream().filter(e -> e.event().equals("token")).toList();
            assertThat(tokens).hasSizeGreaterThanOrEqualTo(10);
            assertThat(events.getLast().event()).isEqualTo("run.completed");
            String streamed = tokens.stream().map(e -> Json.parse(e.data()).get("text").stringValue()).reduce("", String::concat);
            String answer = Json.parse(events.getLast().data()).get("outputs").get("answer").stringValue();
            assertThat(streamed).isEqualTo(answer).contains("arctic terns");
            // ids rise by one: nothing lost, nothing twice
            for (int i = 1; i < events.size(); i++) {
                assertThat(Long.parseLong(events.get(i).id())).isEqualTo(Long.parseLong(events.get(i - 1).id()) + 1);
            }
            // the router runs too, and the state of this server's routers is served for operators
            var router = server.post("/api/runs", "{\"workflow\": " + java.nio.file.Files.readString(EXAMPLES.resolve("router.json")) + "}");
            assertThat(router.statusCode()).as(router.body()).isEqualTo(201);
            var routerEvents = server.events(Json.parse(router.body()).get("id").stringValue(), new StringBuilder());
            assertThat(routerEvents).anyMatch(e -> e.event().equals("router.decision"));
            assertThat(routerEvents.getLast().event()).isEqualTo("run.completed");
            var status = Json.parse(server.get("/api/router/status").body());
            assertThat(status.has("cooldowns")).isTrue();
            assertThat(status.get("latency").toString()).contains("groq/openai/gpt-oss-20b");
            // it is the session's own state, the one the router nodes wrote; another session's is untouched
            assertThat(world.wiring.routerState().latency("groq/openai/gpt-oss-20b@groq")).isPresent();
            assertThat(status.get("at").stringValue()).isEqualTo(world.wiring.routerState().clock().instant().toString());
            assertThat(session().wiring.routerState().snapshot().latency()).isEmpty();
        }
    }

    @Test
    void withoutAnyKeyTheServerTurnsSimulateModeOnByItself() throws Exception {
        try (var server = new InProcessServer(CliTestSupport.world(Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString())))) {
            assertThat(server.err.toString()).contains("SIMULATE MODE").contains("on because no provider key is set");
            assertThat(Json.parse(server.get("/api/health").body()).get("simulate").asBoolean()).isTrue();
        }
        try (var server = new InProcessServer(CliTestSupport.world(
                Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(), "OPENAI_API_KEY", "sk-real-looking")))) {
            assertThat(server.err.toString()).doesNotContain("SIMULATE MODE");
            assertThat(Json.parse(server.get("/api/health").body()).get("simulate").asBoolean()).isFalse();
        }
    }
}
