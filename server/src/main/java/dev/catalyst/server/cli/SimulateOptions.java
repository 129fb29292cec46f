package dev.catalyst.server.cli;

import dev.catalyst.testkit.fake.Fault;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The simulate-mode options shared by {@code start} and {@code run}. */
final class SimulateOptions {
    static final Set<String> PROVIDERS = Set.of("anthropic", "openai", "groq", "voyage");

    /** A fault to inject into the next request a simulated provider receives. */
    record PlannedFault(String provider, Fault fault) {}

    @Option(names = "--simulate", description = "Answer every model call from local fake providers (on by itself when no provider key is set; no key is used, nothing leaves the machine).")
    boolean simulate;

    @Option(names = "--simulate-fault", paramLabel = "PROVIDER=FAULT",
            description = "In simulate mode, fail that provider's next request with a named fault (repeatable, used in order), e.g. groq=http_429. Implies --simulate.")
    List<String> faults = new ArrayList<>();

    boolean asked() {
        return simulate || !faults.isEmpty();
    }

    /** The faults as given; a malformed one is an IllegalArgumentException naming what is allowed. */
    List<PlannedFault> plannedFaults() {
        var out = new ArrayList<PlannedFault>();
        for (String f : faults) {
            int eq = f.indexOf('=');
            String provider = eq < 0 ? "" : f.substring(0, eq).strip();
            String name = eq < 0 ? f : f.substring(eq + 1);
            if (!PROVIDERS.contains(provider)) {
                throw new IllegalArgumentException("--simulate-fault " + f + ": write PROVIDER=FAULT with a provider of "
                        + String.join(", ", PROVIDERS.stream().sorted().toList()));
            }
            Fault fault = Fault.parse(name).orElseThrow(() -> new IllegalArgumentException("--simulate-fault " + f
                    + ": unknown fault '" + name + "'; known: "
                    + Arrays.stream(Fault.values()).map(Fault::wireName).collect(Collectors.joining(", "))));
            out.add(new PlannedFault(provider, fault));
        }
        return out;
    }
}
