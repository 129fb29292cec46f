package dev.catalyst.server.cli;

import dev.catalyst.core.registry.NodeRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "start", description = "Serve the canvas and the HTTP API on 127.0.0.1:7070.")
final class StartCommand implements Callable<Integer> {
    /** Exit code while the server is missing from this build. */
    static final int EXIT_NOT_BUILT = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("Catalyst " + Version.current());
        out.println("Node types available: " + String.join(", ", NodeRegistry.builtIn().typeNames()));
        spec.commandLine().getErr().println("catalyst: the HTTP server is not built yet; try `catalyst nodes`, `catalyst models` or `catalyst validate`");
        return EXIT_NOT_BUILT;
    }
}
