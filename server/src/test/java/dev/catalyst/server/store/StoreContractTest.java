package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The persistence behaviour every database must show; run once per database by the subclasses. */
abstract class StoreContractTest {
    abstract Database db();

    @Test
    void workflowsAreCreatedListedReplacedAndDeleted() {
        var store = new WorkflowStore(db());
        assertThat(store.create("wf-1", "First", "{\"a\":1}")).contains(new WorkflowStore.Saved(false, 1));
        assertThat(store.create("wf-1", "Again", "{}")).isEmpty();
        assertThat(store.find("wf-1").orElseThrow().definition()).isEqualTo("{\"a\":1}");
        assertThat(store.put("wf-1", "Renamed", "{\"a\":2}")).isEqualTo(new WorkflowStore.Saved(true, 2));
        assertThat(store.put("wf-2", "Second", "{\"b\":1}")).isEqualTo(new WorkflowStore.Saved(false, 1));
        assertThat(store.list()).extracting(StoredWorkflow::id).containsExactly("wf-1", "wf-2");
        assertThat(store.find("wf-1").orElseThrow().name()).isEqualTo("Renamed");
        assertThat(store.delete("wf-1")).isTrue();
        assertThat(store.delete("wf-1")).isFalse();
        assertThat(store.find("wf-1")).isEmpty();
    }

    @Test
    void everySaveKeepsAVersionThatCanBeShownAndRestored() {
        var store = new WorkflowStore(db());
        store.create("v-1", "One", "{\"n\":1}");
        store.put("v-1", "Two", "{\"n\":2}");
        // an unchanged definition adds no version
        assertThat(store.put("v-1", "Two", "{\"n\":2}")).isEqualTo(new WorkflowStore.Saved(true, 2));
        assertThat(store.versions("v-1")).extracting(WorkflowStore.VersionInfo::version).containsExactly(2L, 1L);
        assertThat(store.versions("v-1").getLast().name()).isEqualTo("One");
        assertThat(store.version("v-1", 1).orElseThrow().definition()).isEqualTo("{\"n\":1}");
        assertThat(store.version("v-1", 9)).isEmpty();

        assertThat(store.restore("v-1", 1, d -> d.replace("1", "1.0"))).contains(new WorkflowStore.Saved(true, 3));
        assertThat(store.find("v-1").orElseThrow().definition()).isEqualTo("{\"n\":1.0}");
        assertThat(store.find("v-1").orElseThrow().name()).isEqualTo("One");
        assertThat(store.versions("v-1")).hasSize(3);
        assertThat(store.restore("v-1", 9, d -> d)).isEmpty();
        assertThat(store.restore("nobody", 1, d -> d)).isEmpty();

        assertThat(store.delete("v-1")).isTrue();
        assertThat(store.versions("v-1")).isEmpty();
    }

    @Test
    void aSaveBeyondTheVersionLimitDeletesTheOldestVersionsOfThatWorkflowOnly() {
        var store = new WorkflowStore(db(), 3);
        store.create("pruned", "P", "{\"n\":1}");
        store.create("neighbour", "N", "{\"m\":1}");
        store.put("neighbour", "N", "{\"m\":2}");
        for (int n = 2; n <= 5; n++) store.put("pruned", "P", "{\"n\":" + n + "}");
        // five saves, three kept: the newest, numbered on from the oldest
        assertThat(store.versions("pruned")).extracting(WorkflowStore.VersionInfo::version).containsExactly(5L, 4L, 3L);
        assertThat(store.version("pruned", 2)).isEmpty();
        assertThat(store.version("pruned", 3).orElseThrow().definition()).isEqualTo("{\"n\":3}");
        assertThat(store.versions("neighbour")).extracting(WorkflowStore.VersionInfo::version).containsExactly(2L, 1L);
        // an unchanged save adds no version and deletes none
        assertThat(store.put("pruned", "P", "{\"n\":5}")).isEqualTo(new WorkflowStore.Saved(true, 5));
        assertThat(store.versions("pruned")).hasSize(3);
        // a restore is a save: it counts too
        assertThat(store.restore("pruned", 3, d -> d)).contains(new WorkflowStore.Saved(true, 6));
        assertThat(store.versions("pruned")).extracting(WorkflowStore.VersionInfo::version).containsExactly(6L, 5L, 4L);
        assertThat(store.version("pruned", 6).orElseThrow().definition()).isEqualTo("{\"n\":3}");
        assertThat(store.find("pruned").orElseThrow().definition()).isEqualTo("{\"n\":3}");
        // the database is shared by this class's tests
        store.delete("pruned");
        store.delete("neighbour");
    }

