package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.RunFinal;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSinkTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static Database db;
    static RunStore store;
    static EventWriter writer;

    @BeforeAll
    static void open() {
        db = TestDatabases.sqlite(dir);
        store = new RunStore(db);
        writer = new EventWriter(store);
    }

    @AfterAll
    static void close() {
        writer.close();
        db.close();
    }

    private static List<Long> drain(Subscription s) throws InterruptedException {
        var seqs = new ArrayList<Long>();
        StoredEvent e;
        while ((e = s.next(WAIT)) != null) seqs.add(e.seq());
        return seqs;
    }

    @Test
    void aSlowSubscriberCatchesUpWithoutSlowingTheOthers() throws Exception {
        store.create("slow", "w", "{}", "{}", "running");
        var sink = new RunSink("slow", writer, 4);
        var slow = sink.subscribe(0);
        var fast = sink.subscribe(0);
        var fastSeqs = new ArrayList<Long>();
        var fastDone = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                fastSeqs.addAll(drain(fast));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            fastDone.countDown();
        });
        sink.emit(new RunEvent.RunStarted("slow", "w"));
        for (int i = 0; i < 500; i++) sink.emit(new RunEvent.Token("n", "t" + i, i));
        // the engine's emits returned although `slow` has read nothing and holds only 4 events
        sink.emit(new RunEvent.RunCompleted("slow", null));
        sink.finish(new RunFinal("completed", null, null, "[]"));
        assertThat(fastDone.await(10, TimeUnit.SECONDS)).isTrue();
        var expected = java.util.stream.LongStream.rangeClosed(1, 502).boxed().toList();
        assertThat(fastSeqs).isEqualTo(expected);
        assertThat(drain(slow)).isEqualTo(expected);
        assertThat(slow.overflows()).isPositive();
        assertThat(slow.finished()).isTrue();
        assertThat(slow.lastDelivered()).isEqualTo(502);
        assertThat(sink.done().get(10, TimeUnit.SECONDS)).isEqualTo(new RunSink.Outcome.Stored());
        assertThat(store.lastSeq("slow")).isEqualTo(502);
        assertThat(store.find("slow").orElseThrow().status()).isEqualTo("completed");
        slow.close();
        fast.close();
        assertThat(sink.subscriberCount()).isZero();
    }

    @Test
    void aLateSubscriberGetsHistoryThenLiveWithNoGapOrDuplicate() throws Exception {
        store.create("late", "w", "{}", "{}", "running");
        var sink = new RunSink("late", writer, 8);
        sink.emit(new RunEvent.RunStarted("late", "w"));
        for (int i = 0; i < 100; i++) sink.emit(new RunEvent.Token("n", "t", i));
        var late = sink.subscribe(40);
        var got = new ArrayList<Long>();
        var reader = Thread.ofVirtual().start(() -> {
            try {
                got.addAll(drain(late));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 100; i < 300; i++) sink.emit(new RunEvent.Token("n", "t", i));
        sink.emit(new RunEvent.RunCancelled("late", "stop"));
        sink.finish(new RunFinal("cancelled", null, null, "[]"));
        sink.emit(new RunEvent.Token("n", "after the end is dropped", 999));
        reader.join(WAIT);
        assertThat(got).isEqualTo(java.util.stream.LongStream.rangeClosed(41, 302).boxed().toList());
        assertThat(sink.runId()).isEqualTo("late");
    }

    @Test
    void aLiveReaderTakesWhatIsQueuedWithoutWaiting() throws Exception {
        store.create("queued", "w", "{}", "{}", "running");
        var sink = new RunSink("queued", writer, 16);
        var reader = sink.subscribe(0);
        sink.emit(new RunEvent.RunStarted("queued", "w"));
        sink.emit(new RunEvent.Token("n", "a", 0));
        sink.emit(new RunEvent.Token("n", "b", 1));
        // what the event stream does to coalesce a backlog into one write: no wait, only what is there
        assertThat(reader.next(java.time.Duration.ZERO).seq()).isEqualTo(1L);
        assertThat(reader.next(java.time.Duration.ZERO).seq()).isEqualTo(2L);
        assertThat(reader.next(java.time.Duration.ZERO).seq()).isEqualTo(3L);
        assertThat(reader.next(java.time.Duration.ZERO)).isNull();
        reader.close();
    }

    @Test
    void aStoredRunWithoutATerminalEventEndsAtItsLastEvent() throws Exception {
        store.create("cut", "w", "{}", "{}", "running");
        store.append(List.of(new StoredEvent("cut", 1, "run.started", "{}"), new StoredEvent("cut", 2, "token", "{}")));
        var s = Subscription.stored("cut", store, 0);
        assertThat(drain(s)).containsExactly(1L, 2L);
        assertThat(s.finished()).isTrue();
        s.close();
    }

    // removes stored events behind the sink's back: what a reader still gets came from the sink's memory
    private static void deleteStored(String runId) {
        db.transaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM run_events WHERE run_id = ?")) {
                ps.setString(1, runId);
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void aLateSubscriberReplaysTheRingWithoutReadingTheStore() throws Exception {
        store.create("ring", "w", "{}", "{}", "running");
        var sink = new RunSink("ring", writer, 8);
        sink.emit(new RunEvent.RunStarted("ring", "w"));
        for (int i = 0; i < 50; i++) sink.emit(new RunEvent.Token("n", "t" + i, i));
        sink.flush();
        deleteStored("ring");
        var late = sink.subscribe(0);
        var resumed = sink.subscribe(30);
        sink.emit(new RunEvent.RunCompleted("ring", null));
        sink.finish(new RunFinal("completed", null, null, "[]"));
        assertThat(drain(late)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 52).boxed().toList());
        assertThat(drain(resumed)).isEqualTo(java.util.stream.LongStream.rangeClosed(31, 52).boxed().toList());
        assertThat(sink.done().get(10, TimeUnit.SECONDS)).isEqualTo(new RunSink.Outcome.Stored());
        late.close();
        resumed.close();
    }

    @Test
    void eventsTheRingLetGoAreReadFromTheStoreAndTheRestFromTheRing() throws Exception {
        store.create("evicted", "w", "{}", "{}", "running");
        var sink = new RunSink("evicted", writer, 8, 10);
        sink.emit(new RunEvent.RunStarted("evicted", "w"));
        for (int i = 0; i < 39; i++) sink.emit(new RunEvent.Token("n", "t" + i, i));
        sink.flush();
        sink.emit(new RunEvent.Token("n", "last", 39));
        sink.flush(); // all 41 stored: the ring keeps the last 10
        var ring = sink.recentAfter(0);
        assertThat(ring.getFirst().seq()).isEqualTo(32);
        assertThat(ring.getLast().seq()).isEqualTo(41);
        // the store keeps 1..31 and loses the ring's part: a reader from the start still gets everything
        db.transaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM run_events WHERE run_id = ? AND seq > 31")) {
                ps.setString(1, "evicted");
                return ps.executeUpdate();
            }
        });
        var fromStart = sink.subscribe(0);
        var got = new ArrayList<Long>();
        while (got.size() < 41) got.add(fromStart.next(WAIT).seq()); // before the ring moves on
        sink.emit(new RunEvent.RunCompleted("evicted", null));
        sink.finish(new RunFinal("completed", null, null, "[]"));
        got.addAll(drain(fromStart));
        assertThat(got).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 42).boxed().toList());
        fromStart.close();
        assertThat(sink.done().get(10, TimeUnit.SECONDS)).isEqualTo(new RunSink.Outcome.Stored());
    }

    @Test
    void aRingOfNoEventsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RunSink("none", writer, 8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one event");
    }

    @Test
    void aReaderThatFallsBehindTheRingIsDroppedAndTheRunGoesOn() throws Exception {
        store.create("behind", "w", "{}", "{}", "running");
        var sink = new RunSink("behind", writer, 4, 10);
        var slow = sink.subscribe(0);
        sink.emit(new RunEvent.RunStarted("behind", "w"));
        assertThat(slow.next(WAIT).seq()).isEqualTo(1); // live, then it stops reading
        for (int i = 0; i < 100; i++) sink.emit(new RunEvent.Token("n", "t" + i, i)); // never blocks
        sink.flush(); // stored: the ring keeps only the last 10
        assertThat(slow.next(WAIT)).isNull();
        assertThat(slow.dropped()).isTrue();
        assertThat(slow.finished()).isTrue();
        assertThat(slow.lastDelivered()).isEqualTo(1);
        assertThat(slow.overflows()).isPositive();
        // a reader that is behind but has not overflowed (a resume) still reads the store
        var resumed = sink.subscribe(1);
        sink.emit(new RunEvent.RunCompleted("behind", null));
        sink.finish(new RunFinal("completed", null, null, "[]"));
        assertThat(drain(resumed)).isEqualTo(java.util.stream.LongStream.rangeClosed(2, 102).boxed().toList());
        assertThat(resumed.dropped()).isFalse();
        assertThat(sink.done().get(10, TimeUnit.SECONDS)).isEqualTo(new RunSink.Outcome.Stored());
        slow.close();
        resumed.close();
    }
}
