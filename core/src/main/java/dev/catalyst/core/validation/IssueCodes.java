package dev.catalyst.core.validation;

/**
 * Stable validation codes. They are part of the API: clients match on them, so a code is never
 * renamed. docs/validation-codes.md explains each one.
 */
public final class IssueCodes {
    private IssueCodes() {}

    // shape of the file
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_FIELD = "invalid_field";
    public static final String UNKNOWN_FIELD = "unknown_field";
    public static final String UNSUPPORTED_SCHEMA_VERSION = "unsupported_schema_version";
    public static final String EMPTY_WORKFLOW = "empty_workflow";
    public static final String INVALID_ID = "invalid_id";
    public static final String DUPLICATE_ID = "duplicate_id";
    public static final String INVALID_INPUT = "invalid_input";

    // nodes and their config
    public static final String UNKNOWN_NODE_TYPE = "unknown_node_type";
    public static final String MISSING_CONFIG = "missing_config";
    public static final String INVALID_CONFIG = "invalid_config";
    public static final String MISSING_INPUT = "missing_input";
    public static final String UNKNOWN_MODEL = "unknown_model";
    public static final String WRONG_MODEL_KIND = "wrong_model_kind";
    public static final String RETIRED_MODEL = "retired_model";
    public static final String DEPRECATED_MODEL = "deprecated_model";
    public static final String UNKNOWN_CREDENTIAL = "unknown_credential";
    public static final String UNKNOWN_CANDIDATE = "unknown_candidate";
    public static final String MULTIPLE_ANSWER_STREAMS = "multiple_answer_streams";

    // disabled nodes (ADR 23)
    public static final String NOTHING_TO_RUN = "nothing_to_run";
    public static final String SKIPPED_OUTPUT = "skipped_output";

    // templates and expressions
    public static final String INVALID_EXPRESSION = "invalid_expression";
    public static final String UNKNOWN_VARIABLE = "unknown_variable";

    // edges and graph
    public static final String DANGLING_EDGE = "dangling_edge";
    public static final String UNKNOWN_PORT = "unknown_port";
    public static final String INCOMPATIBLE_PORTS = "incompatible_ports";
    public static final String TOO_MANY_EDGES = "too_many_edges";
    public static final String DUPLICATE_EDGE = "duplicate_edge";
    public static final String CYCLE = "cycle";
}
