package dev.catalyst.llm.providers.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A TLS upstream on loopback (Jetty's server) that answers every POST with a recorded OpenAI event
 * stream, written and flushed event by event. The testkit fakes run on the JDK's HttpServer, which
 * speaks neither TLS nor HTTP/2, so this one is separate. It records the HTTP version, connection and
 * client port of each request, and can hold every stream after some events until {@link #release}.
 */
final class HttpsUpstream implements AutoCloseable {
    /** What the server offers in the TLS handshake. */
    enum Alpn { H2_AND_HTTP11, HTTP11_ONLY, NONE }

    record Seen(String version, String connection, int clientPort, String upgrade, String accept) {}

    private final Server server = new Server();
    private final ServerConnector connector;
    private final List<String> events;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Semaphore held = new Semaphore(0);
    private final Semaphore brokenStreams = new Semaphore(0);
    private volatile int holdAfter = -1;
    private volatile CountDownLatch release = new CountDownLatch(0);

    HttpsUpstream(SelfSignedCertificate certificate, Alpn alpn, String sseBody) throws Exception {
        this(certificate, alpn, sseBody, 128);
    }

    /** {@code maxConcurrentStreams}: the h2 SETTINGS limit the server announces (Jetty's default is 128). */
    HttpsUpstream(SelfSignedCertificate certificate, Alpn alpn, String sseBody, int maxConcurrentStreams) throws Exception {
        this.events = List.of(sseBody.strip().split("\n\n"));
        var tls = new SslContextFactory.Server();
        tls.setKeyStore(certificate.keyStore());
        tls.setKeyStorePassword(certificate.password());
        var config = new HttpConfiguration();
        var secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // the client connects to 127.0.0.1, which SNI cannot carry
        config.addCustomizer(secure);
        var http11 = new HttpConnectionFactory(config);
        connector = switch (alpn) {
            case H2_AND_HTTP11 -> {
                var negotiation = new ALPNServerConnectionFactory("h2", "http/1.1");
                negotiation.setDefaultProtocol(http11.getProtocol());
                var http2 = new HTTP2ServerConnectionFactory(config);
                http2.setMaxConcurrentStreams(maxConcurrentStreams);
                yield new ServerConnector(server, new SslConnectionFactory(tls, negotiation.getProtocol()), negotiation, http2, http11);
            }
            case HTTP11_ONLY -> {
                var negotiation = new ALPNServerConnectionFactory("http/1.1");
                negotiation.setDefaultProtocol(http11.getProtocol());
                yield new ServerConnector(server, new SslConnectionFactory(tls, negotiation.getProtocol()), negotiation, http11);
            }
            case NONE -> new ServerConnector(server, new SslConnectionFactory(tls, http11.getProtocol()), http11);
        };
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new EventStream());
        server.start();
    }

    /** The base URL in the OpenAI SDK's meaning. */
    URI baseUrl() {
        return URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/v1");
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** From now on every stream stops after {@code events} events until {@link #release}. */
    void holdAfter(int events) {
        release = new CountDownLatch(1);
        holdAfter = events;
    }

    /** Waits until {@code streams} streams are held. */
    boolean awaitHeld(int streams) throws InterruptedException {
        return held.tryAcquire(streams, 10, TimeUnit.SECONDS);
    }

    void release() {
        holdAfter = -1;
        release.countDown();
    }

    /**
     * Waits until the server saw a stream's client go away: a reset stream or a closed connection,
     * told to the request as it happens (a held stream learns of it without writing), or a failed write.
     */
    boolean awaitBrokenStream() throws InterruptedException {
        return brokenStreams.tryAcquire(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        release();
        server.stop();
    }

    private final class EventStream extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Content.Source.consumeAll(request);
            int port = Request.getRemotePort(request);
            seen.add(new Seen(request.getConnectionMetaData().getHttpVersion().asString(), request.getConnectionMetaData().getId(), port,
                    request.getHeaders().get(HttpHeader.UPGRADE), request.getHeaders().get(HttpHeader.ACCEPT)));
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
            int hold = holdAfter;
            CountDownLatch gate = release;
            var gone = new AtomicBoolean();
            Runnable sawGone = () -> {
                if (gone.compareAndSet(false, true)) brokenStreams.release();
            };
            request.addFailureListener(failure -> sawGone.run());
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (int i = 0; i < events.size(); i++) {
                    if (i == hold) {
                        held.release();
                        if (!gate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the stream");
                    }
                    out.write((events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                sawGone.run();
                callback.failed(e);
                return true;
            }
            callback.succeeded();
            return true;
        }
    }
}
