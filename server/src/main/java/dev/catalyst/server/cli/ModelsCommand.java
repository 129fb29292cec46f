package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelInfo;
import dev.catalyst.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "models", description = "Browse the model catalog: status, prices (USD per 1M tokens), context window.")
final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--provider", paramLabel = "P", description = "Only this provider (anthropic, openai, groq, voyage).")
    String provider;

    @Option(names = "--json", description = "Print the models as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var catalog = CliEnvironment.catalog(main.env);
        List<ModelInfo> models = provider == null ? catalog.all() : catalog.byProvider(provider);
        if (provider != null && models.isEmpty()) {
            spec.commandLine().getErr().println("catalyst: no models for provider '" + provider
                    + "' (providers: anthropic, openai, groq, voyage)");
            return Main.EXIT_USAGE;
        }
        if (json) {
            out.println(Json.pretty(models));
            out.flush();
            return 0;
        }
        out.printf("%-10s %-44s %-10s %9s %9s %10s %4s  %s%n", "PROVIDER", "MODEL", "STATUS", "IN $/M", "OUT $/M", "CONTEXT", "TIER", "NOTE");
        for (ModelInfo m : models) {
            String state = m.status() == null || m.status().state() == null ? "unknown" : m.status().state();
            String note = m.status() != null && m.status().replacement() != null && !"active".equals(state)
                    ? "→ " + m.status().replacement() : "";
            out.printf("%-10s %-44s %-10s %9s %9s %10s %4s  %s%n", m.provider(), m.id(), state,
                    price(m.pricing().input()), price(m.pricing().output()),
                    m.contextWindow() == null ? "-" : String.format("%,d", m.contextWindow()),
                    m.qualityTier() == null ? "-" : m.qualityTier(), note);
        }
        out.flush();
        return 0;
    }

    private static String price(BigDecimal p) {
        return p == null ? "-" : p.stripTrailingZeros().toPlainString();
    }
}
