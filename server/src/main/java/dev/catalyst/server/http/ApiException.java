package dev.catalyst.server.http;

/** A request that cannot be served, with the HTTP status and the contract's error code and message. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final transient Object details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** @param details extra JSON-able fields for the error object (e.g. validation errors) */
    public ApiException(int status, String code, String message, Object details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
    }
}
