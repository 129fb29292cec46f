package dev.catalyst.core.expr;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A JSON object seen as a CEL map without copying it: a key is converted when it is read, so a
 * large node output costs nothing unless an expression touches it.
 */
final class JsonObjectView extends AbstractMap<String, Object> {
    private final JsonNode node;

    JsonObjectView(JsonNode node) {
        this.node = node;
    }

    JsonNode node() {
        return node;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String k)) return null;
        JsonNode v = node.get(k);
        return v == null ? null : Values.fromJson(v);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String k && node.has(k);
    }

    @Override
    public int size() {
        return node.size();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return LazyMap.convertedEntries(node.properties(), Values::fromJson);
    }
}
