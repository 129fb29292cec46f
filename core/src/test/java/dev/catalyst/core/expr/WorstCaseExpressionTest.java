package dev.catalyst.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A generated family of the worst expressions we know: each must stop with a limit or a timeout,
 * whatever the machine's speed. No assertion is on elapsed time; which limit stops it is the point.
 */
class WorstCaseExpressionTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String NEAR_MISS_TEXT = "a".repeat(300_000);
    private static final String NEAR_MISS_NEEDLE = "a".repeat(100_000) + "b";

    private final ExpressionService service = new ExpressionService(ExpressionLimits.DEFAULT);
    /** Default limits but a lax clock, for answers that must not depend on how busy the machine is. */
    private final ExpressionService patient = new ExpressionService(ExpressionLimits.DEFAULT.withTimeout(Duration.ofMinutes(1)));

    private static ExpressionScope scope() {
        var vars = new LinkedHashMap<String, JsonNode>();
        vars.put("text", F.stringNode(NEAR_MISS_TEXT));
        vars.put("needle", F.stringNode(NEAR_MISS_NEEDLE));
        vars.put("mega", F.stringNode("a".repeat(4 << 20)));
        vars.put("digits", F.stringNode("9".repeat(1 << 20)));
        vars.put("many", numbers(10_000));
        vars.put("few", numbers(1000));
        vars.put("wide", numbers(200_000));
        var nested = F.arrayNode();
        for (int i = 0; i < 1000; i++) nested.add(numbers(100));
        vars.put("nested", nested);
        return new ExpressionScope(vars, Map.of(), vars, null);
    }

    private static JsonNode numbers(int n) {
        var a = F.arrayNode();
        for (int i = 0; i < n; i++) a.add(i);
        return a;
    }

    /** Doubling by nested maps: each level doubles what the one outside built. */
    static String doubling(String seed, int levels, String body) {
        var out = new StringBuilder("[" + seed + "]");
        for (int i = 0; i < levels; i++) out.append(".map(v").append(i).append(", [v").append(i).append(" + v").append(i).append("]");
        out.append(".map(last, ").append(body).append(")");
        out.append(")".repeat(levels));
        return out.toString();
    }

    static Stream<Arguments> worstCases() {
        var cases = new ArrayList<Arguments>();
        // doublings: strings and lists built by repeated concatenation
        for (int levels : new int[] {13, 20, 30}) {
            cases.add(Arguments.of("string doubling x" + levels, doubling("'" + "x".repeat(64) + "'", levels, "last.size()")));
            cases.add(Arguments.of("list doubling x" + levels, doubling("few", levels, "last.size()")));
        }
        cases.add(Arguments.of("input doubled", "text + text"));
        cases.add(Arguments.of("big join of an input list", "wide + wide"));
        cases.add(Arguments.of("join in a loop", "many.map(i, text + 'x').size()"));
        cases.add(Arguments.of("list join in a loop", "many.map(i, few + few).size()"));
        // nested maps and comprehensions
        cases.add(Arguments.of("nested all x3", "few.all(x, few.all(y, few.all(z, x + y + z >= 0)))"));
        cases.add(Arguments.of("nested map x2", "few.map(x, few.map(y, [x, y])).size()"));
        cases.add(Arguments.of("nested exists over nested lists", "nested.exists(l, l.exists(x, nested.exists(m, m.exists(y, x == y + 1000))))"));
        cases.add(Arguments.of("filter of filter", "many.filter(x, many.filter(y, y == x).size() > 1).size()"));
        // quadratic search: a near-miss needle, searched again and again
        cases.add(Arguments.of("contains in a loop", "many.exists(i, text.contains(needle))"));
        cases.add(Arguments.of("contains of built strings", doubling("'" + "a".repeat(1024) + "'", 10, "last.contains(last + 'b')")));
        cases.add(Arguments.of("startsWith in a loop", "many.exists(i, text.startsWith(text + ''))"));
        cases.add(Arguments.of("endsWith in a loop", "many.exists(i, text.endsWith(needle))"));
        cases.add(Arguments.of("equality in a loop", "many.exists(i, wide == many)"));
        cases.add(Arguments.of("string order in a loop", "many.exists(i, needle < text)"));
        cases.add(Arguments.of("in over a big list in a loop", "many.exists(i, -1 in wide)"));
        cases.add(Arguments.of("size of text in a loop", "many.exists(i, text.size() == 0)"));
        cases.add(Arguments.of("conversion in a loop", "many.exists(i, double(digits) < 0.0)"));
        cases.add(Arguments.of("bytes of a large input", "bytes(text).size()"));
        // regex: RE2J is linear, but linear in megabytes is still slow, and a loop repeats it
        cases.add(Arguments.of("regex over 4 MB", "mega.matches('(a|aa)*b')"));
        cases.add(Arguments.of("regex in a loop", "many.exists(i, text.matches('(a|aa)*b'))"));
        cases.add(Arguments.of("regex with many alternatives in a loop", "many.exists(i, text.matches('(a|b|c|d|e|f|g|h)*z'))"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("worstCases")
    void everyWorstCaseStopsWithALimitOrATimeout(String name, String source) throws ExpressionException {
        var expr = service.compile(source);
        assertThatThrownBy(() -> service.evaluate(expr, scope()))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind())
                        .as(name + ": " + e.getMessage())
                        .isIn(ExpressionException.Kind.LIMIT, ExpressionException.Kind.TIMEOUT));
    }

    @Test
    void theSameBuiltInsGiveCorrectAnswersWithinTheLimits() throws ExpressionException {
        var s = scope();
        // the 10.6-second worst case of String.contains, now linear
        assertThat(eval("text.contains(needle)", s)).isEqualTo(false);
        assertThat(eval("('xaa' + 'b').contains('a' + 'ab')", s)).isEqualTo(true);
        assertThat(eval("text.contains('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')", s)).isEqualTo(true);
        assertThat(eval("'abcabcabdabcabcabcabcabcabcabcabcabcx'.contains('abcabcabcabcabcabcabcabcx')", s)).isEqualTo(true);
        assertThat(eval("'abcabcabdabcabcabcabcabcabcabcabcabcx'.contains('abcabcabcabcabcabcabcabcy')", s)).isEqualTo(false);
        assertThat(eval("text.startsWith('aaa') && text.endsWith('aa') && !text.endsWith(needle)", s)).isEqualTo(true);
        assertThat(eval("text.size()", s)).isEqualTo(300_000L);
        assertThat(eval("'x' + 'y' == 'xy' && [1] + [2] == [1, 2] && b'a' + b'b' == b'ab'", s)).isEqualTo(true);
        assertThat(eval("few.map(i, i * 2).size() == 1000 && 999 in few && !(1000 in few)", s)).isEqualTo(true);
        assertThat(eval("{'k': 1}['k'] == 1 && 'k' in {'k': 1} && 'a' < 'b' && b'a' <= b'b' && 'b' > 'a' && 'b' >= 'b'", s)).isEqualTo(true);
        assertThat(eval("int('42') + int(uint('1')) == 43", s)).isEqualTo(true);
        assertThat(eval("double('1.5') == 1.5 && bool('true') && string(b'hi') == 'hi' && bytes('hi').size() == 2", s)).isEqualTo(true);
        assertThat(eval("duration('1s') < duration('2s') && timestamp('2026-01-01T00:00:00Z') < timestamp('2027-01-01T00:00:00Z')", s)).isEqualTo(true);
        assertThat(eval("'otters'.matches('^ot+ers$') && !'otters'.matches('^x')", s)).isEqualTo(true);
        // a value from the workflow passes through uncapped: only what an expression builds is capped
        assertThat(eval("[mega][0]", s)).isEqualTo("a".repeat(4 << 20));
        assertThat(eval("dyn(mega).size()", s)).isEqualTo((long) (4 << 20));
    }

    @Test
    void deepComparisonsWorkWhenTheCostLimitIsLifted() throws ExpressionException {
        var unbounded = new ExpressionService(ExpressionLimits.DEFAULT.withMaxCost(Long.MAX_VALUE).withTimeout(Duration.ofMinutes(1)));
        var s = scope();
        assertThat(unbounded.evaluate(unbounded.compile("wide == many || nested == [few] || 199999 in wide && !(-1 in wide)"), s)).isEqualTo(true);
    }

    @Test
    void aBadRegexIsAnEvaluationErrorNamingTheProblem() throws ExpressionException {
        var s = scope();
        assertThatThrownBy(() -> eval("'x'.matches('(')", s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.EVALUATION));
        assertThatThrownBy(() -> eval("'x'.matches('(a{100}){100}')", s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.EVALUATION);
                    assertThat(e.getMessage()).contains("program size");
                });
        // nested repeats are refused from the pattern text: compiling this one exhausted the heap
        for (String bomb : new String[] {"((a{1000}){1000}){1000}", "(?:(?i)x{999}){999}", "([ab]{50}|c){50}{50}", "(\\\\pL{100}){100}"}) {
            assertThatThrownBy(() -> eval("'x'.matches('" + bomb + "')", s))
                    .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.getMessage()).as(bomb).contains("program size"));
        }
        // ordinary patterns of every construct still compile and match
        assertThat(eval("'ab12_Z'.matches('^(?i)[a-z]{2}\\\\d{2}(?:_|-)[[:upper:]]$') && 'aaa'.matches('a{2,3}') && 'x{'.matches('x[{]')"
                + " && 'a'.matches('\\\\pL') && 'n'.matches('(?P<name>n)')", s)).isEqualTo(true);
    }

    @Test
    void aBuiltValueOverTheCapNamesTheCap() throws ExpressionException {
        var small = new ExpressionService(ExpressionLimits.DEFAULT.withMaxBuiltSize(10).withTimeout(Duration.ofMinutes(1)));
        var s = scope();
        assertThat(small.evaluate(small.compile("'12345' + '12345'"), s)).isEqualTo("1234512345");
        assertThatThrownBy(() -> small.evaluate(small.compile("'12345' + '123456'"), s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.LIMIT);
                    assertThat(e.getMessage()).contains("would build a string of 11 characters, over the limit of 10");
                });
        assertThatThrownBy(() -> small.evaluate(small.compile("[1,2,3,4,5,6] + [1,2,3,4,5]"), s))
                .hasMessageContaining("would build a list of 11 elements");
        assertThatThrownBy(() -> small.evaluate(small.compile("b'123456' + b'12345'"), s))
                .hasMessageContaining("would build 11 bytes");
        // a map builds its list one element at a time, so the cap counts the list it builds
        assertThatThrownBy(() -> small.evaluate(small.compile("few.map(x, x).size()"), s))
                .hasMessageContaining("would build a list of 11 elements");
    }

    /** A clock the test moves: each reading advances it, so the deadline passes after a known number of readings. */
    private static final class SteppingTicker implements Ticker {
        final AtomicLong now = new AtomicLong();
        final long step;

        SteppingTicker(Duration step) {
            this.step = step.toNanos();
        }

        @Override
        public long nanoTime() {
            return now.addAndGet(step);
        }
    }

    @Test
    void theDeadlineFiresInsideOneLongRegexMatch() throws ExpressionException {
        // cost lifted: only the clock can stop it, and the clock moves 1 ms per reading
        var ticker = new SteppingTicker(Duration.ofMillis(1));
        var limits = ExpressionLimits.DEFAULT.withMaxCost(Long.MAX_VALUE).withTimeout(Duration.ofMillis(50));
        var timed = new ExpressionService(limits, ticker);
        var s = scope();
        var expr = timed.compile("mega.matches('(a|aa)*b')");
        long before = ticker.now.get();
        assertThatThrownBy(() -> timed.evaluate(expr, s))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpressionException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("took longer than 50 ms");
                });
        // stopped after about 50 readings of the clock, a few thousand characters apart: long before the 4 MB end
        assertThat((ticker.now.get() - before) / ticker.step).isBetween(50L, 60L);
    }

    @Test
    void theDeadlineFiresBetweenStepsOnTheInjectedClock() throws ExpressionException {
        var ticker = new SteppingTicker(Duration.ofMillis(10));
        var limits = ExpressionLimits.DEFAULT.withMaxCost(Long.MAX_VALUE).withMaxIterations(Integer.MAX_VALUE);
        var timed = new ExpressionService(limits, ticker);
        var expr = timed.compile("few.all(x, few.all(y, x + y >= 0))");
        assertThatThrownBy(() -> timed.evaluate(expr, scope()))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.kind()).isEqualTo(ExpressionException.Kind.TIMEOUT));
        // a small expression reads the clock too rarely to be failed by it
        assertThat(timed.evaluate(timed.compile("[1, 2, 3].map(x, x * 2)"), scope())).isEqualTo(List.of(2L, 4L, 6L));
    }

    @Test
    void anEvaluationCalledFromAVirtualThreadRunsOnThePoolsPlatformThread() throws Exception {
        // the guard reads the clock on the evaluating thread: the clock tells which thread that is
        var readers = new java.util.concurrent.ConcurrentLinkedQueue<Thread>();
        Ticker watching = () -> {
            readers.add(Thread.currentThread());
            return System.nanoTime();
        };
        try (var cpu = new dev.catalyst.core.exec.CpuPool(1, "expr-cpu")) {
            var pooled = new ExpressionService(ExpressionLimits.DEFAULT, watching, cpu);
            var expr = pooled.compile("[1, 2, 3].map(x, x * 2).size()");
            var result = new java.util.concurrent.CompletableFuture<Object>();
            Thread.ofVirtual().start(() -> {
                try {
                    result.complete(pooled.evaluate(expr, scope()));
                } catch (ExpressionException e) {
                    result.completeExceptionally(e);
                }
            });
            assertThat(result.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3L);
            assertThat(readers).isNotEmpty().allSatisfy(t -> {
                assertThat(t.isVirtual()).isFalse();
                assertThat(t.getName()).startsWith("expr-cpu-");
            });
        }
    }

    private Object eval(String source, ExpressionScope scope) throws ExpressionException {
        return patient.evaluate(patient.compile(source), scope);
    }
}
