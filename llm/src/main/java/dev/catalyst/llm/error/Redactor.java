package dev.catalyst.llm.error;

import dev.catalyst.core.secrets.Secret;
import java.util.regex.Pattern;

/** Keeps keys out of messages: the call's own key, Authorization values, and anything shaped like a provider key. */
public final class Redactor {
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");
    private static final Pattern KEY_SHAPE = Pattern.compile("\\b(sk-ant-|sk-|gsk_|pa-|al-)[A-Za-z0-9_\\-*]{6,}");

    private Redactor() {}

    /** The same error with its message redacted (a provider may echo the key in an in-stream error). */
    public static LlmException redact(LlmException e, Secret key) {
        LlmError x = e.error();
        String m = redact(x.message(), key);
        if (m.equals(x.message())) return e;
        LlmError copy = switch (x) {
            case LlmError.Auth a -> new LlmError.Auth(a.provider(), a.status(), m);
            case LlmError.Permission p -> new LlmError.Permission(p.provider(), p.status(), m);
            case LlmError.ModelNotFound n -> new LlmError.ModelNotFound(n.provider(), n.status(), m);
            case LlmError.InvalidRequest i -> new LlmError.InvalidRequest(i.provider(), i.status(), m);
            case LlmError.RateLimited r -> new LlmError.RateLimited(r.provider(), r.status(), m, r.retryAfterMs());
            case LlmError.Overloaded o -> new LlmError.Overloaded(o.provider(), o.status(), m, o.retryAfterMs());
            case LlmError.ServerError s -> new LlmError.ServerError(s.provider(), s.status(), m, s.retryAfterMs());
            case LlmError.Timeout t -> new LlmError.Timeout(t.provider(), t.status(), m, t.partialText());
            case LlmError.StreamInterrupted s -> new LlmError.StreamInterrupted(s.provider(), s.status(), m, s.partialText());
            case LlmError.ContentFiltered c -> new LlmError.ContentFiltered(c.provider(), c.status(), m);
            case LlmError.ContextLengthExceeded c -> new LlmError.ContextLengthExceeded(c.provider(), c.status(), m);
            case LlmError.Cancelled c -> new LlmError.Cancelled(c.provider(), c.status(), m);
        };
        // the cause may quote the payload: keep only its type
        return new LlmException(copy, null);
    }

    public static String redact(String text, Secret key) {
        if (text == null) return null;
        String out = text;
        if (key != null && !key.reveal().isEmpty()) out = out.replace(key.reveal(), "****");
        out = BEARER.matcher(out).replaceAll("$1****");
        return KEY_SHAPE.matcher(out).replaceAll("$1****");
    }
}
