import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from '../src/run/sseParser';

const stream = 'id: 1\nevent: token\ndata: {"text":"He"}\n\n: ping\n\nid: 2\r\nevent: token\r\ndata: {"text":"llo"}\r\n\r\n'
  + 'retry: 1500\nid: 3\nevent: run.completed\ndata: line one\ndata: line two\n\n';

const expected: SseMessage[] = [
  { id: '1', event: 'token', data: '{"text":"He"}' },
  { id: '2', event: 'token', data: '{"text":"llo"}' },
  { id: '3', event: 'run.completed', data: 'line one\nline two' },
];

describe('SseParser', () => {
  it('parses events, comments, CRLF and multi-line data', () => {
    const p = new SseParser();
    expect(p.feed(stream)).toEqual(expected);
    expect(p.retryMs).toBe(1500);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const p = new SseParser();
      const got = [...p.feed(stream.slice(0, cut)), ...p.feed(stream.slice(cut))];
      expect(got, `cut at ${cut}`).toEqual(expected);
    }
    const p = new SseParser();
    expect([...stream].flatMap((c) => p.feed(c))).toEqual(expected);
  });

  it('treats a lone CR as a line end, even at a chunk boundary', () => {
    const p = new SseParser();
    expect([...p.feed('data: a\r'), ...p.feed('\r'), ...p.feed('data: b\r\r')]).toEqual([
      { id: '', event: 'message', data: 'a' }, { id: '', event: 'message', data: 'b' },
    ]);
  });

  it('keeps the last id for later events, starts from a given id, ignores ids with NUL', () => {
    const p = new SseParser('41');
    expect(p.feed('data: x\n\nid: 42\ndata: y\n\ndata: z\n\nid: 4\u00003\ndata: w\n\n').map((m) => m.id)).toEqual(['41', '42', '42', '42']);
  });

  it('does not dispatch an event without data, but still records its id', () => {
    const p = new SseParser();
    expect(p.feed('id: 7\nevent: token\n\n')).toEqual([]);
    expect(p.feed('data: later\n\n')).toEqual([{ id: '7', event: 'message', data: 'later' }]);
  });

  it('strips a leading BOM, one space after the colon, and ignores unknown fields and a bad retry', () => {
    const p = new SseParser();
    expect(p.feed('\ufeffdata:  two spaces\nfoo: bar\nretry: soon\ndata\n\n')).toEqual([{ id: '', event: 'message', data: ' two spaces\n' }]);
    expect(p.retryMs).toBeUndefined();
  });
});
