package dev.catalyst.server.http;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import java.nio.file.Path;

/**
 * A server in its own JVM for the crash test: its completion streams two tokens and then waits
 * forever, so a run is in flight when the test kills the process.
 */
public final class CrashTarget {
    public static void main(String[] args) throws Exception {
        var nodes = new TestExecutors();
        nodes.feed("before-", "crash");
        var db = Database.open(DatabaseUrl.sqlite(Path.of(args[0])));
        var server = ApiServer.start(ServerConfig.loopback(), db, nodes.engine(), "crash-target");
        System.out.println("PORT " + server.port());
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // held until the test kills this process
    }
}
