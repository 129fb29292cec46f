package dev.catalyst.server.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request headers take longer than the limit to arrive. Jetty's idle
 * timeout restarts with every byte, so a client sending one byte per 10 s would hold a
 * connection forever; this counts from the request's first byte instead. A sweep every quarter of
 * the limit looks at each open connection's parser: in the middle of a request head since the
 * last sweep and past the limit means close.
 */
final class HeaderReadTimeout extends AbstractLifeCycle implements Connection.Listener {
    private static final Logger LOG = Logger.getLogger(HeaderReadTimeout.class.getName());

    private final Scheduler scheduler;
    private final long limitNanos;
    private final long tickMillis;
    /** Open connections and when their current request head began (0: not receiving one). */
    private final Map<HttpConnection, long[]> open = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    HeaderReadTimeout(Scheduler scheduler, Duration limit) {
        this.scheduler = scheduler;
        this.limitNanos = limit.toNanos();
        this.tickMillis = Math.max(10, limit.toMillis() / 4);
    }

    @Override
    protected void doStart() {
        next = scheduler.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        Scheduler.Task t = next;
        if (t != null) t.cancel();
        open.clear();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) open.put(http, new long[] {0, -1});
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HttpConnection http) open.remove(http);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (var e : open.entrySet()) {
            HttpConnection c = e.getKey();
            long[] state = e.getValue();
            var parser = c.getParser();
            boolean inHead = parser.inHeaderState() && !parser.isStart() && !parser.isClose() && !parser.isClosed();
            long messages = c.getMessagesIn();
            if (!inHead || state[1] != messages) {
                // not reading a head, or a new request began since the last sweep: start over
                state[0] = inHead ? now : 0;
                state[1] = messages;
            } else if (state[0] == 0) {
                state[0] = now;
            } else if (now - state[0] > limitNanos) {
                LOG.info("closed a connection from " + c.getEndPoint().getRemoteSocketAddress()
                        + ": its request headers took longer than " + limitNanos / 1_000_000 + " ms to arrive");
                open.remove(c);
                c.getEndPoint().close();
            }
        }
        if (isRunning()) next = scheduler.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
    }
}
