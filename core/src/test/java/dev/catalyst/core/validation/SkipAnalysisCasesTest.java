package dev.catalyst.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.nodes.prompttemplate.PromptTemplateKind;
import dev.catalyst.core.nodes.textjoin.TextJoinKind;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.registry.NodeType;
import dev.catalyst.core.registry.Port;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.workflow.WorkflowCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The skip rule's shared cases (ADR 23): {@code shared-cases/skip-analysis.json} is also read by the
 * canvas's {@code ui/test/skipCases.test.ts} against {@code src/graph/skipped.ts}, so the server and
 * the canvas answer every case the same way.
 */
class SkipAnalysisCasesTest {
    private static final JsonNode FILE = read();
    private static final NodeRegistry KINDS = kinds();
    private static final TemplateEngine TEMPLATES = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT));

    private static JsonNode read() {
        try (InputStream in = SkipAnalysisCasesTest.class.getResourceAsStream("/shared-cases/skip-analysis.json")) {
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NodeRegistry kinds() {
        var types = new ArrayList<NodeType>();
        for (JsonNode k : FILE.required("kinds")) {
            ObjectNode spec = (ObjectNode) k.deepCopy();
            spec.set("config", Json.object().put("type", "object"));
            types.add(NodeRegistry.parse(spec, Json.object()));
        }
        return new NodeRegistry(types);
    }

    @TestFactory
    Stream<DynamicTest> everySharedCaseSkipsTheExpectedNodes() {
        assertThat(FILE.required("cases")).hasSizeGreaterThanOrEqualTo(10);
        return FILE.required("cases").valueStream().map(c -> DynamicTest.dynamicTest(c.required("name").stringValue(), () -> {
            var result = SkipAnalysis.analyse(WorkflowCodec.read(workflow(c)).workflow(), KINDS, TEMPLATES);
            var expected = new ArrayList<String>();
            c.required("skipped").forEach(id -> expected.add(id.stringValue()));
            assertThat(result.skipped()).containsExactlyElementsOf(expected);
        }));
    }

    @Test
    void theCasesKindsAreCoresRealKinds() {
        for (NodeType real : List.of(new PromptTemplateKind().spec(), new TextJoinKind().spec())) {
            NodeType shared = KINDS.get(real.type());
            assertThat(shape(shared.inputs())).as(real.type() + " inputs").isEqualTo(shape(real.inputs()));
            assertThat(shape(shared.outputs())).as(real.type() + " outputs").isEqualTo(shape(real.outputs()));
            assertThat(shared.requiredInputs()).isEqualTo(real.requiredInputs());
            assertThat(shared.provider()).isEqualTo(real.provider());
        }
    }

    private static List<String> shape(List<Port> ports) {
        return ports.stream().map(p -> p.name() + ":" + p.type() + (p.required() ? ":required" : "") + (p.many() ? ":many" : "")).toList();
    }

    // [id, type, disabled?] nodes and [source, sourcePort, target, targetPort] edges as a workflow file
    private static String workflow(JsonNode c) {
        ObjectNode wf = Json.object().put("schemaVersion", 1).put("id", "case");
        ArrayNode nodes = wf.putArray("nodes");
        for (JsonNode n : c.required("nodes")) {
            ObjectNode node = nodes.addObject().put("id", n.get(0).stringValue()).put("type", n.get(1).stringValue());
            node.putObject("config");
            if (n.size() > 2 && n.get(2).booleanValue()) node.put("disabled", true);
        }
        ArrayNode edges = wf.putArray("edges");
        for (JsonNode e : c.required("edges")) {
            edges.addObject().put("source", e.get(0).stringValue()).put("sourcePort", e.get(1).stringValue())
                    .put("target", e.get(2).stringValue()).put("targetPort", e.get(3).stringValue());
        }
        wf.putObject("outputs");
        return wf.toString();
    }
}
