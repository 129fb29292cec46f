package dev.catalyst.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may talk to the server: the {@code Host} names it answers to (against DNS rebinding), the
 * web origins allowed cross-origin calls (none unless configured), how many runs one client may
 * start per minute and how deeply a JSON body may nest. See docs/adr/0019-security-keys-and-edge.md.
 *
 * @param allowedHosts  host names (no port) a request's {@code Host} may carry, lower case
 * @param corsOrigins   origins ({@code scheme://host[:port]}) that get CORS headers; empty: no CORS
 * @param runsPerMinute runs one client (remote address) may start per minute; 0: no limit
 * @param maxJsonDepth  nesting of objects and arrays a request body may have
 */
public record AccessPolicy(Set<String> allowedHosts, Set<String> corsOrigins, int runsPerMinute, int maxJsonDepth) {
    public static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    public static final int DEFAULT_RUNS_PER_MINUTE = 600;
    public static final int DEFAULT_MAX_JSON_DEPTH = 64;

    public AccessPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        corsOrigins = Set.copyOf(corsOrigins);
        if (runsPerMinute < 0) throw new IllegalArgumentException("the run rate must be 0 (no limit) or positive");
        if (maxJsonDepth < 2) throw new IllegalArgumentException("the JSON depth limit must be at least 2");
    }

    /** Loopback names and the bind address; no CORS; the default run rate and depth. */
    public static AccessPolicy forBind(String bind) {
        return new AccessPolicy(hostsFor(bind, Set.of()), Set.of(), DEFAULT_RUNS_PER_MINUTE, DEFAULT_MAX_JSON_DEPTH);
    }

    /** From CATALYST_ALLOWED_HOSTS, CATALYST_CORS_ORIGINS (comma-separated), CATALYST_RUNS_PER_MINUTE and CATALYST_MAX_JSON_DEPTH. */
    public static AccessPolicy fromEnvironment(Map<String, String> env, String bind) {
        Set<String> extra = list(env.get("CATALYST_ALLOWED_HOSTS"));
        for (String h : extra) {
            if (h.contains("/") || h.contains(" ")) {
                throw new IllegalArgumentException("CATALYST_ALLOWED_HOSTS takes host names without scheme or path, not '" + h + "'");
            }
        }
        Set<String> cors = list(env.get("CATALYST_CORS_ORIGINS"));
        for (String o : cors) {
            if (!o.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("CATALYST_CORS_ORIGINS takes origins like https://app.example.com (no path), not '" + o + "'");
            }
        }
        return new AccessPolicy(hostsFor(bind, extra), cors,
                (int) EdgeLimits.number(env, "CATALYST_RUNS_PER_MINUTE", DEFAULT_RUNS_PER_MINUTE, 0, 1_000_000),
                (int) EdgeLimits.number(env, "CATALYST_MAX_JSON_DEPTH", DEFAULT_MAX_JSON_DEPTH, 2, 10_000));
    }

    public AccessPolicy withRunsPerMinute(int n) {
        return new AccessPolicy(allowedHosts, corsOrigins, n, maxJsonDepth);
    }

    public AccessPolicy withCorsOrigins(Set<String> origins) {
        return new AccessPolicy(allowedHosts, origins, runsPerMinute, maxJsonDepth);
    }

    public AccessPolicy withAllowedHosts(Set<String> hosts) {
        return new AccessPolicy(hosts, corsOrigins, runsPerMinute, maxJsonDepth);
    }

    /** Whether an address is only reachable from this machine (a wildcard such as 0.0.0.0 is not). */
    public static boolean isLoopback(String bind) {
        if (LOOPBACK_NAMES.contains(bind.toLowerCase(Locale.ROOT))) return true;
        try {
            // a literal address resolves without a lookup; a name is resolved once, at start
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Set<String> hostsFor(String bind, Set<String> extra) {
        var hosts = new LinkedHashSet<>(LOOPBACK_NAMES);
        String b = bind.startsWith("[") && bind.endsWith("]") ? bind.substring(1, bind.length() - 1) : bind;
        // a wildcard is no name a client writes; who reaches it from elsewhere must be listed
        if (!b.equals("0.0.0.0") && !b.equals("::") && !b.isBlank()) hosts.add(b);
        hosts.addAll(extra);
        return hosts;
    }

    private static Set<String> list(String raw) {
        if (raw == null || raw.isBlank()) return Set.of();
        return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