    @Test
    void oneVersionKeptIsTheCurrentDefinition() {
        var store = new WorkflowStore(db(), 1);
        store.create("single", "S", "{\"n\":1}");
        store.put("single", "S", "{\"n\":2}");
        assertThat(store.versions("single")).extracting(WorkflowStore.VersionInfo::version).containsExactly(2L);
        assertThat(store.version("single", 2).orElseThrow().definition()).isEqualTo(store.find("single").orElseThrow().definition());
        store.delete("single");
    }

    @Test
    void theStoreKeepsAsManyVersionsAsTheDatabaseConfigSays() {
        assertThat(db().config().versionsKept()).isEqualTo(StoreConfig.DEFAULT_VERSIONS_KEPT);
        var store = new WorkflowStore(db());
        store.create("many", "M", "{\"n\":0}");
        for (int n = 1; n <= StoreConfig.DEFAULT_VERSIONS_KEPT; n++) store.put("many", "M", "{\"n\":" + n + "}");
        var kept = store.versions("many");
        assertThat(kept).hasSize(StoreConfig.DEFAULT_VERSIONS_KEPT);
        assertThat(kept.getFirst().version()).isEqualTo(StoreConfig.DEFAULT_VERSIONS_KEPT + 1L);
        assertThat(kept.getLast().version()).isEqualTo(2L);
        store.delete("many");
    }

    @Test
    void aRenameMovesVersionsAndRunsAndNeverReplacesAnotherWorkflow() {
        var store = new WorkflowStore(db());
        var runs = new RunStore(db());
        store.create("old-id", "Kept", "{\"id\":\"old-id\"}");
        store.put("old-id", "Kept", "{\"id\":\"old-id\",\"x\":1}");
        store.create("other", "Other", "{\"id\":\"other\"}");
        runs.create("run-r", "old-id", "{}", "{}", "running");

        assertThat(store.rename("old-id", "other", d -> d)).isEqualTo(WorkflowStore.Renamed.TAKEN);
        assertThat(store.find("other").orElseThrow().definition()).isEqualTo("{\"id\":\"other\"}");
        assertThat(store.rename("nobody", "fresh", d -> d)).isEqualTo(WorkflowStore.Renamed.NOT_FOUND);

        assertThat(store.rename("old-id", "new-id", d -> d.replace("old-id", "new-id"))).isEqualTo(WorkflowStore.Renamed.RENAMED);
        assertThat(store.find("old-id")).isEmpty();
        var moved = store.find("new-id").orElseThrow();
        assertThat(moved.definition()).isEqualTo("{\"id\":\"new-id\",\"x\":1}");
        assertThat(moved.name()).isEqualTo("Kept");
        assertThat(store.versions("new-id")).extracting(WorkflowStore.VersionInfo::version).containsExactly(3L, 2L, 1L);
        assertThat(store.versions("old-id")).isEmpty();
        assertThat(runs.find("run-r").orElseThrow().workflowId()).isEqualTo("new-id");
        // the database is shared by this class's tests
        runs.finish("run-r", "completed", "{}", null, "[]");
        store.delete("new-id");
        store.delete("other");
    }

