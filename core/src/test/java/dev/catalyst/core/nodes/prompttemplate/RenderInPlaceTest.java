package dev.catalyst.core.nodes.prompttemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.expr.ExpressionLimits;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.template.TemplateEngine;
import dev.catalyst.core.template.TemplateScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * ADR 24: a template of plain lookups renders on the node's own thread; anything with CEL in it
 * still goes through the CPU pool (ADR 8). The pool here has one thread, which a test can hold:
 * a render that went to the pool would then wait until it is released.
 */
class RenderInPlaceTest {
    private final CpuPool pool = new CpuPool(1, "test-cpu");
    private final List<String> evaluatedOn = new CopyOnWriteArrayList<>();
    // the time limit's clock is read on whichever thread evaluates CEL
    private final TemplateEngine templates = new TemplateEngine(new ExpressionService(ExpressionLimits.DEFAULT, () -> {
        evaluatedOn.add(Thread.currentThread().getName());
        return System.nanoTime();
    }, pool));
    private final PromptTemplateNode node = new PromptTemplateNode(templates);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closePool() {
        release.countDown();
        pool.close();
    }

    private static NodeCall call(String template) {
        var ctx = new PromptTemplateNodeTest.Context(Map.of("topic", JsonNodeFactory.instance.stringNode("otters")),
                Map.of("search", Json.parse("{\"text\":\"Otters hold hands.\"}")), new Cancellation());
        ObjectNode config = Json.object().put("template", template);
        return new NodeCall("prompt", "promptTemplate", config, new HashMap<>(), ctx);
    }

    /** Occupies the pool's one thread until the test ends. */
    private void holdThePool() throws InterruptedException {
        var held = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                pool.call(() -> {
                    held.countDown();
                    return release.await(1, TimeUnit.MINUTES);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs {@code work} on a virtual thread, as a node would, and waits for it. */
    private static <T> T onVirtualThread(Callable<T> work) throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            return threads.submit(work).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTemplateOfPlainLookupsRendersOnTheCallerWhileThePoolIsBusy() throws Exception {
        String plain = "About {{ topic }} ({{ inputs.topic }}): {{ nodes.search.output.text }}";
        templates.compile(plain); // as validating the workflow does, before the run
        assertThat(templates.rendersInPlace(plain)).isTrue();
        assertThat(templates.rendersInPlace("no holes")).as("not compiled yet: compiling parses CEL").isFalse();
        holdThePool();

        var out = onVirtualThread(() -> node.execute(call(plain)));
        assertThat(out.values().get("text").stringValue()).isEqualTo("About otters (otters): Otters hold hands.");
        // the engine's renderer (workflow outputs, a completion's system text) decides the same way
        var scope = new TemplateScope(Map.of("topic", JsonNodeFactory.instance.stringNode("otters")), Map.of(), null);
        templates.compile("{{ inputs.topic }}");
        JsonNode value = onVirtualThread(() -> templates.evaluate("{{ inputs.topic }}", scope));
        assertThat(value.stringValue()).isEqualTo("otters");
        assertThat(evaluatedOn).as("no CEL was evaluated").isEmpty();
    }

    @Test
    void aTemplateWithAnExpressionStillRendersOnThePool() throws Exception {
        String expression = "{{ topic + '!' }} and {{ topic }}";
        templates.compile(expression);
        assertThat(templates.rendersInPlace(expression)).isFalse();

        var out = onVirtualThread(() -> node.execute(call(expression)));
        assertThat(out.values().get("text").stringValue()).isEqualTo("otters! and otters");
        assertThat(evaluatedOn).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("test-cpu-"));
        evaluatedOn.clear();
        assertThat(onVirtualThread(() -> templates.render("{{ size(inputs.topic) }}",
                new TemplateScope(Map.of("topic", JsonNodeFactory.instance.stringNode("otters")), Map.of(), null)))).isEqualTo("6");
        assertThat(evaluatedOn).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("test-cpu-"));
    }

    @Test
    void aLongTemplateAndAMissingValueGoThroughThePoolAsBefore() throws Exception {
        String longPlain = "x".repeat(TemplateEngine.MAX_IN_PLACE_LENGTH) + "{{ topic }}";
        templates.compile(longPlain);
        assertThat(templates.rendersInPlace(longPlain)).isFalse();
        assertThat(templates.rendersInPlace(null)).isFalse();

        // a plain lookup that misses is evaluated by CEL (on the pool), which names what is missing
        String missing = "Hi {{ name }}";
        templates.compile(missing);
        assertThat(templates.rendersInPlace(missing)).isTrue();
        assertThatThrownBy(() -> onVirtualThread(() -> node.execute(call(missing))))
                .hasCauseInstanceOf(NodeException.class)
                .cause().satisfies(e -> {
                    assertThat(((NodeException) e).code()).isEqualTo(ErrorCode.EXPRESSION_ERROR);
                    assertThat(e.getMessage()).contains("unknown variable 'name'");
                });
        assertThat(evaluatedOn).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("test-cpu-"));
    }
}
