package dev.catalyst.core.registry;

/** A typed input or output of a node type. {@code many}: the input takes several edges. */
public record Port(String name, PortType type, boolean required, boolean many, String description) {}
