package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.CatalogException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code catalyst} command line. Errors are one clear line each, never a stack trace. */
@Command(name = "catalyst",
        // -h/--help and -V/--version on every command, not only the top one: `catalyst start --help` is what people type
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.Provider.class,
        description = "Catalyst: a visual workflow builder and gateway for LLM automation.",
        subcommands = {
                StartCommand.class,
                RunCommand.class,
                ValidateCommand.class,
                NodesCommand.class,
                ModelsCommand.class,
                RenderCommand.class,
                SecretsCommand.class,
                TokenCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit codes: 0 fine, 1 the input has errors (e.g. an invalid workflow), 2 usage or unreadable input. */
    public static final int EXIT_INVALID = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment commands read (CATALYST_CATALOG, CATALYST_HOME, provider keys): the only way it reaches them. */
    final Map<String, String> env;
    /** The executors and the router state of this session. */
    final Wiring wiring;
    /** Counted down to stop {@code catalyst start}; the process's shutdown hook does it on SIGINT/SIGTERM. */
    final CountDownLatch stop;
    /** Where {@code secrets set} reads a value (the terminal without echo, or standard input). */
    final SecretInput secretInput;

    Main(Map<String, String> env, Wiring wiring, CountDownLatch stop) {
        this(env, wiring, stop, SecretInput.system());
    }

    Main(Map<String, String> env, Wiring wiring, CountDownLatch stop, SecretInput secretInput) {
        this.env = Map.copyOf(env);
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.secretInput = Objects.requireNonNull(secretInput, "secretInput");
    }

    /** The process's own world: its environment, the system clock, the built-in executors. */
    static Main of(Map<String, String> env) {
        return new Main(env, Wiring.standard(Clock.systemUTC()), new CountDownLatch(1));
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs the CLI as if {@code env} were the process environment. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return run(args, out, err, of(env));
    }

    /** Runs the CLI in the world {@code main} was built with (tests build their own). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Main main) {
        var cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // a user's catalog file that cannot be used is their input, not our bug
            if (ex instanceof CatalogException) {
                commandLine.getErr().println("catalyst: " + ex.getMessage());
                return EXIT_USAGE;
            }
            commandLine.getErr().println("catalyst: internal error: " + ex);
            return EXIT_INTERNAL;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
