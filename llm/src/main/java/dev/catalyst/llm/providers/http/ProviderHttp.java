package dev.catalyst.llm.providers.http;

import java.security.KeyStore;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The one HTTP client all provider calls share (connections are reused), Jetty's: after an idle
 * gap it gets a response head to the waiting node sooner than the JDK client (ADR 25). Daemon
 * threads, as the JDK client's, so a CLI command that made one still exits; {@link #close} stops it.
 *
 * <p>{@code https://} providers are asked for HTTP/2 by ALPN, so concurrent streams to one provider
 * share a connection; a TLS server that does not choose {@code h2} (or does not answer ALPN) gets
 * HTTP/1.1. Plain {@code http://} (the fakes, local proxies) is HTTP/1.1 with no h2c upgrade offer.
 * Certificates are verified against the trust store with host name verification, always.
 */
public final class ProviderHttp implements AutoCloseable {
    /**
     * Jetty's own idle timeouts are backstops only: the waits in {@link Exchange} (from {@link Timeouts})
     * govern a stream's silences. Jetty closes an h2 connection when no frame arrived for the
     * connector's idle timeout even while streams are open on it (its default, 30 s, is shorter than
     * the default first-byte wait, 60 s); over HTTP/1.1 the request's idle timeout applies instead.
     */
    static final Duration IDLE_BACKSTOP = Duration.ofHours(1);

    private final HttpClient client;

    private ProviderHttp(HttpClient client) {
        this.client = client;
    }

    /** A client that trusts what the JVM trusts (its default trust store, or {@code javax.net.ssl.trustStore}). */
    public static ProviderHttp start(Duration connectTimeout) {
        return start(connectTimeout, null);
    }

    /**
     * A client whose TLS peers must chain to {@code trustStore} instead of the JVM's default trust
     * store: a gateway with a private CA, or a test's self-signed upstream. Host names are verified
     * either way. {@code null} means the JVM's default.
     */
    public static ProviderHttp start(Duration connectTimeout, KeyStore trustStore) {
        var threads = new QueuedThreadPool();
        threads.setName("provider-http");
        threads.setDaemon(true);
        var connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setScheduler(new ScheduledExecutorScheduler("provider-http-scheduler", true));
        connector.setConnectTimeout(connectTimeout);
        // idle pooled connections are then closed by the provider (or by close()), not after Jetty's 30 s
        connector.setIdleTimeout(IDLE_BACKSTOP);
        connector.setSslContextFactory(tls(trustStore));
        // HTTP/1.1 first: it is what plain http:// speaks, and what a TLS server that answers no ALPN gets;
        // with TLS both are offered and the server picks (servers choose h2 when offered, RFC 7301 lets them)
        var transport = new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)));
        var client = new HttpClient(transport);
        client.setFollowRedirects(false);
        // as the JDK client: no connection limit per provider (HTTP/1.1 has one stream per connection;
        // with h2 a new connection opens when the server's concurrent stream limit is reached)
        client.setMaxConnectionsPerDestination(Integer.MAX_VALUE);
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the provider HTTP client did not start", e);
        }
        // both are filled by start(): no Accept-Encoding offered (an event stream is never held back by a
        // compressor), and no handling of 401 / 407 / 100 / redirects: every status is the provider's to map
        client.getContentDecoderFactories().clear();
        client.getProtocolHandlers().clear();
        return new ProviderHttp(client);
    }

    private static SslContextFactory.Client tls(KeyStore trustStore) {
        var tls = new SslContextFactory.Client();
        tls.setTrustAll(false);
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        if (trustStore != null) tls.setTrustStore(trustStore);
        return tls;
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping closes sockets and threads; nothing is left to report it to
        }
    }
}
