package dev.catalyst.llm.providers.http;

import dev.catalyst.core.secrets.Secret;
import dev.catalyst.llm.ChatRequest;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.llm.error.LlmException;
import java.net.URI;
import java.util.function.Consumer;

/** Everything provider-specific about a chat call: the request, the stream and answer mapping, the errors. */
public interface ProviderCodec {
    String provider();

    /** Builds the HTTP request; a request the provider would reject is an {@code invalid_request} here. */
    WireRequest request(URI baseUrl, ChatRequest request, Secret key) throws LlmException;

    StreamMapper streamMapper();

    /**
     * Turns a non-streamed answer into the same chunks a stream would give; a body that is not the
     * provider's JSON throws {@link dev.catalyst.core.json.JsonSyntaxException}.
     */
    void parseResponse(String body, Consumer<StreamChunk> out) throws LlmException;

    /** Maps a non-2xx answer by the provider's own error shape, falling back to the status where it has none. */
    LlmError error(int status, String body, Long retryAfterMs);
}
