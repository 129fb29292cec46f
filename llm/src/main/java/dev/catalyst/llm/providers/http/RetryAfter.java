package dev.catalyst.llm.providers.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a provider's requested wait: {@code retry-after-ms} first, then {@code retry-after} as seconds or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {}

    public static Long millis(HttpHeaders headers, Clock clock) {
        var ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Math.max(0, (long) Double.parseDouble(ms.get().strip()));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        var ra = headers.firstValue("retry-after");
        if (ra.isEmpty()) return null;
        String v = ra.get().strip();
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
