package dev.catalyst.core.secrets;

/**
 * Whether a text looks like an API key rather than a name: a provider's key prefix, or a long run
 * of letters mixed with digits. Used to refuse keys pasted where a name belongs, without echoing them.
 */
public final class KeyShape {
    private KeyShape() {}

    public static boolean looksLikeKey(String text) {
        if (text.matches("(?s)(sk-|gsk_|pa-|xai-|AIza).{16,}")) return true;
        return text.length() >= 40 && text.chars().anyMatch(Character::isDigit)
                && text.chars().anyMatch(Character::isUpperCase) && text.chars().anyMatch(Character::isLowerCase);
    }
}
