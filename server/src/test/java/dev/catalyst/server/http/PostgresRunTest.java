package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A run end to end with PostgreSQL as the store: events streamed, resumed from the store, run stored. */
class PostgresRunTest {
    static String schema;
    static TestServer t;

    @BeforeAll
    static void start() {
        schema = TestDatabases.freshSchema();
        t = new TestServer(TestDatabases.postgres(schema), ServerConfig.loopback());
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
        TestDatabases.dropSchema(schema);
    }

    @Test
    void runsStreamsAndReplaysFromPostgres() throws Exception {
        String id = t.startRun();
        t.nodes.feed("p", "g", TestExecutors.END);
        try (var sse = SseClient.open(t.http, t.url("/api/runs/" + id + "/events"), null, null)) {
            assertThat(sse.untilEnd(Duration.ofSeconds(30)).getLast().event()).isEqualTo("run.completed");
        }
        try (var sse = SseClient.open(t.http, t.url("/api/runs/" + id + "/events"), "4", null)) {
            var tail = sse.untilEnd(Duration.ofSeconds(30));
            assertThat(tail).extracting(SseClient.Frame::id).containsExactly("5", "6", "7", "8", "9", "10");
        }
        var run = t.get("/api/runs/" + id).body();
        assertThat(run.get("status").stringValue()).isEqualTo("completed");
        assertThat(run.get("outputs").get("answer").stringValue()).isEqualTo("pg");
    }
}
