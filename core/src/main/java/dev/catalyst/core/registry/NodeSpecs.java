package dev.catalyst.core.registry;

import dev.catalyst.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a node spec that sits beside its kind's class (the build copies {@code *.json} from the
 * source folders). Schema pieces several kinds share ({@code credential}, {@code maxTokens}, ...)
 * live in core's {@code catalyst/nodes/_defs.json}.
 */
public final class NodeSpecs {
    private static final String SHARED_DEFS = "/catalyst/nodes/_defs.json";

    private NodeSpecs() {}

    /** The spec in {@code file}, a resource in the package of {@code kind}. */
    public static NodeType load(Class<?> kind, String file) {
        return NodeRegistry.parse(read(kind, file), (ObjectNode) read(NodeSpecs.class, SHARED_DEFS));
    }

    private static JsonNode read(Class<?> owner, String file) {
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("missing node spec " + file + " beside " + owner.getName());
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
