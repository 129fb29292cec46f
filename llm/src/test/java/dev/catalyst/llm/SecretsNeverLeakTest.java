package dev.catalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A planted key must not show up in errors, logs or toString, even when a provider echoes it back.
 * Timeouts are generous: every call here gets an answer, however busy the machine is.
 */
class SecretsNeverLeakTest {
    @Test
    void echoedKeysAreRedactedEverywhere() throws Exception {
        var logged = new CopyOnWriteArrayList<String>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + (r.getParameters() == null ? "" : List.of(r.getParameters())));
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        String key = Fakes.KEY.reveal();
        try (var fakes = new Fakes()) {
            var nodes = LlmNodes.executors(fakes.patient(), new PlainTextRenderer(), new dev.catalyst.core.expr.ExpressionService(dev.catalyst.core.expr.ExpressionLimits.DEFAULT), new dev.catalyst.llm.router.RouterState(java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T12:00:00Z"), java.time.ZoneOffset.UTC), dev.catalyst.llm.router.RouterState.Settings.defaults()));
            var failures = new CopyOnWriteArrayList<NodeException>();
            fakes.openai.enqueueJson(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
            fakes.anthropic.enqueueJson(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"header x-api-key: " + key + " rejected; Authorization: Bearer " + key + "\"}}");
            fakes.groq.enqueueSse("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: {\"error\":{\"message\":\"bad key " + key + "\",\"type\":\"server_error\"}}\n\n");
            for (String p : List.of("openai", "anthropic", "groq")) {
                try {
                    nodes.get(p + "Completion").execute(new NodeCall("n", p + "Completion",
                            (ObjectNode) Json.parse("{\"model\":\"" + Fakes.model(p) + "\",\"maxRetries\":0}"),
                            Map.of("prompt", Json.valueToTree("hi")), new TestContext()));
                } catch (NodeException e) {
                    failures.add(e);
                }
            }
            // a retired model logs a warning: it must not carry the key either
            nodes.get("anthropicCompletion").execute(new NodeCall("n", "anthropicCompletion",
                    (ObjectNode) Json.parse("{\"model\":\"claude-3-5-sonnet-20241022\"}"), Map.of("prompt", Json.valueToTree("hi")), new TestContext()));
            assertThat(failures).hasSize(3);
            for (NodeException e : failures) {
                assertThat(e.getMessage()).doesNotContain(key);
                assertThat(e.toString()).doesNotContain(key);
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) assertThat(String.valueOf(t.getMessage())).doesNotContain(key);
            }
            assertThat(failures.get(0).getMessage()).contains("Incorrect API key provided: ****");
            assertThat(logged).isNotEmpty().noneMatch(l -> l.contains(key));
            assertThat(new CallOptions(Fakes.KEY, null, null, null).toString()).doesNotContain(key);
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
    }
}
