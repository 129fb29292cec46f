package dev.catalyst.bench;

import dev.catalyst.llm.StreamAssembler;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.providers.anthropic.AnthropicCodec;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.groq.GroqCodec;
import dev.catalyst.llm.providers.http.ProviderCodec;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.openai.OpenAiCodec;
import dev.catalyst.llm.providers.sse.SseEvent;
import dev.catalyst.llm.providers.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse and relay cost per streamed chunk: bytes in network-sized pieces through the SSE parser,
 * the provider's stream mapper, the assembler and a token sink, for each provider's wire format.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamRelayBenchmark {
    static final int CHUNKS = 500;

    @Param({"anthropic", "openai", "groq"})
    public String provider;

    private byte[] body;
    private ProviderCodec codec;

    @Setup
    public void setup() {
        codec = switch (provider) {
            case "anthropic" -> new AnthropicCodec();
            case "openai" -> new OpenAiCodec();
            default -> new GroqCodec();
        };
        body = stream(provider).getBytes(StandardCharsets.UTF_8);
    }

    /** A stream of {@link #CHUNKS} text deltas in the provider's format (shapes as in the recorded fixtures). */
    static String stream(String provider) {
        var sb = new StringBuilder();
        if (provider.equals("anthropic")) {
            sb.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-5-5\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n");
            sb.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
            for (int i = 0; i < CHUNKS; i++) {
                sb.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" word\"}}\n\n");
            }
            sb.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
            sb.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":500}}\n\n");
            sb.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
            return sb.toString();
        }
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,\"model\":\"m\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":";
        sb.append("data: ").append(head).append("{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < CHUNKS; i++) {
            sb.append("data: ").append(head).append("{\"content\":\" word\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        String usage = "{\"prompt_tokens\":14,\"completion_tokens\":500,\"total_tokens\":514}";
        if (provider.equals("groq")) {
            sb.append("data: ").append(head).append("{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":").append(usage).append("},\"usage\":").append(usage).append("}\n\n");
        } else {
            sb.append("data: ").append(head).append("{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
            sb.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,\"model\":\"m\",\"choices\":[],\"usage\":").append(usage).append("}\n\n");
        }
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public void parseAndRelay(Blackhole bh) throws LlmException {
        var parser = new SseParser();
        StreamMapper mapper = codec.streamMapper();
        var assembler = new StreamAssembler();
        var events = new ArrayList<SseEvent>();
        var relayed = new StringBuilder();
        for (int at = 0; at < body.length; at += 1400) { // about one TCP segment per read
            parser.feed(body, at, Math.min(1400, body.length - at), events::add);
            for (SseEvent e : events) {
                mapper.accept(e, c -> {
                    assembler.accept(c);
                    if (c instanceof StreamChunk.TextDelta t) relayed.append(t.text());
                });
            }
            events.clear();
        }
        if (!mapper.done()) throw new IllegalStateException("stream did not finish");
        bh.consume(assembler.result());
        bh.consume(relayed.length());
    }
}
