package dev.catalyst.core.expr;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A Java map seen by CEL with each value converted only when it is read. */
final class LazyMap<V> extends AbstractMap<String, Object> {
    private final Map<String, V> backing;
    private final Function<V, Object> convert;

    LazyMap(Map<String, V> backing, Function<V, Object> convert) {
        this.backing = backing;
        this.convert = convert;
    }

    @Override
    public Object get(Object key) {
        V v = backing.get(key);
        return v == null && !backing.containsKey(key) ? null : convert.apply(v);
    }

    @Override
    public boolean containsKey(Object key) {
        return backing.containsKey(key);
    }

    @Override
    public int size() {
        return backing.size();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return convertedEntries(backing.entrySet(), convert);
    }

    /** Entries whose values are converted as the iteration reaches them; shared with {@link JsonObjectView}. */
    static <V> Set<Map.Entry<String, Object>> convertedEntries(Set<Map.Entry<String, V>> entries, Function<V, Object> convert) {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                var it = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        var e = it.next();
                        return new SimpleImmutableEntry<>(e.getKey(), convert.apply(e.getValue()));
                    }
                };
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }
}
