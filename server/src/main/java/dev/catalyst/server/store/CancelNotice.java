package dev.catalyst.server.store;

/**
 * A cancel request for a run that another instance runs (PostgreSQL {@code NOTIFY}, payload: the
 * run id). Every instance hears it through its one listener ({@link InstanceNotices}); only the one
 * running the run acts on it. It says nothing the store does not show afterwards: the run is stored
 * as ended by its owner, and that commit's {@link EventNotice} tells the instance that asked.
 */
public final class CancelNotice {
    public static final String CHANNEL = "catalyst_cancel";

    private CancelNotice() {}

    /** Sends the request at once, from a pooled connection (its own statement, committed as it runs). PostgreSQL only. */
    public static void send(Database db, String runId) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) throw new IllegalArgumentException("notices need PostgreSQL");
        db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                ps.setString(1, runId);
                ps.executeQuery().close();
            }
            return null;
        });
    }
}
