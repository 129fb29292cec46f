package dev.catalyst.server.http;

import dev.catalyst.server.runs.RunException;
import dev.catalyst.server.store.StoreUnavailableException;
import java.util.Map;

/**
 * The one place where the services' own errors become HTTP: a status and the contract's error
 * code, written by {@link ErrorBody}. The services know nothing of either.
 */
final class DomainErrors {
    private DomainErrors() {}

    static ApiException of(RunException e) {
        return switch (e) {
            case RunException.NotFound n -> ApiException.notFound(n.getMessage());
            case RunException.InvalidWorkflow w -> new ApiException(400, "validation_failed", w.getMessage(), Map.of("errors", w.issues()));
            case RunException.InvalidInputs i -> new ApiException(400, "invalid_request", i.getMessage(), Map.of("problems", i.problems()));
            case RunException.AlreadyEnded a -> new ApiException(409, "run_finished", a.getMessage());
            case RunException.Draining d -> new ApiException(503, "draining", d.getMessage());
            case RunException.StoredWorkflowDamaged d -> new ApiException(500, "server_error", d.getMessage());
        };
    }

    /** The database is down: the client may retry (the caller sets Retry-After from the exception). */
    static ApiException of(StoreUnavailableException e) {
        return new ApiException(503, "store_unavailable", "the database is unavailable; try again later");
    }
}
