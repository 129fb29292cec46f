package dev.catalyst.core.expr;

/**
 * A string read by the regex engine that checks the evaluation's deadline every few thousand
 * characters read. RE2J matches in linear time, but linear in 4 MB is still 700 ms: this makes
 * the time limit hold inside one {@code matches} call.
 */
final class DeadlineText implements CharSequence {
    private static final int CHECK_EVERY = 4096;

    private final String text;
    private final EvaluationGuard guard;
    private int reads;

    DeadlineText(String text, EvaluationGuard guard) {
        this.text = text;
        this.guard = guard;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (++reads == CHECK_EVERY) {
            reads = 0;
            guard.checkDeadline();
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.substring(start, end), guard);
    }

    @Override
    public String toString() {
        return text;
    }
}
