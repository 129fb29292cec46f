package dev.catalyst.llm.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalyst.core.exec.ErrorCode;
import dev.catalyst.llm.error.LlmError;
import dev.catalyst.testkit.ProviderCorpus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractStringAssert;
import org.eclipse.jetty.http.HttpFields;

/**
 * An error answer from the provider corpus: a raw {@code .http} response (status line, headers,
 * body) or a bare {@code .json} body whose status is given by the caller.
 */
public record RecordedError(int status, HttpFields headers, String body) {
    public static RecordedError http(String file) {
        String raw = ProviderCorpus.read(file).replace("\r\n", "\n");
        int split = raw.indexOf("\n\n");
        String[] head = raw.substring(0, split).split("\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        var h = HttpFields.build();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            h.add(head[i].substring(0, colon).strip(), head[i].substring(colon + 1).strip());
        }
        return new RecordedError(status, h.asImmutable(), raw.substring(split + 2));
    }

    public static RecordedError json(String file, int status) {
        return new RecordedError(status, HttpFields.EMPTY, ProviderCorpus.read(file));
    }

    /** How a provider reads an error answer: its codec's {@code error} method. */
    @FunctionalInterface
    public interface Reader {
        LlmError error(int status, String body, Long retryAfterMs);
    }

    /** This answer as {@code reader} maps it, given the wait its headers ask for. */
    public LlmError readBy(Reader reader) {
        return reader.error(status, body, retryAfterMs());
    }

    /**
     * Maps a recorded body and checks the three things every provider's mapping owes: the code,
     * the status, and a message that names the provider and status and keeps the provider's words.
     * The message's assertion is returned for provider-specific checks.
     */
    public static AbstractStringAssert<?> assertBody(Reader reader, String provider, String file, int status, ErrorCode code, String words) {
        LlmError e = json(provider + "/errors/" + file, status).readBy(reader);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.status()).isEqualTo(status);
        return assertThat(e.message()).startsWith(provider + " HTTP " + status + ": ").contains(words);
    }

    /** The wait the headers ask for, as the client reads it. */
    public Long retryAfterMs() {
        return RetryAfter.millis(headers, Clock.fixed(Instant.parse("2026-08-22T12:00:00Z"), ZoneOffset.UTC));
    }
}
