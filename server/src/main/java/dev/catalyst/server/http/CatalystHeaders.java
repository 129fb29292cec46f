package dev.catalyst.server.http;

/** Response headers Catalyst adds to the answers of runs it started on the caller's behalf. */
final class CatalystHeaders {
    /** The run that answered: its events and history are under /api/runs/{id}. */
    static final String RUN_ID = "x-catalyst-run-id";
    /** Milliseconds Catalyst spent before the run's first model call could start (parse, map, compile, store). */
    static final String OVERHEAD_MS = "x-catalyst-overhead-ms";

    private CatalystHeaders() {}
}
