package dev.catalyst.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Run status of the contract. */
public enum RunStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static RunStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