    @Test
    void runsAndTheirEventsRoundTrip() {
        var runs = new RunStore(db());
        runs.create("run-a", "hello", "{}", "{\"topic\":\"x\"}", "running");
        var events = new ArrayList<StoredEvent>();
        for (int i = 1; i <= 1200; i++) events.add(new StoredEvent("run-a", i, "token", "{\"i\":" + i + "}"));
        runs.append(events.subList(0, 700));
        runs.append(events.subList(700, 1200));
        runs.append(List.of());
        assertThat(runs.lastSeq("run-a")).isEqualTo(1200);
        assertThat(runs.lastSeq("nobody")).isZero();
        var page = runs.events("run-a", 10, 20, 100);
        assertThat(page).extracting(StoredEvent::seq).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(runs.events("run-a", 0, Long.MAX_VALUE, 500)).hasSize(500);
        assertThat(page.getFirst().data()).isEqualTo("{\"i\":11}");

        assertThat(runs.unfinished()).containsExactly("run-a");
        runs.finish("run-a", "completed", "{\"answer\":\"hi\"}", null, "[]");
        var row = runs.find("run-a").orElseThrow();
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.outputs()).isEqualTo("{\"answer\":\"hi\"}");
        assertThat(row.finishedAt()).isNotNull();
        assertThat(row.inputs()).isEqualTo("{\"topic\":\"x\"}");
        assertThat(runs.unfinished()).isEmpty();
        assertThat(runs.find("nope")).isEmpty();
    }

    @Test
    void aCutOffRunIsMarkedFailedAfterItsLastEvent() {
        var runs = new RunStore(db());
        runs.create("run-b", "hello", "{}", "{}", "running");
        runs.append(List.of(new StoredEvent("run-b", 1, "run.started", "{}"), new StoredEvent("run-b", 2, "token", "{}")));
        runs.markFailed("run-b", "run.failed", "{\"x\":1}", "{\"code\":\"interrupted\"}");
        assertThat(runs.events("run-b", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::name)
                .containsExactly("run.started", "token", "run.failed");
        assertThat(runs.find("run-b").orElseThrow().status()).isEqualTo("failed");
        assertThat(runs.find("run-b").orElseThrow().error()).contains("interrupted");
    }

    @Test
    void theSameBatchWrittenTwiceKeepsOneCopy() {
        var runs = new RunStore(db());
        runs.create("run-c", "hello", "{}", "{}", "running");
        var batch = List.of(new StoredEvent("run-c", 1, "run.started", "{}"), new StoredEvent("run-c", 2, "token", "{\"t\":1}"));
        runs.append(batch);
        // a retry after a commit whose answer was lost: neither refused nor duplicated
        runs.append(batch);
        runs.append(List.of(new StoredEvent("run-c", 2, "token", "{\"t\":1}"), new StoredEvent("run-c", 3, "token", "{\"t\":2}")));
        assertThat(runs.events("run-c", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(runs.events("run-c", 0, Long.MAX_VALUE, 10).get(1).data()).isEqualTo("{\"t\":1}");
    }

    @Test
    void theFinalBatchAndRowAreStoredTogetherAndOnce() {
        var runs = new RunStore(db());
        runs.create("run-d", "hello", "{}", "{}", "running", "owner-1");
        var last = List.of(new StoredEvent("run-d", 1, "run.started", "{}"), new StoredEvent("run-d", 2, "run.completed", "{}"));
        var row = new RunFinal("completed", "{\"answer\":1}", null, "[]");
        runs.finish("run-d", last, row);
        runs.finish("run-d", last, row);
        assertThat(runs.events("run-d", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::name).containsExactly("run.started", "run.completed");
        assertThat(runs.find("run-d").orElseThrow().status()).isEqualTo("completed");
        // a finished run is never marked failed afterwards (another server's recovery, a late retry)
        runs.markFailed("run-d", "run.failed", "{}", "{\"code\":\"interrupted\"}");
        assertThat(runs.find("run-d").orElseThrow().status()).isEqualTo("completed");
        assertThat(runs.lastSeq("run-d")).isEqualTo(2);
        assertThat(runs.unfinishedWithOwners()).extracting(RunStore.Unfinished::id).doesNotContain("run-d");
    }

    @Test
    void aRunThatLostEventsIsMarkedFailedPastEverySequenceAClientSaw() {
        var runs = new RunStore(db());
        runs.create("run-e", "hello", "{}", "{}", "running", "owner-2");
        assertThat(runs.unfinishedWithOwners()).contains(new RunStore.Unfinished("run-e", "owner-2"));
        runs.append(List.of(new StoredEvent("run-e", 1, "run.started", "{}")));
        runs.markFailed("run-e", 9, "run.failed", "{}", "{\"code\":\"server_error\"}");
        assertThat(runs.events("run-e", 0, Long.MAX_VALUE, 10)).extracting(StoredEvent::seq).containsExactly(1L, 9L);
        assertThat(runs.find("run-e").orElseThrow().status()).isEqualTo("failed");
    }

    @Test
    void leasesAreWrittenRenewedAndRemoved() {
        var instances = new InstanceStore(db());
        var lease = new InstanceStore.Lease("owner-x", "host", 42, "start", 1000);
        instances.renew(lease);
        instances.renew(new InstanceStore.Lease("owner-x", "host", 42, "start", 2000));
        assertThat(instances.all()).filteredOn(l -> l.ownerId().equals("owner-x"))
                .containsExactly(new InstanceStore.Lease("owner-x", "host", 42, "start", 2000));
        instances.remove("owner-x");
        assertThat(instances.all()).noneMatch(l -> l.ownerId().equals("owner-x"));
    }
}
