package dev.catalyst.core.expr;

import dev.cel.common.CelErrorCode;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelUnknownSet;
import dev.catalyst.core.exec.CpuPool;
import dev.catalyst.core.workflow.Suggest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Compiles and evaluates CEL expressions under {@link ExpressionLimits}. Only CEL's standard
 * library is present (see docs/expressions.md): no function reaches Java classes, the
 * environment, files, the network or secrets. Declared variables are {@code inputs},
 * {@code nodes}, {@code input}, and the expression's own bare names (as {@code dyn}).
 * Compiled expressions are cached by source; the service is safe to share between threads. There
 * is no process-wide instance: the wiring makes one per engine and hands it to whoever needs it.
 */
public final class ExpressionService {
    private static final int CACHE_SIZE = 4096;
    private static final Set<String> RESERVED = Set.of(ReferenceCollector.INPUTS, ReferenceCollector.NODES, ReferenceCollector.INPUT);
    private static final Pattern EVAL_OFFSET = Pattern.compile("^evaluation error at <input>:(\\d+): ");

    private final ExpressionLimits limits;
    private final Ticker ticker;
    private final CpuPool cpu;
    private final SizedBuiltins sized;
    private final CelCompiler base;
    private final CelRuntime runtime;
    private final Map<Set<String>, CelCompiler> compilers = new ConcurrentHashMap<>();
    private final Map<String, CompiledExpression> cache = new ConcurrentHashMap<>();

    /** A service that evaluates on the caller's thread. */
    public ExpressionService(ExpressionLimits limits) {
        this(limits, Ticker.SYSTEM, CpuPool.inline());
    }

    /** A service whose time limit is read from {@code ticker}, evaluating on the caller's thread. */
    public ExpressionService(ExpressionLimits limits, Ticker ticker) {
        this(limits, ticker, CpuPool.inline());
    }

