package dev.catalyst.server.http;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets an encoded slash ({@code %2F}) through only where a name holds one: the OpenAI SDK's
 * {@code models.retrieve("openai/gpt-…")} asks for {@code GET /v1/models/openai%2Fgpt-…}. The
 * connector admits the violation (see {@link #COMPLIANCE}); every other path is refused here
 * with the 400 Jetty itself would give, so files and /api keep refusing ambiguous paths.
 */
final class EncodedSlashes extends Handler.Wrapper {
    /** Jetty's default rules plus encoded slashes, which this handler narrows again. */
    static final UriCompliance COMPLIANCE = UriCompliance.DEFAULT.with("catalyst", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR);

    private static final String MODELS = "/v1/models/";

    EncodedSlashes(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHttpURI().hasViolation(UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)
                && !(request.getMethod().equals("GET") && Request.getPathInContext(request).startsWith(MODELS))) {
            Response.writeError(request, response, callback, 400, "Ambiguous URI path separator");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
