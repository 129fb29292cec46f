package dev.catalyst.server.cli;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.secrets.SecretNames;
import dev.catalyst.llm.providers.http.ProviderSettings;
import dev.catalyst.server.secrets.KeyCheck;
import dev.catalyst.server.secrets.SecretStoreException;
import dev.catalyst.server.secrets.SecretStores;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "secrets", description = {
        "Provider keys by name: kept in the OS keychain (or the encrypted file $CATALYST_HOME/secrets.enc with "
                + "CATALYST_MASTER_KEY); environment variables (ANTHROPIC_API_KEY, CATALYST_SECRET_<NAME>) come first. "
                + "Workflows hold only the names."},
        subcommands = {SecretsCommand.Set.class, SecretsCommand.ListSecrets.class, SecretsCommand.Remove.class, SecretsCommand.Test.class})
final class SecretsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    SecretStores stores() {
        return SecretStores.fromEnvironment(main.env, CliEnvironment.home(main.env), Clock.systemUTC());
    }

    /** Runs {@code body} with the stores; a store that fails says so in one line. */
    int withStores(CommandSpec sub, StoreWork body) {
        var err = sub.commandLine().getErr();
        try (var stores = stores()) {
            return body.run(stores);
        } catch (IllegalArgumentException | SecretStoreException e) {
            err.println("catalyst: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            err.println("catalyst: cannot read the value: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("catalyst: interrupted");
            return Main.EXIT_INTERNAL;
        }
    }

    @FunctionalInterface
    interface StoreWork {
        int run(SecretStores stores) throws IOException, InterruptedException;
    }

    @Command(name = "set", description = "Store a key under NAME. The value is asked for without echo, or read from standard input (--stdin); never give it as an argument.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "e.g. anthropic, openai, groq, voyage, or your own (team-claude)")
        String name;

        @Option(names = "--stdin", description = "Read the value from standard input (one line), e.g. from a password manager's CLI.")
        boolean stdin;

        @Spec
        CommandSpec spec;

        @ParentCommand
        SecretsCommand parent;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            return parent.withStores(spec, stores -> {
                SecretNames.check(name);
                var writable = stores.writable().orElseThrow(() -> new IllegalArgumentException("cannot store secrets: " + stores.store().noWritableReason()));
                String value = parent.main.secretInput.read("Value for '" + name + "' (not shown): ", stdin, err);
                if (value == null || value.isBlank()) {
                    err.println("catalyst: no value given; nothing stored");
                    return Main.EXIT_USAGE;
                }
                writable.put(name, new Secret(value.strip()));
                out.println("stored '" + name + "' in " + writable.describe());
                String variable = EnvSecretStore.variableFor(name);
                if (parent.main.env.get(variable) != null && !parent.main.env.get(variable).isBlank()) {
                    out.println("note: " + variable + " is set in this environment and is used before the stored key");
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "list", description = "The defined names, where each is kept and when it was set; never the values.")
    static final class ListSecrets implements Callable<Integer> {
        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @ParentCommand
        SecretsCommand parent;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            return parent.withStores(spec, stores -> {
                var all = stores.store().list();
                if (json) {
                    out.println(Json.pretty(all));
                } else if (all.isEmpty()) {
                    out.println("no secrets defined; add one with `catalyst secrets set anthropic`");
                } else {
                    out.printf("%-24s %-40s %s%n", "NAME", "STORE", "SET");
                    for (var s : all) out.printf("%-24s %-40s %s%n", s.name(), s.source(), s.updatedAt() == null ? "-" : s.updatedAt());
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "rm", description = "Remove the stored key NAME (keychain or file).")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @ParentCommand
        SecretsCommand parent;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            return parent.withStores(spec, stores -> {
                SecretNames.check(name);
                var writable = stores.writable().orElseThrow(() -> new IllegalArgumentException("cannot remove secrets: " + stores.store().noWritableReason()));
                if (writable.remove(name)) {
                    out.println("removed '" + name + "' from " + writable.describe());
                    stores.store().info(name).ifPresent(i -> out.println("note: '" + name + "' is still defined by " + i.source()));
                    return 0;
                }
                var elsewhere = stores.store().info(name);
                err.println("catalyst: '" + name + "' is not stored in " + writable.describe()
                        + elsewhere.map(i -> "; it comes from " + i.source() + " (remove it there)").orElse(""));
                return Main.EXIT_INVALID;
            });
        }
    }

    @Command(name = "test", description = "Make one cheap call (one output token, no retries) with the key NAME and say ok, auth or permission.")
    static final class Test implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--provider", paramLabel = "P", description = "The provider the key belongs to, when NAME does not say (anthropic, openai, groq, voyage).")
        String provider;

        @Spec
        CommandSpec spec;

        @ParentCommand
        SecretsCommand parent;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            return parent.withStores(spec, stores -> {
                SecretNames.check(name);
                var key = stores.store().get(name);
                if (key.isEmpty()) {
                    err.println("catalyst: '" + name + "' is not defined; add it with `catalyst secrets set " + name + "`");
                    return Main.EXIT_INVALID;
                }
                String p = KeyCheck.providerFor(name, provider, key.get()).orElseThrow(() -> new IllegalArgumentException(
                        "cannot tell which provider '" + name + "' belongs to; add --provider anthropic|openai|groq"));
                var check = new KeyCheck(ProviderSettings.fromEnvironment(parent.main.env), CliEnvironment.catalog(parent.main.env));
                var result = check.test(name, p, key.get());
                out.println(name + ": " + result.outcome().word() + " (" + result.provider() + ", " + result.model() + ")"
                        + (result.outcome() == KeyCheck.Outcome.OK ? "" : ": " + result.message()));
                out.flush();
                return result.outcome() == KeyCheck.Outcome.OK ? 0 : Main.EXIT_INVALID;
            });
        }
    }
}
