package dev.catalyst.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.LogFields;
import dev.catalyst.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CATALYST_LOG_FORMAT=json: one JSON object per line, with what the record carries and nothing made up. */
class JsonLogFormatterTest {
    private record Logged(Logger logger, StreamHandler handler, ByteArrayOutputStream out) {
        String[] lines() {
            handler.flush();
            return out.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        }
    }

    // a logger of the test's own (not the root): nothing process-wide changes
    private static Logged logger(Map<String, String> env) {
        var out = new ByteArrayOutputStream();
        var handler = new StreamHandler(out, new SimpleFormatter());
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        LogFormat.apply(env, logger);
        return new Logged(logger, handler, out);
    }

    @Test
    void eachRecordIsOneJsonLineWithRunAndNodeWhenItCarriesThem() {
        var l = logger(Map.of("CATALYST_LOG_FORMAT", "json"));
        l.logger().log(Level.WARNING, "node {1} of run {0}: \"quoted\"\nsecond line", new Object[] {"run-7", "claude"});
        l.logger().log(Level.INFO, "stored {0}", new LogFields("run-7", "claude"));
        l.logger().log(Level.SEVERE, "the writer failed", new IllegalStateException("boom"));
        String[] lines = l.lines();
        assertThat(lines).hasSize(3);

        JsonNode first = Json.parse(lines[0]);
        assertThat(first.path("level").asString()).isEqualTo("WARNING");
        assertThat(first.path("message").asString()).isEqualTo("node claude of run run-7: \"quoted\"\nsecond line");
        assertThat(first.path("ts").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.has("run_id")).as("plain parameters are not taken for a run id").isFalse();
        assertThat(first.has("thrown")).isFalse();

        JsonNode second = Json.parse(lines[1]);
        assertThat(second.path("run_id").asString()).isEqualTo("run-7");
        assertThat(second.path("node_id").asString()).isEqualTo("claude");

        JsonNode third = Json.parse(lines[2]);
        assertThat(third.path("thrown").asString()).startsWith("java.lang.IllegalStateException: boom").contains("\tat ");
        assertThat(third.path("logger").isNull() || third.path("logger").isMissingNode()).isTrue(); // an anonymous logger has no name
    }

    @Test
    void textStaysPlainWithTheRunAfterTheMessageAndAnUnknownFormatIsRefused() {
        var l = logger(Map.of());
        l.logger().info("plain");
        l.logger().log(Level.INFO, "stored {0}", new LogFields("run-7", "claude"));
        l.logger().log(Level.INFO, "marked", LogFields.run("run-8"));
        String[] lines = l.lines();
        assertThat(lines[0]).doesNotStartWith("{");
        assertThat(lines[1]).isEqualTo("INFO: plain");
        assertThat(lines[3]).startsWith("INFO: stored LogFields[").endsWith("[run_id=run-7 node_id=claude]");
        assertThat(lines[5]).isEqualTo("INFO: marked [run_id=run-8]");
        assertThat(LogFormat.apply(Map.of("CATALYST_LOG_FORMAT", "text"), l.logger())).isFalse();
        assertThatThrownBy(() -> LogFormat.apply(Map.of("CATALYST_LOG_FORMAT", "xml"), l.logger()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("json or text");
    }
}
