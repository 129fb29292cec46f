package dev.catalyst.server.observe;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenTelemetry SDK, exporting spans over OTLP, when the environment asks for it
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} set); the
 * SDK's autoconfigure module reads the other standard {@code OTEL_*} variables (service name,
 * headers, protocol, sampler, batch sizes). Only traces: metrics have {@code /metrics}, logs stay local.
 */
public final class OtlpTracing {
    private OtlpTracing() {}

    /** Empty unless an OTLP endpoint is set: then nothing is built and nothing is exported. */
    public static Optional<OpenTelemetrySdk> fromEnvironment(Map<String, String> env) {
        if (blank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")) && blank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))) {
            return Optional.empty();
        }
        Map<String, String> props = new HashMap<>();
        props.put("otel.service.name", "catalyst");
        props.put("otel.traces.exporter", "otlp");
        props.put("otel.metrics.exporter", "none");
        props.put("otel.logs.exporter", "none");
        props.put("otel.exporter.otlp.protocol", "http/protobuf");
        // the environment given (the process's, or a test's) as the SDK's own properties: OTEL_FOO_BAR is otel.foo.bar
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_")) props.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
        });
        return Optional.of(AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> props)
                .disableShutdownHook() // the server shuts it down after its last run, so the last spans go out
                .build().getOpenTelemetrySdk());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
