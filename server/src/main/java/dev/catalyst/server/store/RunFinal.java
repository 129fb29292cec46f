package dev.catalyst.server.store;

/** A finished run's row: its status and, as JSON text, its outputs, error and per-node metrics (each may be null). */
public record RunFinal(String status, String outputs, String error, String nodes) {}
