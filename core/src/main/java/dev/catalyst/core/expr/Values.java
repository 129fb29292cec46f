package dev.catalyst.core.expr;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.types.CelType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.catalyst.core.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conversions between JSON and CEL values: integers become {@code Long} (CEL's int), other
 * numbers {@code Double}; objects and arrays are wrapped, not copied. Back to JSON, a wrapped
 * value gives its original node.
 */
public final class Values {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Values() {}

    /** A JSON value as CEL sees it. */
    public static Object fromJson(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return NullValue.NULL_VALUE;
        if (v.isString()) return v.stringValue();
        if (v.isBoolean()) return v.booleanValue();
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
        if (v.isNumber()) return v.doubleValue();
        if (v.isObject()) return new JsonObjectView(v);
        if (v.isArray()) return new JsonArrayView(v);
        if (v.isBinary()) return Base64.getEncoder().encodeToString(v.binaryValue());
        return v.asString();
    }

    /** A CEL value as JSON. Map keys become strings; timestamps and durations their text form. */
    public static JsonNode toJson(Object v) {
        return switch (v) {
            case null -> NODES.nullNode();
            case NullValue n -> NODES.nullNode();
            case JsonObjectView o -> o.node();
            case JsonArrayView a -> a.node();
            case String s -> NODES.stringNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Long l -> NODES.numberNode(l);
            case Integer i -> NODES.numberNode(i.longValue());
            case Double d -> d.isNaN() || d.isInfinite() ? NODES.stringNode(d.toString()) : NODES.numberNode(d);
            case UnsignedLong u -> NODES.numberNode(u.bigIntegerValue());
            case Map<?, ?> m -> {
                ObjectNode o = NODES.objectNode();
                m.forEach((k, val) -> o.set(keyText(k), toJson(val)));
                yield o;
            }
            case List<?> l -> {
                ArrayNode a = NODES.arrayNode();
                l.forEach(x -> a.add(toJson(x)));
                yield a;
            }
            default -> NODES.stringNode(scalarText(v));
        };
    }

    /** Text of a value in a template: strings as they are, numbers and booleans plainly, lists and maps as JSON. */
    public static String toText(Object v) {
        return switch (v) {
            case String s -> s;
            case Long l -> Long.toString(l);
            case Double d -> plain(d);
            case Boolean b -> b.toString();
            case Map<?, ?> m -> Json.MAPPER.writeValueAsString(toJson(m));
            case List<?> l -> Json.MAPPER.writeValueAsString(toJson(l));
            default -> scalarText(v);
        };
    }

    private static String keyText(Object k) {
        return k instanceof String s ? s : toText(k);
    }

    private static String scalarText(Object v) {
        return switch (v) {
            case UnsignedLong u -> u.toString();
            case CelByteString b -> Base64.getEncoder().encodeToString(b.toByteArray());
            case Instant t -> t.toString();
            case Duration d -> durationText(d);
            case CelType t -> t.name();
            case NullValue n -> "null";
            default -> String.valueOf(v);
        };
    }

    // 3.0 prints as 3, 0.1 as 0.1; very large or small magnitudes keep an exponent.
    static String plain(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        double abs = Math.abs(d);
        if (d == 0) return "0";
        if (abs >= 1e-6 && abs < 1e21) return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return Double.toString(d);
    }

    // CEL writes durations as seconds: 3600s, 1.5s.
    private static String durationText(Duration d) {
        return new BigDecimal(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros().toPlainString() + "s";
    }

    /**
     * Whether a value is bigger than {@code limit}: characters of text, plus one per element or
     * key, nested values included. Stops counting once over.
     */
    static boolean larger(Object v, long limit) {
        return size(v, limit) > limit;
    }

    /** The size {@link #larger} counts, or some number over {@code budget} once it is passed. */
    static long measure(Object v, long budget) {
        return size(v, budget);
    }

    private static long size(Object v, long budget) {
        return switch (v) {
            case String s -> s.length();
            case JsonObjectView o -> jsonSize(o.node(), budget);
            case JsonArrayView a -> jsonSize(a.node(), budget);
            case Map<?, ?> m -> {
                long total = m.size();
                for (var e : m.entrySet()) {
                    if (total > budget) break;
                    total += size(e.getKey(), budget - total) + size(e.getValue(), budget - total);
                }
                yield total;
            }
            case List<?> l -> {
                long total = l.size();
                for (Object x : l) {
                    if (total > budget) break;
                    total += size(x, budget - total);
                }
                yield total;
            }
            case CelByteString b -> b.size();
            default -> 1;
        };
    }

    private static long jsonSize(JsonNode n, long budget) {
        if (n.isString()) return n.stringValue().length();
        if (!n.isContainer()) return 1;
        long total = n.size();
        if (n.isObject()) {
            for (var e : n.properties()) {
                if (total > budget) break;
                total += e.getKey().length() + jsonSize(e.getValue(), budget - total);
            }
        } else {
            for (JsonNode x : n) {
                if (total > budget) break;
                total += jsonSize(x, budget - total);
            }
        }
        return total;
    }
}
