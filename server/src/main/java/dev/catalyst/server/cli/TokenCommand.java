package dev.catalyst.server.cli;

import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "token", description = {
        "The server token made by `catalyst start --generate-token` (only its hash is kept, in $CATALYST_HOME/token.sha256).",
        "A running server keeps the token it started with until it is restarted."},
        subcommands = {TokenCommand.Rotate.class, TokenCommand.Remove.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    TokenFile file() {
        return new TokenFile(CliEnvironment.home(main.env), Clock.systemUTC());
    }

    @Command(name = "rotate", description = "Make a new token in place of the old one and show it once.")
    static final class Rotate implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        TokenCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var file = parent.file();
            String token = file.generate();
            var out = spec.commandLine().getOut();
            out.println("token: " + token);
            out.println("       shown once; only its hash is kept in " + file.path() + ". Restart the server to use it.");
            return 0;
        }
    }

    @Command(name = "rm", description = "Forget the generated token (the server then needs CATALYST_TOKEN or --generate-token again).")
    static final class Remove implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        TokenCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var file = parent.file();
            boolean had = file.remove();
            spec.commandLine().getOut().println(had ? "removed " + file.path() : "no generated token (" + file.path() + ")");
            return 0;
        }
    }
}
