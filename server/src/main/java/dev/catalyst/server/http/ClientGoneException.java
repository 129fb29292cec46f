package dev.catalyst.server.http;

/** The client closed its connection while we read its request: nothing to answer, one log line. */
final class ClientGoneException extends RuntimeException {
    ClientGoneException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
