import { beforeEach, describe, expect, it } from 'vitest';
import { clearRun, loadRun, saveRun } from '../src/run/runSession';
import { emptyRun } from '../src/run/runView';

describe('run session (resume after reload)', () => {
  beforeEach(() => sessionStorage.clear());

  it('saves the view with its last event id and loads both back', () => {
    const view = { ...emptyRun('r9', 'running'), lastSeq: 12 };
    saveRun(sessionStorage, view);
    expect(loadRun(sessionStorage)).toEqual({ runId: 'r9', lastEventId: '12', view });
    clearRun(sessionStorage);
    expect(loadRun(sessionStorage)).toBeUndefined();
  });

  it('replays from the start when the saved view and id disagree, and ignores junk', () => {
    sessionStorage.setItem('catalyst.run', JSON.stringify({ runId: 'r1', lastEventId: '5', view: { ...emptyRun('r1'), lastSeq: 4 } }));
    expect(loadRun(sessionStorage)).toEqual({ runId: 'r1', lastEventId: '' });
    sessionStorage.setItem('catalyst.run', '{not json');
    expect(loadRun(sessionStorage)).toBeUndefined();
    sessionStorage.setItem('catalyst.run', '{"runId":""}');
    expect(loadRun(sessionStorage)).toBeUndefined();
  });

  it('keeps only the run id when the view does not fit in storage', () => {
    let calls = 0;
    const tiny = {
      ...sessionStorage,
      setItem: (k: string, v: string) => { calls++; if (v.length > 60) throw new DOMException('full', 'QuotaExceededError'); sessionStorage.setItem(k, v); },
      getItem: (k: string) => sessionStorage.getItem(k),
    } as Storage;
    saveRun(tiny, { ...emptyRun('r2', 'running'), lastSeq: 3 });
    expect(calls).toBe(2);
    expect(loadRun(sessionStorage)).toEqual({ runId: 'r2', lastEventId: '' });
  });
});
