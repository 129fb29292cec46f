package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.LogCapture;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.InstanceStore;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code catalyst start} on PostgreSQL holds one connection outside its pool (ADR 28's addendum):
 * counted in {@code pg_stat_activity} of a database of the test's own once the server listens, and
 * still one after the server has tailed another instance's run over it (which once started a second).
 */
@Timeout(180)
class OneListenerTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aServerOnPostgresqlListensOnBothChannelsAndTailsAnotherInstancesRunOverOneConnection(@TempDir Path home) throws Exception {
        String dbName = "catalyst_l1s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = "postgresql://postgres@127.0.0.1:5432/" + dbName;
        admin("CREATE DATABASE " + dbName);
        var world = CliTestSupport.world(Map.of("CATALYST_DB", url, "CATALYST_PORT", "0", "CATALYST_HOME", home.toString()));
        try (var log = LogCapture.of("dev.catalyst.server.store.NoticeListener", Level.FINE);
             var server = new InProcessServer(world, "--simulate");
             Database other = Database.open(DatabaseUrl.parse(url, Path.of(".")))) {
            assertThat(log.await(m -> m.equals("listening on catalyst_cooldowns+catalyst_run_events+catalyst_cancel"), WAIT)).as("one listener, every channel").isTrue();
            assertThat(listeners(dbName)).isEqualTo(1);

            // another instance (a live lease) runs a run here; this server tails it
            new InstanceStore(other).renew(new InstanceStore.Lease("elsewhere", "another-host", 1, null, System.currentTimeMillis() + 3_600_000));
            var writer = new RunStore(other);
            String run = UUID.randomUUID().toString();
            writer.create(run, "w", "{}", "{}", "running", "elsewhere");
            writer.append(List.of(event(run, 1, "run.started")));
            var names = new LinkedBlockingQueue<String>();
            var stream = server.http.send(HttpRequest.newBuilder(URI.create(server.url + "/api/runs/" + run + "/events"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var lines = stream.body()) {
                    lines.filter(l -> l.startsWith("event:")).forEach(l -> names.add(l.substring(6).strip()));
                }
            });
            assertThat(names.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("run.started");
            writer.append(List.of(event(run, 2, "token")));
            assertThat(names.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("woken by its notice").isEqualTo("token");
            writer.append(List.of(event(run, 3, "run.completed")));
            assertThat(names.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("run.completed");
            assertThat(reader.join(WAIT)).as("the stream ends with the run").isTrue();
            assertThat(listeners(dbName)).as("the tail started no listener of its own").isEqualTo(1);
        } finally {
            admin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        }
    }

    private static long listeners(String dbName) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
            ps.setString(1, dbName);
            ps.setString(2, Database.LISTENER_APPLICATION);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static StoredEvent event(String run, long seq, String name) {
        return new StoredEvent(run, seq, name, "{\"n\":" + seq + "}");
    }

    private static void admin(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
             var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
