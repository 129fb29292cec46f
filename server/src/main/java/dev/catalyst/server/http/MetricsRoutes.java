package dev.catalyst.server.http;

import dev.catalyst.server.observe.RunMetrics;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;

/** {@code GET /metrics}: the server's metrics in the Prometheus text format, behind the same checks as /api (ADR 27). */
final class MetricsRoutes implements Router.Routes {
    static final String PATH = "/metrics";

    private final RunMetrics metrics;

    MetricsRoutes(RunMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.get(PATH, ex -> {
            String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
            ex.response.setStatus(200);
            ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, RunMetrics.CONTENT_TYPE);
            ex.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            ex.write(true, text);
        });
    }
}
