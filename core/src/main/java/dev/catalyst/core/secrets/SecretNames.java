package dev.catalyst.core.secrets;

import java.util.regex.Pattern;

/** What a secret may be called: short, lower case, safe in a file, a keychain entry, a URL path and an environment variable name. */
public final class SecretNames {
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private SecretNames() {}

    /** Throws IllegalArgumentException saying what a name may be; the name is shown only when it is short and printable. */
    public static String check(String name) {
        if (name != null && KeyShape.looksLikeKey(name)) {
            throw new IllegalArgumentException("that looks like a key, not a name: give the name (e.g. anthropic); the value is asked for separately");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            boolean showable = name != null && name.length() <= 64 && name.chars().noneMatch(Character::isISOControl);
            String shown = showable ? " (got '" + name + "')" : "";
            throw new IllegalArgumentException("a secret's name is 1-64 of a-z, 0-9, '_', '.', '-', starting with a letter or digit" + shown);
        }
        return name;
    }
}
