package dev.catalyst.engine;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.exec.NodeOutput;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.engine.nodes.streamresponse.StreamResponseNode;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.validation.WorkflowValidator;
import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Small executors standing in for the real nodes (which land in other modules), and workflow helpers. */
final class TestNodes {
    private TestNodes() {}

    static final EnvSecretStore SECRETS = new EnvSecretStore(Map.of("ANTHROPIC_API_KEY", "k-a", "OPENAI_API_KEY", "k-o"));

    static Engine engine(Map<String, NodeExecutor> executors) {
        return engine(executors, EngineOptions.DEFAULTS);
    }

    static Engine engine(Map<String, NodeExecutor> executors, EngineOptions options) {
        return new Engine(StandInKinds.registry(), ModelCatalog.builtIn(), withStreamResponse(executors), templates(), SECRETS, options);
    }

    /** An engine whose node deadlines fire when {@code deadlines} says so. */
    static Engine engine(Map<String, NodeExecutor> executors, EngineOptions options, DeadlineTimer deadlines) {
        var templates = templates();
        var registry = StandInKinds.registry();
        return new Engine(registry, ModelCatalog.builtIn(), withStreamResponse(executors), templates, SECRETS, options,
                new WorkflowValidator(registry, ModelCatalog.builtIn(), templates), CpuPool.inline(), deadlines);
    }

    /** The test's executors plus the real streamResponse one, unless the test brings its own. */
    static Map<String, NodeExecutor> withStreamResponse(Map<String, NodeExecutor> executors) {
        var all = new java.util.HashMap<String, NodeExecutor>();
        all.put("streamResponse", new StreamResponseNode());
        all.putAll(executors);
        return all;
    }

    /** A template engine of the test's own, as the wiring would make one. */
    static TemplateEngine templates() {
        return new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));
    }

    static Workflow workflow(String json) {
        var decoded = WorkflowCodec.read(json.replace('\'', '"'));
        if (decoded.hasErrors()) throw new AssertionError(decoded.issues());
        return decoded.workflow();
    }

    /** promptTemplate stand-in: one user message with the config's template text. */
    static NodeExecutor prompt() {
        return call -> {
            String text = call.config().path("template").asString("");
            var out = Json.object();
            out.put("text", text);
            var msg = Json.object();
            msg.put("role", "user");
            msg.put("content", text);
            out.set("messages", Json.array().add(msg));
            return NodeOutput.of(out);
        };
    }

    /**
     * A streaming completion whose tokens come from a queue the test feeds: each string is one
     * token, {@link #END} ends the stream. It watches cancellation through a callback, like a real
     * HTTP call would.
     */
    static final class LatchStream implements NodeExecutor {
        static final String END = "\u0000end";
        final BlockingQueue<String> source = new LinkedBlockingQueue<>();
        final List<String> calledFor = new CopyOnWriteArrayList<>();
        final List<NodeCall> calls = new CopyOnWriteArrayList<>();
        volatile boolean cancelCallbackRan;

        @Override
        public NodeOutput execute(NodeCall call) throws NodeException, InterruptedException {
            calledFor.add(call.nodeId());
            calls.add(call);
            var text = new StringBuilder();
            try (AutoCloseable ignored = call.context().cancellation().onCancel(() -> cancelCallbackRan = true)) {
                while (true) {
                    String token = source.poll(30, TimeUnit.SECONDS);
                    if (token == null) throw new NodeException(ErrorCode.TIMEOUT, "test source gave nothing for 30 s");
                    if (token.equals(END)) break;
                    if (token.startsWith("!fail:")) {
                        throw new NodeException(ErrorCode.STREAM_INTERRUPTED, "stream cut: " + token.substring(6), text.toString(), null, null);
                    }
                    call.context().token(token);
                    text.append(token);
                }
            } catch (NodeException | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            var out = Json.object();
            out.put("text", text.toString());
            return new NodeOutput(out, Usage.of(10, text.length(), 2), new BigDecimal("0.0012"), null);
        }

        void feed(String... tokens) {
            source.addAll(List.of(tokens));
        }
    }

    /** Records the inputs it got and answers with them. */
    static final class Recorder implements NodeExecutor {
        final List<NodeCall> calls = new CopyOnWriteArrayList<>();

        @Override
        public NodeOutput execute(NodeCall call) {
            calls.add(call);
            var out = Json.object();
            out.put("text", "routed");
            out.set("decision", Json.object().put("inputs", call.inputs().keySet().toString()));
            return NodeOutput.of(out);
        }
    }
}
