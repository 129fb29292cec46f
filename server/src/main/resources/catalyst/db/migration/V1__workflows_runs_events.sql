-- One schema for SQLite and PostgreSQL: plain types both understand. Times are ISO-8601 UTC text.
CREATE TABLE workflows (
    id          VARCHAR(200) PRIMARY KEY,
    name        TEXT,
    definition  TEXT NOT NULL,
    created_at  VARCHAR(40) NOT NULL,
    updated_at  VARCHAR(40) NOT NULL
);

CREATE TABLE runs (
    id           VARCHAR(64) PRIMARY KEY,
    workflow_id  VARCHAR(200),
    workflow     TEXT NOT NULL,
    inputs       TEXT NOT NULL,
    status       VARCHAR(16) NOT NULL,
    outputs      TEXT,
    error        TEXT,
    nodes        TEXT,
    created_at   VARCHAR(40) NOT NULL,
    finished_at  VARCHAR(40)
);

CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE run_events (
    run_id  VARCHAR(64) NOT NULL,
    seq     BIGINT NOT NULL,
    name    VARCHAR(40) NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);
