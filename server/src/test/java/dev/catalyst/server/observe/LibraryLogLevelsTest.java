package dev.catalyst.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.server.LogCapture;
import dev.catalyst.testkit.fake.AnthropicFake;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.Test;

class LibraryLogLevelsTest {
    static final String KEY = "sk-ant-PLANTEDKEY-library-levels";

    /**
     * The hazard itself, on the real client: with every logger at its lowest level, Jetty's debug
     * lines carry the request's headers and so the key. With the levels held, no line does.
     */
    @Test
    void jettysDebugLinesWouldPrintTheKeyAndTheHeldLevelsKeepThemOut() throws Exception {
        try (var fake = new AnthropicFake()) {
            try (var log = LogCapture.everything()) {
                send(fake);
                assertThat(log.text()).as("Jetty at debug level prints request headers").contains(KEY);
            }
            try (var log = LogCapture.everything(); var held = LibraryLogLevels.set(Map.of())) {
                send(fake);
                assertThat(log.records()).isNotEmpty(); // the capture works: other loggers still speak at every level
                assertThat(log.text()).doesNotContain(KEY);
            }
        }
    }

    @Test
    void theHeaderPrintersStayAtInfoEvenWhenAConfigurationLowersThemAndNeverLoseAHigherLevel() {
        Logger client = Logger.getLogger("org.eclipse.jetty.client");
        Logger http = Logger.getLogger("org.eclipse.jetty.http");
        Level before = client.getLevel();
        try (var held = LibraryLogLevels.set(Map.of("org.eclipse.jetty.client", Level.FINEST))) {
            assertThat(client.getLevel()).isEqualTo(Level.INFO);
            assertThat(http.getLevel()).isEqualTo(Level.INFO);
        }
        assertThat(client.getLevel()).as("given back").isEqualTo(before);
        try (var held = LibraryLogLevels.set(Map.of("org.eclipse.jetty", Level.WARNING, "org.flywaydb", Level.SEVERE))) {
            assertThat(client.getLevel()).as("an ancestor's higher level is kept").isEqualTo(Level.WARNING);
            assertThat(http.getLevel()).isEqualTo(Level.WARNING);
            assertThat(Logger.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.SEVERE);
        }
    }

    private static void send(AnthropicFake fake) throws Exception {
        var client = new HttpClient();
        client.start();
        try {
            client.newRequest(fake.baseUrl().resolve("/v1/messages")).method(HttpMethod.POST)
                    .headers(h -> h.put("x-api-key", KEY)).body(new StringRequestContent("application/json", "{}")).send();
        } finally {
            client.stop();
        }
    }
}
