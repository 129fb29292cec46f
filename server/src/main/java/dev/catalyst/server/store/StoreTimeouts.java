package dev.catalyst.server.store;

import java.time.Duration;

/**
 * How long the store waits on the database, so that no outage can hold a thread forever.
 *
 * @param connect           opening a TCP connection to PostgreSQL (and its login)
 * @param socket            any read from PostgreSQL; a stalled or half-open link fails after this
 * @param statement         server-side limit of one statement ({@code statement_timeout})
 * @param lock              server-side wait for a row or table lock ({@code lock_timeout})
 * @param idleInTransaction server-side end of a session left mid-transaction by a client that vanished
 *                          ({@code idle_in_transaction_session_timeout}), which frees its locks
 * @param poolWait          wait for a free pooled connection (HikariCP {@code connectionTimeout})
 * @param sqliteBusy        SQLite's wait for another writer of the same file ({@code busy_timeout})
 */
public record StoreTimeouts(Duration connect, Duration socket, Duration statement, Duration lock,
                            Duration idleInTransaction, Duration poolWait, Duration sqliteBusy) {

    /** The documented defaults (ADR 9): statement below socket, so PostgreSQL cancels before the client gives up. */
    public static StoreTimeouts defaults() {
        return new StoreTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** Whole seconds for the PostgreSQL driver, which takes no finer unit; at least one. */
    static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
