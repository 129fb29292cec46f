package dev.catalyst.bench;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.llm.StreamAssembler;
import dev.catalyst.llm.StreamChunk;
import dev.catalyst.llm.error.LlmException;
import dev.catalyst.llm.providers.anthropic.AnthropicCodec;
import dev.catalyst.llm.providers.groq.GroqCodec;
import dev.catalyst.llm.providers.http.ProviderCodec;
import dev.catalyst.llm.providers.http.StreamMapper;
import dev.catalyst.llm.providers.openai.OpenAiCodec;
import dev.catalyst.llm.providers.sse.SseEvent;
import dev.catalyst.llm.providers.sse.SseParser;
import dev.catalyst.server.http.SseFrames;
import dev.catalyst.server.runs.EventWriter;
import dev.catalyst.server.runs.RunSink;
import dev.catalyst.server.runs.Subscription;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The relay path of one streamed chunk, from the upstream's bytes to the bytes written to a client's
 * socket: bytes in network-sized pieces through the SSE parser and the provider's stream mapper
 * (as {@link StreamRelayBenchmark}), then what the server does with each text delta: a
 * {@code token} event into the run's {@link RunSink} (numbered, encoded as the stored JSON, handed
 * to the {@link EventWriter}, kept in the ring and offered to the live subscriber), read by the
 * subscriber, framed as SSE ({@link SseFrames}) and written, one frame per event as for a client
 * that keeps up, to a real loopback TCP socket whose other end a thread drains.
 *
 * <p>The writer stores the events in SQLite (a temp file) on its own thread, in groups every 5 ms:
 * that cost is not on the measured thread (it is amortised over a group; CPU per relayed token in
 * {@code ./catalyst bench} includes it). Jetty's own response path (chunked encoding, its buffers)
 * is not in it either: the socket write is a plain {@link SocketChannel} write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamRelaySocketBenchmark {
    static final int CHUNKS = StreamRelayBenchmark.CHUNKS;

    @Param({"anthropic", "openai", "groq"})
    public String provider;

    private byte[] body;
    private ProviderCodec codec;
    private Path dir;
    private Database db;
    private EventWriter writer;
    private RunSink sink;
    private Subscription subscriber;
    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel server;
    private Thread drain;
    private long index;
    private final java.util.concurrent.atomic.AtomicLong clientBytes = new java.util.concurrent.atomic.AtomicLong();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        codec = switch (provider) {
            case "anthropic" -> new AnthropicCodec();
            case "openai" -> new OpenAiCodec();
            default -> new GroqCodec();
        };
        body = StreamRelayBenchmark.stream(provider).getBytes(StandardCharsets.UTF_8);
        dir = Files.createTempDirectory("catalyst-relay-bench");
        db = Database.open(DatabaseUrl.sqlite(dir.resolve("catalyst.db")));
        var store = new RunStore(db);
        store.create("relay", "bench", "{}", "{}", "running");
        writer = new EventWriter(store);
        sink = new RunSink("relay", writer, 1 << 16);
        subscriber = sink.subscribe(0);

        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(listener.getLocalAddress());
        server = listener.accept();
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        drain = Thread.ofPlatform().daemon().name("relay-client").start(() -> {
            var buffer = ByteBuffer.allocateDirect(64 * 1024);
            try {
                int n;
                while ((n = client.read(buffer.clear())) >= 0) clientBytes.addAndGet(n); // read and dropped
            } catch (IOException closed) {
                // the trial is over
            }
        });
    }

    /** Bytes the client has read so far, and token events relayed: the path did reach the socket. */
    long clientBytes() {
        return clientBytes.get();
    }

    long tokens() {
        return index;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.close();
        client.close();
        listener.close();
        drain.join();
        subscriber.close();
        writer.close();
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public void parseRelayAndWrite(Blackhole bh) throws LlmException, IOException, InterruptedException {
        var parser = new SseParser();
        StreamMapper mapper = codec.streamMapper();
        var assembler = new StreamAssembler();
        var events = new ArrayList<SseEvent>();
        var frame = new StringBuilder(512);
        for (int at = 0; at < body.length; at += 1400) { // about one TCP segment per read
            parser.feed(body, at, Math.min(1400, body.length - at), events::add);
            for (SseEvent e : events) {
                mapper.accept(e, c -> {
                    assembler.accept(c);
                    if (c instanceof StreamChunk.TextDelta t) sink.emit(new RunEvent.Token("model", t.text(), index++));
                });
            }
            events.clear();
            StoredEvent out;
            while ((out = subscriber.next(Duration.ZERO)) != null) {
                SseFrames.frame(frame, out);
                var bytes = ByteBuffer.wrap(frame.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) server.write(bytes);
                frame.setLength(0);
            }
        }
        if (!mapper.done()) throw new IllegalStateException("stream did not finish");
        bh.consume(assembler.result());
    }
}
