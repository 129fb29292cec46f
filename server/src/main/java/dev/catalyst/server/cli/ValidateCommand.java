package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.validation.ValidationIssue;
import dev.catalyst.core.validation.ValidationReport;
import dev.catalyst.core.validation.WorkflowValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "validate", description = "Check workflow files and report every problem at once.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Workflow JSON files.")
    List<Path> files;

    @Option(names = "--json", description = "Print the reports as JSON (one object per file, in a list when several).")
    boolean json;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var catalog = CliEnvironment.catalog(main.env);
        var validator = new WorkflowValidator(NodeKinds.registry(), catalog, main.wiring.templates());
        var secrets = new EnvSecretStore(main.env);
        int exit = 0;
        var reports = Json.array();
        for (Path file : files) {
            ValidationReport report;
            try {
                report = validator.validate(WorkflowFiles.read(file), secrets::has);
            } catch (WorkflowFiles.Unreadable e) {
                err.println("catalyst: " + e.getMessage());
                exit = Math.max(exit, Main.EXIT_USAGE);
                continue;
            }
            if (!report.valid()) exit = Math.max(exit, Main.EXIT_INVALID);
            if (json) {
                ObjectNode node = (ObjectNode) Json.valueToTree(report);
                node.put("file", file.toString());
                reports.add(node);
            } else {
                printHuman(out, file, report);
            }
        }
        if (json) out.println(Json.pretty(files.size() == 1 && reports.size() == 1 ? reports.get(0) : reports));
        out.flush();
        return exit;
    }

    private static void printHuman(java.io.PrintWriter out, Path file, ValidationReport report) {
        int errors = report.errorsOnly().size();
        int warnings = report.warnings().size();
        out.println((report.valid() ? "✓ " : "✗ ") + file + ": " + (report.valid() ? "valid" : errors + (errors == 1 ? " error" : " errors"))
                + (warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings")));
        // a template issue carries a source line and caret after its first line: indent them under it
        for (ValidationIssue issue : report.errors()) out.println("  " + issue.describe().replace("\n", "\n    "));
    }
}
