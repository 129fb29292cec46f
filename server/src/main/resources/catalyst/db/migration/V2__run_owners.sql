-- Which server instance runs a run, and each instance's lease (ADR 9): a server marks another's
-- unfinished runs interrupted only when that server's lease has expired (or its process is gone).
ALTER TABLE runs ADD COLUMN owner_id VARCHAR(64);

CREATE TABLE instances (
    owner_id       VARCHAR(64) PRIMARY KEY,
    host_key       VARCHAR(200),
    pid            BIGINT NOT NULL,
    process_start  VARCHAR(40),
    started_at     VARCHAR(40) NOT NULL,
    expires_at     BIGINT NOT NULL
);
