package dev.catalyst.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The tests' parser refuses what is not the text format, and a histogram whose buckets disagree. */
class PromTextTest {
    @Test
    void parsesSamplesWithEscapedLabels() {
        var p = PromText.parse("# TYPE a_total counter\na_total{code=\"x\\\"y\",m=\"z\"} 3.0\nb 1\n");
        assertThat(p.value("a_total", "code", "x\"y")).isEqualTo(3);
        assertThat(p.value("b")).isEqualTo(1);
        assertThat(p.types).containsEntry("a_total", "counter");
    }

    @Test
    void refusesMalformedLinesAndInconsistentHistograms() {
        assertThatThrownBy(() -> PromText.parse("not a metric line at all\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromText.parse("a{b=c} 1\n")).isInstanceOf(IllegalArgumentException.class);
        var falling = PromText.parse("# TYPE h histogram\nh_bucket{le=\"1.0\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n");
        assertThatThrownBy(() -> falling.histogramCount("h")).hasMessageContaining("falls");
        var wrongCount = PromText.parse("# TYPE h histogram\nh_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_count 2\n");
        assertThatThrownBy(() -> wrongCount.histogramCount("h")).hasMessageContaining("!= count");
    }
}
