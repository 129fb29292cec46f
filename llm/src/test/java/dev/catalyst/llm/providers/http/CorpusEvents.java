package dev.catalyst.llm.providers.http;

import dev.catalyst.llm.providers.sse.SseEvent;
import dev.catalyst.llm.providers.sse.SseParser;
import dev.catalyst.testkit.ProviderCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The SSE events of recorded corpus streams. */
public final class CorpusEvents {
    private CorpusEvents() {}

    public static List<SseEvent> of(String... files) {
        var events = new ArrayList<SseEvent>();
        for (String f : files) {
            var parser = new SseParser();
            parser.feed(ProviderCorpus.read(f).getBytes(StandardCharsets.UTF_8), events::add);
            parser.finish(events::add);
        }
        return events;
    }
}
