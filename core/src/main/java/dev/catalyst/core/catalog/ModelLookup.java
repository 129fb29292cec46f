package dev.catalyst.core.catalog;

/**
 * A resolved model and, for retired or deprecated ones, a warning naming the replacement.
 * The model is never swapped: a retired id resolves to its own record.
 */
public record ModelLookup(ModelInfo model, String warning) {
    public boolean hasWarning() {
        return warning != null;
    }
}
