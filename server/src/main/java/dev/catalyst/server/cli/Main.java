package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.CatalogException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code catalyst} command line. Errors are one clear line each, never a stack trace. */
@Command(name = "catalyst",
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
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit codes: 0 fine, 1 the input has errors (e.g. an invalid workflow), 2 usage or unreadable input. */
    public static final int EXIT_INVALID = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment commands read (CATALYST_CATALOG, provider keys); tests pass their own. */
    final Map<String, String> env;

    Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
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
        var cli = new CommandLine(new Main(env));
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
