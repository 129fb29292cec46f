package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code catalyst start} run in this JVM in the test's own world (environment, clock, stop latch), with what it printed. */
final class InProcessServer implements AutoCloseable {
    final StartCommandTest.Watch out = new StartCommandTest.Watch();
    final WatchedText err = new WatchedText();
    final String url;
    final HttpClient http = HttpClient.newHttpClient();
    private final Thread thread;
    private final int[] exit = {-1};
    private final Main world;

    InProcessServer(Main world, String... args) throws InterruptedException {
        this.world = world;
        String[] argv = Stream.concat(Stream.of("start"), Stream.of(args)).toArray(String[]::new);
        thread = Thread.ofVirtual().start(() -> exit[0] = Main.run(argv, new PrintWriter(out, true), new PrintWriter(err, true), world));
        assertThat(out.ready.await(60, TimeUnit.SECONDS)).as("server printed its address; stderr: %s", err).isTrue();
        var m = Pattern.compile("serving on (http://\\S+)").matcher(out.text);
        assertThat(m.find()).isTrue();
        url = m.group(1);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One SSE event as read off the wire. */
    record Event(String id, String event, String data, long receivedNanos) {}

    /** Reads a run's event stream until its terminal event; the raw text goes to {@code raw}. */
    List<Event> events(String runId, StringBuilder raw) throws Exception {
        var res = http.send(HttpRequest.newBuilder(URI.create(url + "/api/runs/" + runId + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        var events = new ArrayList<Event>();
        String id = null, event = null, data = null;
        try (var lines = res.body()) {
            var it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                raw.append(line).append('\n');
                if (line.isEmpty()) {
                    if (event != null) {
                        events.add(new Event(id, event, data, System.nanoTime()));
                        if (event.startsWith("run.") && !event.equals("run.started")) break;
                    }
                    id = event = data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                }
            }
        }
        return events;
    }

    /** Asks it to stop (as SIGTERM does) without waiting; {@link #close} waits for the stop. */
    void stopAsync() {
        world.stop.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        world.stop.countDown();
        assertThat(thread.join(java.time.Duration.ofSeconds(60))).as("server stopped").isTrue();
        assertThat(exit[0]).isZero();
    }
}
