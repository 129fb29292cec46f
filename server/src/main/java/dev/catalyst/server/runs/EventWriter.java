package dev.catalyst.server.runs;

import dev.catalyst.server.store.FinishedRun;
import dev.catalyst.server.store.NewRun;
import dev.catalyst.server.store.OutagePolicy;
import dev.catalyst.server.store.RunFinal;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoreException;
import dev.catalyst.server.store.StoreTime;
import dev.catalyst.server.store.StoreUnavailableException;
import dev.catalyst.server.store.StoredEvent;
import dev.catalyst.server.store.WriteSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;

/**
 * The one writer of a server's runs: every run's sink hands it its events, and it stores what has
 * gathered — new run rows, the events of all runs, finished runs' rows with their terminal events —
 * in one transaction. After the first write of a group it waits {@link Grouping#interval()} for
 * more (unless the group is full), so a crash loses at most that interval plus one commit.
 *
 * <p>No request waits for a commit (ADR 20): a new run's row is queued like its events, ahead of
 * them, and the run starts at once. While the database is known to be unreachable a new row is
 * refused on the spot (the request answers 503). While the database is unreachable the group is
 * kept and retried with a doubling pause ({@link OutagePolicy}), taking in what arrives meanwhile,
 * rows included. If the outage outlasts the policy, or the events waiting pass its bound, every run
 * in the group is given up (its sink stops it and marks it failed, storing its row then if need be).
 * After a give-up new runs stay refused until a write succeeds again: with nothing to write, the
 * writer asks the database for an answer on the same doubling pause, so it notices the recovery
 * without waiting for a run.
 * A group the database refuses is written run by run, so one run's bad data (row or events) fails
 * only that run.
 */
public final class EventWriter implements AutoCloseable {
    /**
     * How events are grouped into one transaction.
     *
     * @param interval  how long a group waits for more events after its first (zero: no wait)
     * @param maxEvents a group this large is written at once
     * @param pause     how the writer waits the interval (tests pass their own)
     */
    public record Grouping(Duration interval, int maxEvents, StoreTime.Pause pause) {
        public Grouping {
            if (interval.isNegative()) throw new IllegalArgumentException("the group interval cannot be negative");
            if (maxEvents < 1) throw new IllegalArgumentException("a group holds at least one event, not " + maxEvents);
        }

        /** 5 ms or 4,096 events, whichever comes first. */
        public static Grouping defaults() {
            return new Grouping(Duration.ofMillis(5), 4096, d -> Thread.sleep(d));
        }

        /** No wait: each group is what has gathered while the previous one was written. */
        public static Grouping immediate() {
            return new Grouping(Duration.ZERO, 4096, d -> { });
        }
    }

    /** What a sink learns about its writes; called on the writer's thread. */
    interface Owner {
        String runId();

        /** The run's own row is stored. */
        void rowStored();

        /** Every event up to {@code seq} is stored. */
        void persisted(long seq);

        /** The run's final row and terminal event are stored. */
        void finished();

        /** The run's events cannot be stored: stop the run and mark it failed. */
        void lost(String reason);

        /** The run's events are no longer this writer's business (given up on, or abandoned). */
        boolean dropped();
    }

    /** Hears each committed group: how many writes, and how long its oldest waited (the store's write lag). */
    @FunctionalInterface
    public interface Commits {
        Commits NONE = (writes, lag) -> { };

        void committed(int writes, Duration lag);
    }

    private sealed interface Write {}

    private record Create(Owner owner, NewRun run) implements Write {}

    private record Event(Owner owner, StoredEvent event) implements Write {}

    private record Finish(Owner owner, StoredEvent terminal, RunFinal row) implements Write {}

    /** Put last in the queue by {@link #close()}: the writer ends after the group it is in. */
    private record Stop() implements Write {}

    private static final Logger LOG = Logger.getLogger(EventWriter.class.getName());

    private final RunStore store;
    private final WriteSession session; // the writer thread's own (closed after it ends)
    private final OutagePolicy policy;
    private final StoreTime time;
    private final Grouping grouping;
    private final Commits commits;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private Instant outageSince; // the writer thread's own
    private Duration probePause; // the writer thread's own: the wait before the next probe after a give-up
    /** The writer's last try failed for an outage (or it gave up) and nothing has succeeded since: new runs are refused. */
    private volatile boolean failing;

