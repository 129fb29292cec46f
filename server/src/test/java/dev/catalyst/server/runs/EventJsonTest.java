package dev.catalyst.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.json.Json;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private static void sameAsJackson(RunEvent e) {
        assertThat(EventJson.write(e)).isEqualTo(Json.write(e));
    }

    @Test
    void aTokenIsWrittenExactlyAsJacksonWritesIt() {
        var every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) every.append(c);
        sameAsJackson(new RunEvent.Token("n\"1\\", every.toString(), 0));
        sameAsJackson(new RunEvent.Token("n", "é€😀\u2028\u2029/", Long.MAX_VALUE));
        sameAsJackson(new RunEvent.Token("n", "lone \ud800 high, lone \udc00 low, at the end \ud83d", -1));
        sameAsJackson(new RunEvent.Token("n", "", 3));
        // a fixed seed: the same thousand strings of any UTF-16 units every time
        var random = new Random(15);
        for (int i = 0; i < 1000; i++) {
            var s = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                s.append(random.nextBoolean() ? (char) random.nextInt(0x80) : (char) random.nextInt(0x10000));
            }
            sameAsJackson(new RunEvent.Token("node-" + i, s.toString(), i));
        }
    }

    @Test
    void otherEventsAndIncompleteTokensGoThroughJackson() {
        sameAsJackson(new RunEvent.RunStarted("r", "w"));
        sameAsJackson(new RunEvent.Token(null, "t", 1));
        sameAsJackson(new RunEvent.Token("n", null, 1));
    }
}
