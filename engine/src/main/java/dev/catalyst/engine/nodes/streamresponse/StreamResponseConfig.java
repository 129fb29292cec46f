package dev.catalyst.engine.nodes.streamresponse;

/** A streamResponse node's config: whether router decisions go into the answer stream. */
public record StreamResponseConfig(Boolean includeDecisions) {}
