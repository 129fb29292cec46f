package dev.catalyst.engine;

import java.util.List;

/** Run inputs that do not fit the workflow's declared inputs; every problem is listed. */
public final class InvalidInputsException extends Exception {
    private final List<String> problems;

    public InvalidInputsException(List<String> problems) {
        super("invalid inputs: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
