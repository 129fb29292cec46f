package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(60)
class StartCommandTest {
    /** A writer that opens a latch once the server has printed its address. */
    static final class Watch extends Writer {
        final StringBuilder text = new StringBuilder();
        final CountDownLatch ready = new CountDownLatch(1);

        @Override
        public synchronized void write(char[] c, int off, int len) {
            text.append(c, off, len);
            if (text.indexOf("ui:") >= 0) ready.countDown();
        }

        @Override public void flush() { }
        @Override public void close() { }
    }

    @Test
    void servesTheApiAndSaysWhereDataLives(@TempDir Path home) throws Exception {
        var world = CliTestSupport.world(Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString(), "CATALYST_TOKEN", "tok"));
        var out = new Watch();
        var err = new StringWriter();
        int[] exit = {-1};
        Thread server = Thread.ofVirtual().start(() -> exit[0] = Main.run(new String[] {"start"}, new PrintWriter(out, true), new PrintWriter(err, true), world));
        assertThat(out.ready.await(60, TimeUnit.SECONDS)).as("server printed its address; stderr: %s", err).isTrue();
        var m = Pattern.compile("serving on (http://\\S+)").matcher(out.text);
        assertThat(m.find()).isTrue();
        assertThat(out.text).contains("data:  sqlite:" + home.resolve("catalyst.db")).contains("auth:");
        var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1) + "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Files.exists(home.resolve("catalyst.db"))).isTrue();
        world.stop.countDown();
        assertThat(server.join(java.time.Duration.ofSeconds(60))).as("server stopped").isTrue();
        assertThat(exit[0]).isZero();
    }

    @Test
    void badSettingsAreOneClearLine(@TempDir Path home) {
        var r = CliTestSupport.run(CliTestSupport.world(Map.of("CATALYST_PORT", "eighty", "CATALYST_HOME", home.toString())), "start");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("CATALYST_PORT must be a port number");
        var db = CliTestSupport.run(CliTestSupport.world(
                Map.of("CATALYST_DB", "postgresql://nobody@127.0.0.1:1/none?connectTimeout=2", "CATALYST_HOME", home.toString())), "start");
        assertThat(db.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(db.err()).contains("cannot open the database");
        var versions = CliTestSupport.run(CliTestSupport.world(
                Map.of("CATALYST_WORKFLOW_VERSIONS", "none", "CATALYST_PORT", "0", "CATALYST_HOME", home.toString())), "start");
        assertThat(versions.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(versions.err()).contains("CATALYST_WORKFLOW_VERSIONS must be a whole number");
    }

    @Test
    void aPortInUseIsReported(@TempDir Path home) throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var r = CliTestSupport.run(CliTestSupport.world(
                    Map.of("CATALYST_PORT", Integer.toString(taken.getLocalPort()), "CATALYST_HOME", home.toString())), "start");
            assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err()).contains("cannot serve on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void findsTheUiFolderNextToTheBuild() {
        assertThat(StartCommand.uiRoot()).isNotNull();
    }

    @Test
    void stoppingClosesEveryPartAndReleasesTheHookEvenWhenAPartFailsToClose() {
        var closed = new java.util.ArrayList<String>();
        var released = new CountDownLatch(1);
        var failure = org.assertj.core.api.Assertions.catchThrowable(() -> StartCommand.closeAll(
                () -> closed.add("server"),
                () -> { throw new IllegalStateException("providers would not close"); },
                () -> { throw new NoClassDefFoundError("the jar went away"); },
                () -> closed.add("db"),
                released::countDown));
        assertThat(closed).containsExactly("server", "db");
        assertThat(released.getCount()).isZero();
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("providers would not close");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(NoClassDefFoundError.class);
    }
}
