-- Router cooldowns shared by every server instance on this database (ADR 28): one instance's 429
-- cools the deployment (provider/model@credential) for all, until until_ms (epoch milliseconds).
CREATE TABLE router_cooldowns (
    deployment  VARCHAR(400) PRIMARY KEY,
    until_ms    BIGINT NOT NULL,
    reason      TEXT
);
