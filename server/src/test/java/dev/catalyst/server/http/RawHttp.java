package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Requests written byte for byte on a socket, for what a well-behaved client would never send. */
final class RawHttp {
    private RawHttp() {}

    /** Sends the request, half-closes, and reads the whole reply (the server closes after it). */
    static String exchange(int port, String request) throws IOException {
        try (var s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** As {@link #exchange} but the client keeps its side open, as a live client would, until the server closes. */
    static String exchangeOpen(int port, String request) throws IOException {
        try (var s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String errorCode(String reply) {
        int body = reply.indexOf("\r\n\r\n");
        return Json.parse(reply.substring(body + 4)).path("error").path("code").asString("");
    }
}
