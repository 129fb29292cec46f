// Follows a run's SSE stream over fetch (so a resumed page can send Last-Event-ID itself) and
// reconnects after a dropped connection from the last event id it saw.
import { SseParser, type SseMessage } from './sseParser';

export interface FollowOptions {
  url: string;
  /** Resume after this event id (sent as Last-Event-ID). */
  lastEventId?: string;
  onMessage: (message: SseMessage) => void;
  /** True for the message that ends the stream (run.completed/failed/cancelled). */
  isTerminal: (message: SseMessage) => boolean;
  onConnectionChange?: (state: 'connecting' | 'open' | 'reconnecting') => void;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Delay before reconnect attempt n (1-based); the server's `retry:` wins when given. */
  backoffMs?: (attempt: number) => number;
  /** Give up after this many reconnects in a row without receiving anything. */
  maxAttempts?: number;
  headers?: Record<string, string>;
}

export type FollowResult = { kind: 'ended'; lastEventId: string } | { kind: 'aborted'; lastEventId: string };

export class StreamGoneError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

const defaultBackoff = (attempt: number) => Math.min(250 * 2 ** (attempt - 1), 5000);

export async function followEvents(o: FollowOptions): Promise<FollowResult> {
  const doFetch = o.fetchImpl ?? fetch;
  let lastEventId = o.lastEventId ?? '';
  let failures = 0;
  let retryMs: number | undefined;
  const maxAttempts = o.maxAttempts ?? 20;
  for (;;) {
    if (o.signal?.aborted) return { kind: 'aborted', lastEventId };
    o.onConnectionChange?.(failures === 0 ? 'connecting' : 'reconnecting');
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream', ...o.headers };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const res = await doFetch(o.url, { headers, signal: o.signal, cache: 'no-store' });
      if (res.status === 404 || res.status === 401 || res.status === 403) {
        throw new StreamGoneError(res.status, `run events: HTTP ${res.status}`);
      }
      if (!res.ok || !res.body) throw new Error(`run events: HTTP ${res.status}`);
      o.onConnectionChange?.('open');
      const parser = new SseParser(lastEventId);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const m of parser.feed(value)) {
          failures = 0;
          lastEventId = m.id;
          o.onMessage(m);
          if (o.signal?.aborted) {
            await reader.cancel().catch(() => undefined);
            return { kind: 'aborted', lastEventId };
          }
          if (o.isTerminal(m)) {
            await reader.cancel().catch(() => undefined);
            return { kind: 'ended', lastEventId };
          }
        }
        retryMs = parser.retryMs ?? retryMs;
      }
    } catch (err) {
      if (err instanceof StreamGoneError) throw err;
      if (o.signal?.aborted) return { kind: 'aborted', lastEventId };
    }
    failures++;
    if (failures > maxAttempts) throw new Error(`run events: gave up after ${maxAttempts} reconnects`);
    await delay(retryMs ?? (o.backoffMs ?? defaultBackoff)(failures), o.signal);
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}
