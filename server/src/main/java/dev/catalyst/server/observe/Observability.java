package dev.catalyst.server.observe;

import dev.catalyst.core.workflow.Workflow;
import dev.catalyst.engine.RunEventSink;
import dev.catalyst.server.runs.RunObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A server's traces and metrics (ADR 27): every run's events become Prometheus metrics and, when
 * tracing is on, an OpenTelemetry trace. Tracing is off unless the environment names an OTLP
 * endpoint; then runs carry no tracer at all (not even a no-op one).
 */
public final class Observability implements RunObserver, AutoCloseable {
    static final String SCOPE = "dev.catalyst.server";

    private final RunMetrics metrics = new RunMetrics();
    private final Tracer tracer; // null: no tracing
    private final Clock clock;
    private final AutoCloseable sdk;

    private Observability(Tracer tracer, Clock clock, AutoCloseable sdk) {
        this.tracer = tracer;
        this.clock = clock;
        this.sdk = sdk;
    }

    /** Metrics only. */
    public static Observability metricsOnly() {
        return new Observability(null, Clock.systemUTC(), () -> { });
    }

    /** Metrics, and traces through {@code otel}; closing this does not close {@code otel} (its owner does). */
    public static Observability traced(OpenTelemetry otel, Clock clock) {
        return new Observability(otel.getTracer(SCOPE), clock, () -> { });
    }

    /** Metrics, and traces exported over OTLP when {@code env} names an endpoint (the SDK is closed with this). */
    public static Observability fromEnvironment(Map<String, String> env) {
        return OtlpTracing.fromEnvironment(env)
                .map(sdk -> new Observability(sdk.getTracer(SCOPE), Clock.systemUTC(), (AutoCloseable) sdk::close))
                .orElseGet(Observability::metricsOnly);
    }

    /** True when runs are traced. */
    public boolean tracing() {
        return tracer != null;
    }

    public RunMetrics metrics() {
        return metrics;
    }

    @Override
    public RunEventSink open(String runId, Workflow workflow) {
        return new ObservedRun(runId, workflow, metrics, tracer == null ? null : new RunTrace(tracer, clock, runId));
    }

    @Override
    public void committed(int writes, Duration lag) {
        metrics.committed(lag);
    }

    /** Flushes and stops the exporter, if this built one: call after the last run ended. */
    @Override
    public void close() {
        try {
            sdk.close();
        } catch (Exception e) {
            throw new IllegalStateException("the trace exporter did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
