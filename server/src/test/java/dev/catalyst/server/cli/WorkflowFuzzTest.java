package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * 1,200 workflows made by seeded mutation of examples/ (types, ports, configs, expressions,
 * templates, unicode, structure) go through validation and run creation on a started server in
 * simulate mode: every answer comes, in time, and none is a 5xx. A failing case prints its seed
 * and mutated workflow; kept crashers live in src/test/resources/fuzz-regressions and are replayed first.
 */
@Timeout(600)
class WorkflowFuzzTest {
    static final long SEED = 0x5EC12L;
    static final int CASES = 1_200;
    static final Path REGRESSIONS = Path.of("src", "test", "resources", "fuzz-regressions");

    @TempDir
    Path home;

    @Test
    void mutatedWorkflowsNeverGetA5xxOrHang() throws Exception {
        List<ObjectNode> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(SimulateModeTest.EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                examples.add((ObjectNode) Json.parse(Files.readString(f)));
            }
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        var world = CliTestSupport.world(Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(), "CATALYST_RUNS_PER_MINUTE", "0"));
        var failures = new ArrayList<String>();
        int runsStarted = 0;
        try (var server = new InProcessServer(world, "--simulate")) {
            if (Files.isDirectory(REGRESSIONS)) {
                try (Stream<Path> kept = Files.list(REGRESSIONS)) {
                    for (Path f : kept.sorted().toList()) check(server, Files.readString(f), "regression " + f.getFileName(), failures);
                }
            }
            var random = new Random(SEED);
            for (int i = 0; i < CASES; i++) {
                ObjectNode wf = examples.get(random.nextInt(examples.size())).deepCopy();
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations; m++) Mutations.apply(wf, random);
                if (check(server, Json.write(wf), "case " + i + " of seed " + SEED, failures)) runsStarted++;
            }
        }
        assertThat(failures).as("answers of 5xx or none").isEmpty();
        // the mutations must leave some workflows runnable, or run creation was never exercised
        assertThat(runsStarted).as("runs started").isGreaterThan(50);
    }

    /** Validates and runs one workflow; returns whether a run started. */
    private static boolean check(InProcessServer server, String workflow, String label, List<String> failures) throws Exception {
        var validated = send(server, "/api/workflows/validate", workflow);
        if (validated == null || validated.statusCode() >= 500) failures.add(label + " validate " + describe(validated) + "\n" + workflow);
        var run = send(server, "/api/runs", "{\"workflow\": " + workflow + ", \"inputs\": {}}");
        if (run == null || run.statusCode() >= 500) failures.add(label + " run " + describe(run) + "\n" + workflow);
        if (run != null && run.statusCode() == 201) {
            // stop it at once: the fuzz is about the edge, and a thousand streaming runs would crowd the machine
            String id = Json.parse(run.body()).get("id").asString();
            var cancelled = send(server, "/api/runs/" + id + "/cancel", "{}");
            if (cancelled == null || cancelled.statusCode() >= 500) failures.add(label + " cancel " + describe(cancelled));
            return true;
        }
        return false;
    }

    private static String describe(HttpResponse<String> r) {
        return r == null ? "no answer in time" : r.statusCode() + " " + r.body();
    }

    private static HttpResponse<String> send(InProcessServer server, String path, String body) throws Exception {
        try {
            return server.http.send(HttpRequest.newBuilder(URI.create(server.url + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            return null;
        }
    }

    /** Small changes of the kinds the issue lists, each drawn from the seeded random. */
    static final class Mutations {
        static final List<String> TYPES = List.of("promptTemplate", "anthropicCompletion", "openaiCompletion", "groqCompletion",
                "llmRouter", "streamResponse", "textJoin", "embedding", "noSuchType", "", "PROMPTTEMPLATE");
        static final List<String> TEXTS = List.of("{{", "}}", "{{ 1 / 0 }}", "{{ inputs.nope.deeper }}", "{{ topic }}", "{{ '\u0000' }}",
                "\u202Eevil\u202C", "😀🧪", "\uD800", "ze\u0301bra", "{{ [1,2][5] }}", "{{ size('x') * 999999999999 }}", "%s%n%x",
                "{{ topic + 1 }}", "{% for x in y %}", "\\u0000", "{{ has(inputs.topic) ? 'a' : 'b' }}", "a".repeat(5000));
        static final List<JsonNode> VALUES = List.of(Json.parse("null"), Json.parse("1e300"), Json.parse("-1"), Json.parse("1.5"),
                Json.parse("9223372036854775808"), Json.parse("\"7\""), Json.parse("true"), Json.parse("[]"), Json.parse("{}"),
                Json.parse("[[[[[[[[1]]]]]]]]"), Json.parse("\"\""), Json.parse("\"claude-sonnet-5-5\""), Json.parse("\"gpt-6-luna\""),
                Json.parse("{\"type\": \"object\"}"), Json.parse("[\"a\", 1, null]"), Json.parse("0"), Json.parse("2147483648"));
        static final List<String> PORTS = List.of("messages", "prompt", "text", "message", "usage", "model", "toolCalls", "embedding", "nope", "");

        static void apply(ObjectNode wf, Random r) {
            ArrayNode nodes = wf.path("nodes") instanceof ArrayNode a ? a : null;
            ArrayNode edges = wf.path("edges") instanceof ArrayNode a ? a : null;
            switch (r.nextInt(14)) {
                case 0 -> node(nodes, r).ifPresent(n -> n.put("type", pick(TYPES, r)));
                case 1 -> { if (nodes != null && !nodes.isEmpty()) nodes.remove(r.nextInt(nodes.size())); }
                case 2 -> { if (edges != null && !edges.isEmpty()) edges.remove(r.nextInt(edges.size())); }
                case 3 -> edge(edges, r).ifPresent(e -> e.put(r.nextBoolean() ? "sourcePort" : "targetPort", pick(PORTS, r)));
                case 4 -> edge(edges, r).ifPresent(e -> e.put(r.nextBoolean() ? "source" : "target", nodeId(nodes, r)));
                case 5 -> node(nodes, r).ifPresent(n -> config(n).set(configField(n, r), pick(VALUES, r)));
                case 6 -> node(nodes, r).ifPresent(n -> config(n).put(configField(n, r), pick(TEXTS, r)));
                case 7 -> node(nodes, r).ifPresent(n -> n.put("id", r.nextBoolean() ? nodeId(nodes, r) : pick(TEXTS, r)));
                case 8 -> {
                    if (edges != null && nodes != null && !nodes.isEmpty()) {
                        var e = edges.addObject();
                        e.put("id", "fz" + r.nextInt(1000));
                        e.put("source", nodeId(nodes, r));
                        e.put("sourcePort", pick(PORTS, r));
                        e.put("target", nodeId(nodes, r));
                        e.put("targetPort", pick(PORTS, r));
                    }
                }
                case 9 -> wf.set(pick(List.of("schemaVersion", "id", "name", "inputs", "nodes", "edges"), r), pick(VALUES, r));
                case 10 -> {
                    var inputs = wf.path("inputs") instanceof ObjectNode o ? o : wf.putObject("inputs");
                    var input = inputs.putObject(pick(List.of("topic", "question", "x", "\u00e9t\u00e9", ""), r));
                    input.set("type", pick(List.of(Json.parse("\"string\""), Json.parse("\"number\""), Json.parse("\"object\""), Json.parse("7")), r));
                    input.set("default", pick(VALUES, r));
                }
                case 11 -> { if (nodes != null && !nodes.isEmpty()) nodes.add(nodes.get(r.nextInt(nodes.size())).deepCopy()); }
                case 12 -> node(nodes, r).ifPresent(n -> n.set("config", pick(VALUES, r)));
                default -> wf.put("name", pick(TEXTS, r));
            }
        }

        private static java.util.Optional<ObjectNode> node(ArrayNode nodes, Random r) {
            if (nodes == null || nodes.isEmpty()) return java.util.Optional.empty();
            return nodes.get(r.nextInt(nodes.size())) instanceof ObjectNode o ? java.util.Optional.of(o) : java.util.Optional.empty();
        }

        private static java.util.Optional<ObjectNode> edge(ArrayNode edges, Random r) {
            if (edges == null || edges.isEmpty()) return java.util.Optional.empty();
            return edges.get(r.nextInt(edges.size())) instanceof ObjectNode o ? java.util.Optional.of(o) : java.util.Optional.empty();
        }

        private static ObjectNode config(ObjectNode node) {
            return node.path("config") instanceof ObjectNode c ? c : node.putObject("config");
        }

        // an existing field most of the time (so its checks run), sometimes a new one
        private static String configField(ObjectNode node, Random r) {
            var names = new ArrayList<String>(config(node).propertyNames());
            if (names.isEmpty() || r.nextInt(4) == 0) return pick(List.of("model", "template", "maxTokens", "temperature", "messages", "rules", "zzz"), r);
            return names.get(r.nextInt(names.size()));
        }

        private static String nodeId(ArrayNode nodes, Random r) {
            if (nodes == null || nodes.isEmpty()) return "ghost";
            return nodes.get(r.nextInt(nodes.size())).path("id").asString("ghost");
        }

        private static <T> T pick(List<T> from, Random r) {
            return from.get(r.nextInt(from.size()));
        }
    }
}
