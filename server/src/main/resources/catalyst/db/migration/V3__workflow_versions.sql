-- Every save of a workflow keeps its definition as a numbered version (1, 2, ...), so the canvas
-- can list, show and restore earlier ones. A rename carries the versions over to the new id.
CREATE TABLE workflow_versions (
    workflow_id  VARCHAR(200) NOT NULL,
    version      BIGINT NOT NULL,
    name         TEXT,
    definition   TEXT NOT NULL,
    saved_at     VARCHAR(40) NOT NULL,
    PRIMARY KEY (workflow_id, version)
);
