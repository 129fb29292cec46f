package dev.catalyst.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;

/**
 * The /api route table on Jetty's path mapping: {@code {name}} segments capture one path segment
 * each, exact paths win over templates, and a trailing slash is ignored ({@code /api/runs} and
 * {@code /api/runs/} are the same). A known path with another method is a {@link WrongMethod}
 * (405 with {@code Allow}); HEAD is served wherever GET is.
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

    /** What a method and path lead to. */
    sealed interface Match permits Found, WrongMethod, NotFound {}

    record Found(Route route, Map<String, String> params) implements Match {}

    /** The path exists; {@code allowed} are the methods it takes. */
    record WrongMethod(Set<String> allowed) implements Match {}

    record NotFound() implements Match {}

    private final PathMappings<Map<String, Route>> mappings = new PathMappings<>();

    Router register(String prefix, Routes routes) {
        routes.routing(new Rules(prefix));
        return this;
    }

    Match match(String method, String path) {
        String normal = normalise(path);
        var matched = mappings.getMatched(normal);
        if (matched == null) return new NotFound();
        Map<String, Route> byMethod = matched.getResource();
        Route route = byMethod.get(method);
        if (route == null && method.equals("HEAD")) route = byMethod.get("GET");
        if (route == null) return new WrongMethod(allowed(byMethod));
        var spec = (UriTemplatePathSpec) matched.getPathSpec();
        Map<String, String> params = spec.getVariableCount() == 0 ? Map.of() : spec.getPathParams(normal);
        return new Found(route, params);
    }

    private static Set<String> allowed(Map<String, Route> byMethod) {
        var methods = new TreeSet<>(byMethod.keySet());
        if (methods.contains("GET")) methods.add("HEAD");
        return methods;
    }

    private static String normalise(String path) {
        if (path.length() > 1 && path.endsWith("/")) return path.substring(0, path.length() - 1);
        return path;
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
            var spec = new UriTemplatePathSpec(normalise(prefix + path));
            Map<String, Route> byMethod = mappings.get(spec);
            if (byMethod == null) {
                byMethod = new LinkedHashMap<>();
                mappings.put(spec, byMethod);
            }
            if (byMethod.putIfAbsent(method, r) != null) {
                throw new IllegalStateException("two routes for " + method + " " + prefix + path);
            }
            return this;
        }
    }
}
