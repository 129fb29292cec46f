package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.InstanceNotices;
import dev.catalyst.server.store.RunNotices;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TcpProxy;
import dev.catalyst.server.store.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reader of another instance's run: woken by notices, and kept open through a store outage. */
class TailingSubscriptionTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aTailReadsEachCommittedEventOnceAndOutlivesAStoreOutage() throws Exception {
        String schema = TestDatabases.freshSchema();
        try (var proxy = new TcpProxy("127.0.0.1", 5432);
             Database direct = TestDatabases.postgres(schema);
             Database viaProxy = TestDatabases.postgres(proxy.postgresUrl(), schema, TestDatabases.outageConfig());
             var listener = InstanceNotices.start(direct, java.time.Clock.systemUTC())) {
            assertThat(listener.awaitListening(WAIT)).isTrue();
            RunNotices notices = listener.runs();
            var writer = new RunStore(direct);
            writer.create("r", "w", "{}", "{}", "running", "elsewhere");
            writer.append(List.of(event(1, "run.started")));
            try (var sub = Subscription.tailing("r", new RunStore(viaProxy), 0, notices)) {
                assertThat(sub.next(WAIT)).extracting(StoredEvent::seq).isEqualTo(1L);
                assertThat(sub.next(Duration.ZERO)).as("nothing more yet").isNull();

                proxy.cutBoth();
                writer.append(List.of(event(2, "token"))); // the reader wakes, and its store cannot answer
                assertThat(sub.next(Duration.ofMillis(100))).as("no event, and no failure either").isNull();
                assertThat(sub.finished()).isFalse();

                proxy.restore();
                writer.append(List.of(event(3, "token")));
                assertThat(sub.next(WAIT)).extracting(StoredEvent::seq).isEqualTo(2L);
                assertThat(sub.next(WAIT)).extracting(StoredEvent::seq).isEqualTo(3L);
                writer.append(List.of(event(4, "run.completed")));
                assertThat(sub.next(WAIT)).extracting(StoredEvent::seq).isEqualTo(4L);
                assertThat(sub.finished()).isTrue();
                assertThat(sub.next(WAIT)).isNull();
            }
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    private static StoredEvent event(long seq, String name) {
        return new StoredEvent("r", seq, name, "{\"n\":" + seq + "}");
    }
}