    public EventWriter(RunStore store) {
        this(store, store.database().config().outage(), store.database().config().time(), Grouping.defaults());
    }

    public EventWriter(RunStore store, OutagePolicy policy, StoreTime time, Grouping grouping) {
        this(store, policy, time, grouping, Commits.NONE);
    }

    /** As above; {@code commits} hears every group committed, on the writer's thread. */
    public EventWriter(RunStore store, OutagePolicy policy, StoreTime time, Grouping grouping, Commits commits) {
        this.commits = commits;
        this.store = store;
        this.policy = policy;
        this.time = time;
        this.grouping = grouping;
        this.probePause = policy.firstRetry();
        this.session = store.session();
        this.thread = Thread.ofVirtual().name("event-writer").start(this::loop);
    }

    RunStore store() {
        return store;
    }

    OutagePolicy policy() {
        return policy;
    }

    StoreTime time() {
        return time;
    }

    /**
     * Queues a new run's row, ahead of its events, and returns at once: the owner hears
     * {@link Owner#rowStored()} once it is stored, or {@link Owner#lost} if it cannot be.
     *
     * @throws StoreUnavailableException at once while the database is known to be unreachable
     * @throws StoreException            once the writer is stopping
     */
    void create(NewRun run, Owner owner) {
        if (closed) throw new StoreException("the server is stopping", null);
        if (failing) {
            throw new StoreUnavailableException("the database is unavailable", null, policy.retryAfterSeconds());
        }
        queue.add(new Create(owner, run));
    }

    void event(Owner owner, StoredEvent event) {
        submit(new Event(owner, event));
    }

    void finish(Owner owner, StoredEvent terminal, RunFinal row) {
        submit(new Finish(owner, terminal, row));
    }

    private void submit(Write w) {
        if (!closed) queue.add(w);
    }

