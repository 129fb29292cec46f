package dev.catalyst.llm.providers.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the providers are and how to talk to them. Base URLs follow each SDK's meaning
 * (Anthropic without {@code /v1}; OpenAI and Voyage ending in {@code /v1}; Groq ending in
 * {@code /openai/v1}) and come from {@code CATALYST_<PROVIDER>_BASE_URL}. One {@link ProviderHttp}
 * is shared so connections are reused; closing the settings stops it. The factories here trust
 * what the JVM trusts; settings whose providers must chain to another trust store (a gateway's
 * private CA) are built with {@link ProviderHttp#start(Duration, java.security.KeyStore)} as {@code http}.
 */
public record ProviderSettings(Map<String, URI> baseUrls, ProviderHttp http, Timeouts timeouts, RetryPolicy retry, Clock clock)
        implements AutoCloseable {
    public static final Map<String, URI> DEFAULT_BASE_URLS = Map.of(
            "anthropic", URI.create("https://api.anthropic.com"),
            "openai", URI.create("https://api.openai.com/v1"),
            "groq", URI.create("https://api.groq.com/openai/v1"),
            "voyage", URI.create("https://api.voyageai.com/v1"));

    public ProviderSettings {
        baseUrls = Map.copyOf(baseUrls);
    }

    public static ProviderSettings fromEnvironment(Map<String, String> env) {
        var urls = new LinkedHashMap<>(DEFAULT_BASE_URLS);
        for (String p : DEFAULT_BASE_URLS.keySet()) {
            String v = env.get("CATALYST_" + p.toUpperCase(Locale.ROOT) + "_BASE_URL");
            if (v != null && !v.isBlank()) urls.put(p, URI.create(stripSlash(v.strip())));
        }
        Timeouts timeouts = Timeouts.fromEnvironment(env);
        return new ProviderSettings(urls, newClient(timeouts.connect()), timeouts, RetryPolicy.defaults(), Clock.systemUTC());
    }

    /** Settings pointing at the given base URLs (for simulate mode and tests). */
    public static ProviderSettings of(Map<String, URI> baseUrls) {
        var urls = new LinkedHashMap<>(DEFAULT_BASE_URLS);
        baseUrls.forEach((k, v) -> urls.put(k, URI.create(stripSlash(v.toString()))));
        return new ProviderSettings(urls, newClient(Timeouts.defaults().connect()), Timeouts.defaults(), RetryPolicy.defaults(), Clock.systemUTC());
    }

    public static ProviderHttp newClient(Duration connectTimeout) {
        return ProviderHttp.start(connectTimeout);
    }

    /** Stops the shared client (its connections and threads); copies made with {@code with…} share it. */
    @Override
    public void close() {
        http.close();
    }

    public URI baseUrl(String provider) {
        URI u = baseUrls.get(provider);
        if (u == null) throw new IllegalArgumentException("no base URL for provider " + provider);
        return u;
    }

    public ProviderSettings withTimeouts(Timeouts t) {
        return new ProviderSettings(baseUrls, http, t, retry, clock);
    }

    public ProviderSettings withRetry(RetryPolicy r) {
        return new ProviderSettings(baseUrls, http, timeouts, r, clock);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
