package dev.catalyst.llm.providers.sse;

/** One dispatched server-sent event, with browser semantics: type defaults to {@code message}. */
public record SseEvent(String type, String data, String lastEventId) {}
