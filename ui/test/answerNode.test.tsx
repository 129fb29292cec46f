// Choosing the answer node (issue 14): the run drawer takes the answer from the node the workflow's
// `answer` output names ("{{ nodes.X.output.text }}"), else the streamResponse node, else the last
// streaming node; marking another node writes that output, so it is saved with the workflow.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkflowJson } from '../src/api/types';
import { RunDrawer } from '../src/components/RunDrawer';
import { answerCandidates, answerNodeId, markedAnswerNode, withAnswerNode } from '../src/run/useRunBlocker';
import { emptyMeta, workflowOf } from '../src/store/store';
import { canvasStore } from '../src/store/useStore';
import { models, registry } from './fixtures';

const reg = Object.fromEntries(registry.map((t) => [t.type, t]));
const compare: WorkflowJson = {
  schemaVersion: 1, id: 'compare', inputs: {},
  nodes: [
    { id: 'prompt', type: 'promptTemplate', position: { x: 0, y: 0 }, config: { template: 'hi' } },
    { id: 'claude', type: 'anthropicCompletion', position: { x: 400, y: 0 }, config: { model: 'claude-sonnet-5-5' } },
    { id: 'groq', type: 'groqCompletion', position: { x: 400, y: 300 }, config: { model: 'openai/gpt-oss-120b' } },
  ],
  edges: [],
  outputs: { claude: '{{ nodes.claude.output.text }}' },
} as unknown as WorkflowJson;
const graph = compare.nodes.map((n) => ({ id: n.id, type: n.type }));

describe('the answer node', () => {
  it('is the node the answer output names, else the streamResponse node, else the last streaming node', () => {
    expect(answerNodeId(graph, reg)).toBe('groq');
    expect(answerNodeId(graph, reg, { answer: '{{ nodes.claude.output.text }}' })).toBe('claude');
    expect(answerNodeId(graph, reg, { answer: '{{nodes.claude.output.text}}' })).toBe('claude');
    // an answer naming a node that is gone, or not of the node form, leaves the default
    expect(answerNodeId(graph, reg, { answer: '{{ nodes.gone.output.text }}' })).toBe('groq');
    expect(answerNodeId(graph, reg, { answer: 'The answer: {{ nodes.claude.output.text }}' })).toBe('groq');
    expect(answerNodeId([...graph, { id: 'out', type: 'streamResponse' }], reg)).toBe('out');
    expect(answerNodeId([...graph, { id: 'out', type: 'streamResponse' }], reg, { answer: '{{ nodes.claude.output.text }}' })).toBe('claude');
  });

  it('is written as the contract-native answer output, keeping the other outputs', () => {
    expect(withAnswerNode({ claude: 'x' }, 'groq')).toEqual({ claude: 'x', answer: '{{ nodes.groq.output.text }}' });
    expect(markedAnswerNode(withAnswerNode({}, 'my-node_2'))).toBe('my-node_2');
    expect(markedAnswerNode(undefined)).toBeUndefined();
  });

  it('can be any node with a text output', () => {
    expect(answerCandidates([...graph, { id: 'e', type: 'embeddingGenerate' }], reg)).toEqual(['prompt', 'claude', 'groq']);
  });
});