    /** Stops writing; what was not stored yet stays unstored (the next start recovers those runs). */
    @Override
    public void close() {
        closed = true;
        queue.add(new Stop());
        thread.interrupt();
        try {
            thread.join();
            session.close(); // the thread has ended: its session is free
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writes of one transaction, by run. */
    private static final class Group {
        final List<Create> creates = new ArrayList<>();
        final Map<Owner, List<StoredEvent>> events = new LinkedHashMap<>();
        final Map<Owner, Finish> finishes = new LinkedHashMap<>();
        int eventCount;
        boolean stop;
        Instant firstAt; // when the group's first write was taken: the oldest wait at commit

        void add(Write w, Instant now) {
            if (firstAt == null && !(w instanceof Stop)) firstAt = now;
            add(w);
        }

        void add(Write w) {
            switch (w) {
                case Stop s -> stop = true;
                case Create c -> {
                    if (!c.owner().dropped()) creates.add(c);
                }
                case Event e -> {
                    if (e.owner().dropped()) return;
                    events.computeIfAbsent(e.owner(), o -> new ArrayList<>()).add(e.event());
                    eventCount++;
                }
                case Finish f -> {
                    if (f.owner().dropped()) return;
                    finishes.put(f.owner(), f);
                    if (f.terminal() != null) {
                        events.computeIfAbsent(f.owner(), o -> new ArrayList<>()).add(f.terminal());
                        eventCount++;
                    }
                }
            }
        }

        boolean isEmpty() {
            return creates.isEmpty() && events.isEmpty() && finishes.isEmpty();
        }

        List<NewRun> rows() {
            return creates.stream().map(Create::run).toList();
        }

        List<StoredEvent> allEvents() {
            var out = new ArrayList<StoredEvent>(eventCount);
            events.values().forEach(out::addAll);
            return out;
        }

        List<FinishedRun> finished() {
            return finishes.values().stream().map(f -> new FinishedRun(f.owner().runId(), f.row())).toList();
        }

        List<Owner> owners() {
            var out = new java.util.LinkedHashSet<Owner>();
            for (Create c : creates) out.add(c.owner());
            out.addAll(events.keySet());
            out.addAll(finishes.keySet());
            return new ArrayList<>(out);
        }

        List<NewRun> rowsOf(Owner o) {
            return creates.stream().filter(c -> c.owner() == o).map(Create::run).toList();
        }
    }

    private void loop() {
        var group = new Group();
        try {
            while (!group.stop) {
                if (failing && queue.isEmpty()) {
                    probe();
                    continue;
                }
                group.add(queue.take(), time.clock().instant());
                drain(group, grouping.maxEvents());
                if (!group.stop && group.eventCount < grouping.maxEvents()
                        && grouping.interval().isPositive()) {
                    grouping.pause().pause(grouping.interval());
                    drain(group, grouping.maxEvents());
                }
                write(group);
                group = new Group();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // stopping: what is not stored stays unstored (rows included; the service waited for its runs first)
    }

    private void drain(Group group, int upTo) {
        while (group.eventCount < upTo) {
            Write w = queue.poll();
            if (w == null) return;
            group.add(w);
        }
    }

    private void write(Group group) throws InterruptedException {
        Duration pause = policy.firstRetry();
        while (!group.isEmpty()) {
            try {
                session.write(group.rows(), group.allEvents(), group.finished());
                outageSince = null;
                answered();
                // heard before the owners: a run known stored has its lag counted
                if (group.firstAt != null) {
                    commits.committed(group.creates.size() + group.eventCount, Duration.between(group.firstAt, time.clock().instant()));
                }
                succeeded(group);
                return;
            } catch (StoreUnavailableException e) {
                Instant now = time.clock().instant();
                if (outageSince == null) {
                    outageSince = now;
                    failing = true;
                    LOG.info("the run writer keeps its writes in memory until the database answers; new runs are refused (503) meanwhile");
                }
                if (!now.isBefore(outageSince.plus(policy.giveUpAfter()))) {
                    giveUp(group, "the database was unreachable for " + policy.giveUpAfter().toSeconds() + " s (" + e.getMessage() + ")");
                    return;
                }
                if (group.eventCount > policy.maxQueuedEvents()) {
                    giveUp(group, "more than " + policy.maxQueuedEvents() + " events waited for an unreachable database");
                    return;
                }
                time.pause().pause(pause);
                pause = policy.next(pause);
                drain(group, Integer.MAX_VALUE); // what came meanwhile goes into the same try
            } catch (StoreException e) {
                if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                    throw new InterruptedException("stopped while storing");
                }
                outageSince = null;
                answered(); // it answered, with a refusal
                writeRunByRun(group, e);
                return;
            }
        }
    }

    private static void succeeded(Group group) {
        group.creates.forEach(c -> c.owner().rowStored());
        group.events.forEach((owner, events) -> owner.persisted(events.getLast().seq()));
        group.finishes.keySet().forEach(Owner::finished);
    }

    private void giveUp(Group group, String reason) {
        // new runs stay refused (failing stays set) until a write or a probe succeeds; a later
        // group meeting the outage starts an outage window of its own
        outageSince = null;
        probePause = policy.firstRetry();
        for (Owner o : group.owners()) o.lost(reason);
    }

    /**
     * After a give-up with nothing to write: waits the pause, then, unless writes arrived
     * meanwhile (their own write tells), asks the database for an answer.
     */
    private void probe() throws InterruptedException {
        time.pause().pause(probePause);
        if (!queue.isEmpty()) return;
        try {
            store.ping();
            answered();
        } catch (StoreUnavailableException e) {
            probePause = policy.next(probePause);
        } catch (StoreException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("stopped while probing");
            }
            answered(); // it answered, if with an error: a run's own write will tell more
        }
    }

    private void answered() {
        if (!failing) return;
        failing = false;
        LOG.info("the run writer reaches the database again; new runs are accepted");
    }

    // the database refused the group: find whose writes it refuses, and fail only those
    private void writeRunByRun(Group group, StoreException refusal) {
        for (Owner o : group.owners()) {
            var rows = group.rowsOf(o);
            var events = group.events.getOrDefault(o, List.of());
            Finish f = group.finishes.get(o);
            try {
                session.write(rows, events, f == null ? List.of() : List.of(new FinishedRun(o.runId(), f.row())));
                if (!rows.isEmpty()) o.rowStored();
                if (!events.isEmpty()) o.persisted(events.getLast().seq());
                if (f != null) o.finished();
            } catch (RuntimeException e) {
                o.lost("the database refused the run's " + (rows.isEmpty() ? "events" : "row or events") + " (" + (e.getMessage() == null ? refusal.getMessage() : e.getMessage()) + ")");
            }
        }
    }
}
