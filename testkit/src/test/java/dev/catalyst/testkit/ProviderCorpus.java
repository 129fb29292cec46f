package dev.catalyst.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The recorded provider wire corpus (requests, responses, SSE streams, errors and the SSE parser
 * vectors) that the tests compare against. It lives in this module's test resources under
 * {@code provider-fixtures/} and travels to other modules' tests in the testkit test-jar, so a
 * clone with nothing beside it has everything its tests read.
 */
public final class ProviderCorpus {
    private static final String ROOT = "provider-fixtures/";

    private ProviderCorpus() {}

    /** The text of one corpus file, by its path inside the corpus (e.g. {@code openai/response-chat.docs.json}). */
    public static String read(String relative) {
        try (InputStream in = ProviderCorpus.class.getClassLoader().getResourceAsStream(ROOT + relative)) {
            if (in == null) throw new IllegalStateException("provider corpus file missing: " + ROOT + relative);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
