package dev.catalyst.server.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads an event stream the way a browser's EventSource does: frames split by blank lines; comments kept apart. */
final class SseClient implements AutoCloseable {
    /** One frame: id, event and data of an event, or a comment line. {@code receivedNanos} is when it arrived. */
    record Frame(String id, String event, String data, String comment, long receivedNanos) {
        boolean isComment() {
            return comment != null;
        }

        /** A run's last event (completed, failed or cancelled): the server ends the stream after it. */
        boolean isTerminal() {
            return event != null && event.startsWith("run.") && !event.equals("run.started");
        }
    }

    private static final Frame END = new Frame(null, null, null, null, 0);

    final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final CountDownLatch readerDone = new CountDownLatch(1);
    volatile boolean ended;
    /** A run's last event was handed out: the server ends the response right after it. */
    private volatile boolean terminalSeen;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.body = response.body();
        Thread.ofVirtual().start(this::read);
    }

    static SseClient open(HttpClient http, String url, String lastEventId, String token) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
        if (token != null) b.header("Authorization", "Bearer " + token);
        return new SseClient(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** Starts a run with a POST whose response is the run's event stream. */
    static SseClient post(HttpClient http, String url, String body, String accept) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) b.header("Accept", accept);
        return new SseClient(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null, event = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event != null || data != null) frames.add(new Frame(id, event, data == null ? null : data.toString(), null, System.nanoTime()));
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, null, line, System.nanoTime()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String d = line.substring(5);
                    if (d.startsWith(" ")) d = d.substring(1);
                    data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
                }
            }
        } catch (IOException e) {
            // closed by us or by the server
        } finally {
            ended = true;
            frames.add(END);
            readerDone.countDown();
        }
    }

    /** The next event (comments skipped), or null if the stream ended or nothing came in time. */
    Frame nextEvent(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Frame f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (f == null || f == END) {
                if (f == END) frames.add(END);
                return null;
            }
            if (!f.isComment()) {
                if (f.isTerminal()) terminalSeen = true;
                return f;
            }
        }
    }

    /** The next frame of any kind, or null. */
    Frame nextFrame(Duration wait) throws InterruptedException {
        Frame f = frames.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (f == END) {
            frames.add(END);
            return null;
        }
        if (f != null && f.isTerminal()) terminalSeen = true;
        return f;
    }

    /** Events until the terminal one (inclusive) or the stream's end. */
    List<Frame> untilEnd(Duration wait) throws InterruptedException {
        var out = new ArrayList<Frame>();
        Frame f;
        while ((f = nextEvent(wait)) != null) {
            out.add(f);
            if (f.isTerminal()) break;
        }
        return out;
    }

    /**
     * Drops the stream. After a run's last event it first reads to the response's end, which the
     * server sends right after: the JDK client pools the connection as soon as it has parsed the
     * end, and a close that cancels the body in that moment still closes the connection, now in the
     * pool, so the next request on it fails with "header parser received no bytes" (a POST is not
     * retried). Before the last event, closing cancels the body and the connection is not reused.
     */
    @Override
    public void close() {
        if (terminalSeen) {
            try {
                readerDone.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            body.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
