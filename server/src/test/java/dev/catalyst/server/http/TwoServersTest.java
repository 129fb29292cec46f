package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second server starting on the same database leaves the first one's live run alone. */
class TwoServersTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void onPostgres() throws Exception {
        String schema = TestDatabases.freshSchema();
        try {
            theFirstServersLiveRunCompletesAndIsStoredCompleted(() -> TestDatabases.postgres(schema));
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        theFirstServersLiveRunCompletesAndIsStoredCompleted(() -> TestDatabases.sqlite(dir));
    }

    private void theFirstServersLiveRunCompletesAndIsStoredCompleted(Supplier<Database> database) throws Exception {
        try (var first = new TestServer(database.get(), ServerConfig.loopback())) {
            String id = first.startRun();
            try (var sse = SseClient.open(first.http, first.url("/api/runs/" + id + "/events"), null, null)) {
                var seen = new ArrayList<SseClient.Frame>();
                first.nodes.feed("one ");
                SseClient.Frame f;
                do {
                    f = sse.nextEvent(WAIT);
                    assertThat(f).isNotNull();
                    seen.add(f);
                } while (!f.event().equals("token"));

                try (var second = new TestServer(database.get(), ServerConfig.loopback())) {
                    // its start-up recovery saw a live owner, so the run is still running
                    assertThat(second.get("/api/runs/" + id).body().get("status").stringValue()).isEqualTo("running");

                    first.nodes.feed("two", TestExecutors.END);
                    seen.addAll(sse.untilEnd(WAIT));
                    assertThat(seen.getLast().event()).isEqualTo("run.completed");
                    first.server.runs().whenStored(id).get(60, TimeUnit.SECONDS);

                    var run = second.get("/api/runs/" + id).body();
                    assertThat(run.get("status").stringValue()).isEqualTo("completed");
                    assertThat(run.get("outputs").get("answer").stringValue()).isEqualTo("one two");
                    var stored = new RunStore(second.db).events(id, 0, Long.MAX_VALUE, 100);
                    assertThat(stored).extracting(e -> Long.toString(e.seq()), StoredEvent::data)
                            .containsExactlyElementsOf(seen.stream()
                                    .map(x -> org.assertj.core.groups.Tuple.tuple(x.id(), x.data())).toList());
                    assertThat(stored).extracting(StoredEvent::name).doesNotContain("run.failed");
                }
            }
        }
    }
}
