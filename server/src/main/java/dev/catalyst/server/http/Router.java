package dev.catalyst.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The /api route table: method plus a path pattern whose {@code {name}} segments capture one path
 * segment each. A trailing slash is ignored, so {@code /api/runs} and {@code /api/runs/} are the same.
 */
final class Router {
    /** What a route does with one request; it answers through the exchange or throws an {@link ApiException}. */
    @FunctionalInterface
    interface Route {
        void handle(Exchange ex) throws Exception;
    }

    /** A group of routes under one path prefix. */
    interface Routes {
        void routing(Rules rules);
    }

    record Match(Route route, Map<String, String> params) {}

    private record Entry(String method, String[] segments, Route route) {}

    private final List<Entry> entries = new ArrayList<>();

    Router register(String prefix, Routes routes) {
        routes.routing(new Rules(prefix));
        return this;
    }

    /** The route for this method and path, or null when none matches. */
    Match match(String method, String path) {
        String[] parts = split(path);
        for (Entry e : entries) {
            if (!e.method.equals(method) || e.segments.length != parts.length) continue;
            Map<String, String> params = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String s = e.segments[i];
                if (s.startsWith("{") && s.endsWith("}")) params.put(s.substring(1, s.length() - 1), parts[i]);
                else ok = s.equals(parts[i]);
            }
            if (ok) return new Match(e.route, params);
        }
        return null;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** Adds routes below one prefix. */
    final class Rules {
        private final String prefix;

        private Rules(String prefix) {
            this.prefix = prefix;
        }

        Rules get(String path, Route r) {
            return add("GET", path, r);
        }

        Rules post(String path, Route r) {
            return add("POST", path, r);
        }

        Rules put(String path, Route r) {
            return add("PUT", path, r);
        }

        Rules delete(String path, Route r) {
            return add("DELETE", path, r);
        }

        private Rules add(String method, String path, Route r) {
            entries.add(new Entry(method, split(prefix + path), r));
            return this;
        }
    }
}
