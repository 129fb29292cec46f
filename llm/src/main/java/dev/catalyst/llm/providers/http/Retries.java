package dev.catalyst.llm.providers.http;

import dev.catalyst.llm.CallOptions;
import dev.catalyst.llm.error.LlmError;

/** The one log line of a retry: the provider, the error's code and status, the wait; never the error's text (it may quote the request). */
final class Retries {
    private Retries() {}

    static void log(System.Logger log, LlmError err, int attempt, int maxRetries, long delayMs, CallOptions options) {
        if (!log.isLoggable(System.Logger.Level.INFO)) return;
        // numbers as text (MessageFormat would group their digits); the LogFields parameter is not in the message: the JSON log format writes it as run_id / node_id
        log.log(System.Logger.Level.INFO, "{0} answered {1} (HTTP {2}); retry {3} of {4} in {5} ms",
                err.provider(), err.code().wireName(), String.valueOf(err.status()), String.valueOf(attempt + 1),
                String.valueOf(maxRetries), String.valueOf(delayMs), options.log());
    }
}