    /** A service that evaluates on {@code cpu} (ADR 8), its time limit read from {@code ticker}. */
    public ExpressionService(ExpressionLimits limits, Ticker ticker, CpuPool cpu) {
        this.limits = limits;
        this.ticker = ticker;
        this.cpu = cpu;
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(limits.maxLength())
                .maxParseRecursionDepth(limits.maxParseDepth())
                .maxParseExpressionNodeCount(limits.maxNodes())
                .comprehensionMaxIterations(limits.maxIterations())
                .maxRegexProgramSize(1000)
                .enableHeterogeneousNumericComparisons(true)
                .populateMacroCalls(false)
                .build();
        this.base = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(ReferenceCollector.INPUTS, MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar(ReferenceCollector.NODES, MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar(ReferenceCollector.INPUT, SimpleType.DYN)
                .build();
        this.sized = new SizedBuiltins(options);
        // The standard functions minus the sized ones, which each evaluation binds late with its guard.
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options)
                .setStandardEnvironmentEnabled(false)
                .setStandardFunctions(sized.unsizedStandardFunctions())
                .build();
    }

    public ExpressionLimits limits() {
        return limits;
    }

    /** Where CPU-bound work of this service and of the templates built on it runs. */
    public CpuPool cpu() {
        return cpu;
    }

    /** Parses and type-checks; the result is cached by source. */
    public CompiledExpression compile(String source) throws ExpressionException {
        CompiledExpression cached = cache.get(source);
        if (cached != null) return cached;
        CompiledExpression compiled = doCompile(source);
        if (cache.size() >= CACHE_SIZE) cache.clear();
        cache.put(source, compiled);
        return compiled;
    }

    private CompiledExpression doCompile(String source) throws ExpressionException {
        int length = source.codePointCount(0, source.length());
        if (length > limits.maxLength()) {
            throw ExpressionException.at(ExpressionException.Kind.LIMIT,
                    "expression is " + length + " characters long; the limit is " + limits.maxLength(), source, 0);
        }
        if (source.isBlank()) throw ExpressionException.at(ExpressionException.Kind.SYNTAX, "empty expression", source, 0);
        CelValidationResult parsed = base.parse(source);
        if (parsed.hasError()) throw issue(parsed, source, ExpressionException.Kind.SYNTAX);
        try {
            var references = ReferenceCollector.collect(parsed.getAst(), source);
            var names = new TreeSet<>(ReferenceCollector.variableNames(references));
            names.removeAll(RESERVED);
            CelValidationResult checked = compilerFor(names).check(parsed.getAst());
            if (checked.hasError()) throw issue(checked, source, ExpressionException.Kind.INVALID);
            return new CompiledExpression(source, runtime.createProgram(checked.getAst()), references,
                    ReferenceCollector.simplePath(parsed.getAst().getExpr()));
        } catch (CelValidationException | CelEvaluationException e) {
            throw ExpressionException.at(ExpressionException.Kind.INVALID, e.getMessage(), source, 0);
        }
    }

    private CelCompiler compilerFor(Set<String> names) {
        if (names.isEmpty()) return base;
        if (compilers.size() >= CACHE_SIZE) compilers.clear();
        return compilers.computeIfAbsent(Set.copyOf(names), n -> {
            var builder = base.toCompilerBuilder();
            for (String name : names) builder.addVar(name, SimpleType.DYN);
            return builder.build();
        });
    }

    /** Evaluates a compiled expression; the result is a CEL value (see {@link Values}). */
    public Object evaluate(CompiledExpression expr, ExpressionScope scope) throws ExpressionException {
        if (expr.path() != null) {
            Object direct = lookUp(expr.path(), scope);
            if (direct != null) return direct;
        }
        return cpu.call(() -> evaluateHere(expr, scope));
    }

    private Object evaluateHere(CompiledExpression expr, ExpressionScope scope) throws ExpressionException {
        var guard = new EvaluationGuard(limits, ticker);
        Object result;
        try {
            result = expr.program().trace(name -> resolve(name, scope), sized.resolver(guard), guard);
        } catch (EvaluationGuard.Stop stop) {
            throw ExpressionException.at(stop.kind, stop.getMessage(), expr.source(), 0);
        } catch (MissingVariable missing) {
            throw ExpressionException.at(ExpressionException.Kind.MISSING_VALUE, missing.getMessage(), expr.source(), expr.offsetOf(missing.name));
        } catch (CelEvaluationException e) {
            throw evaluationError(e, expr);
        } catch (StackOverflowError e) {
            throw ExpressionException.at(ExpressionException.Kind.LIMIT, "value is nested too deeply to evaluate", expr.source(), 0);
        }
        if (result instanceof CelUnknownSet) {
            throw ExpressionException.at(ExpressionException.Kind.MISSING_VALUE, "expression reads a value that is not there", expr.source(), 0);
        }
        // a value handed back as it is was not built by the expression; only built ones are measured
        if (!(result instanceof JsonObjectView || result instanceof JsonArrayView) && Values.larger(result, limits.maxResultSize())) {
            throw ExpressionException.at(ExpressionException.Kind.LIMIT,
                    "result is larger than the limit of " + limits.maxResultSize(), expr.source(), 0);
        }
        return result;
    }

    /** Evaluates and converts the result to JSON. */
    public JsonNode evaluateJson(CompiledExpression expr, ExpressionScope scope) throws ExpressionException {
        return Values.toJson(evaluate(expr, scope));
    }

    /** Evaluates a condition (a router rule): the result must be a bool. */
    public boolean test(CompiledExpression expr, ExpressionScope scope) throws ExpressionException {
        Object result = evaluate(expr, scope);
        if (result instanceof Boolean b) return b;
        throw ExpressionException.at(ExpressionException.Kind.EVALUATION,
                "a condition must give true or false, not " + Values.toJson(result).getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                expr.source(), 0);
    }

    /**
     * The value of a plain path read straight from the scope, the way CEL would read it; null when
     * anything is missing or not an object, so that CEL evaluates it and reports the problem.
     * Most template holes are plain paths, and this keeps them cheap.
     */
    private static Object lookUp(java.util.List<String> path, ExpressionScope scope) {
        String root = path.get(0);
        JsonNode cur;
        int next;
        switch (root) {
            case ReferenceCollector.INPUTS -> {
                if (path.size() < 2) return null;
                cur = scope.inputs().get(path.get(1));
                next = 2;
            }
            case ReferenceCollector.NODES -> {
                if (path.size() < 3 || !path.get(2).equals("output")) return null;
                cur = scope.nodeOutputs().get(path.get(1));
                next = 3;
            }
            case ReferenceCollector.INPUT -> {
                return null;
            }
            default -> {
                cur = scope.variables().get(root);
                next = 1;
            }
        }
        for (int i = next; cur != null && i < path.size(); i++) {
            cur = cur.isObject() ? cur.get(path.get(i)) : null;
        }
        return cur == null ? null : Values.fromJson(cur);
    }

    private Optional<Object> resolve(String name, ExpressionScope scope) {
        return Optional.of(switch (name) {
            case ReferenceCollector.INPUTS -> new LazyMap<>(scope.inputs(), Values::fromJson);
            case ReferenceCollector.NODES -> new LazyMap<>(scope.nodeOutputs(), v -> Map.of("output", Values.fromJson(v)));
            case ReferenceCollector.INPUT -> {
                if (scope.input() == null) throw new MissingVariable(name, "'input' is not available here; it is the request in router rules");
                yield Values.fromJson(scope.input());
            }
            default -> {
                JsonNode v = scope.variables().get(name);
                if (v == null && !scope.variables().containsKey(name)) {
                    throw new MissingVariable(name, "unknown variable '" + name + "'" + Suggest.didYouMean(name, scope.variables().keySet()));
                }
                yield Values.fromJson(v);
            }
        });
    }

    /** A variable the scope lacks; thrown through CEL as an Error so that no macro swallows it. */
    private static final class MissingVariable extends Error {
        final String name;

        MissingVariable(String name, String message) {
            super(message, null, false, false);
            this.name = name;
        }
    }

    private static ExpressionException issue(CelValidationResult result, String source, ExpressionException.Kind kind) {
        CelIssue first = result.getErrors().get(0);
        String message = tidy(first.getMessage());
        if (message.contains("limit") && message.contains("exceed")) {
            kind = ExpressionException.Kind.LIMIT;
        }
        return ExpressionException.at(kind, message, source, offset(source, first.getSourceLocation().getLine(), first.getSourceLocation().getColumn()));
    }

    private static ExpressionException evaluationError(CelEvaluationException e, CompiledExpression expr) {
        String source = expr.source();
        String message = e.getMessage() == null ? "evaluation failed" : e.getMessage();
        int offset = 0;
        Matcher m = EVAL_OFFSET.matcher(message);
        if (m.find()) {
            offset = codePointOffset(source, Integer.parseInt(m.group(1)));
            message = message.substring(m.end());
        }
        ExpressionException.Kind kind = e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND ? ExpressionException.Kind.MISSING_VALUE
                : e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED ? ExpressionException.Kind.LIMIT
                : ExpressionException.Kind.EVALUATION;
        if (kind == ExpressionException.Kind.LIMIT) message = "too many iterations: " + message;
        if (kind == ExpressionException.Kind.MISSING_VALUE) message = explainMissingNode(message, expr);
        return ExpressionException.at(kind, tidy(message), source, offset);
    }

    // "key 'search' is not present in map" says little when 'search' is a node that has not run.
    private static String explainMissingNode(String message, CompiledExpression expr) {
        for (Reference r : expr.references()) {
            if (r instanceof Reference.NodeOutput n && message.startsWith("key '" + n.nodeId() + "' is not present")) {
                return "node '" + n.nodeId() + "' has no output here: it has not run (or is not upstream of this node)";
            }
        }
        return message;
    }

    // CEL's parser messages name every token it would have accepted; one fact is enough.
    static String tidy(String message) {
        String m = message;
        int expecting = m.indexOf(" expecting ");
        if (expecting > 0 && (m.startsWith("mismatched input") || m.startsWith("extraneous input"))) m = m.substring(0, expecting);
        m = m.replace("mismatched input '<EOF>'", "unexpected end of expression")
                .replace("mismatched input", "unexpected")
                .replace("extraneous input", "unexpected")
                .replace(" (in container '')", "");
        int candidates = m.indexOf(" (candidates:");
        if (candidates > 0) m = m.substring(0, candidates);
        return m.strip();
    }

    // A CEL location (1-based line, 0-based code-point column) as a UTF-16 offset into the source.
    private static int offset(String source, int line, int column) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            int nl = source.indexOf('\n', start);
            if (nl < 0) break;
            start = nl + 1;
        }
        return codePointOffsetFrom(source, start, Math.max(0, column));
    }

    private static int codePointOffset(String source, int codePoints) {
        return codePointOffsetFrom(source, 0, codePoints);
    }

    private static int codePointOffsetFrom(String source, int start, int codePoints) {
        int available = source.codePointCount(start, source.length());
        return source.offsetByCodePoints(start, Math.min(codePoints, available));
    }
}
