// Rendering tests (jsdom): the generated config panel with validation errors on the right field,
// the model picker's catalog facts, the palette, and keyboard shortcuts.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigPanel } from '../src/components/ConfigPanel';
import { groupPalette, Palette } from '../src/components/Palette';
import { coerce, sampleValues } from '../src/components/sampleValues';
import { handleShortcut } from '../src/hooks/useShortcuts';
import { canvasStore } from '../src/store/useStore';
import { emptyMeta } from '../src/store/store';
import { hello, models, registry } from './fixtures';

beforeEach(() => {
  canvasStore.setState({ meta: emptyMeta(), nodes: [], edges: [], past: [], future: [], hint: null });
  const s = canvasStore.getState();
  s.setRegistry(registry);
  s.setModels(models);
  s.setSecrets([{ name: 'anthropic' }]);
  s.load(hello);
  s.setIssues([], 'server');
});
afterEach(cleanup);

describe('config panel', () => {
  it('renders labelled controls from the schema and puts a server error on its field and nowhere else', () => {
    act(() => canvasStore.getState().setIssues([
      { nodeId: 'claude', field: 'config.temperature', code: 'invalid_config', message: 'must have a maximum value of 1', severity: 'error' },
    ], 'server'));
    render(<ConfigPanel nodeId="claude" />);
    const slider = screen.getByLabelText('Temperature');
    expect(slider).toHaveProperty('type', 'range');
    const msgId = slider.getAttribute('aria-describedby')!;
    expect(document.getElementById(msgId)!.textContent).toBe('Temperature: must have a maximum value of 1');
    expect(screen.getByLabelText('Max tokens')).toHaveProperty('value', '256');
    expect(screen.getAllByText(/must have a maximum value of 1/)).toHaveLength(1);
    expect(screen.getByLabelText('Model *')).toHaveProperty('value', 'claude-sonnet-5-5');
    expect(screen.getByTestId('model-facts').textContent).toMatch(/per M tokens/);
  });

  it('marks a retired model and offers its replacement', () => {
    act(() => canvasStore.getState().updateConfig('claude', 'model', 'claude-3-opus-20240229'));
    render(<ConfigPanel nodeId="claude" />);
    const facts = screen.getByTestId('model-facts');
    expect(facts.textContent).toMatch(/Retired \(2026-01-05\) — replacement: claude-opus-4-8/);
    fireEvent.click(within(facts).getByRole('button', { name: 'claude-opus-4-8' }));
    expect(canvasStore.getState().nodes[1].data.config.model).toBe('claude-opus-4-8');
  });

  it('edits config through the form, and an out-of-range number is kept for validation to report', () => {
    render(<ConfigPanel nodeId="claude" />);
    fireEvent.change(screen.getByLabelText('Max tokens'), { target: { value: '512' } });
    expect(canvasStore.getState().nodes[1].data.config.maxTokens).toBe(512);
    fireEvent.change(screen.getByLabelText('Max tokens'), { target: { value: 'lots' } });
    expect(screen.getByText('Max tokens must be a number')).toBeTruthy();
    expect(canvasStore.getState().nodes[1].data.config.maxTokens).toBe(512);
    fireEvent.change(screen.getByLabelText('Temperature value'), { target: { value: '3' } });
    expect(canvasStore.getState().nodes[1].data.config.temperature).toBe(3);
  });

  it('refuses a pasted key in the credential field', () => {
    render(<ConfigPanel nodeId="claude" />);
    fireEvent.change(screen.getByLabelText('Credential'), { target: { value: 'sk-ant-api03-abcdef' } });
    expect(screen.getByRole('alert').textContent).toMatch(/looks like an API key/);
    expect(canvasStore.getState().nodes[1].data.config.credential).toBe('anthropic');
  });

  it('renders the prompt messages as editors with a live preview of the inputs', () => {
    render(<ConfigPanel nodeId="prompt" />);
    expect(screen.getAllByRole('textbox', { name: 'Content' })).toHaveLength(2);
    expect(screen.getAllByTestId('preview-text').map((p) => p.textContent)).toEqual(['You are terse.', 'Write one line about otters.']);
    act(() => canvasStore.getState().setSampleInput('topic', 'beavers'));
    expect(screen.getAllByTestId('preview-text')[1].textContent).toBe('Write one line about beavers.');
  });
});

describe('palette', () => {
  it('groups by category in registry order and searches label, type and description', () => {
    expect(groupPalette(registry, '').map(([c, t]) => [c, t.map((x) => x.type)])).toEqual([
      ['Prompts', ['promptTemplate']],
      ['Models', ['anthropicCompletion', 'openaiCompletion', 'groqCompletion']],
      ['Embeddings', ['embeddingGenerate']],
      ['Routing', ['llmRouter']],
      ['Output', ['streamResponse']],
      ['Text', ['textJoin']],
    ]);
    expect(groupPalette(registry, 'anthropic').flatMap(([, t]) => t.map((x) => x.type))).toEqual(['anthropicCompletion']);
    expect(groupPalette(registry, 'zzz')).toEqual([]);
  });

  it('moves through the items with the arrow keys; Enter in the search adds the first match', () => {
    const added: string[] = [];
    render(<Palette onAdd={(t) => added.push(t)} />);
    const search = screen.getByLabelText('Search nodes');
    search.focus();
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Add Prompt template');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Add Claude (Anthropic)streams');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('Add Prompt template');
    fireEvent.change(search, { target: { value: 'groq' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(added).toEqual(['groqCompletion']);
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, opts: Partial<KeyboardEventInit> = {}, target: EventTarget = document.body) => {
    const e = new KeyboardEvent('keydown', { key: k, ...opts });
    Object.defineProperty(e, 'target', { value: target });
    return handleShortcut(e);
  };

  it('copies, pastes, deletes, undoes and redoes on the canvas', () => {
    const s = () => canvasStore.getState();
    s().selectOnly(['claude']);
    expect(key('c', { ctrlKey: true })).toBe(true);
    expect(key('v', { ctrlKey: true })).toBe(true);
    expect(s().nodes.map((n) => n.id)).toEqual(['prompt', 'claude', 'claude2']);
    expect(key('Delete')).toBe(true);
    expect(s().nodes).toHaveLength(2);
    key('z', { ctrlKey: true });
    expect(s().nodes).toHaveLength(3);
    key('z', { ctrlKey: true, shiftKey: true });
    expect(s().nodes).toHaveLength(2);
    key('a', { ctrlKey: true });
    expect(s().nodes.every((n) => n.selected)).toBe(true);
    key('Escape');
    expect(s().nodes.some((n) => n.selected)).toBe(false);
  });

  it('leaves keys alone while the user types in a field', () => {
    const input = document.createElement('input');
    canvasStore.getState().selectOnly(['claude']);
    expect(key('Backspace', {}, input)).toBe(false);
    expect(canvasStore.getState().nodes).toHaveLength(2);
  });
});

describe('run inputs', () => {
  it('types the form values by the inputs\' declared types and falls back to defaults', () => {
    const inputs = { topic: { type: 'string' as const, default: 'otters' }, n: { type: 'integer' as const }, flag: { type: 'boolean' as const }, list: { type: 'array' as const } };
    expect(sampleValues(inputs, { n: '3', flag: 'true', list: '[1,2]' })).toEqual({ topic: 'otters', n: 3, flag: true, list: [1, 2] });
    expect(coerce('x', 'number')).toBe('x');
    expect(coerce('{bad', 'object')).toBe('{bad');
  });
});
