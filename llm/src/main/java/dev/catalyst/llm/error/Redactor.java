package dev.catalyst.llm.error;

import dev.catalyst.core.secrets.Secret;
import java.util.regex.Pattern;

/** Keeps keys out of messages: the call's own key, Authorization values, and anything shaped like a provider key. */
public final class Redactor {
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");
    private static final Pattern KEY_SHAPE = Pattern.compile("\\b(sk-ant-|sk-|gsk_|pa-|al-)[A-Za-z0-9_\\-*]{6,}");

    private Redactor() {}

    public static String redact(String text, Secret key) {
        if (text == null) return null;
        String out = text;
        if (key != null && !key.reveal().isEmpty()) out = out.replace(key.reveal(), "****");
        out = BEARER.matcher(out).replaceAll("$1****");
        return KEY_SHAPE.matcher(out).replaceAll("$1****");
    }
}
