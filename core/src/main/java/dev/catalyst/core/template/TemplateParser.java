package dev.catalyst.core.template;

import dev.catalyst.core.expr.ExpressionException;
import dev.catalyst.core.expr.ExpressionService;
import dev.catalyst.core.expr.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into literal text and {@code {{ <CEL> }}} holes. A hole ends at the first
 * {@code }}} outside a CEL string literal and outside braces the expression opened, so
 * {@code {{ "}}" }}} and {@code {{ {"a": {"b": 1}} }}} work. {@code \{{} writes a literal
 * {@code {{}; a backslash anywhere else is an ordinary character.
 */
final class TemplateParser {
    private final ExpressionService expressions;

    TemplateParser(ExpressionService expressions) {
        this.expressions = expressions;
    }

    Template parse(String source) throws ExpressionException {
        List<Template.Part> parts = new ArrayList<>();
        var text = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\\' && source.startsWith("{{", i + 1)) {
                text.append("{{");
                i += 3;
            } else if (c == '{' && i + 1 < n && source.charAt(i + 1) == '{') {
                int end = holeEnd(source, i + 2);
                if (end < 0) throw error(ExpressionException.Kind.SYNTAX, "'{{' is not closed by '}}' (write \\{{ for a literal {{)", source, i);
                int start = i + 2;
                while (start < end && Character.isWhitespace(source.charAt(start))) start++;
                int stop = end;
                while (stop > start && Character.isWhitespace(source.charAt(stop - 1))) stop--;
                if (start == stop) throw error(ExpressionException.Kind.SYNTAX, "empty {{ }}: put an expression inside, e.g. {{ topic }}", source, i);
                if (!text.isEmpty()) {
                    parts.add(new Template.Text(text.toString()));
                    text.setLength(0);
                }
                try {
                    parts.add(new Template.Hole(expressions.compile(source.substring(start, stop)), start));
                } catch (ExpressionException e) {
                    throw e.relocate(source, start);
                }
                i = end + 2;
            } else {
                text.append(c);
                i++;
            }
        }
        if (!text.isEmpty()) parts.add(new Template.Text(text.toString()));
        return new Template(source, parts);
    }

    // Index of the "}}" closing a hole whose expression starts at 'from', or -1.
    private static int holeEnd(String s, int from) {
        int depth = 0;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(s, i);
                if (i < 0) return -1;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0 && i + 1 < s.length() && s.charAt(i + 1) == '}') return i;
                if (depth > 0) depth--;
            }
            i++;
        }
        return -1;
    }

    // Index just after the CEL string literal starting at 'start' (quote or triple quote; r"" raw).
    private static int stringEnd(String s, int start) {
        char q = s.charAt(start);
        boolean raw = start > 0 && (s.charAt(start - 1) == 'r' || s.charAt(start - 1) == 'R');
        String close = s.startsWith(String.valueOf(q).repeat(3), start) ? String.valueOf(q).repeat(3) : String.valueOf(q);
        int i = start + close.length();
        while (i < s.length()) {
            if (!raw && s.charAt(i) == '\\') {
                i += 2;
                continue;
            }
            if (s.startsWith(close, i)) return i + close.length();
            if (close.length() == 1 && s.charAt(i) == '\n') return -1;
            i++;
        }
        return -1;
    }

    private static ExpressionException error(ExpressionException.Kind kind, String message, String source, int offset) {
        SourcePosition p = SourcePosition.locate(source, offset);
        return new ExpressionException(kind, message, p, p.snippet(source));
    }
}
