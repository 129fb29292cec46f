package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.RunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions of stored workflows (list, view, restore) and a rename that never replaces another workflow. */
class WorkflowVersionsTest {
    @TempDir
    static Path dir;
    static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer(dir, ServerConfig.loopback());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String workflow(String id, String name) {
        return TestExecutors.WORKFLOW.replace("\"id\": \"hello\"", "\"id\": \"" + id + "\"").replace("\"Hello\"", "\"" + name + "\"");
    }

    @Test
    void everySaveKeepsAVersionToListShowAndRestore() throws Exception {
        assertThat(t.post("/api/workflows", workflow("kept", "First")).body().get("version").longValue()).isEqualTo(1);
        var second = t.put("/api/workflows/kept", workflow("kept", "Second"));
        assertThat(second.body().get("version").longValue()).isEqualTo(2);

        var list = t.get("/api/workflows/kept/versions").body().get("versions");
        assertThat(list).extracting(v -> v.get("version").longValue()).containsExactly(2L, 1L);
        assertThat(list.get(1).get("name").stringValue()).isEqualTo("First");
        assertThat(list.get(0).get("savedAt").stringValue()).isNotBlank();

        var first = t.get("/api/workflows/kept/versions/1").body();
        assertThat(first.get("workflow").get("name").stringValue()).isEqualTo("First");

        var restored = t.post("/api/workflows/kept/versions/1/restore", "{}");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.body().get("version").longValue()).isEqualTo(3);
        assertThat(restored.body().get("valid").booleanValue()).isTrue();
        assertThat(t.get("/api/workflows/kept").body().get("name").stringValue()).isEqualTo("First");

        assertThat(t.get("/api/workflows/kept/versions/9").status()).isEqualTo(404);
        assertThat(t.get("/api/workflows/kept/versions/zero").errorMessage()).contains("whole number");
        assertThat(t.get("/api/workflows/kept/versions/0").status()).isEqualTo(400);
        assertThat(t.post("/api/workflows/kept/versions/9/restore", "{}").status()).isEqualTo(404);
        assertThat(t.get("/api/workflows/nobody/versions").status()).isEqualTo(404);
    }

    @Test
    void aWorkflowsRunHistoryHasTokensAndCostAndEachRunItsOwnWorkflow() throws Exception {
        var store = new RunStore(t.db);
        store.create("run-h1", "history-a", "{\"id\":\"history-a\",\"name\":\"As it ran\"}", "{}", "running");
        store.finish("run-h1", "completed", "{}", null,
                "[{\"nodeId\":\"a\",\"usage\":{\"inputTokens\":3,\"outputTokens\":5},\"costUsd\":0.25},"
                        + "{\"nodeId\":\"b\",\"usage\":{\"inputTokens\":1,\"outputTokens\":2},\"costUsd\":0.5}]");
        store.create("run-h2", "history-b", "{\"id\":\"history-b\"}", "{}", "running");

        var a = t.get("/api/runs?workflowId=history-a").body().get("runs");
        assertThat(a).extracting(r -> r.get("id").stringValue()).containsExactly("run-h1");
        assertThat(a.get(0).get("inputTokens").longValue()).isEqualTo(4);
        assertThat(a.get(0).get("outputTokens").longValue()).isEqualTo(7);
        assertThat(a.get(0).get("costUsd").decimalValue()).isEqualByComparingTo("0.75");
        assertThat(a.get(0).get("finishedAt").stringValue()).isNotBlank();
        var b = t.get("/api/runs?workflowId=history-b").body().get("runs");
        assertThat(b.get(0).get("inputTokens").isNull()).isTrue(); // not finished: nothing reported yet
        assertThat(t.get("/api/runs").body().get("runs")).extracting(r -> r.get("id").stringValue()).contains("run-h1", "run-h2");
        assertThat(t.get("/api/runs?workflowId=../x").status()).isEqualTo(400);

        assertThat(t.get("/api/runs/run-h1/workflow").body().get("name").stringValue()).isEqualTo("As it ran");
        assertThat(t.get("/api/runs/nobody/workflow").status()).isEqualTo(404);
        store.finish("run-h2", "completed", "{}", null, "[]");
    }

    @Test
    void aRenameMovesTheWorkflowAndRefusesATakenId() throws Exception {
        t.post("/api/workflows", workflow("draft-1", "Draft"));
        t.post("/api/workflows", workflow("taken", "Someone else's"));

        var refused = t.post("/api/workflows/draft-1/rename", "{\"id\": \"taken\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(t.get("/api/workflows/taken").body().get("name").stringValue()).isEqualTo("Someone else's");

        var renamed = t.post("/api/workflows/draft-1/rename", "{\"id\": \"final\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().get("previousId").stringValue()).isEqualTo("draft-1");
        assertThat(t.get("/api/workflows/draft-1").status()).isEqualTo(404);
        var moved = t.get("/api/workflows/final").body();
        assertThat(moved.get("id").stringValue()).isEqualTo("final");
        assertThat(moved.get("name").stringValue()).isEqualTo("Draft");
        // the versions came along, each restorable under the new id
        assertThat(t.get("/api/workflows/final/versions").body().get("versions").size()).isEqualTo(2);
        assertThat(t.post("/api/workflows/final/versions/1/restore", "{}").body().get("id").stringValue()).isEqualTo("final");
        assertThat(t.get("/api/workflows/final").body().get("id").stringValue()).isEqualTo("final");

        assertThat(t.post("/api/workflows/nobody/rename", "{\"id\": \"x\"}").status()).isEqualTo(404);
        assertThat(t.post("/api/workflows/final/rename", "{\"id\": \"final\"}").status()).isEqualTo(400);
        assertThat(t.post("/api/workflows/final/rename", "{\"id\": \"../x\"}").errorMessage()).contains("must be");
        assertThat(t.post("/api/workflows/final/rename", "{\"to\": \"x\"}").errorMessage()).contains("rename body");
    }
}
