package dev.catalyst.llm.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
    @Test
    void theDocumentedDefaultsAndTheirVariables() {
        var d = Timeouts.fromEnvironment(Map.of());
        assertThat(d).isEqualTo(Timeouts.defaults());
        assertThat(d.firstByte()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.total()).isEqualTo(Duration.ofMinutes(10));
        var set = Timeouts.fromEnvironment(Map.of("CATALYST_PROVIDER_FIRST_BYTE_TIMEOUT_MS", "180000",
                "CATALYST_PROVIDER_IDLE_TIMEOUT_MS", "5000", "CATALYST_PROVIDER_CONNECT_TIMEOUT_MS", "2000"));
        assertThat(set).isEqualTo(new Timeouts(Duration.ofSeconds(2), Duration.ofMinutes(3), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        assertThat(ProviderSettings.fromEnvironment(Map.of("CATALYST_PROVIDER_FIRST_BYTE_TIMEOUT_MS", "180000")).timeouts().firstByte())
                .isEqualTo(Duration.ofMinutes(3));
        for (String bad : new String[] {"soon", "5", "1e9"}) {
            assertThatThrownBy(() -> Timeouts.fromEnvironment(Map.of("CATALYST_PROVIDER_FIRST_BYTE_TIMEOUT_MS", bad)))
                    .hasMessage("CATALYST_PROVIDER_FIRST_BYTE_TIMEOUT_MS must be milliseconds from 100 to 3600000, not '" + bad + "'");
        }
    }
}
