package dev.catalyst.server.http;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import dev.catalyst.core.secrets.Secret;
import dev.catalyst.core.secrets.SecretNames;
import dev.catalyst.core.secrets.WritableSecretStore;
import dev.catalyst.server.secrets.KeyCheck;
import dev.catalyst.server.secrets.SecretService;
import dev.catalyst.server.secrets.SecretStoreException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/secrets}: names, where each is kept and when it was set; values go in and never come
 * out. A body holding a value is parsed here without the parser's own messages, which quote input.
 */
final class SecretRoutes implements Router.Routes {
    static final int MAX_VALUE = 8 * 1024;

    private final SecretService secrets;

    SecretRoutes(SecretService secrets) {
        this.secrets = secrets;
    }

    @Override
    public void routing(Router.Rules rules) {
        rules.get("/", ex -> Http.json(ex, 200, listing()));
        rules.put("/{name}", ex -> {
            String name = name(ex);
            JsonNode value = quietBody(ex).path("value");
            if (!value.isString() || value.stringValue().isBlank()) throw ApiException.badRequest("send {\"value\": \"<the key>\"}");
            String v = value.stringValue().strip();
            if (v.length() > MAX_VALUE) throw ApiException.badRequest("a key is at most " + MAX_VALUE + " characters");
            if (v.chars().anyMatch(Character::isISOControl)) throw ApiException.badRequest("a key is one line without control characters");
            var store = writable();
            guardedRun(() -> store.put(name, new Secret(v)));
            var answer = secrets.store().info(name).map(i -> (tools.jackson.databind.node.ObjectNode) Json.valueToTree(i)).orElseGet(Json::object);
            if (secrets.restartNote() != null) answer.put("restart", secrets.restartNote());
            Http.json(ex, 200, answer);
        });
        rules.delete("/{name}", ex -> {
            String name = name(ex);
            var store = writable();
            boolean removed = guarded(() -> store.remove(name));
            if (!removed) {
                throw ApiException.notFound("'" + name + "' is not stored in " + store.describe()
                        + secrets.store().info(name).map(i -> "; it comes from " + i.source()).orElse(""));
            }
            Http.empty(ex, 204);
        });
        rules.post("/{name}/test", ex -> {
            String name = name(ex);
            JsonNode body = quietBody(ex);
            String provider = body.path("provider").isString() ? body.path("provider").stringValue() : null;
            var key = guarded(() -> secrets.store().get(name))
                    .orElseThrow(() -> ApiException.notFound("'" + name + "' is not defined"));
            String p = KeyCheck.providerFor(name, provider, key)
                    .orElseThrow(() -> ApiException.badRequest("cannot tell which provider '" + name + "' belongs to; send {\"provider\": \"anthropic\"}"));
            KeyCheck.Result result;
            try {
                result = secrets.check().test(name, p, key);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            var out = Json.object();
            out.put("name", result.name());
            out.put("provider", result.provider());
            out.put("model", result.model());
            out.put("outcome", result.outcome().word());
            out.put("message", result.message());
            Http.json(ex, 200, out);
        });
    }

    private JsonNode listing() {
        var body = Json.object();
        body.set("secrets", Json.valueToTree(guarded(() -> secrets.store().list())));
        var writable = secrets.store().writable();
        body.put("writableStore", writable.map(WritableSecretStore::describe).orElse(null));
        if (writable.isEmpty()) body.put("reason", secrets.store().noWritableReason());
        if (secrets.restartNote() != null) body.put("restart", secrets.restartNote());
        return body;
    }

    private WritableSecretStore writable() {
        return secrets.store().writable().orElseThrow(() -> new ApiException(409, "no_secret_store",
                "this server cannot store secrets: " + secrets.store().noWritableReason()));
    }

    private static String name(Exchange ex) {
        try {
            return SecretNames.check(ex.param("name"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    // a value may sit in a malformed body: say where, never what
    private static JsonNode quietBody(Exchange ex) {
        String text = Http.body(ex);
        if (text.isBlank()) return Json.object();
        try {
            JsonNode node = Json.parse(text);
            if (!node.isObject()) throw ApiException.badRequest("the body must be a JSON object");
            return node;
        } catch (JsonSyntaxException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.line() + ", column " + e.column());
        }
    }

    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (SecretStoreException e) {
            throw new ApiException(503, "secret_store_unavailable", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static void guardedRun(Runnable work) {
        guarded(() -> {
            work.run();
            return null;
        });
    }
}
