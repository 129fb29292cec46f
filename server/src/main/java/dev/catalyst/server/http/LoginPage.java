package dev.catalyst.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /login}: a plain form (no script, so it works under the CSP) that takes the server's
 * token once and answers with the canvas's session cookie. The token travels in the POST body,
 * never in a URL; failed attempts count against a per-client limit.
 */
final class LoginPage {
    static final String PATH = "/login";
    private static final int MAX_FORM_BYTES = 4096;

    private final TokenDigest token;
    private final RunRateLimiter attempts;

    LoginPage(TokenDigest token, RunRateLimiter attempts) {
        this.token = token;
        this.attempts = attempts;
    }

    void handle(Request request, Response response, String client) throws IOException {
        if (token == null) {
            redirect(response, "/"); // nothing to log in to
            return;
        }
        switch (request.getMethod()) {
            case "GET", "HEAD" -> page(response, 200, "");
            case "POST" -> login(request, response, client);
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
                throw new ApiException(405, "method_not_allowed", request.getMethod() + " is not allowed on /login; use GET or POST");
            }
        }
    }

    private void login(Request request, Response response, String client) throws IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "unsupported_media_type", "POST /login takes the form on the page (application/x-www-form-urlencoded)");
        }
        long wait = attempts.acquire(client);
        if (wait > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
            page(response, 429, "Too many attempts; try again in " + wait + " s.");
            return;
        }
        Fields form;
        try {
            form = FormFields.getFields(request, 8, MAX_FORM_BYTES);
        } catch (RuntimeException e) {
            throw Http.readFailure(e);
        }
        String given = form.getValue("token");
        if (given == null || !token.matches(given.strip())) {
            page(response, 401, "That is not this server's token.");
            return;
        }
        response.getHeaders().add(HttpHeader.SET_COOKIE, SessionCookie.header(token, request.isSecure()));
        redirect(response, "/");
    }

    private static void redirect(Response response, String to) throws IOException {
        response.setStatus(303);
        response.getHeaders().put(HttpHeader.LOCATION, to);
        write(response, "");
    }

    private static void page(Response response, int status, String problem) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        write(response, """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Catalyst: log in</title></head>
                <body>
                <h1>Catalyst</h1>
                <p>This server needs its token (<code>CATALYST_TOKEN</code>, or the one it printed when it made one).</p>
                <form method="post" action="/login">
                <label>Token <input type="password" name="token" autocomplete="current-password" autofocus required></label>
                <button type="submit">Log in</button>
                </form>
                <p role="alert">%s</p>
                </body></html>
                """.formatted(problem));
    }

    private static void write(Response response, String text) throws IOException {
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
            done.block();
        }
    }
}
