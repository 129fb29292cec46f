package dev.catalyst.server.store;

/** A run's final row, to store with its terminal event. */
public record FinishedRun(String id, RunFinal row) {}
