package dev.catalyst.core.validation;

/** One step of validation. Steps run in a fixed order and only add issues; none stops the others. */
@FunctionalInterface
public interface WorkflowCheck {
    void check(ValidationContext ctx);
}
