package dev.catalyst.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RunEventTest {
    private static final RunEvent.ErrorInfo ERROR = new RunEvent.ErrorInfo(ErrorCode.RATE_LIMITED, "slow down", true, "claude", 2000L);

    private static final List<RunEvent> ALL = List.of(
            new RunEvent.RunStarted("r1", "hello"),
            new RunEvent.NodeStarted("claude", "anthropicCompletion"),
            new RunEvent.Token("claude", "Hel", 0),
            new RunEvent.RouterDecision("router", "groq", "cheapest", Json.array(), 1),
            new RunEvent.NodeCompleted("claude", Json.object().put("text", "Hello"), Usage.of(10, 2, 0), new BigDecimal("0.00004"), 120, 35L),
            new RunEvent.NodeFailed("claude", ERROR, "Hel"),
            new RunEvent.RunCompleted("r1", Json.object().put("answer", "Hello")),
            new RunEvent.RunFailed("r1", ERROR),
            new RunEvent.RunCancelled("r1", "user"));

    @Test
    void namesAreTheContractEventNames() {
        assertThat(ALL).extracting(RunEvent::name).containsExactly("run.started", "node.started", "token", "router.decision",
                "node.completed", "node.failed", "run.completed", "run.failed", "run.cancelled");
    }

    @Test
    void exactlyTheThreeRunEndingsAreTerminal() {
        assertThat(ALL.stream().filter(RunEvent::isTerminal).map(RunEvent::name))
                .containsExactly("run.completed", "run.failed", "run.cancelled");
    }

    @Test
    void dataHasTheContractFieldsAndLeavesOutNulls() {
        JsonNode token = Json.valueToTree(ALL.get(2));
        assertThat(token.propertyNames()).containsExactlyInAnyOrder("nodeId", "text", "index");
        JsonNode failed = Json.valueToTree(ALL.get(5));
        assertThat(failed.get("error").get("code").stringValue()).isEqualTo("rate_limited");
        assertThat(failed.get("error").get("retryable").booleanValue()).isTrue();
        assertThat(failed.get("error").get("retryAfterMs").longValue()).isEqualTo(2000L);
        assertThat(failed.get("partialText").stringValue()).isEqualTo("Hel");
        JsonNode noPartial = Json.valueToTree(new RunEvent.NodeFailed("x", new RunEvent.ErrorInfo(ErrorCode.AUTH, "no", false, null, null), null));
        assertThat(noPartial.has("partialText")).isFalse();
        assertThat(noPartial.get("error").has("retryAfterMs")).isFalse();
        JsonNode completed = Json.valueToTree(ALL.get(4));
        assertThat(completed.get("usage").get("totalTokens").longValue()).isEqualTo(12);
        assertThat(completed.get("costUsd").decimalValue()).isEqualByComparingTo("0.00004");
        assertThat(completed.get("ttftMs").longValue()).isEqualTo(35);
    }
}
