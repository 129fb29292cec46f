package dev.catalyst.llm.providers.sse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental event-stream parser per WHATWG HTML §9.2.5–9.2.6. Bytes may arrive split anywhere:
 * inside a UTF-8 sequence, between CR and LF, inside the leading BOM. Invalid UTF-8 becomes U+FFFD.
 * Lines longer than {@code maxLineChars} fail with {@link SseLineTooLongException}. Not thread-safe.
 */
public final class SseParser {
    public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

    private final int maxLineChars;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    // holds the undecoded tail of a UTF-8 sequence split across feeds
    private ByteBuffer pending = ByteBuffer.allocate(0);
    // decoded in slices (the loop in decode takes the rest): one buffer per open upstream stream
    private final CharBuffer chars = CharBuffer.allocate(512);
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    private Long reconnectionTimeMs;
    private boolean startOfStream = true;
    private boolean afterCr;

    public SseParser() {
        this(DEFAULT_MAX_LINE_CHARS);
    }

    public SseParser(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    public void feed(byte[] bytes, Consumer<SseEvent> sink) {
        feed(bytes, 0, bytes.length, sink);
    }

    /** Parses the next bytes of the stream, dispatching every event they complete. */
    public void feed(byte[] bytes, int off, int len, Consumer<SseEvent> sink) {
        ByteBuffer in;
        if (pending.hasRemaining()) {
            in = ByteBuffer.allocate(pending.remaining() + len);
            in.put(pending).put(bytes, off, len).flip();
        } else {
            in = ByteBuffer.wrap(bytes, off, len);
        }
        decode(in, false, sink);
        pending = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
    }

    /** Signals end of stream: an unfinished UTF-8 sequence becomes U+FFFD, an unfinished event is discarded. */
    public void finish(Consumer<SseEvent> sink) {
        decode(pending, true, sink);
        pending = ByteBuffer.allocate(0);
        chars.clear();
        decoder.flush(chars);
        chars.flip();
        consume(sink);
        line.setLength(0);
        data.setLength(0);
        eventType = "";
    }

    /** The last {@code retry:} value, or null when the stream never set one. */
    public Long reconnectionTimeMs() {
        return reconnectionTimeMs;
    }

    public String lastEventId() {
        return lastEventId;
    }

    private void decode(ByteBuffer in, boolean endOfInput, Consumer<SseEvent> sink) {
        while (true) {
            chars.clear();
            CoderResult r = decoder.decode(in, chars, endOfInput);
            chars.flip();
            consume(sink);
            if (!r.isOverflow()) return;
        }
    }

    private void consume(Consumer<SseEvent> sink) {
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (startOfStream) {
                startOfStream = false;
                if (c == '\uFEFF') continue;
            }
            if (afterCr) {
                afterCr = false;
                if (c == '\n') continue;
            }
            if (c == '\r') {
                afterCr = true;
                endLine(sink);
            } else if (c == '\n') {
                endLine(sink);
            } else {
                if (line.length() >= maxLineChars) throw new SseLineTooLongException(maxLineChars);
                line.append(c);
            }
        }
    }

    private void endLine(Consumer<SseEvent> sink) {
        if (line.isEmpty()) {
            dispatch(sink);
            return;
        }
        if (line.charAt(0) == ':') {
            line.setLength(0);
            return;
        }
        int colon = line.indexOf(":");
        String field;
        String value;
        if (colon < 0) {
            field = line.toString();
            value = "";
        } else {
            field = line.substring(0, colon);
            int start = colon + 1;
            if (start < line.length() && line.charAt(start) == ' ') start++;
            value = line.substring(start);
        }
        line.setLength(0);
        field(field, value);
    }

    private void field(String name, String value) {
        switch (name) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) lastEventIdBuffer = value;
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    try {
                        reconnectionTimeMs = Long.parseLong(value);
                    } catch (NumberFormatException tooBig) {
                        // more digits than a long holds: ignore like any other bad value
                    }
                }
            }
            default -> { } // unknown fields are ignored
        }
    }

    private void dispatch(Consumer<SseEvent> sink) {
        lastEventId = lastEventIdBuffer;
        if (data.isEmpty()) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1);
        String type = eventType.isEmpty() ? "message" : eventType;
        String payload = data.toString();
        data.setLength(0);
        eventType = "";
        sink.accept(new SseEvent(type, payload, lastEventId));
    }
}
