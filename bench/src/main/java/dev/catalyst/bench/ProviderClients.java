package dev.catalyst.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;

/** The clients {@link ProviderClientIdleGap} compares; each blocks its calling thread the way a node's does. */
final class ProviderClients {
    private static final Object END = new Object();

    private ProviderClients() {}

    /** Nanoseconds from just before the send to the reading thread holding the head, and the first body bytes. */
    record Sample(long headNs, long firstNs) {}

    interface Client extends AutoCloseable {
        String name();

        /** Sends one request and reads its whole body (so the connection is reused). */
        Sample exchange(URI uri, byte[] body) throws Exception;

        @Override
        void close() throws Exception;
    }

    static List<Client> all(URI uri) throws Exception {
        return List.of(new Jdk(), new Jetty(), new RawSocket(uri));
    }

    /**
     * The JDK client as the product built it before ADR 25 and its {@code Exchange} drove it: sendAsync,
     * head through a future, body through a queue, HTTP/1.1 pinned for http://.
     */
    static final class Jdk implements Client {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        @Override
        public String name() {
            return "jdk";
        }

        @Override
        public Sample exchange(URI uri, byte[] body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("content-type", "application/json")
                    .header("accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(Duration.ofDays(1))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            var head = new CompletableFuture<HttpResponse.ResponseInfo>();
            var sub = new QueueSubscriber();
            long t0 = System.nanoTime();
            client.sendAsync(request, info -> {
                head.complete(info);
                return sub;
            }).whenComplete((r, t) -> {
                if (t != null) head.completeExceptionally(t);
            });
            var info = head.get(10, TimeUnit.SECONDS);
            long th = System.nanoTime() - t0;
            if (info.statusCode() != 200) throw new IllegalStateException("status " + info.statusCode());
            long tf = -1;
            for (Object item = sub.queue.poll(10, TimeUnit.SECONDS); item != END; item = sub.queue.poll(10, TimeUnit.SECONDS)) {
                if (item == null) throw new IllegalStateException("no data for 10 s");
                if (item instanceof Throwable t) throw new IllegalStateException(t);
                if (tf < 0) tf = System.nanoTime() - t0;
                sub.requestMore();
            }
            return new Sample(th, tf);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * Jetty 12's client, configured as {@code ProviderHttp} does: the head and the body's pieces handed
     * to the blocked thread through a future and a queue, as {@code Exchange} does.
     */
    static final class Jetty implements Client {
        private final org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();

        Jetty() throws Exception {
            var threads = new org.eclipse.jetty.util.thread.QueuedThreadPool();
            threads.setDaemon(true);
            client.setExecutor(threads);
            client.setConnectTimeout(10_000);
            client.setFollowRedirects(false);
            client.setMaxConnectionsPerDestination(Integer.MAX_VALUE);
            client.setUserAgentField(null);
            client.start();
            client.getContentDecoderFactories().clear();
            client.getProtocolHandlers().clear();
        }

        @Override
        public String name() {
            return "jetty";
        }

        @Override
        public Sample exchange(URI uri, byte[] body) throws Exception {
            var request = client.newRequest(uri)
                    .method(HttpMethod.POST)
                    .version(HttpVersion.HTTP_1_1)
                    .headers(h -> h.put("accept", "text/event-stream"))
                    .body(new BytesRequestContent("application/json", body));
            var listener = new QueueListener();
            long t0 = System.nanoTime();
            request.send(listener);
            Response r = listener.head.get(10, TimeUnit.SECONDS);
            long th = System.nanoTime() - t0;
            if (r.getStatus() != 200) throw new IllegalStateException("status " + r.getStatus());
            long tf = -1;
            for (Object item = listener.queue.poll(10, TimeUnit.SECONDS); item != END; item = listener.queue.poll(10, TimeUnit.SECONDS)) {
                if (item == null) throw new IllegalStateException("no data for 10 s");
                if (item instanceof Throwable t) throw new IllegalStateException(t);
                if (tf < 0) tf = System.nanoTime() - t0;
            }
            return new Sample(th, tf);
        }

        @Override
        public void close() throws Exception {
            client.stop();
        }
    }

    /** A blocking socket writing HTTP/1.1 by hand and reading until the chunked terminator: a floor, not a client. */
    static final class RawSocket implements Client {
        private final Socket socket;
        private final String head;

        RawSocket(URI uri) throws Exception {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: ";
        }

        @Override
        public String name() {
            return "socket";
        }

        @Override
        public Sample exchange(URI uri, byte[] body) throws Exception {
            byte[] prefix = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(body, 0, all, prefix.length, body.length);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[1 << 16];
            int n = 0;
            int headEnd = -1;
            long th = -1;
            long tf = -1;
            long t0 = System.nanoTime();
            out.write(all);
            out.flush();
            while (true) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) throw new IllegalStateException("upstream closed");
                n += r;
                if (headEnd < 0) {
                    headEnd = indexOf(buf, n, "\r\n\r\n");
                    if (headEnd >= 0) {
                        th = System.nanoTime() - t0;
                        headEnd += 4;
                    }
                }
                if (headEnd >= 0 && tf < 0 && n > headEnd) tf = System.nanoTime() - t0;
                if (headEnd >= 0 && endsWith(buf, n, "\r\n0\r\n\r\n")) return new Sample(th, tf);
                if (n == buf.length) n = keepTail(buf, n, headEnd >= 0);
            }
        }

        private static int keepTail(byte[] buf, int n, boolean headSeen) {
            if (!headSeen) throw new IllegalStateException("head larger than the buffer");
            System.arraycopy(buf, n - 16, buf, 0, 16);
            return 16;
        }

        private static int indexOf(byte[] b, int n, String s) {
            byte[] p = s.getBytes(StandardCharsets.US_ASCII);
            outer:
            for (int i = 0; i + p.length <= n; i++) {
                for (int j = 0; j < p.length; j++) if (b[i + j] != p[j]) continue outer;
                return i;
            }
            return -1;
        }

        private static boolean endsWith(byte[] b, int n, String s) {
            byte[] p = s.getBytes(StandardCharsets.US_ASCII);
            if (n < p.length) return false;
            for (int j = 0; j < p.length; j++) if (b[n - p.length + j] != p[j]) return false;
            return true;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static final class QueueListener implements Response.Listener {
        final CompletableFuture<Response> head = new CompletableFuture<>();
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        @Override
        public void onHeaders(Response response) {
            head.complete(response);
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            byte[] b = new byte[content.remaining()];
            content.get(b);
            queue.add(b);
        }

        @Override
        public void onComplete(Result result) {
            if (result.isFailed()) {
                head.completeExceptionally(result.getFailure());
                queue.add(result.getFailure());
            } else {
                queue.add(END);
            }
        }
    }

    private static final class QueueSubscriber implements HttpResponse.BodySubscriber<Void> {
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            int n = 0;
            for (ByteBuffer b : items) n += b.remaining();
            byte[] all = new byte[n];
            int at = 0;
            for (ByteBuffer b : items) {
                int r = b.remaining();
                b.get(all, at, r);
                at += r;
            }
            queue.add(all);
        }

        void requestMore() {
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedStage(null);
        }
    }
}
