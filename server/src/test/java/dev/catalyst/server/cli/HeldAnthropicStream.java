package dev.catalyst.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An Anthropic upstream on a loopback port that holds its one stream: it answers the first request
 * with the opening of a Messages stream (Anthropic's wire events, one text token) and then sends
 * nothing more, reading the connection until the client drops it. Unlike the testkit fakes, which
 * notice a client gone only on their next write, it sees the abort the moment it happens.
 */
final class HeldAnthropicStream implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final CountDownLatch streaming = new CountDownLatch(1);
    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile Socket socket;
    private volatile OutputStream stream;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    HeldAnthropicStream() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().name("held-anthropic").start(this::serve);
    }

    /** What {@code CATALYST_ANTHROPIC_BASE_URL} takes (Catalyst appends /v1/messages). */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Waits until the request came and its first token is on the wire. */
    boolean awaitStreaming(Duration wait) throws InterruptedException {
        return streaming.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Lets the held stream end as Anthropic ends one: the text block, the stop reason and usage, the
     * message's end. Once only; a stream not held (yet, or any more) is left as it is.
     */
    void finish() throws IOException {
        OutputStream out = stream;
        if (out == null || !finished.compareAndSet(false, true)) return;
        synchronized (out) {
            chunk(out, """
                    event: content_block_stop
                    data: {"type":"content_block_stop","index":0}

                    event: message_delta
                    data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

                    event: message_stop
                    data: {"type":"message_stop"}

                    """);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Waits until the client dropped the held stream (end of input or reset on its connection). */
    boolean awaitAborted(Duration wait) throws InterruptedException {
        return aborted.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void serve() {
        try (Socket s = server.accept()) {
            socket = s;
            InputStream in = s.getInputStream();
            skipRequest(in);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\ncache-control: no-cache\r\n"
                    + "request-id: req_held\r\ntransfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, """
                    event: message_start
                    data: {"type":"message_start","message":{"id":"msg_held","type":"message","role":"assistant","content":[],\
                    "model":"claude-sonnet-5-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}

                    event: content_block_start
                    data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                    event: content_block_delta
                    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Otters"}}

                    """);
            stream = out;
            streaming.countDown();
            while (in.read() >= 0) {
                // a client sends nothing more on this connection; it only closes it
            }
            aborted.countDown();
        } catch (IOException e) {
            aborted.countDown(); // a reset: dropped as well
        }
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the request head and its Content-Length body. */
    private static void skipRequest(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("the request ended early");
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(line.substring(15).strip());
        }
        in.skipNBytes(length);
    }

    @Override
    public void close() throws Exception {
        server.close();
        Socket s = socket;
        if (s != null) s.close();
        thread.join(Duration.ofSeconds(10));
    }
}
