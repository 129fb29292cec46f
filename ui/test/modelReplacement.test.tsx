// The model picker's recommendation for a retired or deprecated model (issue 14): the replacement
// chain is followed to an ACTIVE model, over the catalog the UI gets from /api/models (the fixture,
// kept in step with the server's catalog below); a chain that ends retired or turns in a circle
// recommends nothing, and never hangs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelInfo } from '../src/api/types';
import { modelOptionLabel, ModelPicker } from '../src/fields/ModelPicker';
import { activeReplacement, replacementChain } from '../src/fields/modelReplacement';
import { models } from './fixtures';

afterEach(cleanup);

const model = (provider: string, id: string) => {
  const m = models.find((x) => x.provider === provider && x.id === id);
  if (!m) throw new Error(`${provider}/${id} is not in the catalog`);
  return m;
};
const retired = (id: string, replacement?: string): ModelInfo => ({ provider: 'p', id, kind: 'chat', status: { state: 'retired', replacement } });

describe('replacement chain over the real catalog', () => {
  it('the fixture is the server catalog (provider, id, state, replacement)', () => {
    const catalog = JSON.parse(readFileSync(join(__dirname, '..', '..', 'core', 'src', 'main', 'resources', 'catalyst', 'model-catalog.json'), 'utf8')) as
      { models: { provider: string; id: string; status?: { state?: string; replacement?: string | null } | null }[] };
    const key = (provider: string, id: string, state?: string | null, replacement?: string | null) => `${provider}/${id} ${state ?? 'active'} → ${replacement ?? ''}`;
    expect(models.map((m) => key(m.provider, m.id, m.status?.state, m.status?.replacement)).sort())
      .toEqual(catalog.models.map((m) => key(m.provider, m.id, m.status?.state, m.status?.replacement)).sort());
  });

  it('llama-3.3-70b-versatile is itself retired, so a model replaced by it gets the end of the chain', () => {
    expect(model('groq', 'llama-3.3-70b-versatile').status?.state).toBe('retired');
    for (const id of ['llama3-70b-8192', 'llama-3.1-70b-versatile']) {
      expect(model('groq', id).status?.replacement).toBe('llama-3.3-70b-versatile');
      expect(replacementChain(model('groq', id), models).map((m) => m.id)).toEqual(['llama-3.3-70b-versatile', 'openai/gpt-oss-120b']);
      expect(activeReplacement(model('groq', id), models)?.id).toBe('openai/gpt-oss-120b');
    }
  });

  it('a chain that ends at a retired model without a replacement recommends nothing', () => {
    expect(replacementChain(model('groq', 'moonshotai/kimi-k2-instruct'), models).map((m) => m.id)).toEqual(['moonshotai/kimi-k2-instruct-0905']);
    expect(activeReplacement(model('groq', 'moonshotai/kimi-k2-instruct'), models)).toBeUndefined();
  });

  it('every recommendation in the catalog is an active model of the same provider', () => {
    const recommended = models.filter((m) => (m.status?.state ?? 'active') !== 'active').map((m) => [m, activeReplacement(m, models)] as const);
    expect(recommended.filter(([, r]) => r).length).toBeGreaterThan(20);
    for (const [m, r] of recommended) {
      if (!r) continue;
      expect(r.status?.state ?? 'active', `${m.id} → ${r.id}`).toBe('active');
      expect(r.provider).toBe(m.provider);
    }
  });

  it('an active model needs no replacement', () => {
    expect(activeReplacement(model('groq', 'openai/gpt-oss-120b'), models)).toBeUndefined();
  });
});

describe('replacement chain edge cases', () => {
  it('a cycle ends the walk without an answer', () => {
    const list = [retired('a', 'b'), retired('b', 'c'), retired('c', 'a')];
    expect(replacementChain(list[0], list).map((m) => m.id)).toEqual(['b', 'c']);
    expect(activeReplacement(list[0], list)).toBeUndefined();
    const self = [retired('s', 's')];
    expect(activeReplacement(self[0], self)).toBeUndefined();
  });

  it('a replacement the catalog does not know recommends nothing', () => {
    const list = [retired('a', 'ghost')];
    expect(activeReplacement(list[0], list)).toBeUndefined();
  });

  it('a replacement is found by alias, and passes through deprecated models to an active one', () => {
    const list: ModelInfo[] = [retired('a', 'b-latest'),
      { provider: 'p', id: 'b', aliases: ['b-latest'], kind: 'chat', status: { state: 'deprecated', replacement: 'c' } },
      { provider: 'p', id: 'c', kind: 'chat' }];
    expect(activeReplacement(list[0], list)?.id).toBe('c');
  });
});

describe('the model picker says the active replacement', () => {
  it('names the end of the chain and switches to it on click', () => {
    const onChange = vi.fn();
    render(<ModelPicker id="m" value="llama3-70b-8192" onChange={onChange} models={models} provider="groq" kind="chat" />);
    const facts = screen.getByTestId('model-facts');
    expect(facts.textContent).toContain('Retired');
    expect(facts.textContent).toContain('replacement: openai/gpt-oss-120b');
    expect(facts.textContent).not.toContain('llama-3.3-70b-versatile');
    fireEvent.click(screen.getByRole('button', { name: 'openai/gpt-oss-120b' }));
    expect(onChange).toHaveBeenCalledWith('openai/gpt-oss-120b');
    const option = screen.getByRole('option', { name: /^llama3-70b-8192|Llama 3 70B/ });
    expect(option.textContent).toMatch(/retired, use openai\/gpt-oss-120b$/);
  });

  it('says there is no active replacement rather than naming a retired one', () => {
    render(<ModelPicker id="m" value="moonshotai/kimi-k2-instruct" onChange={() => undefined} models={models} provider="groq" kind="chat" />);
    expect(screen.getByTestId('model-facts').textContent).toContain('no active replacement');
    expect(screen.queryByRole('button', { name: 'moonshotai/kimi-k2-instruct-0905' })).toBeNull();
    expect(modelOptionLabel(model('groq', 'moonshotai/kimi-k2-instruct'), models)).toMatch(/retired$/);
  });
});
