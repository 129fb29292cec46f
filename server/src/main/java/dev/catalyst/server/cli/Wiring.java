package dev.catalyst.server.cli;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.core.exec.NodeException;
import dev.catalyst.core.exec.NodeExecutor;
import dev.catalyst.core.registry.NodeRegistry;
import dev.catalyst.core.secrets.SecretStore;
import dev.catalyst.core.template.TemplateRenderer;
import dev.catalyst.core.template.TemplateScope;
import dev.catalyst.engine.Engine;
import java.util.Map;
import java.util.ServiceLoader;
import tools.jackson.databind.JsonNode;

/**
 * Puts the engine together for the commands: which executor runs each node type, which renderer
 * renders templates. This is the one place to register node executors (promptTemplate, the
 * completion, embedding and router nodes) as their modules land; the engine adds streamResponse.
 */
final class Wiring {
    /** Tests of the commands put their node stand-ins and renderer here; null means the built-in wiring. */
    static volatile Map<String, NodeExecutor> executorsOverride;
    static volatile TemplateRenderer rendererOverride;

    private Wiring() {}

    static Map<String, NodeExecutor> executors() {
        Map<String, NodeExecutor> o = executorsOverride;
        return o != null ? o : Map.of();
    }

    /** The template renderer found on the class path (META-INF/services), else one that says none is built in. */
    static TemplateRenderer renderer() {
        TemplateRenderer o = rendererOverride;
        if (o != null) return o;
        return ServiceLoader.load(TemplateRenderer.class).findFirst().orElseGet(NoTemplates::new);
    }

    static Engine engine(ModelCatalog catalog, SecretStore secrets) {
        return new Engine(NodeRegistry.builtIn(), catalog, executors(), renderer(), secrets);
    }

    /** Without a template module, a workflow that declares outputs fails with a message that says why. */
    static final class NoTemplates implements TemplateRenderer {
        @Override
        public String render(String template, TemplateScope scope) throws NodeException {
            throw missing();
        }

        @Override
        public JsonNode evaluate(String template, TemplateScope scope) throws NodeException {
            throw missing();
        }

        private static NodeException missing() {
            return new NodeException(ErrorCode.EXPRESSION_ERROR, "templates cannot be rendered: this build has no template engine");
        }
    }
}
