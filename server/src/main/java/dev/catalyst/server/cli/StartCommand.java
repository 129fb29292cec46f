package dev.catalyst.server.cli;

import dev.catalyst.server.http.ApiServer;
import dev.catalyst.server.http.ServerConfig;
import dev.catalyst.server.observe.LibraryLogLevels;
import dev.catalyst.server.observe.LogFormat;
import dev.catalyst.server.observe.Observability;
import dev.catalyst.server.secrets.KeyCheck;
import dev.catalyst.server.secrets.SecretService;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.InstanceNotices;
import dev.catalyst.server.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "start", description = {
        "Serve the canvas and the HTTP API (default http://127.0.0.1:7070).",
        "Environment: CATALYST_BIND, CATALYST_PORT, CATALYST_TOKEN (or --generate-token; one is required when bound "
                + "beyond loopback), CATALYST_ALLOWED_HOSTS, CATALYST_CORS_ORIGINS, CATALYST_RUNS_PER_MINUTE, CATALYST_HOME "
                + "(data, default ~/.catalyst), CATALYST_DB (sqlite:<path> or postgresql://user@host:port/db), "
                + "CATALYST_LOG_FORMAT (json: one JSON object per log line), OTEL_EXPORTER_OTLP_ENDPOINT (traces over OTLP/HTTP; "
                + "the other OTEL_* variables apply), CATALYST_SHUTDOWN_GRACE (how long a stop lets live runs finish: "
                + "25s on PostgreSQL, 0 on SQLite). Metrics: GET /metrics.",
        "With no provider key set (ANTHROPIC_API_KEY, ...), simulate mode is on: local fake providers answer."})
final class StartCommand implements Callable<Integer> {
    // held while the server runs (see LibraryLogLevels): libraries speak only on warnings
    private LibraryLogLevels libraryLevels;
    // CATALYST_LOG_FORMAT=json gives its handlers (the console's) the JSON formatter
    private final java.util.logging.Logger rootLogger = java.util.logging.Logger.getLogger("");

    /** In simulate mode every credential resolves through the simulator until the server is restarted. */
    static final String RESTART_NOTE = "This server runs in simulate mode: runs use the local fake providers until it is restarted"
            + " (without --simulate); the key is stored and will be used then.";

    @Mixin
    SimulateOptions simulation = new SimulateOptions();

