package dev.catalyst.server.cli;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.registry.Port;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "nodes", description = "List the node types with their ports (--json: with config schemas).")
final class NodesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the full registry as JSON, as GET /api/nodes serves it.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<NodeType> types = NodeKinds.registry().all();
        if (json) {
            out.println(Json.pretty(types));
        } else {
            out.printf("%-20s %-11s %-9s %s%n", "TYPE", "CATEGORY", "STREAMS", "INPUTS → OUTPUTS");
            for (NodeType t : types) {
                out.printf("%-20s %-11s %-9s %s → %s%n", t.type(), t.category(), t.streaming() ? "yes" : "no",
                        ports(t.inputs()), ports(t.outputs()));
            }
        }
        out.flush();
        return 0;
    }

    static String ports(List<Port> ports) {
        if (ports.isEmpty()) return "(none)";
        return ports.stream().map(p -> p.name() + ":" + p.type().wireName() + (p.many() ? "*" : ""))
                .collect(Collectors.joining(", "));
    }
}
