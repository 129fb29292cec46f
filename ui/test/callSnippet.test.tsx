// The workflow panel's "Call it" snippets: their exact text, and that a token stays a placeholder.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callSnippets, CallSnippet } from '../src/components/CallSnippet';
import { canvasStore } from '../src/store/useStore';
import { hello } from './fixtures';

afterEach(() => { cleanup(); localStorage.clear(); });

describe('callSnippets', () => {
  it('writes a curl for the one-call invoke and an OpenAI SDK call of workflow/<id>', () => {
    const s = callSnippets({
      id: 'hello', origin: 'http://127.0.0.1:7070', tokenNeeded: false,
      inputs: { topic: { type: 'string', default: "otters' dens" }, count: { type: 'integer' } },
    });
    expect(s.curl).toBe([
      "curl -s 'http://127.0.0.1:7070/api/workflows/hello/invoke' \\",
      "  -H 'Content-Type: application/json' \\",
      `  -d '{"inputs":{"topic":"otters'\\'' dens","count":0}}'`,
    ].join('\n'));
    expect(s.sdk).toBe([
      "import OpenAI from 'openai';",
      '',
      '// the SDK sends Content-Type: application/json and the key as Authorization: Bearer',
      "const client = new OpenAI({ baseURL: \"http://127.0.0.1:7070/v1\", apiKey: 'unused' });",
      'const answer = await client.chat.completions.create({',
      '  model: "workflow/hello",',
      "  messages: [{ role: 'user', content: \"otters' dens\" }],",
      '});',
      'console.log(answer.choices[0].message.content);',
    ].join('\n'));
  });

  it('adds the Authorization header as a placeholder when a token is needed', () => {
    const s = callSnippets({ id: 'a b', origin: 'https://catalyst.example', tokenNeeded: true, inputs: {} });
    expect(s.curl).toContain("'https://catalyst.example/api/workflows/a%20b/invoke'");
    expect(s.curl).toContain(`-H "Authorization: Bearer $CATALYST_TOKEN"`);
    expect(s.curl).toContain(`-d '{"inputs":{}}'`);
    expect(s.sdk).toContain('apiKey: process.env.CATALYST_TOKEN');
    expect(s.sdk).toContain('model: "workflow/a b"');
    expect(s.sdk).toContain('content: "Hello"');
  });
});

describe('CallSnippet', () => {
  it('shows nothing for an unsaved workflow', () => {
    act(() => canvasStore.getState().load(hello, null));
    render(<CallSnippet />);
    expect(screen.queryByTestId('call-snippet')).toBeNull();
  });

  it('shows the stored workflow\'s snippets, never the token the user entered, and copies them', async () => {
    localStorage.setItem('catalyst.token', 'the-real-token-0123456789');
    act(() => canvasStore.getState().load(hello, 'hello'));
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<CallSnippet />);
    const curl = screen.getByLabelText('curl snippet').textContent!;
    expect(curl).toContain('/api/workflows/hello/invoke');
    expect(curl).toContain('$CATALYST_TOKEN');
    expect(screen.getByLabelText('OpenAI SDK snippet').textContent).toContain('model: "workflow/hello"');
    expect(document.body.textContent).not.toContain('the-real-token');
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Copy curl' })); });
    expect(writeText).toHaveBeenCalledWith(curl);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
  });
});
