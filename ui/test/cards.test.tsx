// Node cards and the run panel, rendered in jsdom against the store.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../src/api/client';
import { answerNodeId, RunPanel } from '../src/components/RunPanel';
import { RunControls } from '../src/components/RunControls';
import { RunDrawer } from '../src/components/RunDrawer';
import { ServicesContext } from '../src/hooks/services';
import { AnthropicCompletionNode } from '../src/nodes/AnthropicCompletionNode';
import { LlmRouterNode } from '../src/nodes/LlmRouterNode';
import { TextJoinNode } from '../src/nodes/TextJoinNode';
import { RunController } from '../src/run/runController';
import { Autosaver } from '../src/persist/autosave';
import { emptyMeta } from '../src/store/store';
import { canvasStore } from '../src/store/useStore';
import { hello, models, registry } from './fixtures';

beforeEach(() => {
  canvasStore.setState({ meta: emptyMeta(), nodes: [], edges: [], past: [], future: [], hint: null, run: null });
  const s = canvasStore.getState();
  s.setRegistry(registry);
  s.setModels(models);
  s.load(hello);
  s.setIssues([], 'server');
});
afterEach(cleanup);

const nodeProps = (id: string, nodeType: string, config: Record<string, unknown>) => ({
  id, type: nodeType, data: { nodeType, config }, selected: false, dragging: false, zIndex: 0, isConnectable: true,
  positionAbsoluteX: 0, positionAbsoluteY: 0, selectable: true, deletable: true, draggable: true,
});

describe('node cards', () => {
  it('show the model, the typed ports, the streamed text and the run metrics', () => {
    render(<ReactFlowProvider><AnthropicCompletionNode {...nodeProps('claude', 'anthropicCompletion', { model: 'claude-sonnet-5-5', temperature: 0.7 })} /></ReactFlowProvider>);
    expect(screen.getByText('claude-sonnet-5-5')).toBeTruthy();
    // hello connects messages in and nothing out: the first output shows, the other four fold away
    expect(screen.getByLabelText('input messages (Messages)')).toBeTruthy();
    expect(screen.getByLabelText('output text (Text)')).toBeTruthy();
    expect(screen.queryByLabelText('input prompt (Text)')).toBeNull();
    expect(screen.queryByLabelText('output model (LanguageModel)')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '+5 ports' }));
    expect(screen.getByLabelText('output model (LanguageModel)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'fewer ports' }));
    expect(screen.queryByLabelText('output model (LanguageModel)')).toBeNull();
    expect(screen.queryByTestId('output-claude')).toBeNull();
    act(() => canvasStore.getState().setRun({
      runId: 'r', status: 'running', lastSeq: 3,
      nodes: { claude: { status: 'running', text: 'Otters float', tokenCount: 2, decisions: [] } },
    }));
    expect(screen.getByTestId('output-claude').textContent).toBe('Otters float');
    expect(screen.getByText('running')).toBeTruthy();
    act(() => canvasStore.getState().setRun({
      runId: 'r', status: 'completed', lastSeq: 5,
      nodes: { claude: { status: 'completed', text: 'Otters float.', tokenCount: 3, decisions: [], ttftMs: 120, latencyMs: 1500, usage: { inputTokens: 20, outputTokens: 3 }, costUsd: 0.00012 } },
    }));
    const metrics = screen.getByTestId('node-claude').querySelector('.node-metrics')!.textContent;
    expect(metrics).toBe('ttft120 mslatency1.50 stokens20→3cost$0.00012');
  });

  it('show how a text join joins, with its many-edge input', () => {
    render(<ReactFlowProvider><TextJoinNode {...nodeProps('join', 'textJoin', { separator: '\n', prefix: '- ' })} /></ReactFlowProvider>);
    expect(screen.getByText('joined with “\\n”, each after “- ”')).toBeTruthy();
    expect(screen.getByLabelText('input texts (Text)')).toBeTruthy();
    expect(screen.getByLabelText('output text (Text)')).toBeTruthy();
  });

  it('show validation errors and router decisions', () => {
    act(() => canvasStore.getState().setIssues([{ nodeId: 'router', field: 'inputs.messages', code: 'missing_input', message: 'connect messages or prompt', severity: 'error' }], 'server'));
    render(<ReactFlowProvider><LlmRouterNode {...nodeProps('router', 'llmRouter', { preset: 'cost' })} /></ReactFlowProvider>);
    // what a fresh node still lacks reads "needs setup", not a red error
    expect(screen.getByRole('status').textContent).toBe('To do: messages: connect messages or prompt');
    expect(screen.getByTestId('node-router').className).not.toContain('has-errors');
    expect(screen.getByTestId('node-router').querySelector('.node-status')!.textContent).toBe('needs setup');
    act(() => canvasStore.getState().setIssues([{ nodeId: 'router', field: 'config.preset', code: 'invalid_config', message: 'must be one of cost, quality', severity: 'error' }], 'server'));
    expect(screen.getByRole('status').textContent).toBe('1 error: preset: must be one of cost, quality');
    expect(screen.getByTestId('node-router').className).toContain('has-errors');
    act(() => canvasStore.getState().setRun({
      runId: 'r', status: 'running', lastSeq: 2,
      nodes: { router: { status: 'running', text: '', tokenCount: 0, decisions: [{ chosen: 'groq/llama-3.3-70b-versatile', reason: 'cheapest', attempt: 1 }] } },
    }));
    expect(screen.getByLabelText('router decisions').textContent).toBe('→ groq/llama-3.3-70b-versatile: cheapest');
  });
});

