import { describe, expect, it } from 'vitest';
import { applyMessage, emptyRun, type RunView } from '../src/run/runView';
import type { SseMessage } from '../src/run/sseParser';

let seq = 0;
const msg = (event: string, data: unknown, id = String(++seq)): SseMessage => ({ id, event, data: JSON.stringify(data) });
const fold = (view: RunView, messages: SseMessage[]) => messages.reduce(applyMessage, view);

describe('run view', () => {
  it('folds a whole run: statuses, streamed text, metrics, decision and outputs', () => {
    seq = 0;
    const v = fold(emptyRun('r1'), [
      msg('run.started', { runId: 'r1', workflowId: 'hello' }),
      msg('node.started', { nodeId: 'prompt', type: 'promptTemplate' }),
      msg('node.completed', { nodeId: 'prompt', output: { text: 'Write one line' }, latencyMs: 1 }),
      msg('node.started', { nodeId: 'router', type: 'llmRouter' }),
      msg('router.decision', { nodeId: 'router', chosen: 'claude', reason: 'cheapest', attempt: 1 }),
      msg('token', { nodeId: 'router', text: 'Ot', index: 0 }),
      msg('token', { nodeId: 'router', text: 'ters', index: 1 }),
      msg('node.completed', { nodeId: 'router', output: { text: 'Otters' }, usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14 }, costUsd: 0.0001, latencyMs: 420, ttftMs: 120 }),
      msg('run.completed', { runId: 'r1', outputs: { answer: 'Otters' } }),
    ]);
    expect(v.status).toBe('completed');
    expect(v.lastSeq).toBe(9);
    expect(v.outputs).toEqual({ answer: 'Otters' });
    expect(v.nodes.prompt).toMatchObject({ status: 'completed', text: 'Write one line' });
    expect(v.nodes.router).toMatchObject({
      status: 'completed', text: 'Otters', tokenCount: 2, ttftMs: 120, latencyMs: 420, costUsd: 0.0001,
      usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14 },
      decisions: [{ chosen: 'claude', reason: 'cheapest', attempt: 1 }],
    });
  });

  it('drops replayed events by sequence id, so a resumed stream never duplicates text', () => {
    seq = 0;
    const first = [msg('token', { nodeId: 'a', text: 'one ' }), msg('token', { nodeId: 'a', text: 'two ' })];
    const v1 = fold(emptyRun('r'), first);
    const replay = [...first, msg('token', { nodeId: 'a', text: 'three' })];
    const v2 = fold(v1, replay);
    expect(v2.nodes.a.text).toBe('one two three');
    expect(applyMessage(v2, first[0])).toBe(v2);
  });

  it('starts the text over when the router moves to another attempt', () => {
    seq = 0;
    const v = fold(emptyRun('r'), [
      msg('router.decision', { nodeId: 'r', chosen: 'groq', attempt: 1 }),
      msg('token', { nodeId: 'r', text: 'partial' }),
      msg('node.failed', { nodeId: 'r', error: { code: 'stream_interrupted', message: 'cut' }, partialText: 'partial' }),
      msg('router.decision', { nodeId: 'r', chosen: 'claude', attempt: 2 }),
      msg('token', { nodeId: 'r', text: 'fresh' }),
    ]);
    expect(v.nodes.r.text).toBe('fresh');
    expect(v.nodes.r.decisions.map((d) => d.chosen)).toEqual(['groq', 'claude']);
  });

  it('records failures with their partial text and the run error', () => {
    seq = 0;
    const v = fold(emptyRun('r'), [
      msg('node.failed', { nodeId: 'c', error: { code: 'rate_limited', message: 'slow down', retryable: true }, partialText: 'Hal' }),
      msg('run.failed', { runId: 'r', error: { code: 'rate_limited', message: 'slow down' } }),
    ]);
    expect(v.nodes.c).toMatchObject({ status: 'failed', text: 'Hal', error: { code: 'rate_limited' } });
    expect(v).toMatchObject({ status: 'failed', error: { message: 'slow down' } });
  });

  it('records a cancel, and skips unknown events and bad JSON while still advancing the id', () => {
    const v = fold(emptyRun('r'), [
      { id: '1', event: 'some.future.event', data: '{}' },
      { id: '2', event: 'token', data: '{broken' },
      { id: '3', event: 'run.cancelled', data: '{"runId":"r","reason":"user"}' },
    ]);
    expect(v).toMatchObject({ status: 'cancelled', cancelReason: 'user', lastSeq: 3, nodes: {} });
  });

  it('a cancel ends the unfinished nodes as cancelled, a server stop as interrupted; finished nodes keep their state', () => {
    seq = 0;
    const started = [
      msg('node.started', { nodeId: 'a' }), msg('node.completed', { nodeId: 'a', output: { text: 'x' } }),
      msg('node.started', { nodeId: 'b' }), msg('token', { nodeId: 'b', index: 0, text: 'Hal' }),
    ];
    const cancelled = fold(emptyRun('r'), [...started, msg('run.cancelled', { runId: 'r', reason: 'user' })]);
    expect([cancelled.nodes.a.status, cancelled.nodes.b.status]).toEqual(['completed', 'cancelled']);
    const cut = fold(emptyRun('r'), [...started, msg('run.failed', { runId: 'r', error: { code: 'interrupted', message: 'server stopped' } })]);
    expect([cut.nodes.a.status, cut.nodes.b.status]).toEqual(['completed', 'interrupted']);
    const failed = fold(emptyRun('r'), [...started, msg('run.failed', { runId: 'r', error: { code: 'rate_limited', message: 'slow' } })]);
    expect(failed.nodes.b.status).toBe('running');
    const ended = fold(emptyRun('r'), [...started, msg('node.failed', { nodeId: 'b', error: { code: 'cancelled', message: 'cancelled: user' } })]);
    expect(ended.nodes.b.status).toBe('cancelled');
  });
});
