package dev.catalyst.engine.nodes.streamresponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalyst.core.exec.NodeCall;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.json.Json;
import dev.catalyst.core.registry.PortType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

class StreamResponseNodeTest {
    private final StreamResponseKind kind = new StreamResponseKind();

    @Test
    void passesTheTextOnOnceComplete() throws Exception {
        var out = kind.executor(null).execute(new NodeCall("s", kind.spec().type(), Json.object(),
                Map.of("text", StringNode.valueOf("the answer")), null));
        assertThat(out.values().get("text").stringValue()).isEqualTo("the answer");
    }

    @Test
    void unknownStreamResponseInputIsAClearNodeError() {
        var exec = new StreamResponseNode();
        assertThatThrownBy(() -> exec.execute(new NodeCall("s", kind.spec().type(), Json.object(), Map.of(), null)))
                .isInstanceOf(NodeException.class).hasMessageContaining("no text");
    }

    @Test
    void itsSpecMarksTheAnswerStreamAndTakesText() {
        assertThat(kind.spec().answerStream()).isTrue();
        assertThat(kind.spec().generates()).isFalse();
        assertThat(kind.spec().input("text")).get().satisfies(p -> {
            assertThat(p.type()).isEqualTo(PortType.TEXT);
            assertThat(p.required()).isTrue();
        });
        assertThat(kind.configType().getRecordComponents()).extracting(c -> c.getName()).containsExactly("includeDecisions");
    }
}
