package dev.catalyst.llm;

import dev.catalyst.core.catalog.ModelCatalog;
import dev.catalyst.core.events.RunEvent;
import dev.catalyst.core.exec.Cancellation;
import dev.catalyst.core.exec.NodeContext;
import dev.catalyst.core.secrets.EnvSecretStore;
import dev.catalyst.core.secrets.SecretStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/** A node context for tests: real env-style secrets, the built-in catalog (or one the test builds), tokens collected in order. */
public final class TestContext implements NodeContext {
    static final ModelCatalog CATALOG = ModelCatalog.builtIn();
    public final List<String> tokens = new CopyOnWriteArrayList<>();
    public final List<RunEvent> events = new CopyOnWriteArrayList<>();
    final Cancellation cancellation = new Cancellation();
    final SecretStore secrets;
    final ModelCatalog catalog;
    public Instant deadline;
    public Map<String, JsonNode> inputs = Map.of();

    public TestContext() {
        this(new EnvSecretStore(Map.of("ANTHROPIC_API_KEY", Fakes.KEY.reveal(), "OPENAI_API_KEY", Fakes.KEY.reveal(),
                "GROQ_API_KEY", Fakes.KEY.reveal())));
    }

    public TestContext(SecretStore secrets) {
        this(secrets, CATALOG);
    }

    /** A context whose catalog is built by the test (an entry the shipped catalog does not have). */
    public TestContext(SecretStore secrets, ModelCatalog catalog) {
        this.secrets = secrets;
        this.catalog = catalog;
    }

    @Override public String runId() { return "run-1"; }
    @Override public String nodeId() { return "llm"; }
    @Override public Map<String, JsonNode> workflowInputs() { return inputs; }
    @Override public Map<String, JsonNode> nodeOutputs() { return Map.of(); }
    @Override public SecretStore secrets() { return secrets; }
    @Override public Cancellation cancellation() { return cancellation; }
    @Override public Instant deadline() { return deadline; }
    @Override public ModelCatalog catalog() { return catalog; }
    @Override public void token(String text) { tokens.add(text); }
    @Override public void emit(RunEvent event) { events.add(event); }

    public String text() {
        return String.join("", tokens);
    }
}
