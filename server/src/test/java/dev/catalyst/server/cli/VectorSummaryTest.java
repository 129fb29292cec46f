package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.json.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorSummaryTest {
    @TempDir
    Path home;

    @Test
    void listsOfVectorsBecomeOneLineAndEverythingElseStays() {
        var outputs = Json.parse("{\"embeddings\": [[0.123456, -1, 2, 3, 4], [5, 6, 7, 8, 9]], \"n\": 3, \"nested\": {\"v\": [[1.5]]},"
                + " \"ragged\": [[1, 2], [3]], \"words\": [[\"a\"]], \"empty\": [], \"list\": [1, 2]}");
        var s = VectorSummary.summarize(outputs);
        assertThat(s.get("embeddings").asString()).isEqualTo("2 × 5 vectors [0.1235, -1.0000, 2.0000, 3.0000, …]");
        assertThat(s.at("/nested/v").asString()).isEqualTo("1 × 1 vectors [1.5000]");
        assertThat(s.get("n").asInt()).isEqualTo(3);
        assertThat(s.get("ragged")).isEqualTo(outputs.get("ragged"));
        assertThat(s.get("words")).isEqualTo(outputs.get("words"));
        assertThat(s.get("empty")).isEqualTo(outputs.get("empty"));
        assertThat(s.get("list")).isEqualTo(outputs.get("list"));
        assertThat(VectorSummary.summarize(Json.parse("[[[1,2]]]")).get(0).asString()).isEqualTo("1 × 2 vectors [1.0000, 2.0000]");
    }

    @Test
    void catalystRunPrintsASummaryOfTheLocalModelsVectorsNotRawFloats() {
        var r = CliTestSupport.run(CliTestSupport.world(Map.of("CATALYST_HOME", home.toString())), "run",
                SimulateModeTest.EXAMPLES.resolve("embed.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"embeddings\" : \"2 × 384 vectors [0.0214, 0.0489, 0.0937, 0.0170, …]\"");
        assertThat(r.out().lines().count()).isLessThan(5);
        assertThat(r.err()).contains("✓ embed").contains("20 in / 0 out tokens, $0 · 2 × 384 vectors [0.0214, 0.0489, 0.0937, 0.0170, …] (all-minilm-l6-v2)");
    }
}