    @Option(names = "--generate-token", description = {
            "With no CATALYST_TOKEN and no token generated before: make one, show it once and keep only its hash "
                    + "($CATALYST_HOME/token.sha256); later starts use that hash. `catalyst token rotate` replaces it."})
    boolean generateToken;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        libraryLevels = LibraryLogLevels.set(java.util.Map.of(
                "org.flywaydb", java.util.logging.Level.WARNING,
                "org.eclipse.jetty", java.util.logging.Level.WARNING,
                // the store reports a database outage once per kind (ADR 9); the pool's per-connection traces would repeat it
                "com.zaxxer.hikari", java.util.logging.Level.SEVERE,
                // the local embedding model's tokenizer library warns that it found no GPU: it needs none
                "ai.djl", java.util.logging.Level.SEVERE));
        var env = main.env;
        try {
            LogFormat.apply(env, rootLogger);
        } catch (IllegalArgumentException e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ServerConfig config;
        DatabaseUrl dbUrl;
        StoreConfig storeConfig;
        java.time.Duration grace;
        String shownOnce = null;
        var tokenFile = new TokenFile(CliEnvironment.home(env), java.time.Clock.systemUTC());
        try {
            var envToken = env.get("CATALYST_TOKEN");
            java.util.Optional<dev.catalyst.server.http.TokenDigest> stored = envToken == null || envToken.isEmpty()
                    ? tokenFile.read() : java.util.Optional.empty();
            // made now, kept (as its hash) and shown only once the server is up: a failed start must not lose it
            if (stored.isEmpty() && generateToken && (envToken == null || envToken.isEmpty())) {
                shownOnce = TokenFile.newToken();
                stored = java.util.Optional.of(dev.catalyst.server.http.TokenDigest.of(shownOnce));
            }
            config = ServerConfig.fromEnvironment(env, uiRoot(), stored.orElse(null));
            dbUrl = DatabaseUrl.parse(env.get("CATALYST_DB"), CliEnvironment.home(env));
            storeConfig = StoreConfig.fromEnvironment(env);
            grace = ShutdownGrace.fromEnvironment(env, dbUrl.dialect());
        } catch (IllegalArgumentException e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Database db;
        try {
            db = Database.open(dbUrl, null, storeConfig);
        } catch (RuntimeException e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ProviderMode providers;
        try {
            providers = ProviderMode.choose(env, simulation, err);
        } catch (IllegalArgumentException e) {
            db.close();
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ApiServer server;
        Observability observability;
        try {
            observability = Observability.fromEnvironment(env);
        } catch (RuntimeException e) { // an OTEL_* value the SDK refuses
            providers.close();
            db.close();
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        InstanceNotices notices = null;
        try {
            var catalog = CliEnvironment.catalog(env);
            // a user's key is tested against its real provider (or CATALYST_<P>_BASE_URL), never a simulated one
            var secrets = new SecretService(providers.stores().store(),
                    new KeyCheck(dev.catalyst.llm.providers.http.ProviderSettings.fromEnvironment(env), catalog),
                    providers.simulated() ? RESTART_NOTE : null);
            // several instances on one PostgreSQL share their router cooldowns (ADR 28); SQLite serves one
            // one listener connection hears the cooldowns, other instances' run events and cancel requests
            if (db.dialect() == Database.Dialect.POSTGRESQL) {
                notices = InstanceNotices.start(db, main.wiring.routerState().clock());
                main.wiring.routerState().shareCooldowns(notices.cooldowns());
            }
            server = ApiServer.start(config, db, main.wiring.engine(catalog, providers), Version.current(),
                    providers.simulated(), main.wiring.routerState(), java.time.Clock.systemUTC(), secrets, observability,
                    notices == null ? null : notices.runs());
        } catch (RuntimeException e) {
            observability.close();
            if (notices != null) notices.close();
            providers.close();
            db.close();
            err.println("catalyst: cannot serve on " + config.bind() + ":" + config.port() + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (shownOnce != null) {
            try {
                tokenFile.store(config.tokenDigest());
            } catch (RuntimeException e) {
                server.close();
                observability.close();
                if (notices != null) notices.close();
                providers.close();
                db.close();
                err.println("catalyst: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
        }
        var stopped = new CountDownLatch(1);
        // one way to stop: the stop latch; SIGINT/SIGTERM count it down and wait until all is closed
        Thread hook = new Thread(() -> {
            main.stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "catalyst-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Catalyst " + Version.current() + " serving on " + server.url());
        out.println("data:  " + db.describe());
        if (config.token() != null) out.println("auth:  /api needs Authorization: Bearer $CATALYST_TOKEN; the canvas logs in at " + server.url() + "/login");
        else if (shownOnce != null) {
            out.println("token: " + shownOnce);
            out.println("auth:  /api needs Authorization: Bearer <the token above>; the canvas logs in at " + server.url() + "/login."
                    + " It is shown this once: only its hash is kept (" + tokenFile.path() + "); `catalyst token rotate` makes a new one");
        } else if (config.tokenDigest() != null) {
            out.println("auth:  /api needs the token generated on first start (hash in " + tokenFile.path() + "); the canvas logs in at "
                    + server.url() + "/login; lost it? `catalyst token rotate`");
        }
        out.println("keys:  " + providers.stores().writable().map(w -> "stored in " + w.describe()).orElse("environment only (no keychain, no CATALYST_MASTER_KEY)"));
        if (observability.tracing()) out.println("trace: spans exported over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT)");
        out.println("mode:  " + (providers.simulated() ? "simulate (fake providers; no key used)" : "providers from the environment"));
        out.println("ui:    " + (config.uiDir() == null ? "not built (no ui/dist); the API is served" : config.uiDir()));
        out.flush();
        try {
            main.stop.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for the close below
            }
            // every part is closed even if one fails, and the hook is always released: a close that threw
            // used to skip the rest and leave SIGTERM's hook waiting, so the process never exited
            InstanceNotices shared = notices;
            closeAll(() -> drain(server, grace, err), server::close, observability::close, () -> {
                if (shared != null) shared.close();
            }, providers::close, db::close, stopped::countDown);
        }
        return 0;
    }

    /** Runs every step in order, also after one throws; then throws the first failure, the later ones suppressed. */
    /** Lets live runs finish (up to {@code grace}) before the close cancels what is left. */
    private static void drain(ApiServer server, java.time.Duration grace, java.io.PrintWriter err) {
        int live = server.runs().liveRuns();
        if (grace.isZero() || live == 0) return;
        server.stopTakingWork();
        err.println("catalyst: stopping: no new runs; waiting up to " + grace.toSeconds() + " s for " + live + " live run(s) to finish ("
                + ShutdownGrace.ENV + ")");
        err.flush();
        try {
            if (server.awaitLiveRuns(grace)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop waiting: the close cancels what is left
        }
        err.println("catalyst: " + server.runs().liveRuns() + " run(s) still live: cancelling them");
        err.flush();
    }

    static void closeAll(Runnable... steps) {
        Throwable first = null; // an Error too: a class that cannot load any more must not stop the rest
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (Throwable e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first instanceof Error e) throw e;
        if (first != null) throw (RuntimeException) first; // a Runnable throws nothing checked
    }

    /** The folder holding ui/dist: the working directory if it has one, else the checkout the jar was built in. */
    static Path uiRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("ui").resolve("dist"))) return cwd;
        try {
            Path jar = Path.of(StartCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null || jar.getParent().getParent() == null ? cwd : jar.getParent().getParent().getParent();
            return root == null ? cwd : root;
        } catch (Exception e) {
            return cwd;
        }
    }
}
