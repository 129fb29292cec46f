package dev.catalyst.llm.providers.openai;

import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Data-only chunks ending in {@code [DONE]} (OpenAI and Groq), each read into a
 * {@link ChatCompletionChunk}. A chunk with {@code error} (or an {@code event: error}) throws,
 * mapped by the codec's own error rules; so does Groq's {@code x_groq.error}.
 */
final class OpenAiStreamMapper implements StreamMapper {
    private static final OpenAiErrors.ApiError UNNAMED = new OpenAiErrors.ApiError("An error occurred during streaming", "server_error", null, null);
    private final OpenAiCodec codec;
    private boolean started;
    private boolean done;

    OpenAiStreamMapper(OpenAiCodec codec) {
        this.codec = codec;
    }

    @Override
    public void accept(SseEvent event, Consumer<StreamChunk> out) throws LlmException {
        if (event.data().startsWith("[DONE]")) {
            done = true;
            return;
        }
        ChatCompletionChunk c = ChunkReader.read(event.data());
        if (c.error() != null || event.type().equals("error")) throw new LlmException(codec.error(200, c.error() == null ? UNNAMED : c.error(), null));
        if (c.xGroq() != null && c.xGroq().error() != null) {
            String p = codec.provider();
            throw new LlmException(new LlmError.ServerError(p, 200, p + " stopped the stream: " + c.xGroq().error(), null));
        }
        if (!started) {
            started = true;
            out.accept(new StreamChunk.Started(c.id(), c.model()));
        }
        if (c.choices() != null) {
            for (ChatCompletionChunk.Choice choice : c.choices()) choice(choice, out);
        }
        ChatCompletion.Usage usage = OpenAiCodec.usage(c.usage(), c.xGroq());
        if (usage != null) out.accept(OpenAiCodec.usage(usage));
    }

    private static void choice(ChatCompletionChunk.Choice choice, Consumer<StreamChunk> out) {
        ChatCompletionChunk.Delta delta = choice.delta();
        if (delta != null) {
            if (delta.content() != null && !delta.content().isEmpty()) out.accept(new StreamChunk.TextDelta(delta.content()));
            if (delta.refusal() != null && !delta.refusal().isEmpty()) out.accept(new StreamChunk.RefusalDelta(delta.refusal()));
            if (delta.toolCalls() != null) {
                for (ChatCompletionChunk.ToolCallDelta call : delta.toolCalls()) {
                    var f = call.function();
                    out.accept(new StreamChunk.ToolCallDelta(call.index(), call.id(), f == null ? null : f.name(), f == null ? null : f.arguments()));
                }
            }
        }
        if (choice.finishReason() != null) out.accept(new StreamChunk.Finish(choice.finishReason(), OpenAiCodec.finish(choice.finishReason())));
    }

    @Override
    public boolean done() {
        return done;
    }
}
