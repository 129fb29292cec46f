package dev.catalyst.llm.providers.http;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The one HTTP client all provider calls share (connections are reused), Jetty's: after an idle
 * gap it gets a response head to the waiting node sooner than the JDK client (ADR 25). Daemon
 * threads, as the JDK client's, so a CLI command that made one still exits; {@link #close} stops it.
 */
public final class ProviderHttp implements AutoCloseable {
    private final HttpClient client;

    private ProviderHttp(HttpClient client) {
        this.client = client;
    }

    public static ProviderHttp start(Duration connectTimeout) {
        var threads = new QueuedThreadPool();
        threads.setName("provider-http");
        threads.setDaemon(true);
        var client = new HttpClient();
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("provider-http-scheduler", true));
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setFollowRedirects(false);
        // as the JDK client: no connection limit per provider (HTTP/1.1, one stream per connection)
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
