package dev.catalyst.llm.sse;

/** One dispatched server-sent event, with browser semantics: type defaults to {@code message}. */
public record SseEvent(String type, String data, String lastEventId) {}
