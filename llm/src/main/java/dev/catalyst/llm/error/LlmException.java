package dev.catalyst.llm.error;

import dev.catalyst.core.exec.NodeException;

/** A failed provider call, carrying its {@link LlmError}. */
public final class LlmException extends Exception {
    private final transient LlmError error;

    public LlmException(LlmError error) {
        this(error, null);
    }

    public LlmException(LlmError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public LlmError error() {
        return error;
    }

    public NodeException toNodeException() {
        return new NodeException(error.code(), error.message(), error.partialText(), error.retryAfterMs(), this);
    }
}
