package dev.catalyst.server.http;

import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.json.Json;
import dev.catalyst.engine.RunResult;
import dev.catalyst.server.runs.RunService;
import java.io.IOException;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions}: a model, a router preset or a stored workflow answers as
 * OpenAI's chat completion, whole or as chunks. Every call is a recorded run. A streamed answer
 * commits its status only with its first token, so a run that fails before it (an upstream 429,
 * a bad key) still answers with the fitting status and OpenAI's error body.
 */
final class ChatRoutes implements Router.Routes {
    private static final Logger LOG = Logger.getLogger(ChatRoutes.class.getName());

    private final RunService runs;
    private final GatewayModels models;
    private final ChatWorkflows workflows;
    private final Clock clock;

    ChatRoutes(RunService runs, GatewayModels models, ChatWorkflows workflows, Clock clock) {
        this.runs = runs;
        this.models = models;
        this.workflows = workflows;
        this.clock = clock;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.post("/chat/completions", this::complete);
    }

    private void complete(Exchange ex) throws Exception {
        long arrived = System.nanoTime();
        var chat = ChatCompletionRequest.read(Http.jsonBody(ex));
        var target = models.chatTarget(chat.model());
        var prepared = runs.prepare(workflows.request(chat, target));
        String answerNode = target instanceof GatewayModels.Target.Stored ? prepared.plan().answerNodeId() : ChatWorkflows.ANSWER_NODE;
        var feed = new AnswerFeed(answerNode);
        var launched = runs.launch(prepared, feed);
        ex.header(CatalystHeaders.RUN_ID, launched.id());
        ex.header(CatalystHeaders.OVERHEAD_MS, String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - arrived) / 1e6));
        var wire = new ChatWire("chatcmpl-" + launched.id(), clock.instant().getEpochSecond(), chat.model());
        try {
            if (chat.stream()) stream(ex, feed, wire, chat.includeUsage(), launched);
            else whole(ex, feed, wire, launched);
        } catch (InterruptedException e) {
            launched.handle().cancel("the request was interrupted");
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private void whole(Exchange ex, AnswerFeed feed, ChatWire wire, RunService.Launched launched) throws InterruptedException {
        var text = new StringBuilder();
        JsonNode output = null;
        while (true) {
            switch (feed.next()) {
                case AnswerFeed.Token t -> text.append(t.text());
                case AnswerFeed.Completed c -> output = c.output();
                case AnswerFeed.End end -> {
                    RunResult result = ended(ex, end, launched);
                    if (text.isEmpty() && output == null) text.append(outputText(result));
                    Http.json(ex, 200, wire.completion(text.toString(), output, result));
                    return;
                }
            }
        }
    }

    private void stream(Exchange ex, AnswerFeed feed, ChatWire wire, boolean includeUsage, RunService.Launched launched)
            throws InterruptedException {
        boolean open = false;
        JsonNode output = null;
        var frames = new ContentFrames(wire);
        try {
            while (true) {
                var item = feed.next();
                switch (item) {
                    case AnswerFeed.Token t -> {
                        if (!open) open = open(ex, wire);
                        ex.write(false, frames.frame(t.text()));
                    }
                    case AnswerFeed.Completed c -> output = c.output();
                    case AnswerFeed.End end -> {
                        RunResult result;
                        try {
                            result = ended(ex, end, launched); // before the first token: thrown as a status of its own
                        } catch (ApiException failed) {
                            if (!open) throw failed;
                            // mid-stream: OpenAI's SDKs raise an error for a chunk with an error object
                            ex.write(true, "data: " + Json.write(OpenAiErrors.body(failed)) + "\n\n");
                            return;
                        }
                        if (!open) open = open(ex, wire);
                        var calls = ChatWire.toolCalls(output, true);
                        for (JsonNode call : calls) {
                            // whole calls: the completion nodes hand over tool calls assembled
                            data(ex, wire.chunk((ObjectNode) Json.object().set("tool_calls", Json.array().add(call)), null));
                        }
                        if (output == null && result.outputs() != null) {
                            String text = outputText(result);
                            if (!text.isEmpty()) data(ex, wire.chunk(Json.object().put("content", text), null));
                        }
                        data(ex, wire.chunk(Json.object(), ChatWire.finishReason(output)));
                        if (includeUsage) data(ex, wire.usageChunk(result));
                        ex.write(true, "data: [DONE]\n\n");
                        return;
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the caller hung up: stop the run and its upstream request
            launched.handle().cancel("the client went away");
            LOG.log(Level.FINE, "chat stream of run " + launched.id() + ": client went away", LogFields.run(launched.id()));
        }
    }

    /** Headers, then the first chunk: the role, with empty content, as OpenAI sends it. */
    private static boolean open(Exchange ex, ChatWire wire) throws IOException {
        ex.response.setStatus(200);
        ex.header("Content-Type", "text/event-stream");
        ex.header("Cache-Control", "no-cache");
        ex.header("X-Accel-Buffering", "no");
        data(ex, wire.chunk(Json.object().put("role", "assistant").put("content", ""), null));
        return true;
    }

    private static void data(Exchange ex, ObjectNode chunk) throws IOException {
        ex.write(false, "data: " + Json.write(chunk) + "\n\n");
    }

    /**
     * The run's result once it is stored (the history shows it when the caller has the answer);
     * a failed or cancelled run is thrown as the status its error means.
     */
    private RunResult ended(Exchange ex, AnswerFeed.End end, RunService.Launched launched) throws InterruptedException {
        RunResult result = launched.handle().await();
        runs.whenStored(launched.id()).join();
        if (end.terminal() instanceof RunEvent.RunFailed f) {
            Long retry = OpenAiErrors.retryAfterSeconds(f.error());
            if (retry != null && !ex.response.isCommitted()) ex.header("Retry-After", Long.toString(retry));
            throw OpenAiErrors.ofRun(f.error());
        }
        if (end.terminal() instanceof RunEvent.RunCancelled c) {
            throw new ApiException(503, "cancelled", "the run was cancelled: " + c.reason());
        }
        return result;
    }

    /** A workflow without an answer node answers with its outputs: the one output's text, or all as JSON. */
    private static String outputText(RunResult result) {
        JsonNode outputs = result.outputs();
        if (outputs == null || outputs.isEmpty()) return "";
        JsonNode first = outputs.values().iterator().next();
        if (outputs.size() == 1 && first.isString()) return first.stringValue();
        return Json.write(outputs);
    }
}
