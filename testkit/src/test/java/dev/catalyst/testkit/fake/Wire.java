package dev.catalyst.testkit.fake;

import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Test helpers: a plain HTTP client, an LF-only SSE splitter, and the key-path shape of JSON. */
final class Wire {
    record Event(String name, String data) {
        JsonNode json() {
            return Json.parse(data);
        }
    }

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Wire() {}

    static HttpResponse<String> post(URI uri, Map<String, String> headers, String body) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<Event> events(String body) {
        var out = new ArrayList<Event>();
        for (String block : body.split("\n\n")) {
            String name = "message";
            var data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) name = line.substring(7);
                else if (line.startsWith("data: ")) data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
            }
            if (!data.isEmpty()) out.add(new Event(name, data.toString()));
        }
        return out;
    }

    /** Every key path in the value: {@code a.b}, {@code choices[].delta.content}. */
    static TreeSet<String> shape(JsonNode n) {
        var out = new TreeSet<String>();
        shape(n, "", out);
        return out;
    }

    private static void shape(JsonNode n, String prefix, TreeSet<String> out) {
        if (n.isObject()) {
            for (var e : n.properties()) {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(p);
                shape(e.getValue(), p, out);
            }
        } else if (n.isArray()) {
            for (JsonNode el : n) shape(el, prefix + "[]", out);
        }
    }
}