describe('run controls, drawer and panel', () => {
  const renderRun = () => {
    const api = new Api('http://127.0.0.1:9');
    const services = { api, runs: new RunController(canvasStore, api, sessionStorage), saves: new Autosaver(api, sessionStorage) };
    return render(<ServicesContext.Provider value={services}><RunControls /><RunPanel /><RunDrawer /></ServicesContext.Provider>);
  };

  it('asks for the workflow inputs in a dialog, with a list editor for list inputs', () => {
    act(() => canvasStore.getState().setMeta({ inputs: { ...hello.inputs, tags: { type: 'array', default: ['a', 'b'] } } }));
    renderRun();
    expect(screen.getByTestId('run-button')).toHaveProperty('disabled', false);
    expect(screen.getByTestId('cancel-button')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('run-button'));
    expect(screen.getByLabelText(/topic/)).toHaveProperty('value', 'otters');
    expect(screen.getByLabelText('tags item 2')).toHaveProperty('value', 'b');
    fireEvent.click(screen.getByRole('button', { name: 'Add item' }));
    fireEvent.change(screen.getByLabelText('tags item 3'), { target: { value: 'c' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove tags item 1' }));
    expect(canvasStore.getState().sampleInputs.tags).toBe('["b","c"]');
    fireEvent.keyDown(screen.getByTestId('run-dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('run-dialog')).toBeNull();
  });

  it('says why Run is disabled', () => {
    act(() => canvasStore.getState().setIssues([{ nodeId: 'claude', field: 'config.temperature', code: 'invalid_config', message: 'must have a maximum value of 1', severity: 'error' }], 'server'));
    renderRun();
    const button = screen.getByTestId('run-button');
    expect(button).toHaveProperty('disabled', true);
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent)
      .toBe('Fix the error first — claude: temperature: must have a maximum value of 1');
    act(() => canvasStore.getState().setIssues([], 'local'));
    expect(screen.getByTestId('run-blocker').textContent).toBe('The server is not reachable, so the workflow cannot run.');
  });

  it('shows a run in the drawer: the answer, outputs, per-node metrics and a tab per node; Cancel while it runs', () => {
    act(() => canvasStore.getState().setRun({ runId: 'r7', status: 'running', lastSeq: 1, nodes: { claude: { status: 'running', text: 'x', tokenCount: 1, decisions: [] } } }));
    renderRun();
    expect(screen.getByTestId('cancel-button')).toHaveProperty('disabled', false);
    expect(screen.getByTestId('run-blocker').textContent).toBe('A run is in progress.');
    act(() => canvasStore.getState().setRun({ runId: 'r7', status: 'completed', lastSeq: 9, outputs: { answer: 'Otters.' },
      nodes: { claude: { status: 'completed', text: 'Otters.', tokenCount: 2, decisions: [], ttftMs: 90, latencyMs: 400, usage: { inputTokens: 10, outputTokens: 2 }, costUsd: 0.001, output: { text: 'Otters.' } } } }));
    expect(screen.getByTestId('run-status').textContent).toBe('completed');
    expect(screen.getByTestId('run-outputs').textContent).toBe('answerOtters.');
    expect(screen.getByTestId('answer-stream').textContent).toBe('Otters.');
    expect(screen.getByRole('table', { name: 'Per-node metrics' }).querySelector('tbody')!.textContent).toBe('claudecompleted90 ms400 ms10/2$0.001');
    fireEvent.click(screen.getByTestId('run-tab-node-claude'));
    expect(screen.getByRole('tabpanel').textContent).toBe('This node\'s text is the answer.completed · ttft 90 ms · latency 400 ms · tokens 10→2 · $0.001Otters.');
  });
});

describe('answer stream', () => {
  it('is the streamResponse node, else the last streaming node', () => {
    const reg = Object.fromEntries(registry.map((t) => [t.type, t]));
    expect(answerNodeId([{ id: 'p', type: 'promptTemplate' }, { id: 'c', type: 'anthropicCompletion' }, { id: 'g', type: 'groqCompletion' }], reg)).toBe('g');
    expect(answerNodeId([{ id: 'a', type: 'streamResponse' }, { id: 'c', type: 'anthropicCompletion' }], reg)).toBe('a');
    expect(answerNodeId([{ id: 'p', type: 'promptTemplate' }], reg)).toBeUndefined();
  });
});
