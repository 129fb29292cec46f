package dev.catalyst.core.catalog;

/** A catalog file that cannot be read or does not have the catalog's shape. */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }
}
