package dev.catalyst.server.http;

import dev.catalyst.server.TestExecutors;
import dev.catalyst.server.store.Database;
import dev.catalyst.server.store.DatabaseUrl;
import dev.catalyst.server.store.InstanceNotices;
import dev.catalyst.server.store.StoreConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One instance of the three-instance test, in its own JVM: a server on the given PostgreSQL
 * database with the given lease time, whose completions stream the tokens the test writes to its
 * standard input ({@code T <text>} a token, {@code E} the end of one completion). Its standard
 * input closing (the test gone) ends it.
 */
public final class HaTarget {
    public static void main(String[] args) throws Exception {
        var nodes = new TestExecutors();
        var config = StoreConfig.defaults().withLeaseTtl(Duration.ofMillis(Long.parseLong(args[1])));
        var db = Database.open(DatabaseUrl.parse(args[0], Path.of(".")), null, config);
        // wired as `catalyst start` on PostgreSQL: one listener for other instances' events and cancel requests
        var clock = java.time.Clock.systemUTC();
        var notices = InstanceNotices.start(db, clock);
        var server = ApiServer.start(ServerConfig.loopback(), db, nodes.engine(), "ha-target", false,
                new dev.catalyst.llm.nodes.router.RouterState(clock, dev.catalyst.llm.nodes.router.RouterState.Settings.defaults()),
                clock, null, dev.catalyst.server.observe.Observability.metricsOnly(), notices.runs());
        System.out.println("PORT " + server.port());
        System.out.flush();
        var in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("E")) nodes.feed(TestExecutors.END);
            else if (line.startsWith("T ")) nodes.feed(line.substring(2));
        }
        server.close();
        notices.close();
        db.close();
        System.exit(0);
    }
}
