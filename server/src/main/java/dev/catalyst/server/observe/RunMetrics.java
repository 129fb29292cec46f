package dev.catalyst.server.observe;

import dev.catalyst.core.events.RunEvent;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, in a registry of its own (no process-wide default registry).
 * Labels are provider, model, error code and run status only — never a run or node id — so the
 * number of series is bounded by the catalog and the error taxonomy.
 */
public final class RunMetrics {
    /** Seconds: from a cache hit's few ms to a slow reasoning model's minute. */
    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
    /** Seconds: the writer groups for 5 ms; an outage keeps writes waiting for many seconds. */
    private static final double[] LAG_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30};
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter runs = Counter.builder().name("catalyst_runs").help("Runs ended, by status")
            .labelNames("status").withoutExemplars().register(registry);
    private final Counter inputTokens = Counter.builder().name("catalyst_input_tokens").help("Input tokens billed, by provider and model")
            .labelNames("provider", "model").withoutExemplars().register(registry);
    private final Counter outputTokens = Counter.builder().name("catalyst_output_tokens").help("Output tokens billed, by provider and model")
            .labelNames("provider", "model").withoutExemplars().register(registry);
    private final Counter cost = Counter.builder().name("catalyst_cost_usd").help("Cost in US dollars, by provider and model")
            .labelNames("provider", "model").withoutExemplars().register(registry);
    private final Counter upstreamErrors = Counter.builder().name("catalyst_upstream_errors")
            .help("Failed model calls (router attempts included), by provider, model and error code")
            .labelNames("provider", "model", "code").withoutExemplars().register(registry);
    private final Histogram ttft = Histogram.builder().name("catalyst_ttft_seconds").help("Time to first token of model nodes")
            .labelNames("provider", "model").classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
    private final Histogram nodeLatency = Histogram.builder().name("catalyst_node_latency_seconds")
            .help("Latency of model nodes that completed, start to end").labelNames("provider", "model")
            .classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
    private final Histogram writeLag = Histogram.builder().name("catalyst_store_write_lag_seconds")
            .help("How long a committed group's oldest write waited in the run writer (taken from its queue to committed)")
            .classicOnly().classicUpperBounds(LAG_BUCKETS).withoutExemplars().register(registry);
    private final PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();

    /**
     * Registers the two gauges read at scrape time: live event-stream subscribers and router
     * deployments cooling down. Called once, by the server that owns both.
     */
    public void watch(IntSupplier openStreams, IntSupplier cooldowns) {
        GaugeWithCallback.builder().name("catalyst_open_streams").help("Live subscribers to the event streams of runs in progress")
                .callback(cb -> cb.call(openStreams.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("catalyst_router_cooldowns_active").help("Router deployments cooling down now")
                .callback(cb -> cb.call(cooldowns.getAsInt())).register(registry);
    }

    void runEnded(String status) {
        runs.labelValues(status).inc();
    }

    void nodeCompleted(ModelRef m, RunEvent.NodeCompleted c) {
        nodeLatency.labelValues(m.provider(), m.model()).observe(c.latencyMs() / 1000.0);
        if (c.ttftMs() != null) ttft.labelValues(m.provider(), m.model()).observe(c.ttftMs() / 1000.0);
        if (c.usage() != null) {
            inputTokens.labelValues(m.provider(), m.model()).inc(c.usage().inputTokens());
            outputTokens.labelValues(m.provider(), m.model()).inc(c.usage().outputTokens());
        }
        if (c.costUsd() != null) cost.labelValues(m.provider(), m.model()).inc(c.costUsd().doubleValue());
    }

    void upstreamError(ModelRef m, String code) {
        upstreamErrors.labelValues(m.provider(), m.model(), code).inc();
    }

    void committed(Duration lag) {
        writeLag.observe(lag.toNanos() / 1e9);
    }

    /** The registry's metrics in the Prometheus text format 0.0.4. */
    public byte[] scrape() {
        var out = new ByteArrayOutputStream(4096);
        try {
            format.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
