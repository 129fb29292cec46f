package dev.catalyst.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelOptions;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every standard overload is either charged by size or known to take constant time: a CEL upgrade
 * that adds an overload fails here until someone decides which it is.
 */
class SizedBuiltinsTest {
    /** Overloads whose work does not grow with their arguments (numbers, booleans, times, sizes of containers). */
    private static final Set<String> CONSTANT_TIME = Set.of(
            "logical_not", "not_strictly_false", "bool_to_bool",
            "add_int64", "add_uint64", "add_double", "add_timestamp_duration", "add_duration_timestamp", "add_duration_duration",
            "subtract_int64", "subtract_timestamp_timestamp", "subtract_timestamp_duration", "subtract_uint64", "subtract_double",
            "subtract_duration_duration", "multiply_int64", "multiply_double", "multiply_uint64", "divide_double", "divide_int64",
            "divide_uint64", "modulo_int64", "modulo_uint64", "negate_int64", "negate_double", "index_list",
            "size_bytes", "size_list", "size_map", "bytes_size", "list_size", "map_size",
            "int64_to_int64", "uint64_to_int64", "double_to_int64", "timestamp_to_int64",
            "uint64_to_uint64", "int64_to_uint64", "double_to_uint64", "double_to_double", "int64_to_double", "uint64_to_double",
            "string_to_string", "int64_to_string", "double_to_string", "bool_to_string", "timestamp_to_string", "duration_to_string",
            "uint64_to_string", "bytes_to_bytes", "duration_to_duration", "timestamp_to_timestamp", "int64_to_timestamp", "to_dyn");

    @Test
    void everyStandardOverloadIsSizedOrConstantTime() {
        var options = CelOptions.current().build();
        var all = new TreeSet<String>();
        CelStandardFunctions.newBuilder().build()
                .newFunctionBindings(RuntimeEquality.create(RuntimeHelpers.create(), options), options)
                .forEach(b -> all.add(b.getOverloadId()));
        // bindings named after their function (for calls that were not type-checked) are not overloads
        all.removeIf(id -> !id.contains("_") || id.startsWith("_") || id.startsWith("@") || id.startsWith("!") || id.startsWith("-"));
        // date and time getters, and comparisons of numbers, booleans and times, are constant time
        all.removeIf(id -> id.matches("(timestamp|duration)_to_(year|month|day_of_year|day_of_month|day_of_month_1_based|day_of_week"
                + "|hours|minutes|seconds|milliseconds)(_with_tz)?")
                || id.matches("(less|less_equals|greater|greater_equals)_(bool|int64|uint64|double|timestamp|duration"
                + "|int64_uint64|uint64_int64|int64_double|double_int64|uint64_double|double_uint64)"));
        var sized = new SizedBuiltins(options).overloadIds();
        var unclassified = new TreeSet<>(all);
        unclassified.removeAll(sized);
        unclassified.removeAll(CONSTANT_TIME);
        assertThat(unclassified).isEmpty();
        assertThat(sized).contains("contains_string", "matches", "matches_string", "add_string", "add_list", "add_bytes",
                "size_string", "starts_with_string", "ends_with_string", "in_list", "equals", "less_string");
    }
}
