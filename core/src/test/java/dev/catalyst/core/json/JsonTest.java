package dev.catalyst.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    private static JsonSyntaxException syntaxError(String text) {
        try {
            Json.parse(text);
        } catch (JsonSyntaxException e) {
            return e;
        }
        throw new AssertionError("parsed without error: " + text);
    }

    @Test
    void truncatedDocumentPointsAtItsEnd() {
        var e = syntaxError("{\n  \"nodes\": [1, 2\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.reason()).contains("end-of-input").doesNotContain("\n").doesNotContain("Source");
        assertThat(e.getMessage()).startsWith("malformed JSON at 3:1: ");
    }

    @Test
    void unclosedObjectSaysWhereItIsAndNeverQuotesTheSource() {
        var e = syntaxError("{\n  \"id\": \"secret-ish text\"\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).doesNotContain("secret-ish").doesNotContain("REDACTED").doesNotContain("\n");
    }

    @Test
    void trailingGarbageIsReportedWhereItStarts() {
        var e = syntaxError("{\"a\": 1}\n  x");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(3);

        var second = syntaxError("{\"a\": 1} {}");
        assertThat(second.line()).isEqualTo(1);
        assertThat(second.column()).isEqualTo(10);
        assertThat(second.reason()).isEqualTo("more content after the end of the JSON value");
    }

    @Test
    void duplicateKeysAreASyntaxErrorAtTheSecondKey() {
        var e = syntaxError("{\n  \"a\": 1,\n  \"a\": 2\n}");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(6);
        assertThat(e.reason()).contains("Duplicate").contains("\"a\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n", "\uFEFF"})
    void emptyFileIsMalformed(String text) {
        var e = syntaxError(text);
        assertThat(e.reason()).isEqualTo("empty document");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
    }

    @Test
    void nestingBeyondTheLimitFailsWithAPositionNotAStackOverflow() {
        var e = syntaxError("[".repeat(100_000));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isGreaterThan(1);
        assertThat(e.reason()).contains("nesting depth");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertThat(Json.parse("\uFEFF{\"a\": 1}").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void floatsKeepTheirDecimalValueAndOutputIsStable() {
        var node = Json.parse("{\"t\": 0.1, \"n\": 3}");
        assertThat(node.get("t").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(Json.write(node)).isEqualTo("{\"t\":0.1,\"n\":3}");
        assertThat(Json.pretty(Json.object().put("k", "v"))).contains("\"k\" : \"v\"");
        assertThat(Json.array().add(1).size()).isEqualTo(1);
        assertThat(Json.valueToTree(java.util.Map.of("x", 1)).get("x").asInt()).isEqualTo(1);
    }

    @Test
    void anUnquotedKeyIsNotRepeatedInTheError() {
        var e = syntaxError("{\"credential\": gsk_" + "8HcJ2dFg4Ks6AaZq7XbN3kLm9PwR2tYv5Hc}");
        assertThat(e.reason()).startsWith("Unrecognized token 'gsk_…'").doesNotContain("8HcJ2dFg");
        assertThat(e.getMessage()).doesNotContain("8HcJ2dFg");
        assertThat(syntaxError("{\"a\": nope}").reason()).startsWith("Unrecognized token 'nope'");
    }

    @Test
    void plainNullIsValidJson() {
        assertThat(Json.parse("null").isNull()).isTrue();
    }

    @Test
    void mapperIsStrictAboutDuplicatesEverywhere() {
        assertThatThrownBy(() -> Json.MAPPER.readTree("{\"a\":1,\"a\":1}")).isInstanceOf(tools.jackson.core.JacksonException.class);
    }
}
