package dev.catalyst.core.registry;

import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.validation.KindCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node type, whole: its spec (what {@code GET /api/nodes} serves), its typed config record,
 * the validation rules only it has, and how to build its executor. A kind lives in a folder named
 * after it, beside its spec JSON, config record, checks, executor and tests; the one wiring place
 * lists the kinds, and the registry, the validator and the engine are built from that list.
 *
 * @param <D> what the executor needs, as an interface the kind's module declares (e.g. the
 *            template engine, provider settings); the wiring passes one object that provides all
 */
public interface NodeKind<D> {
    /** The registry entry, read from the spec JSON in the kind's folder (see {@link NodeSpecs}). */
    NodeType spec();

    /** The record the config reads into; its components are the spec's config properties. */
    Class<? extends Record> configType();

    /** Validation rules of this kind, run on each of its nodes after the generic checks. */
    default List<KindCheck> checks() {
        return List.of();
    }

    /** A new executor for this kind's nodes. */
    NodeExecutor executor(D deps);

    /** The executor of every kind, keyed by node type. */
    static <D> Map<String, NodeExecutor> executors(List<? extends NodeKind<? super D>> kinds, D deps) {
        var out = new LinkedHashMap<String, NodeExecutor>();
        for (NodeKind<? super D> kind : kinds) out.put(kind.spec().type(), kind.executor(deps));
        return Map.copyOf(out);
    }
}