describe('marking the answer in the run drawer', () => {
  beforeEach(() => {
    canvasStore.setState({ meta: emptyMeta(), nodes: [], edges: [], past: [], future: [], hint: null, run: null, viewing: null });
    const s = canvasStore.getState();
    s.setRegistry(registry);
    s.setModels(models);
    s.load(compare);
    s.setRun({ runId: 'r1', status: 'completed', lastSeq: 9, nodes: {
      claude: { status: 'completed', text: 'From Claude.', tokenCount: 2, decisions: [] },
      groq: { status: 'completed', text: 'From Groq.', tokenCount: 2, decisions: [] },
      prompt: { status: 'completed', text: '', tokenCount: 0, decisions: [], output: { text: 'hi' } },
    } });
  });
  afterEach(cleanup);

  it('the answer follows the chosen node, and the choice is in the workflow that is saved (and undoable)', () => {
    render(<RunDrawer />);
    expect(screen.getByTestId('answer-stream').textContent).toBe('From Groq.');
    fireEvent.change(screen.getByTestId('answer-from'), { target: { value: 'claude' } });
    expect(screen.getByTestId('answer-stream').textContent).toBe('From Claude.');
    expect(workflowOf(canvasStore.getState()).outputs).toEqual({ claude: '{{ nodes.claude.output.text }}', answer: '{{ nodes.claude.output.text }}' });
    // a node that did not stream answers with the text of its output
    fireEvent.change(screen.getByTestId('answer-from'), { target: { value: 'prompt' } });
    expect(screen.getByTestId('answer-stream').textContent).toBe('hi');
    act(() => canvasStore.getState().undo());
    expect(screen.getByTestId('answer-stream').textContent).toBe('From Claude.');
  });

  it('while a run waits for an answer node that has not answered yet, the drawer says so', () => {
    canvasStore.getState().setRun({ runId: 'r2', status: 'running', lastSeq: 3, nodes: {
      claude: { status: 'running', text: 'From Cl', tokenCount: 1, decisions: [] },
    } });
    render(<RunDrawer />);
    expect(screen.getByTestId('answer-waiting').textContent).toBe('Waiting for groq: it answers once its inputs are in.');
    expect(screen.getByTestId('answer-stream').textContent).toBe('');
    act(() => canvasStore.getState().setRun({ runId: 'r2', status: 'running', lastSeq: 4, nodes: {
      claude: { status: 'running', text: 'From Cl', tokenCount: 1, decisions: [] },
      groq: { status: 'running', text: 'From', tokenCount: 1, decisions: [] },
    } }));
    expect(screen.queryByTestId('answer-waiting')).toBeNull();
    expect(screen.getByTestId('answer-stream').textContent).toBe('From');
  });

  it('a node\'s tab offers "Use as the answer"', () => {
    render(<RunDrawer />);
    fireEvent.click(screen.getByTestId('run-tab-node-claude'));
    fireEvent.click(screen.getByTestId('mark-answer-claude'));
    expect(screen.getByText('This node\'s text is the answer.')).toBeTruthy();
    expect(workflowOf(canvasStore.getState()).outputs?.answer).toBe('{{ nodes.claude.output.text }}');
  });

  it('a node called "answer" has its own tab beside the Answer tab, and opens', () => {
    act(() => canvasStore.getState().setRun({ runId: '01a248cc-1f2e-7abc-8def-0123456789ab', status: 'completed', lastSeq: 9, nodes: {
      answer: { status: 'completed', text: 'From the node.', tokenCount: 3, decisions: [] },
      claude: { status: 'completed', text: 'From Claude.', tokenCount: 2, decisions: [] },
    } }));
    render(<RunDrawer />);
    const answerTab = screen.getByTestId('run-tab-answer');
    const nodeTab = screen.getByTestId('run-tab-node-answer');
    expect(answerTab.getAttribute('aria-selected')).toBe('true');
    expect(nodeTab.getAttribute('aria-selected')).toBe('false');
    fireEvent.click(nodeTab);
    expect(nodeTab.getAttribute('aria-selected')).toBe('true');
    expect(answerTab.getAttribute('aria-selected')).toBe('false');
    expect(screen.getByRole('tabpanel').getAttribute('aria-label')).toBe('answer'); // the node's panel, not the Answer's
    expect(screen.getByRole('tabpanel').textContent).toContain('From the node.');
    fireEvent.click(answerTab);
    expect(answerTab.getAttribute('aria-selected')).toBe('true');
  });

  it('shows the end of the run id, which tells runs started together apart (UUIDv7 ids begin with the time)', () => {
    act(() => canvasStore.getState().setRun({ runId: '01a248cc-1f2e-7abc-8def-0123456789ab', status: 'completed', lastSeq: 1, nodes: {} }));
    render(<RunDrawer />);
    expect(screen.getByTitle('01a248cc-1f2e-7abc-8def-0123456789ab').textContent).toBe('456789ab');
  });
});
