package dev.catalyst.testkit.fake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Named faults a fake injects into one request (chosen by queue or by the {@code x-catalyst-fault} header). */
public enum Fault {
    HTTP_401,
    /** 429 with {@code retry-after} in seconds. {@code http_429} means this one. */
    HTTP_429_RETRY_AFTER,
    /** 429 with {@code retry-after-ms}. */
    HTTP_429_RETRY_AFTER_MS,
    HTTP_500,
    /** Anthropic 529 overloaded_error; OpenAI-style providers answer 503 "engine overloaded". */
    HTTP_529_OVERLOADED,
    HTTP_413,
    /** Groq flex tier capacity exceeded. */
    HTTP_498_FLEX,
    /** A 200 stream that sends a few tokens, then the provider's in-stream error. */
    ERROR_EVENT_AFTER_200,
    /** A 200 stream whose connection drops after a few tokens, without the terminal event. */
    CUT_MID_STREAM,
    /** A 200 stream with a chunk that is not valid JSON. */
    MALFORMED_CHUNK,
    /** Waits {@link FaultTiming#slowFirstByte()} before the response headers. */
    SLOW_FIRST_BYTE,
    /** Sends a few tokens, then falls silent for {@link FaultTiming#stall()}. */
    STALL_BETWEEN_CHUNKS,
    /** Accepts the request and never answers (until the fake closes). */
    HANG;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a fault name as used in headers and docs ({@code http_429} is an alias of {@code http_429_retry_after}). */
    public static Optional<Fault> parse(String name) {
        if (name == null || name.isBlank()) return Optional.empty();
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("http_429")) return Optional.of(HTTP_429_RETRY_AFTER);
        if (n.equals("http_529")) return Optional.of(HTTP_529_OVERLOADED);
        if (n.equals("http_498")) return Optional.of(HTTP_498_FLEX);
        return Arrays.stream(values()).filter(f -> f.wireName().equals(n)).findFirst();
    }
}
