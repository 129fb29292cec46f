package dev.catalyst.llm.providers.http;

import org.eclipse.jetty.http.HttpFields;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a provider's requested wait: {@code retry-after-ms} first, then {@code retry-after} as seconds or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {}

    public static Long millis(HttpFields headers, Clock clock) {
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                return Math.max(0, (long) Double.parseDouble(ms.strip()));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String ra = headers.get("retry-after");
        if (ra == null) return null;
        String v = ra.strip();
        try {
            return Math.max(0, (long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                var when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, when.toInstant().toEpochMilli() - clock.millis());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
