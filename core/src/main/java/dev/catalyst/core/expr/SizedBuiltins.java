package dev.catalyst.core.expr;

import com.google.common.collect.ImmutableList;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelOptions;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelResolvedOverload;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;
import dev.cel.runtime.standard.AddOperator.AddOverload;
import dev.cel.runtime.standard.BoolFunction.BoolOverload;
import dev.cel.runtime.standard.BytesFunction.BytesOverload;
import dev.cel.runtime.standard.CelStandardOverload;
import dev.cel.runtime.standard.ContainsFunction.ContainsOverload;
import dev.cel.runtime.standard.DoubleFunction.DoubleOverload;
import dev.cel.runtime.standard.DurationFunction.DurationOverload;
import dev.cel.runtime.standard.EndsWithFunction.EndsWithOverload;
import dev.cel.runtime.standard.EqualsOperator.EqualsOverload;
import dev.cel.runtime.standard.GreaterEqualsOperator.GreaterEqualsOverload;
import dev.cel.runtime.standard.GreaterOperator.GreaterOverload;
import dev.cel.runtime.standard.InOperator.InOverload;
import dev.cel.runtime.standard.IndexOperator.IndexOverload;
import dev.cel.runtime.standard.IntFunction.IntOverload;
import dev.cel.runtime.standard.LessEqualsOperator.LessEqualsOverload;
import dev.cel.runtime.standard.LessOperator.LessOverload;
import dev.cel.runtime.standard.MatchesFunction.MatchesOverload;
import dev.cel.runtime.standard.NotEqualsOperator.NotEqualsOverload;
import dev.cel.runtime.standard.SizeFunction.SizeOverload;
import dev.cel.runtime.standard.StartsWithFunction.StartsWithOverload;
import dev.cel.runtime.standard.StringFunction.StringOverload;
import dev.cel.runtime.standard.TimestampFunction.TimestampOverload;
import dev.cel.runtime.standard.UintFunction.UintOverload;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CEL standard overloads whose work grows with the size of their arguments, run so that no
 * single call can outlast the evaluation's limits: each is charged by size against the cost limit
 * BEFORE it runs, what it builds is checked against the built-value cap before it is built,
 * {@code contains} searches in linear time, and {@code matches} (RE2J, linear) also watches the
 * clock while it reads. Every other standard overload takes constant time (arithmetic, {@code
 * size} of a list, conversions of numbers) and stays bound in CEL's own dispatcher.
 *
 * <p>CEL's dispatcher is built once per runtime, but a charge needs the evaluation's
 * {@link EvaluationGuard}: these overloads are left out of the runtime's standard functions and
 * handed to each evaluation as late-bound functions ({@link #resolver}), which the interpreter
 * consults when its own dispatcher has no match.
 */
final class SizedBuiltins {
    /** Characters or elements read or built per cost unit. */
    static final int PER_UNIT = 100;
    /** Characters a regex reads per cost unit: it steps an automaton per character, dearer than a copy. */
    static final int REGEX_PER_UNIT = 10;
    /** How far over the program-size limit the estimate from the pattern text may go (it over-estimates). */
    static final long COMPILE_SLACK = 4;
    // A comprehension's accumulator: CEL appends to it in place, so `map` costs the new elements only.
    private static final String ACCUMULATOR = "dev.cel.runtime.ConcatenatedListView";

    /** What a sized overload does with the guard and its arguments. */
    @FunctionalInterface
    private interface Body {
        Object apply(EvaluationGuard guard, Object[] args) throws CelEvaluationException;
    }

    /** Charges a call (and checks what it would build) before the standard implementation runs. */
    @FunctionalInterface
    private interface Charge {
        void before(EvaluationGuard guard, Object[] args);
    }

    private record Sized(String overloadId, ImmutableList<Class<?>> argTypes, boolean strict, Body body) {}

    private final Map<String, Sized> byId = new LinkedHashMap<>();
    private final CelStandardFunctions unsized;

    SizedBuiltins(CelOptions options) {
        var equality = RuntimeEquality.create(RuntimeHelpers.create(), options);
        Map<CelStandardOverload, Charge> charges = charges();
        Map<CelStandardOverload, Body> replacements = replacements(options);
        for (var e : charges.entrySet()) {
            CelFunctionBinding standard = e.getKey().newFunctionBinding(options, equality);
            Charge charge = e.getValue();
            CelFunctionOverload definition = standard.getDefinition();
            Body body = replacements.getOrDefault(e.getKey(), (guard, args) -> {
                charge.before(guard, args);
                return definition.apply(args);
            });
            byId.put(standard.getOverloadId(), new Sized(standard.getOverloadId(), standard.getArgTypes(), standard.isStrict(), body));
        }
        this.unsized = CelStandardFunctions.newBuilder().filterFunctions((function, overload) -> !charges.containsKey(overload)).build();
    }

    /** The standard functions CEL's own dispatcher keeps: all but the sized ones. */
    CelStandardFunctions unsizedStandardFunctions() {
        return unsized;
    }

    /** The overload ids run here (for tests and docs). */
    Set<String> overloadIds() {
        return Set.copyOf(byId.keySet());
    }

    /** The sized overloads, charging {@code guard}; one resolver per evaluation. */
    CelFunctionResolver resolver(EvaluationGuard guard) {
        return new CelFunctionResolver() {
            @Override
            public Optional<CelResolvedOverload> findOverloadMatchingArgs(String function, Collection<String> overloadIds, Object[] args) {
                for (String id : overloadIds) {
                    Sized s = byId.get(id);
                    // the checker's overload ids of one call never overlap in argument types
                    if (s != null && CelFunctionOverload.canHandle(args, s.argTypes(), s.strict())) {
                        return Optional.of(CelResolvedOverload.of(function, id, a -> s.body().apply(guard, a), s.strict(), s.argTypes()));
                    }
                }
                return Optional.empty();
            }

            // Only a call that was not type-checked comes without overload ids; every program here is checked.
            @Override
            public Optional<CelResolvedOverload> findOverloadMatchingArgs(String function, Object[] args) {
                return Optional.empty();
            }
        };
    }

    private static Map<CelStandardOverload, Charge> charges() {
        var m = new LinkedHashMap<CelStandardOverload, Charge>();
        // building: capped, and charged by what is copied
        m.put(AddOverload.ADD_STRING, (g, a) -> build(g, length(a[0]) + length(a[1]), "a string of %d characters"));
        m.put(AddOverload.ADD_BYTES, (g, a) -> build(g, length(a[0]) + length(a[1]), "%d bytes"));
        m.put(AddOverload.ADD_LIST, (g, a) -> {
            long size = length(a[0]) + length(a[1]);
            g.checkBuilt(size, "a list of %d elements");
            g.charge(units(isAccumulator(a[0]) ? length(a[1]) : size));
        });
        m.put(StringOverload.BYTES_TO_STRING, (g, a) -> build(g, length(a[0]), "a string of %d characters"));
        m.put(BytesOverload.STRING_TO_BYTES, (g, a) -> build(g, 3 * length(a[0]), "up to %d bytes"));
        // reading text: charged by the characters read
        for (CelStandardOverload o : List.<CelStandardOverload>of(SizeOverload.SIZE_STRING, SizeOverload.STRING_SIZE,
                IntOverload.STRING_TO_INT64, UintOverload.STRING_TO_UINT64, DoubleOverload.STRING_TO_DOUBLE,
                BoolOverload.STRING_TO_BOOL, DurationOverload.STRING_TO_DURATION, TimestampOverload.STRING_TO_TIMESTAMP)) {
            m.put(o, (g, a) -> g.charge(units(length(a[0]))));
        }
        m.put(StartsWithOverload.STARTS_WITH_STRING, (g, a) -> g.charge(units(length(a[1]))));
        m.put(EndsWithOverload.ENDS_WITH_STRING, (g, a) -> g.charge(units(length(a[1]))));
        for (CelStandardOverload o : List.<CelStandardOverload>of(LessOverload.LESS_STRING, LessOverload.LESS_BYTES,
                LessEqualsOverload.LESS_EQUALS_STRING, LessEqualsOverload.LESS_EQUALS_BYTES,
                GreaterOverload.GREATER_STRING, GreaterOverload.GREATER_BYTES,
                GreaterEqualsOverload.GREATER_EQUALS_STRING, GreaterEqualsOverload.GREATER_EQUALS_BYTES)) {
            m.put(o, (g, a) -> g.charge(units(Math.min(length(a[0]), length(a[1])))));
        }
        // deep comparisons: charged by the smaller side, measured no further than the budget left
        m.put(EqualsOverload.EQUALS, SizedBuiltins::chargeComparison);
        m.put(NotEqualsOverload.NOT_EQUALS, SizedBuiltins::chargeComparison);
        m.put(InOverload.IN_LIST, (g, a) -> g.charge(units(deep(g, a[1]))));
        m.put(InOverload.IN_MAP, (g, a) -> g.charge(units(deep(g, a[0]))));
        m.put(IndexOverload.INDEX_MAP, (g, a) -> g.charge(units(deep(g, a[1]))));
        // replaced below; charged there
        m.put(ContainsOverload.CONTAINS_STRING, (g, a) -> { });
        m.put(MatchesOverload.MATCHES, (g, a) -> { });
        m.put(MatchesOverload.MATCHES_STRING, (g, a) -> { });
        return m;
    }

    private static Map<CelStandardOverload, Body> replacements(CelOptions options) {
        Body contains = (g, a) -> {
            String text = (String) a[0];
            String needle = (String) a[1];
            g.charge(units((long) text.length() + needle.length()));
            return TextSearch.contains(text, needle);
        };
        Body matches = (g, a) -> matches(g, (String) a[0], (String) a[1], options);
        return Map.of(ContainsOverload.CONTAINS_STRING, contains, MatchesOverload.MATCHES, matches, MatchesOverload.MATCHES_STRING, matches);
    }

    // CEL's own `matches`, with the text read through the deadline and the work charged first.
    private static boolean matches(EvaluationGuard g, String text, String regex, CelOptions options) {
        // compiling costs about one unit per pattern character; matching reads every text character
        g.charge(regex.length() + (long) text.length() / REGEX_PER_UNIT);
        int max = options.maxRegexProgramSize();
        // refused before compiling: nested repeats expand while compiling, and can exhaust the heap
        if (max >= 0 && RegexSize.estimate(regex, COMPILE_SLACK * max) > COMPILE_SLACK * max) {
            throw new CelInvalidArgumentException("regex pattern exceeds allowed program size once its repeats are expanded. Allowed: " + max);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CelInvalidArgumentException(e);
        }
        if (max >= 0 && pattern.programSize() > max) {
            throw new CelInvalidArgumentException("regex pattern exceeds allowed program size. Allowed: " + max + ", provided: " + pattern.programSize());
        }
        var input = new DeadlineText(text, g);
        return options.enableRegexPartialMatch() ? pattern.matcher(input).find() : pattern.matcher(input).matches();
    }

    private static void chargeComparison(EvaluationGuard g, Object[] a) {
        g.charge(units(Math.min(deep(g, a[0]), deep(g, a[1]))));
    }

    private static void build(EvaluationGuard g, long size, String what) {
        g.checkBuilt(size, what);
        g.charge(units(size));
    }

    private static long units(long size) {
        return size / PER_UNIT;
    }

    // The top-level size: characters, bytes, elements or entries; one for anything else.
    private static long length(Object v) {
        return switch (v) {
            case String s -> s.length();
            case CelByteString b -> b.size();
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            default -> 1;
        };
    }

    // The nested size, counted no further than the cost budget left can pay for.
    private static long deep(EvaluationGuard g, Object v) {
        long remaining = g.remaining();
        long budget = remaining >= Long.MAX_VALUE / PER_UNIT ? Long.MAX_VALUE - 1 : remaining * PER_UNIT + 1;
        return Values.measure(v, budget);
    }

    private static boolean isAccumulator(Object list) {
        return list.getClass().getName().equals(ACCUMULATOR);
    }
}
