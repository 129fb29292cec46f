package dev.catalyst.server;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.nodes.streamresponse.StreamResponseNode;
import dev.catalyst.server.cli.NodeKinds;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for the real nodes (they land in other modules): a prompt node, and a streaming
 * "completion" whose tokens come from a queue the test feeds, so a test decides when each token
 * is produced. {@code END} ends the stream, {@code !fail} breaks it.
 */
public final class TestExecutors {
    public static final String END = "\u0000end";
    public static final String FAIL = "!fail";

    public final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    public final List<String> cancelled = new CopyOnWriteArrayList<>();

    public void feed(String... t) {
        tokens.addAll(List.of(t));
    }

    public Map<String, NodeExecutor> executors() {
        return Map.of("promptTemplate", TestExecutors::prompt, "anthropicCompletion", this::stream,
                "streamResponse", new StreamResponseNode());
    }

    public Engine engine() {
        return new Engine(NodeKinds.registry(), ModelCatalog.builtIn(), executors(), templates(),
                new EnvSecretStore(Map.of("ANTHROPIC_API_KEY", "test-key")));
    }

    /** A template engine of the test's own, as the wiring makes one. */
    public static dev.catalyst.core.template.TemplateEngine templates() {
        return new dev.catalyst.core.template.TemplateEngine(
                new dev.catalyst.core.expr.ExpressionService(dev.catalyst.core.expr.ExpressionLimits.DEFAULT));
    }

    static NodeOutput prompt(NodeCall call) {
        String text = call.config().path("template").asString("");
        var out = Json.object();
        out.put("text", text);
        out.set("messages", Json.array().add(Json.object().put("role", "user").put("content", text)));
        return NodeOutput.of(out);
    }

    private NodeOutput stream(NodeCall call) throws NodeException, InterruptedException {
        var text = new StringBuilder();
        try (AutoCloseable ignored = call.context().cancellation().onCancel(() -> cancelled.add(call.context().runId()))) {
            while (true) {
                String t = tokens.poll(60, TimeUnit.SECONDS);
                if (t == null) throw new NodeException(ErrorCode.TIMEOUT, "test token source gave nothing for 60 s");
                if (t.equals(END)) break;
                if (t.equals(FAIL)) throw new NodeException(ErrorCode.STREAM_INTERRUPTED, "cut", text.toString(), null, null);
                call.context().token(t);
                text.append(t);
            }
        } catch (NodeException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new NodeOutput(Json.object().put("text", text.toString()), Usage.of(3, text.length(), 0), new BigDecimal("0.002"), null);
    }

    /** prompt → claude → streamResponse, with the answer as the workflow output. */
    public static final String WORKFLOW = """
        { "schemaVersion": 1, "id": "hello", "name": "Hello",
          "inputs": { "topic": { "type": "string", "default": "otters" } },
          "nodes": [
            { "id": "prompt", "type": "promptTemplate", "config": { "template": "hi" } },
            { "id": "claude", "type": "anthropicCompletion", "config": { "model": "claude-haiku-5-5" } },
            { "id": "answer", "type": "streamResponse" } ],
          "edges": [
            { "source": "prompt", "sourcePort": "messages", "target": "claude", "targetPort": "messages" },
            { "source": "claude", "sourcePort": "text", "target": "answer", "targetPort": "text" } ],
          "outputs": { "answer": "{{ nodes.answer.output.text }}" } }
        """;
}
