package dev.catalyst.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** CATALYST_WORKFLOW_VERSIONS: how many versions of each workflow the store keeps. */
class WorkflowVersionsKeptTest {
    @Test
    void defaultsToAHundredWhenUnsetOrBlank() {
        assertThat(StoreConfig.fromEnvironment(Map.of()).versionsKept()).isEqualTo(100);
        assertThat(StoreConfig.fromEnvironment(Map.of("CATALYST_WORKFLOW_VERSIONS", " ")).versionsKept()).isEqualTo(100);
        assertThat(StoreConfig.defaults().versionsKept()).isEqualTo(StoreConfig.DEFAULT_VERSIONS_KEPT);
    }

    @Test
    void takesAWholeNumberAndKeepsTheOtherDefaults() {
        var config = StoreConfig.fromEnvironment(Map.of("CATALYST_WORKFLOW_VERSIONS", " 7 "));
        assertThat(config.versionsKept()).isEqualTo(7);
        assertThat(config.withVersionsKept(7)).isEqualTo(config);
        assertThat(config.withVersionsKept(100).leaseTtl()).isEqualTo(StoreConfig.defaults().leaseTtl());
        assertThat(config.withLeaseTtl(java.time.Duration.ofSeconds(1)).versionsKept()).isEqualTo(7);
    }

    @Test
    void refusesWhatIsNotACountOfVersions() {
        assertThatThrownBy(() -> StoreConfig.fromEnvironment(Map.of("CATALYST_WORKFLOW_VERSIONS", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CATALYST_WORKFLOW_VERSIONS").hasMessageContaining("'many'");
        assertThatThrownBy(() -> StoreConfig.fromEnvironment(Map.of("CATALYST_WORKFLOW_VERSIONS", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..");
        assertThatThrownBy(() -> StoreConfig.fromEnvironment(Map.of("CATALYST_WORKFLOW_VERSIONS", "2000000")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreConfig.defaults().withVersionsKept(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkflowStore(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
