package dev.catalyst.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathMarkTest {
    @Test
    void aRecordingThatEnablesMarksGetsTheRunThePhaseAndTheTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("marks.jfr");
        try (var recording = new Recording()) {
            recording.enable("dev.catalyst.PathMark");
            recording.start();
            PathMark.mark("run-1", "row.stored", 42L);
            recording.stop();
            recording.dump(file);
        }
        var marks = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.catalyst.PathMark")).toList();
        assertThat(marks).hasSize(1);
        RecordedEvent mark = marks.getFirst();
        assertThat(mark.getString("run")).isEqualTo("run-1");
        assertThat(mark.getString("phase")).isEqualTo("row.stored");
        assertThat(mark.getLong("nanos")).isEqualTo(42L);
    }

    @Test
    void withoutARecordingAMarkIsNotKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("none.jfr");
        try (var recording = new Recording()) {
            recording.start(); // the event type is off by default
            PathMark.mark(null, "handler");
            recording.stop();
            recording.dump(file);
        }
        assertThat(Files.exists(file)).isTrue();
        assertThat(RecordingFile.readAllEvents(file))
                .noneMatch(e -> e.getEventType().getName().equals("dev.catalyst.PathMark"));
    }
}
