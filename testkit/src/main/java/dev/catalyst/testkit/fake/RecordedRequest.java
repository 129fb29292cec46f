package dev.catalyst.testkit.fake;

import dev.catalyst.core.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A request a fake received, for assertions. Header names are lower case; {@code clientPort} is the
 * client's side of the TCP connection (the same port twice means a reused connection).
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body, int clientPort) {
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    public JsonNode json() {
        return Json.parse(body);
    }
}
