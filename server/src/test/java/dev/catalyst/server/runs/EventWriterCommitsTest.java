package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.NewRun;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoreTime;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import dev.catalyst.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer reports each committed group's size and its oldest write's wait, on the store's clock. */
class EventWriterCommitsTest {
    record Commit(int writes, Duration lag) {}

    @TempDir
    Path dir;

    @Test
    void aGroupReportsItsWritesAndTheWaitOfItsOldest() throws Exception {
        var clock = new ManualClock();
        var commits = new LinkedBlockingQueue<Commit>();
        try (Database db = TestDatabases.sqlite(dir)) {
            var store = new RunStore(db);
            // the group's gathering time passes on the test's clock: 7 ms, and nothing else moves it
            var grouping = new EventWriter.Grouping(Duration.ofMillis(7), 4096, clock::advance);
            try (var writer = new EventWriter(store, db.config().outage(), new StoreTime(clock, d -> { }), grouping,
                    (writes, lag) -> commits.add(new Commit(writes, lag)))) {
                var owner = new EventWriterTest.Owner("c-1", 2);
                writer.create(new NewRun("c-1", "w", "{}", "{}", "running", null), owner);
                writer.event(owner, new StoredEvent("c-1", 1, "run.started", "{}"));
                writer.event(owner, new StoredEvent("c-1", 2, "token", "{}"));
                assertThat(owner.reached.await(30, TimeUnit.SECONDS)).isTrue();
                var all = new java.util.ArrayList<Commit>();
                commits.drainTo(all);
                // the row and its two events, in one group or (if the writer took the row alone) two
                assertThat(all).isNotEmpty();
                assertThat(all.stream().mapToInt(Commit::writes).sum()).isEqualTo(3);
                assertThat(all).allSatisfy(c -> assertThat(c.lag()).isEqualTo(Duration.ofMillis(7)));
            }
        }
    }
}
