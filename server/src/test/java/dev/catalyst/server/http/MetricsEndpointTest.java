package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.LogCapture;
import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.observe.PromText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP after real runs, parsed as the Prometheus text format. */
@Timeout(120)
class MetricsEndpointTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    // the test workflow's completion node (TestExecutors.WORKFLOW)
    static final String[] CLAUDE = {"provider", "anthropic", "model", "claude-haiku-5-5"};

    @TempDir
    Path dir;

    private static PromText scrape(TestServer t) throws Exception {
        var r = t.http.send(t.request("/metrics").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return PromText.parse(r.body());
    }

    @Test
    void runsTokensCostLatencyAndOpenStreamsMoveByWhatTheRunsDid() throws Exception {
        try (var t = new TestServer(dir, ServerConfig.loopback().withPingInterval(Duration.ofMillis(300)))) {
            var before = scrape(t);
            assertThat(before.value("catalyst_open_streams")).isZero();
            assertThat(before.value("catalyst_runs_total", "status", "completed")).isZero();
            // a labelled series appears with its first value; the gauges are there from the start
            assertThat(before.types).containsEntry("catalyst_open_streams", "gauge").doesNotContainKey("catalyst_runs_total");

            // a run whose completion waits on our feed: its event stream stays open meanwhile
            String id = t.startRun();
            var first = SseClient.open(t.http, t.url("/api/runs/" + id + "/events"), null, null);
            var second = SseClient.open(t.http, t.url("/api/runs/" + id + "/events"), null, null);
            untilClaudeStarted(first);
            untilClaudeStarted(second);
            assertThat(scrape(t).value("catalyst_open_streams")).isEqualTo(2);

            // one client leaves mid-run: once the server noticed (its next ping fails), the gauge is back down by one
            try (var log = LogCapture.of(RunRoutes.class.getName(), Level.FINE)) {
                second.close();
                assertThat(log.await(("event stream of run " + id + ": client went away")::equals, WAIT)).isTrue();
            }
            assertThat(scrape(t).value("catalyst_open_streams")).isEqualTo(1);

            t.nodes.feed("abc", "de", TestExecutors.END);
            assertThat(first.untilEnd(WAIT).getLast().event()).isEqualTo("run.completed");
            first.close();
            t.server.runs().whenStored(id).get();

            // a second run whose stream breaks: a failed run and an upstream error by its code
            String broken = t.startRun();
            t.nodes.feed("x", TestExecutors.FAIL);
            try (var sse = SseClient.open(t.http, t.url("/api/runs/" + broken + "/events"), null, null)) {
                assertThat(sse.untilEnd(WAIT).getLast().event()).isEqualTo("run.failed");
            }
            t.server.runs().whenStored(broken).get();

            var after = scrape(t);
            assertThat(after.types).containsEntry("catalyst_runs_total", "counter").containsEntry("catalyst_node_latency_seconds", "histogram");
            assertThat(after.value("catalyst_open_streams")).isZero();
            assertThat(after.value("catalyst_runs_total", "status", "completed")).isEqualTo(1);
            assertThat(after.value("catalyst_runs_total", "status", "failed")).isEqualTo(1);
            // TestExecutors bills 3 input tokens, one output token per character, $0.002 per completed call
            assertThat(after.value("catalyst_input_tokens_total", CLAUDE)).isEqualTo(3);
            assertThat(after.value("catalyst_output_tokens_total", CLAUDE)).isEqualTo(5);
            assertThat(after.value("catalyst_cost_usd_total", CLAUDE)).isEqualTo(0.002);
            assertThat(after.histogramCount("catalyst_node_latency_seconds", CLAUDE)).isEqualTo(1);
            assertThat(after.value("catalyst_upstream_errors_total", "provider", "anthropic", "model", "claude-haiku-5-5",
                    "code", "stream_interrupted")).isEqualTo(1);
            // both runs' rows and events were committed: the writer reported its groups' lag
            assertThat(after.histogramCount("catalyst_store_write_lag_seconds")).isGreaterThanOrEqualTo(2);
            assertThat(after.value("catalyst_router_cooldowns_active")).isZero();
            // bounded labels: no run id anywhere in the exposition
            assertThat(after.samples).allSatisfy(s -> assertThat(s.labels().values()).doesNotContain(id, broken));
        }
    }

    private static void untilClaudeStarted(SseClient sse) throws InterruptedException {
        SseClient.Frame f;
        do {
            f = sse.nextEvent(WAIT);
        } while (f != null && !(f.event().equals("node.started") && f.data().contains("claude")));
        assertThat(f).as("the completion node started").isNotNull();
    }

    @Test
    void metricsNeedTheTokenLikeTheApi() throws Exception {
        String token = "metrics-test-token-0123456789abcdef";
        try (var t = new TestServer(dir, ServerConfig.loopback().withToken(token))) {
            var anonymous = t.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.url("/metrics"))).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("catalyst_");
            assertThat(scrape(t).types).containsKey("catalyst_open_streams");
            // a write to it is refused like any wrong method
            assertThat(t.post("/metrics", "{}").status()).isEqualTo(405);
        }
    }
}
