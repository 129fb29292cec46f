package dev.catalyst.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the shared PostgreSQL that a test starts and controls, to make outages
 * without ever stopping the server: {@link #cutBoth} closes every link both ways, {@link
 * #resetClientSide} resets the client's end and leaves PostgreSQL's sessions open (half-open),
 * {@link #stall} stops every byte. While a fault lasts, new connections get the same treatment;
 * {@link #restore} lets new connections through again.
 */
public final class TcpProxy implements AutoCloseable {
    private enum Mode { PASS, REFUSE, STALL }

    /** One client connection and its connection to PostgreSQL. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean orphaned;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(InputStream in, OutputStream out) {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    awaitFlowing();
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one end went away
            }
            closeQuietly(client);
            if (!orphaned) closeQuietly(upstream); // half-open: PostgreSQL's end stays open
            links.remove(this);
        }
    }

    private final ServerSocket listener;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Set<Socket> orphans = ConcurrentHashMap.newKeySet();
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
    }

    /** The PostgreSQL URL through this proxy (database {@code test}, user postgres). */
    public String postgresUrl() {
        return postgresUrl("test");
    }

    /** The same, for {@code database} (a test's own, to count its connections in pg_stat_activity). */
    public String postgresUrl(String database) {
        return "postgresql://postgres@127.0.0.1:" + listener.getLocalPort() + "/" + database;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            switch (mode) {
                case REFUSE -> reset(client);
                case STALL -> held.add(client); // accepted, then silence
                case PASS -> connect(client);
            }
        }
    }

    private void connect(Socket client) {
        try {
            var upstream = new Socket(upstreamHost, upstreamPort);
            var link = new Link(client, upstream);
            links.add(link);
            Thread.ofVirtual().start(() -> link.pump(inOf(client), outOf(upstream)));
            Thread.ofVirtual().start(() -> link.pump(inOf(upstream), outOf(client)));
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private synchronized void awaitFlowing() throws InterruptedException {
        while (mode == Mode.STALL && !closed) wait();
    }

    /** Closes every link, both ends, and refuses new connections. */
    public void cutBoth() {
        mode = Mode.REFUSE;
        for (Link l : links) {
            closeQuietly(l.client);
            closeQuietly(l.upstream);
        }
    }

    /** Resets the client end of every link (RST) and leaves PostgreSQL's end open; refuses new connections. */
    public void resetClientSide() {
        mode = Mode.REFUSE;
        for (Link l : links) {
            l.orphaned = true;
            orphans.add(l.upstream);
            reset(l.client);
        }
    }

    /** Stops every byte on every link, and accepts new connections without answering them. */
    public synchronized void stall() {
        mode = Mode.STALL;
    }

    /** New connections pass again; stalled links flow again. */
    public synchronized void restore() {
        mode = Mode.PASS;
        for (Socket s : held) reset(s);
        held.clear();
        notifyAll();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        closeQuietly(listener);
        cutBoth();
        orphans.forEach(TcpProxy::closeQuietly);
        held.forEach(TcpProxy::closeQuietly);
    }

    private static InputStream inOf(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            return InputStream.nullInputStream();
        }
    }

    private static OutputStream outOf(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
