package dev.catalyst.server.http;

import dev.catalyst.engine.Engine;
import dev.catalyst.server.runs.RunService;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.WorkflowStore;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.StaticContentService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP server: the /api routes of the contract and, when built, the canvas at {@code /}.
 * Helidon SE runs each request on its own virtual thread; TCP_NODELAY keeps small SSE frames from
 * waiting on Nagle's algorithm.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());

    private final WebServer server;
    private final RunService runs;
    private final ServerConfig config;

    private ApiServer(WebServer server, RunService runs, ServerConfig config) {
        this.server = server;
        this.runs = runs;
        this.config = config;
    }

    /**
     * Recovers runs cut off by a previous stop (marked failed, {@code interrupted}), then serves.
     * The database stays the caller's to close, after this server.
     */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version) {
        return start(config, db, engine, version, false);
    }

    /** As above; {@code simulated} says in {@code GET /api/health} that fake providers answer model calls. */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version, boolean simulated) {
        var runStore = new RunStore(db);
        var workflows = new WorkflowStore(db);
        var runs = new RunService(engine, runStore, workflows, config.subscriberBuffer());
        int recovered = runs.recoverInterrupted();
        if (recovered > 0) LOG.info(recovered + " run(s) cut off by the last stop are now marked failed (interrupted)");
        var validator = engine.validator();

        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter((chain, req, res) -> {
            String path = req.path().path();
            if (config.token() != null && path.startsWith("/api/") && !path.equals("/api/health") && !authorized(req, config.token())) {
                res.header("WWW-Authenticate", "Bearer");
                Http.error(res, new ApiException(401, "auth", "this server needs Authorization: Bearer <CATALYST_TOKEN>"));
                return;
            }
            chain.proceed();
        });
        routing.register("/api", new MetaRoutes(engine.registry(), engine.catalog(), version, simulated));
        routing.register("/api/workflows", new WorkflowRoutes(workflows, validator, engine.secrets(), config.maxBodyBytes()));
        routing.register("/api/runs", new RunRoutes(runs, config.pingInterval(), config.maxBodyBytes()));
        routing.any("/api/*", (req, res) -> Http.error(res,
                ApiException.notFound("no such endpoint: " + req.prologue().method().text() + " " + req.path().path())));
        if (config.uiDir() != null) {
            routing.register("/", StaticContentService.builder(config.uiDir()).welcomeFileName("index.html").build());
        }
        routing.error(ApiException.class, (req, res, e) -> Http.error(res, e));
        // Helidon's own answers (304 for a cached file, 404 for a missing one) keep their status
        routing.error(io.helidon.http.HttpException.class, (req, res, e) -> {
            int code = e.status().code();
            if (code < 400) {
                res.status(e.status()).send();
            } else {
                Http.error(res, new ApiException(code, code == 404 ? "not_found" : "http_error",
                        code == 404 ? "no such file: " + req.path().path() : e.status().reasonPhrase()));
            }
        });
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(Level.WARNING, "request " + req.prologue().method().text() + " " + req.path().path() + " failed", e);
            Http.error(res, new ApiException(500, "server_error", "the server failed on this request; see its log"));
        });

        WebServer server = WebServer.builder()
                .host(config.bind())
                .port(config.port())
                .connectionOptions(o -> o.tcpNoDelay(true))
                // a safety net behind our own limit, which answers with a JSON 413 first
                .maxPayloadSize(Math.max(config.maxBodyBytes() * 4, 1024 * 1024))
                .routing(routing)
                .build()
                .start();
        // Helidon logs a failed bind and returns a stopped server rather than throwing
        if (!server.isRunning()) {
            throw new IllegalStateException("could not listen on " + config.bind() + ":" + config.port()
                    + " (is the port in use or the address not local?)");
        }
        return new ApiServer(server, runs, config);
    }

    private static boolean authorized(io.helidon.webserver.http.RoutingRequest req, String token) {
        String header = req.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION).orElse("");
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    public int port() {
        return server.port();
    }

    public String url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return "http://" + host + ":" + port();
    }

    public RunService runs() {
        return runs;
    }

    /** Cancels live runs (they end as cancelled, stored), then stops serving. */
    @Override
    public void close() {
        runs.close();
        server.stop();
    }


}
