package dev.catalyst.core.secrets;

/** A secret value that does not print itself: toString, logs and JSON see only a mask. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("a secret needs a value");
        this.value = value;
    }

    /** The plain value, for the one place that needs it (an outgoing request header). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
