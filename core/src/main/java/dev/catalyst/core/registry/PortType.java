package dev.catalyst.core.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What flows through a port. An edge is allowed when the target port {@link #accepts} the source's type. */
public enum PortType {
    MESSAGES("Messages"),
    MESSAGE("Message"),
    TEXT("Text"),
    OBJECT("Object"),
    EMBEDDINGS("Embeddings"),
    USAGE("Usage"),
    TOOL_CALLS("ToolCalls"),
    DECISION("Decision"),
    LANGUAGE_MODEL("LanguageModel");

    private final String wireName;

    PortType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<PortType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** Same type always fits; an Object port also takes any other JSON object (a message, usage, a decision). */
    public boolean accepts(PortType source) {
        if (this == source) return true;
        return this == OBJECT && (source == MESSAGE || source == USAGE || source == DECISION);
    }
}
