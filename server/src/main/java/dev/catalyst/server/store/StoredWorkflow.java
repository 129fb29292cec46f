package dev.catalyst.server.store;

/** A stored workflow: its JSON definition and when it was saved. */
public record StoredWorkflow(String id, String name, String definition, String createdAt, String updatedAt) {}
