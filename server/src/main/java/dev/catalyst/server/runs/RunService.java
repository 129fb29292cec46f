package dev.catalyst.server.runs;

import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.exec.PathMark;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.core.workflow.WorkflowCodec;
import dev.catalyst.engine.Engine;
import dev.catalyst.engine.InvalidInputsException;
import dev.catalyst.engine.Plan;
import dev.catalyst.engine.RunHandle;
import dev.catalyst.engine.RunInputs;
import dev.catalyst.engine.RunEventSink;
import dev.catalyst.engine.RunResult;
import dev.catalyst.engine.RunStatus;
import dev.catalyst.engine.WorkflowInvalidException;
import dev.catalyst.server.store.CancelNotice;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.InstanceStore;
import dev.catalyst.server.store.RunNotices;
import dev.catalyst.server.store.NewRun;
import dev.catalyst.server.store.RunFinal;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.ServerProcess;
import dev.catalyst.server.store.StoreConfig;
import dev.catalyst.server.store.StoredRun;
import dev.catalyst.server.store.WorkflowStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs as resources: start one, read it, follow its events, cancel it. Live runs are kept here until stored. */
public final class RunService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunService.class.getName());

    /** A run in progress: its engine handle and its sink. */
    private record LiveRun(RunHandle handle, RunSink sink, java.util.concurrent.CompletableFuture<Void> stored, NewRun row) {}

    public record Started(String id, String status) {}

    private final Engine engine;
    private final RunStore runs;
    private final WorkflowStore workflows;
    private final int subscriberBuffer;
    private final Map<String, LiveRun> live = new ConcurrentHashMap<>();
    private final StoreConfig storeConfig;
    private final OwnerLease lease;
    private final PlanCache plans = new PlanCache(PLAN_CACHE_SIZE);
    private final EventWriter writer;
    private final RunObserver observer;
    private final boolean postgres; // SQLite: one instance, every run's events in its memory
    private final RunIds ids;
    private final RunNotices notices; // a server's on PostgreSQL (InstanceNotices); null for a one-shot run and on SQLite
    private final AutoCloseable cancelsHeard; // this instance's part of cross-instance cancel (nothing without notices)
    private volatile boolean closed;
    private volatile boolean draining; // stopping: live runs go on, no new one starts
    /** Stored workflows whose compiled plans are kept (a plan is a few KiB for a typical workflow). */
    static final int PLAN_CACHE_SIZE = 256;

    public RunService(Engine engine, RunStore runs, WorkflowStore workflows, int subscriberBuffer) {
        this(engine, runs, workflows, subscriberBuffer, EventWriter.Grouping.defaults());
    }

    /** As above, with the store writer's grouping given (how long a group gathers, and how it waits). */
    public RunService(Engine engine, RunStore runs, WorkflowStore workflows, int subscriberBuffer, EventWriter.Grouping grouping) {
        this(engine, runs, workflows, subscriberBuffer, grouping, RunObserver.NONE);
    }

    /** As above; {@code observer} hears every run's events and the writer's commits (traces and metrics). */
    public RunService(Engine engine, RunStore runs, WorkflowStore workflows, int subscriberBuffer, EventWriter.Grouping grouping,
                      RunObserver observer) {
        this(engine, runs, workflows, subscriberBuffer, grouping, observer, null);
    }

    /**
     * As above; {@code notices} (a server on PostgreSQL: its {@code InstanceNotices}' one listener)
     * tells of other instances' events and hands over cancel requests for this instance's runs; it
     * stays open after {@link #close}. Without it (a one-shot run, or SQLite) the service knows only
     * its own runs and what the store holds: it neither tails nor cancels another instance's run.
     */
    public RunService(Engine engine, RunStore runs, WorkflowStore workflows, int subscriberBuffer, EventWriter.Grouping grouping,
                      RunObserver observer, RunNotices notices) {
        this.notices = notices;
        this.observer = observer;
        this.engine = engine;
        this.runs = runs;
        this.workflows = workflows;
        this.subscriberBuffer = subscriberBuffer;
        this.storeConfig = runs.database().config();
        this.lease = new OwnerLease(new InstanceStore(runs.database()), ServerProcess.current(), storeConfig);
        this.writer = new EventWriter(runs, storeConfig.outage(), storeConfig.time(), grouping, observer::committed);
        this.postgres = runs.database().dialect() == Database.Dialect.POSTGRESQL;
        this.ids = new RunIds(storeConfig.time().clock());
        this.cancelsHeard = notices == null ? () -> { } : notices.onCancel(this::cancelRequested);
    }

    /**
     * Takes this server's lease, then marks failed with {@code interrupted} the runs whose server is
     * gone (lease expired or process dead); keeps their events. Runs of a live server are left alone.
     */
    public int recoverInterrupted() {
        var recovery = new Recovery(runs, new InstanceStore(runs.database()), ServerProcess.current(), storeConfig,
                lease.ownerId());
        // then, on every lease beat, the runs of servers that died since (ADR 28)
        lease.take(recovery::recover);
        return recovery.recover();
    }

    /**
     * Takes this process's lease without recovering anything: a one-shot run (the command line)
     * shows a server starting meanwhile that its runs are live, not interrupted.
     */
    public void takeLease() {
        lease.take();
    }

    /** Starts a run; refusals are {@link RunException}s, the store's outages {@code StoreUnavailableException}. */
    public Started start(RunRequest request) {
        return launch(prepare(request), event -> { }).started();
    }

    /**
     * A request checked and compiled, ready to launch: the same checks for every caller (the
     * workflow's shape and validity, its credentials, its inputs). Nothing is stored yet.
     */
    public record Prepared(Workflow workflow, Plan plan, Map<String, JsonNode> inputs, String workflowText) {}

    /** A launched run: its id, its engine handle, and a future completed once it is stored. */
    public record Launched(String id, RunHandle handle, CompletableFuture<Void> stored) {
        public Started started() {
            return new Started(id, RunStatus.RUNNING.wireName());
        }
    }

    public Prepared prepare(RunRequest request) {
        PlanCache.Compiled compiled = switch (request.workflow()) {
            case RunRequest.Source.Stored ref -> {
                var stored = workflows.find(ref.id())
                        .orElseThrow(() -> new RunException.NotFound("no workflow with id '" + ref.id() + "'"));
                yield plans.get(ref.id(), stored.definition(), definition -> compile(decodeStored(ref.id(), definition)));
            }
            case RunRequest.Source.Given given -> {
                if (given.decoded().hasErrors()) {
                    throw new RunException.InvalidWorkflow("the workflow is malformed", given.decoded().issues());
                }
                yield plans.inline(given.decoded().workflow(), this::compile);
            }
        };
        Workflow workflow = compiled.workflow();
        // a credential missing now fails the run's first model call: refuse before it starts (simulate mode has them all)
        var missing = engine.validator().missingCredentials(workflow, engine.secrets()::has);
        if (!missing.isEmpty()) throw new RunException.InvalidWorkflow(missing.getFirst().message(), missing);
        try {
            return new Prepared(workflow, compiled.plan(), inputsOf(workflow, request.inputs()), compiled.text());
        } catch (InvalidInputsException e) {
            throw new RunException.InvalidInputs(e.getMessage(), e.problems());
        }
    }

    private PlanCache.Compiled compile(Workflow workflow) {
        try {
            return new PlanCache.Compiled(workflow, engine.compile(workflow));
        } catch (WorkflowInvalidException e) {
            throw new RunException.InvalidWorkflow(e.getMessage(), e.report().errorsOnly());
        }
    }

    private static Workflow decodeStored(String id, String definition) {
        try {
            return WorkflowCodec.read(definition).workflow();
        } catch (JsonSyntaxException e) {
            throw new RunException.StoredWorkflowDamaged(id);
        }
    }

    /**
     * Stores the run and starts it. Its events go to its sink (store and subscribers) and then to
     * {@code watcher}, on the engine's thread as they happen (the command line prints them live).
     */
    public Launched launch(Prepared prepared, RunEventSink watcher) {
        if (draining) throw new RunException.Draining();
        String id = ids.next();
        PathMark.mark(id, "prepared");
        Workflow workflow = prepared.workflow();
        var row = new NewRun(id, workflow.id(), prepared.workflowText(), Json.write(prepared.inputs()),
                RunStatus.RUNNING.wireName(), lease.ownerId(), Instant.now().toString());
        var sink = new RunSink(id, writer, subscriberBuffer);
        // the row goes with the next group, ahead of the run's events; no commit is waited for here
        // (ADR 20). A database known to be down still refuses the run (503) before it starts.
        sink.open(row);
        PathMark.mark(id, "row.queued");
        RunEventSink observed = observer.open(id, workflow);
        var log = new RunLog(id);
        RunEventSink both = event -> {
            sink.emit(event);
            log.emit(event);
            observed.emit(event);
            watcher.emit(event);
        };
        RunHandle handle = engine.start(prepared.plan(), id, prepared.inputs(), both);
        PathMark.mark(id, "engine.started");
        sink.onLost(() -> handle.cancel("its events could not be stored"));
        var stored = new CompletableFuture<Void>();
        live.put(id, new LiveRun(handle, sink, stored, row));
        handle.result().thenAccept(result -> Thread.ofVirtual().start(() -> store(result, sink, stored)));
        return new Launched(id, handle, stored);
    }

    private static Map<String, JsonNode> inputsOf(Workflow workflow, RunRequest.Inputs inputs) throws InvalidInputsException {
        return switch (inputs) {
            case RunRequest.Inputs.Values v -> RunInputs.resolve(workflow, v.values());
            case RunRequest.Inputs.Text t -> RunInputs.fromStrings(workflow, t.values());
        };
    }

    // the sink stores the final row with the terminal event, retrying through an outage
    private void store(RunResult result, RunSink sink, java.util.concurrent.CompletableFuture<Void> stored) {
        try {
            sink.finish(new RunFinal(result.status().wireName(),
                    result.outputs() == null ? null : Json.write(result.outputs()),
                    result.error() == null ? null : Json.write(result.error()),
                    Json.write(result.nodes())));
            sink.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            LOG.log(Level.SEVERE, "run " + result.runId() + ": could not store its result: " + e.getMessage(), LogFields.run(result.runId()));
        } finally {
            live.remove(result.runId());
            stored.complete(null);
        }
    }

    /** The run history, newest first; a live run shows its stored status (running until it ends). */
    public List<RunStore.RunSummary> recent(int limit) {
        return runs.recent(limit);
    }

    // The engine sends the terminal event just before it hands over the result: a reader who saw
    // run.completed must not then read "running", so once the event is out the result is awaited.
    private static RunResult resultOf(LiveRun l) {
        var result = l.handle().result();
        return l.sink().ended() ? result.exceptionally(e -> null).join() : result.getNow(null);
    }

    /**
     * The run history, newest first, at most {@code limit} (only {@code workflowId}'s unless null):
     * the store's, and the live runs whose rows are still on their way to it.
     */
    public List<RunStore.HistoryLine> history(String workflowId, int limit) {
        var pending = new java.util.ArrayList<RunStore.HistoryLine>();
        for (LiveRun l : live.values()) {
            NewRun row = l.row();
            if (!l.sink().rowPending() || (workflowId != null && !workflowId.equals(row.workflowId()))) continue;
            pending.add(new RunStore.HistoryLine(row.id(), row.workflowId(), row.status(), row.createdAt(), null, null, null, null));
        }
        var stored = runs.history(workflowId, limit);
        if (pending.isEmpty()) return stored;
        var byId = new java.util.LinkedHashMap<String, RunStore.HistoryLine>();
        pending.forEach(h -> byId.put(h.id(), h));
        stored.forEach(h -> byId.put(h.id(), h)); // stored meanwhile: the store's line wins
        return byId.values().stream()
                .sorted(java.util.Comparator.comparing(RunStore.HistoryLine::createdAt).reversed()
                        .thenComparing(RunStore.HistoryLine::id))
                .limit(limit).toList();
    }

    /** The workflow a run runs (JSON), from memory while its row may still be on its way to the store. */
    public Optional<String> workflowOf(String id) {
        LiveRun l = live.get(id);
        if (l != null) return Optional.of(l.row().workflow());
        return findStored(id).map(StoredRun::workflow);
    }

    /** The run as {@code GET /api/runs/{id}} shows it. */
    public Optional<ObjectNode> describe(String id) {
        LiveRun l = live.get(id);
        // a live run's row may still be on its way to the store
        StoredRun r = l == null ? findStored(id).orElse(null) : runs.find(id).orElse(l.row().asStored());
        if (r == null) return Optional.empty();
        ObjectNode out = Json.object();
        out.put("id", r.id());
        out.put("workflowId", r.workflowId());
        RunResult done = l == null ? null : resultOf(l);
        if (done != null) {
            out.put("status", done.status().wireName());
            out.set("inputs", Json.parse(r.inputs()));
            out.set("outputs", done.outputs());
            out.set("error", done.error() == null ? null : Json.valueToTree(done.error()));
            out.set("nodes", Json.valueToTree(done.nodes()));
        } else {
            out.put("status", r.status());
            out.set("inputs", Json.parse(r.inputs()));
            out.set("outputs", r.outputs() == null ? null : Json.parse(r.outputs()));
            out.set("error", r.error() == null ? null : Json.parse(r.error()));
            // a live run shows the nodes that have ended so far
            out.set("nodes", l != null ? Json.valueToTree(l.handle().progress())
                    : r.nodes() == null ? Json.array() : Json.parse(r.nodes()));
        }
        out.set("usage", totalUsage(out.get("nodes")));
        out.set("costUsd", totalCost(out.get("nodes")));
        out.put("createdAt", r.createdAt());
        out.put("finishedAt", r.finishedAt());
        return Optional.of(out);
    }

    private static JsonNode totalUsage(JsonNode nodes) {
        long in = 0, outT = 0, cached = 0, total = 0;
        for (JsonNode n : nodes) {
            JsonNode u = n.get("usage");
            if (u == null || !u.isObject()) continue;
            in += u.path("inputTokens").asLong(0);
            outT += u.path("outputTokens").asLong(0);
            cached += u.path("cachedInputTokens").asLong(0);
            total += u.path("totalTokens").asLong(0);
        }
        return Json.valueToTree(new dev.catalyst.core.exec.Usage(in, outT, cached, total));
    }

    private static JsonNode totalCost(JsonNode nodes) {
        var sum = java.math.BigDecimal.ZERO;
        for (JsonNode n : nodes) if (n.path("costUsd").isNumber()) sum = sum.add(n.get("costUsd").decimalValue());
        return Json.valueToTree(sum);
    }

    /**
     * Follows a run's events after {@code afterSeq}: live runs from their sink, finished ones from the
     * store, and on PostgreSQL another instance's unfinished run by tailing the store on its notices.
     */
    public Optional<Subscription> subscribe(String id, long afterSeq) {
        LiveRun l = live.get(id);
        if (l != null) return Optional.of(l.sink().subscribe(afterSeq));
        var stored = findStored(id);
        if (stored.isEmpty()) return Optional.empty();
        // ended here between the two looks: the store has it all
        boolean elsewhere = postgres && UNFINISHED.contains(stored.get().status()) && !live.containsKey(id);
        return Optional.of(elsewhere ? Subscription.tailing(id, runs, afterSeq, notices()) : Subscription.stored(id, runs, afterSeq));
    }

    /**
     * The stored run; on PostgreSQL, a run this instance cannot find yet whose id says it started a
     * moment ago (another instance started it and its row is on the way, ADR 20) is waited for until
     * its first notice or the id's {@link RunIds#NOT_YET_STORED} bound (ADR 29). Any other miss answers
     * at once. SQLite serves one instance: a run it does not know is unknown.
     */
    private Optional<StoredRun> findStored(String id) {
        var found = runs.find(id);
        if (found.isPresent() || !postgres) return found;
        java.time.Duration wait = RunIds.waitFor(id, storeConfig.time().clock().instant());
        if (wait.isZero()) return found;
        try {
            return readUntil(id, wait, Optional::isPresent, () -> LOG.log(Level.FINE,
                    "run " + id + " is not stored yet; waiting up to " + wait.toMillis() + " ms for its first events", LogFields.run(id)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Reads run {@code id} from the store until {@code done} holds for what it read, again on each of
     * the run's notices, for at most {@code wait}; then what one last read finds. The run is watched
     * before {@code watching} runs and before the first read, so a commit from then on is a permit
     * and none is missed between a read and the wait.
     */
    private Optional<StoredRun> readUntil(String id, java.time.Duration wait, java.util.function.Predicate<Optional<StoredRun>> done,
                                          Runnable watching) throws InterruptedException {
        var noticed = new java.util.concurrent.Semaphore(0);
        AutoCloseable watch = notices().watch(id, seq -> noticed.release());
        try {
            watching.run();
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                noticed.drainPermits(); // the read below sees every commit they announced
                Optional<StoredRun> found = runs.find(id);
                if (done.test(found)) return found;
                long left = deadline - System.nanoTime();
                if (left <= 0 || !noticed.tryAcquire(left, TimeUnit.NANOSECONDS)) return runs.find(id);
            }
        } finally {
            try {
                watch.close();
            } catch (Exception ignored) {
                // removing a watcher from a map does not fail
            }
        }
    }

    private RunNotices notices() {
        if (closed) throw new dev.catalyst.server.store.StoreException("the server is stopping", null);
        if (notices == null) throw new IllegalStateException("this run service was built without the instance's notices: it follows no other instance's run");
        return notices;
    }

    private static final java.util.Set<String> UNFINISHED =
            java.util.Set.of(RunStatus.QUEUED.wireName(), RunStatus.RUNNING.wireName());

    /** How long a cancel waits for the run to end before it answers "cancelling". */
    static final java.time.Duration CANCEL_WAIT = java.time.Duration.ofSeconds(10);

    /**
     * Cancels a run and waits briefly for it to stop; the run's upstream requests are aborted
     * through its cancellation. Returns the status afterwards, or "cancelling" when it did not end
     * within {@link #CANCEL_WAIT}. On PostgreSQL a run another instance runs is cancelled there
     * (ADR 28's addendum): see {@link #cancelElsewhere}.
     */
    public String cancel(String id) throws InterruptedException {
        LiveRun l = live.get(id);
        if (l == null) {
            // on PostgreSQL a fresh id not stored yet is waited for, as for GET (ADR 29)
            var stored = findStored(id).orElseThrow(() -> new RunException.NotFound("no run with id '" + id + "'"));
            l = live.get(id); // launched here, its row committed before it was put in the live map
            if (l == null) {
                // SQLite has one instance: a run not live here has ended
                if (!postgres || !UNFINISHED.contains(stored.status())) throw new RunException.AlreadyEnded(id, stored.status());
                return cancelElsewhere(id);
            }
        }
        // ended but not yet stored (the writer groups its commits): as refused as a stored one
        RunResult ended = l.sink().ended() ? resultOf(l) : null;
        if (ended != null) throw new RunException.AlreadyEnded(id, ended.status().wireName());
        l.handle().cancel("cancelled by request");
        try {
            return l.handle().result().get(CANCEL_WAIT.toNanos(), TimeUnit.NANOSECONDS).status().wireName();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return "cancelling";
        }
    }

    /**
     * A run stored unfinished that is not live here: every instance hears the request
     * ({@link CancelNotice}) and its owner cancels it as {@link #cancel} does a local one; this one
     * waits on the run's event notices until the store shows it ended, and answers its final status.
     *
     * <p>A run that is live nowhere (its owner died, or it is a one-shot {@code catalyst run}, which
     * hears no notices) is not cancelled by anyone: the answer is its stored status if it ended
     * within the wait (a dead owner's run is marked failed, {@code interrupted}, by the lease sweep,
     * ADR 28), else "cancelling"; never "cancelled", which only the owner stores.
     */
    private String cancelElsewhere(String id) throws InterruptedException {
        java.util.function.Predicate<Optional<StoredRun>> ended = r -> r.map(StoredRun::status).filter(st -> !UNFINISHED.contains(st)).isPresent();
        var last = readUntil(id, CANCEL_WAIT, ended, () -> {
            CancelNotice.send(runs.database(), id); // watched first: the owner's final commit after this is a permit
            LOG.log(Level.FINE, "run " + id + " is not live here; asked its instance to cancel it", LogFields.run(id));
        });
        return ended.test(last) ? last.get().status() : "cancelling";
    }

    /** A cancel request heard from another instance (on the listener's thread: must not block). */
    private void cancelRequested(String id) {
        LiveRun l = live.get(id);
        if (l == null || l.sink().ended()) return; // another instance's run, or one that has ended
        LOG.log(Level.FINE, "run " + id + ": cancel requested through another instance", LogFields.run(id));
        l.handle().cancel("cancelled by request");
    }

    /** Completes when the run is stored (at once for a run that is not live). */
    public java.util.concurrent.CompletableFuture<Void> whenStored(String id) {
        LiveRun l = live.get(id);
        return l == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : l.stored();
    }

    /**
     * Starts no new run from now on ({@link RunException.Draining}); live runs go on, and their
     * streams with them, until they end or {@link #close} cancels them.
     */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** How many runs are live here now. */
    public int liveRuns() {
        return live.size();
    }

    /**
     * Waits until every live run has ended and is stored, or {@code grace} has passed; true when
     * none is left. Call after {@link #drain}, so no new run can keep it waiting.
     */
    public boolean awaitLiveRuns(java.time.Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        for (LiveRun l : live.values()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            try {
                l.stored().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // stored() completes normally; nothing to wait for here
            }
        }
        return live.isEmpty();
    }

    /**
     * Cancels every live run and waits (10 s in all) for them to be stored, then gives back this
     * server's lease. A run that could not be stored in time stays unfinished in the store, and the
     * next server to start marks it interrupted.
     */
    @Override
    public void close() {
        for (LiveRun l : live.values()) l.handle().cancel("the server is stopping");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (LiveRun l : live.values()) {
            try {
                l.stored().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "run " + l.sink().runId() + " was not stored before the stop; the next start marks it interrupted",
                        LogFields.run(l.sink().runId()));
                l.sink().abandon();
            }
        }
        writer.close();
        closed = true;
        try {
            cancelsHeard.close();
        } catch (Exception ignored) {
            // removing a handler from a set does not fail
        }
        lease.close();
    }

    /** Live subscribers of all runs in progress (the open event streams of live runs). */
    public int liveSubscribers() {
        int n = 0;
        for (LiveRun l : live.values()) n += l.sink().subscriberCount();
        return n;
    }

    /** Live subscribers of a run in progress; 0 when it is not live. */
    public int subscriberCount(String id) {
        LiveRun l = live.get(id);
        return l == null ? 0 : l.sink().subscriberCount();
    }
}
