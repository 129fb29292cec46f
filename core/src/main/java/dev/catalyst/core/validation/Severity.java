package dev.catalyst.core.validation;

/** Errors make a workflow invalid; warnings are shown but do not block a run. */
public enum Severity {
    ERROR, WARNING;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
