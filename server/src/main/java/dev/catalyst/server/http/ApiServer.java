package dev.catalyst.server.http;

import dev.catalyst.engine.Engine;
import dev.catalyst.llm.nodes.router.RouterState;
import dev.catalyst.server.runs.RunException;
import dev.catalyst.server.secrets.SecretService;
import dev.catalyst.server.runs.RunService;
import dev.catalyst.server.runs.EventWriter;
import dev.catalyst.server.observe.Observability;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.RunStore;
import dev.catalyst.server.store.StoreUnavailableException;
import dev.catalyst.server.store.WorkflowStore;
import dev.catalyst.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP server: the /api routes of the contract and, when built, the canvas at {@code /}.
 * Jetty 12 (core handlers, no servlets) runs each request on its own virtual thread and speaks
 * HTTP/1.0 as well as 1.1, so nginx's default proxy settings work; TCP_NODELAY keeps small SSE
 * frames from waiting on Nagle's algorithm.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());
    /** Token guesses one client may make at /login per minute. */
    static final int LOGIN_ATTEMPTS_PER_MINUTE = 10;
    // the invoke route and the /v1 calls start runs too
    private static final java.util.regex.Pattern RUN_CREATION = java.util.regex.Pattern.compile("/api/(runs|workflows/[^/]+/invoke)/?|/v1/(chat/completions|embeddings)/?");

    /** The checks in front of every route: who may call, how often runs start, and the login form. */
    private record Edge(RequestGuard guard, RunRateLimiter runs, LoginPage login) {}

    private final Server server;
    private final ServerConnector connector;
    private final RunService runs;
    private final ServerConfig config;

    private ApiServer(Server server, ServerConnector connector, RunService runs, ServerConfig config) {
        this.server = server;
        this.connector = connector;
        this.runs = runs;
        this.config = config;
    }

    /**
     * Recovers runs cut off by a previous stop (marked failed, {@code interrupted}), then serves.
     * The database stays the caller's to close, after this server.
     */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version) {
        // an engine wired without a router of ours: the status route has nothing to report but an idle state
        return start(config, db, engine, version, false, new RouterState(Clock.systemUTC(), RouterState.Settings.defaults()));
    }

    /**
     * As above; {@code simulated} says in {@code GET /api/health} that fake providers answer model calls,
     * {@code routerState} is the one the engine's router nodes use, served at {@code GET /api/router/status}.
     */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version, boolean simulated, RouterState routerState) {
        return start(config, db, engine, version, simulated, routerState, Clock.systemUTC());
    }

    /** As above; the per-client run and login limits count on {@code clock}. */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version, boolean simulated,
                                  RouterState routerState, Clock clock) {
        return start(config, db, engine, version, simulated, routerState, clock, null);
    }

    /** As above; {@code secrets} (the user's stores and the key test) is served at /api/secrets, or nothing is when null. */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version, boolean simulated,
                                  RouterState routerState, Clock clock, SecretService secrets) {
        return start(config, db, engine, version, simulated, routerState, clock, secrets, Observability.metricsOnly());
    }

    /**
     * As above; every run's events feed {@code observability}'s metrics (served at {@code GET /metrics})
     * and, when it traces, its spans. The caller closes it after this server.
     */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version, boolean simulated,
                                  RouterState routerState, Clock clock, SecretService secrets, Observability observability) {
        return start(config, db, engine, version, simulated, routerState, clock, secrets, observability, null);
    }

    /**
     * As above; {@code notices}, required on PostgreSQL (the server's {@link dev.catalyst.server.store.InstanceNotices#runs()},
     * its one listener), tells the runs of other instances' events and brings cancel requests for its
     * own; the caller closes it after this server. Null on SQLite, which serves one instance.
     */
    public static ApiServer start(ServerConfig config, Database db, Engine engine, String version, boolean simulated,
                                  RouterState routerState, Clock clock, SecretService secrets, Observability observability,
                                  dev.catalyst.server.store.RunNotices notices) {
        config.requireTokenWhenExposed(); // also for servers not configured from the environment
        if (notices == null && db.dialect() == Database.Dialect.POSTGRESQL) {
            // any instance must answer any request (ADR 28): without them it could neither follow nor cancel another's run
            throw new IllegalArgumentException("a server on PostgreSQL needs its InstanceNotices");
        }
        var runStore = new RunStore(db);
        var workflows = new WorkflowStore(db);
        var runs = new RunService(engine, runStore, workflows, config.subscriberBuffer(), EventWriter.Grouping.defaults(), observability, notices);
        observability.metrics().watch(runs::liveSubscribers, () -> routerState.snapshot().cooldowns().size());
        int recovered = runs.recoverInterrupted();
        if (recovered > 0) LOG.info(recovered + " run(s) cut off by the last stop are now marked failed (interrupted)");
        var validator = engine.validator();

        var checks = new EdgeChecks(config.limits());
        var models = new GatewayModels(engine.catalog(), engine.secrets(), workflows);
        var runRoutes = new RunRoutes(runs, config.pingInterval(), checks);
        var router = new Router()
                .register("/api", new MetaRoutes(engine.registry(), engine.catalog(), version, simulated, routerState, runs::draining))
                .register("/api/workflows", new WorkflowRoutes(workflows, validator, engine.secrets(), checks, engine.cpu()))
                .register("/api/runs", runRoutes)
                .register("/api/workflows", new InvokeRoutes(runs, runRoutes))
                .register("/v1", new ModelsRoutes(models))
                .register("/v1", new ChatRoutes(runs, models, new ChatWorkflows(models, workflows), clock))
                .register("/v1", new EmbeddingsRoutes(runs, models));
        if (secrets != null) router.register("/api/secrets", new SecretRoutes(secrets));
        router.register("", new MetricsRoutes(observability.metrics()));

        // requests run on virtual threads; Jetty's selectors stay on the pool's platform threads
        var threads = new QueuedThreadPool();
        threads.setName("catalyst-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        var server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false); // no product banner for scanners
        // the per-connection header cache (built once a keep-alive connection carries a second request)
        // held ~170 KiB per open event stream; parsing headers without it costs little
        http.setHeaderCacheSize(0);
        http.setUriCompliance(EncodedSlashes.COMPLIANCE);
        var connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        // small SSE frames must not wait on Nagle's algorithm (Jetty's default too; said here on purpose)
        connector.setAcceptedTcpNoDelay(true);
        // many streams open at once (a canvas reload, a load test): 0 would mean the JDK's backlog of 50
        connector.setAcceptQueueSize(1024);
        // an open event stream is quiet at most one ping interval; the idle timeout must be longer
        connector.setIdleTimeout(config.limits().idleTimeout() != null ? config.limits().idleTimeout().toMillis()
                : Math.max(30_000, config.pingInterval().toMillis() * 2 + 5_000));
        // the idle timeout restarts with each byte: a trickled request head is cut off by its own clock
        var headerTimeout = new HeaderReadTimeout(connector.getScheduler(), config.limits().requestReadTimeout());
        connector.addBean(headerTimeout);
        server.addConnector(connector);
        // Jetty counts the body against the limit (Content-Length or chunked) and answers 413 through the error handler
        var edge = new Edge(new RequestGuard(config), new RunRateLimiter(config.access().runsPerMinute(), clock),
                new LoginPage(config.tokenDigest(), new RunRateLimiter(LOGIN_ATTEMPTS_PER_MINUTE, clock)));
        var api = new ApiHandler(router, config, edge, staticFiles(config.uiDir()), connector.getScheduler());
        var sizeLimit = new SizeLimitHandler(config.maxBodyBytes(), -1);
        sizeLimit.setHandler(api);
        server.setHandler(new EncodedSlashes(sizeLimit));
        server.setErrorHandler(new JsonErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure below is the one to report
            }
            throw new IllegalStateException("could not listen on " + config.bind() + ":" + config.port()
                    + " (is the port in use or the address not local?)", e);
        }
        return new ApiServer(server, connector, runs, config);
    }

    private static ResourceHandler staticFiles(Path uiDir) {
        if (uiDir == null) return null;
        var files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.root().newResource(uiDir));
        files.setWelcomeFiles(List.of("index.html"));
        files.setDirAllowed(false);
        files.setEtags(true);
        return files;
    }

    /**
     * Host and Origin checks, then the login form, or auth and the /api routes, or the canvas
     * files; every failure answers in the contract's JSON.
     */
    private static final class ApiHandler extends Handler.Wrapper {
        private final Router router;
        private final ServerConfig config;
        private final Edge edge;
        private final ResourceHandler files;
        private final Scheduler scheduler;

        ApiHandler(Router router, ServerConfig config, Edge edge, ResourceHandler files, Scheduler scheduler) {
            super(files);
            this.router = router;
            this.config = config;
            this.edge = edge;
            this.files = files;
            this.scheduler = scheduler;
        }

        // our routes block (body reads, SSE writes): Jetty must call us on a (virtual) worker thread
        @Override
        public InvocationType getInvocationType() {
            return InvocationType.BLOCKING;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            // the OpenAI-compatible /v1 routes pass the same checks as /api; only their error shape differs
            // /metrics too: a scraper passes the same checks (loopback open, a token beyond it)
            boolean api = path.equals("/api") || path.startsWith("/api/") || path.startsWith("/v1/") || path.equals(MetricsRoutes.PATH);
            SecurityHeaders.apply(response.getHeaders());
            try {
                if (!admitted(request, response, path, api)) {
                    // refused or answered (a CORS preflight, a redirect to the login page)
                } else if (path.equals(LoginPage.PATH)) {
                    serveLogin(request, response);
                } else if (api) {
                    serveApi(request, response, path);
                } else if (files == null || !files.handle(request, response, callback)) {
                    Http.error(exchange(request, response, Map.of()), ApiException.notFound("no such file: " + path));
                } else {
                    return true; // the file handler completes the callback itself
                }
                callback.succeeded();
            } catch (ClientGoneException e) {
                // nobody to answer: one line, no stack trace (failing the callback would log one and try a 500)
                LOG.info(request.getMethod() + " " + path + ": " + e.getMessage());
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.succeeded();
            } catch (Throwable e) {
                callback.failed(e);
            }
            return true;
        }

        private Exchange exchange(Request request, Response response, Map<String, String> params) {
            return new Exchange(request, response, params, scheduler, config.limits().requestReadTimeout(), config.access().maxJsonDepth());
        }

        /**
         * The checks before anything else: a Host this server answers to; for the API and the
         * login form a same-site (or configured CORS) Origin and no token in the URL; for the
         * canvas's page, a login when a token is required. False when the request got its answer here.
         */
        private boolean admitted(Request request, Response response, String path, boolean api) {
            try {
                edge.guard().host(request);
                if (api || path.equals(LoginPage.PATH)) {
                    if (edge.guard().origin(request, response)) {
                        Http.empty(exchange(request, response, Map.of()), 204); // a CORS preflight from an allowed origin
                        return false;
                    }
                    edge.guard().noTokenInQuery(request);
                } else if (isPage(path) && !edge.guard().authenticated(request)) {
                    response.setStatus(303);
                    response.getHeaders().put(HttpHeader.LOCATION, LoginPage.PATH);
                    Http.empty(exchange(request, response, Map.of()), 303);
                    return false;
                }
                return true;
            } catch (ApiException e) {
                answer(exchange(request, response, Map.of()), e);
                return false;
            }
        }

        // the canvas's HTML entry points; its scripts and styles are the public build and need no login
        private static boolean isPage(String path) {
            return path.equals("/") || path.equals("/index.html");
        }

        private void serveLogin(Request request, Response response) {
            try {
                edge.login().handle(request, response, Request.getRemoteAddr(request));
            } catch (ApiException e) {
                answer(exchange(request, response, Map.of()), e);
            } catch (java.io.IOException e) {
                throw new ClientGoneException("the client went away before the login page was written", e);
            }
        }

        private void serveApi(Request request, Response response, String path) {
            var ex = exchange(request, response, Map.of());
            try {
                // before any body is read: who calls, what they send, how often they start runs
                if (!path.equals("/api/health") && !edge.guard().authenticated(request)) {
                    response.getHeaders().put("WWW-Authenticate", "Bearer");
                    throw new ApiException(401, "auth", "this server needs Authorization: Bearer <CATALYST_TOKEN> (the canvas: log in at /login)");
                }
                switch (router.match(request.getMethod(), path)) {
                    case Router.Found found -> {
                        edge.guard().contentType(request);
                        limitRunCreation(request, response, path);
                        ex = exchange(request, response, found.params());
                        found.route().handle(ex);
                    }
                    case Router.WrongMethod wrong -> {
                        response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", wrong.allowed()));
                        throw new ApiException(405, "method_not_allowed", request.getMethod() + " is not allowed on " + path
                                + "; use " + String.join(" or ", wrong.allowed()));
                    }
                    case Router.NotFound none -> throw ApiException.notFound("no such endpoint: " + request.getMethod() + " " + path);
                }
            } catch (ApiException e) {
                answer(ex, e); // throws ClientGoneException (one line) when the client is gone
                if (hungUp(e)) LOG.info(request.getMethod() + " " + path + ": the request body ended early (a malformed chunk, or a hang-up)");
            } catch (ClientGoneException e) {
                throw e;
            } catch (RunException e) {
                if (e instanceof RunException.Draining) {
                    // nothing started: the client (or its SDK) may send it again, and this connection should
                    // not carry it back here
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
                answer(ex, DomainErrors.of(e));
            } catch (StoreUnavailableException e) {
                // logged once per outage by the store, not once per request
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
                answer(ex, DomainErrors.of(e));
            } catch (Exception e) {
                if (hungUp(e)) throw new ClientGoneException("the client went away before its answer was written", e);
                LOG.log(Level.WARNING, "request " + request.getMethod() + " " + path + " failed", e);
                answer(ex, new ApiException(500, "server_error", "the server failed on this request; see its log"));
            }
        }

        private void limitRunCreation(Request request, Response response, String path) {
            if (!request.getMethod().equals("POST") || !RUN_CREATION.matcher(path).matches()) return;
            long wait = edge.runs().acquire(Request.getRemoteAddr(request));
            if (wait > 0) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
                throw new ApiException(429, "rate_limited", "this client started " + edge.runs().perMinute()
                        + " runs in the last minute, the most allowed (CATALYST_RUNS_PER_MINUTE); try again in " + wait + " s");
            }
        }

        private static boolean hungUp(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.eclipse.jetty.io.EofException) return true;
            }
            return false;
        }

        private static void answer(Exchange ex, ApiException e) {
            if (ex.response.isCommitted()) {
                // too late for a JSON error: the status went out; closing tells the client
                throw new IllegalStateException("response already started", e);
            }
            ex.response.setStatus(200);
            try {
                if (ex.path().startsWith("/v1/")) Http.json(ex, e.status(), OpenAiErrors.body(e));
                else Http.error(ex, e);
            } catch (RuntimeException w) {
                if (hungUp(w)) throw new ClientGoneException("the client went away before its answer was written", w);
                throw w;
            }
        }
    }

    /** Jetty's own refusals (a malformed request, headers too large, a body over the limit) in the same JSON shape as ours. */
    private static final class JsonErrorHandler implements Request.Handler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer i ? i : response.getStatus();
            if (status < 400) {
                // the file handler answers a conditional GET with 304 through this path: no body
                response.setStatus(status);
                callback.succeeded();
                return true;
            }
            Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
            var refusal = new ApiException(status, ErrorBody.codeFor(status), message != null ? message.toString() : HttpStatus.getMessage(status));
            // Jetty's own refusals (a body over the limit, a bad URI) reach OpenAI's clients in their shape too
            var body = request.getHttpURI().getPath().startsWith("/v1/") ? OpenAiErrors.body(refusal) : ErrorBody.of(refusal);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(Json.write(body).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return "http://" + host + ":" + port();
    }

    public RunService runs() {
        return runs;
    }

    /**
     * The first step of a stop that lets runs finish (ADR 30), done when it returns: no new
     * connection is accepted (a proxy's next one goes to another instance), every response from now
     * on closes its connection (Jetty's shutdown), {@code GET /api/health} answers 503
     * {@code draining}, and a new run is refused with 503 {@code draining} (Retry-After: 1). Live
     * runs and every open stream go on; {@link #awaitLiveRuns} waits for them.
     */
    public void stopTakingWork() {
        runs.drain();
        // open streams keep their idle timeout (Jetty would lower it to 1 s, cutting a quiet stream)
        connector.setShutdownIdleTimeout(connector.getIdleTimeout());
        connector.shutdown();
    }

    /** After {@link #stopTakingWork}: true once every live run has ended and is stored, false when {@code grace} passed first. */
    public boolean awaitLiveRuns(java.time.Duration grace) throws InterruptedException {
        return runs.awaitLiveRuns(grace);
    }

    /** Cancels live runs (they end as cancelled, stored), then stops serving. */
    @Override
    public void close() {
        runs.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the HTTP server did not stop cleanly", e);
        }
    }


}
