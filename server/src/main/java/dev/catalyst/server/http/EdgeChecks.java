package dev.catalyst.server.http;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks made where a request enters, before anything is decoded, validated or stored: sizes
 * against the configured limits, and ids and names that every database can hold (no NUL, which
 * PostgreSQL refuses in text, and a bounded length), so both databases answer the same 4xx.
 */
final class EdgeChecks {
    static final Pattern WORKFLOW_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}");
    static final int MAX_ID = 200;
    static final int MAX_NAME = 500;

    private final EdgeLimits limits;

    EdgeChecks(EdgeLimits limits) {
        this.limits = limits;
    }

    /** A workflow's node and edge counts against the limits; counted on the raw JSON, so a huge one is refused at once. */
    void size(JsonNode workflow) {
        if (workflow == null || !workflow.isObject()) return; // the decoder reports what it is
        int nodes = workflow.path("nodes").size();
        int edges = workflow.path("edges").size();
        if (nodes > limits.maxNodes()) {
            throw new ApiException(413, "workflow_too_large", "this workflow has " + nodes + " nodes; this server accepts at most "
                    + limits.maxNodes() + " (CATALYST_MAX_NODES)");
        }
        if (edges > limits.maxEdges()) {
            throw new ApiException(413, "workflow_too_large", "this workflow has " + edges + " edges; this server accepts at most "
                    + limits.maxEdges() + " (CATALYST_MAX_EDGES)");
        }
    }

    /** The id of a stored workflow (path or body). */
    static void workflowId(String id) {
        if (id == null) throw ApiException.badRequest("a stored workflow needs an id");
        if (!WORKFLOW_ID.matcher(id).matches()) {
            throw ApiException.badRequest("a workflow id must be 1-" + MAX_ID
                    + " letters, digits, '_', '.' or '-', starting with a letter or digit" + shown(id));
        }
    }

    /** A free-text field stored in its own column (a workflow's name, an inline workflow's id). */
    static void text(String field, String value, int max) {
        if (value == null) return;
        if (value.codePointCount(0, value.length()) > max) {
            throw ApiException.badRequest(field + " is at most " + max + " characters, not " + value.codePointCount(0, value.length()));
        }
        if (value.indexOf('\0') >= 0) throw ApiException.badRequest(field + " cannot hold a NUL character");
    }

    /** A run id from the path: ours are UUIDs, so anything else names no run. */
    static void runId(String id) {
        if (id.length() > MAX_ID || id.indexOf('\0') >= 0) throw ApiException.notFound("no run with that id");
    }

    // the offending id, when it is short and printable enough to show
    private static String shown(String id) {
        if (id.length() > 64 || id.chars().anyMatch(Character::isISOControl)) return "";
        return " (got '" + id + "')";
    }
}
