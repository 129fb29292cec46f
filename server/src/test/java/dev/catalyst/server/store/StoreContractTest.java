package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The persistence behaviour every database must show; run once per database by the subclasses. */
abstract class StoreContractTest {
    abstract Database db();

    @Test
    void workflowsAreCreatedListedReplacedAndDeleted() {
        var store = new WorkflowStore(db());
        assertThat(store.create("wf-1", "First", "{\"a\":1}")).isTrue();
        assertThat(store.create("wf-1", "Again", "{}")).isFalse();
        assertThat(store.find("wf-1").orElseThrow().definition()).isEqualTo("{\"a\":1}");
        assertThat(store.put("wf-1", "Renamed", "{\"a\":2}")).isTrue();
        assertThat(store.put("wf-2", "Second", "{\"b\":1}")).isFalse();
        assertThat(store.list()).extracting(StoredWorkflow::id).containsExactly("wf-1", "wf-2");
        assertThat(store.find("wf-1").orElseThrow().name()).isEqualTo("Renamed");
        assertThat(store.delete("wf-1")).isTrue();
        assertThat(store.delete("wf-1")).isFalse();
        assertThat(store.find("wf-1")).isEmpty();
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
    void aDuplicateEventIsRefusedAndNothingOfItsBatchIsKept() {
        var runs = new RunStore(db());
        runs.create("run-c", "hello", "{}", "{}", "running");
        runs.append(List.of(new StoredEvent("run-c", 1, "run.started", "{}")));
        assertThatThrownBy(() -> runs.append(List.of(new StoredEvent("run-c", 2, "token", "{}"), new StoredEvent("run-c", 1, "token", "{}"))))
                .isInstanceOf(StoreException.class);
        assertThat(runs.lastSeq("run-c")).isEqualTo(1);
    }
}
