package dev.catalyst.core.expr;

import java.util.AbstractList;
import java.util.RandomAccess;
import tools.jackson.databind.JsonNode;

/** A JSON array seen as a CEL list; elements are converted when read. */
final class JsonArrayView extends AbstractList<Object> implements RandomAccess {
    private final JsonNode node;

    JsonArrayView(JsonNode node) {
        this.node = node;
    }

    JsonNode node() {
        return node;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= node.size()) throw new IndexOutOfBoundsException(index);
        return Values.fromJson(node.get(index));
    }

    @Override
    public int size() {
        return node.size();
    }
}
