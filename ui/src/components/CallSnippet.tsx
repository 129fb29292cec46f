// How to call the stored workflow from outside the canvas: a curl for the one-call invoke and the
// OpenAI SDK with `model: "workflow/<id>"`. A token is only ever a placeholder ($CATALYST_TOKEN):
// the one the user typed into the canvas must not end up in a pasted snippet.
import { useState } from 'react';
import { Api } from '../api/client';
import type { InputSpec } from '../api/types';
import { useStore } from '../store/useStore';

export interface SnippetFacts {
  /** The workflow's id on the server. */
  id: string;
  /** Where the server answers, e.g. http://127.0.0.1:7070. */
  origin: string;
  inputs: Record<string, InputSpec>;
  /** The server wants a bearer token (one was entered, or the page is not on loopback). */
  tokenNeeded: boolean;
}

export interface Snippets { curl: string; sdk: string }

/** An input's example value: its default, else a placeholder of its type. */
function example(name: string, spec: InputSpec): unknown {
  if (spec.default !== undefined) return spec.default;
  switch (spec.type) {
    case 'string': return `<${name}>`;
    case 'number':
    case 'integer': return 0;
    case 'boolean': return false;
    case 'object': return {};
    case 'array': return [];
  }
}

// a single-quoted shell word: each ' becomes '\''
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function callSnippets({ id, origin, inputs, tokenNeeded }: SnippetFacts): Snippets {
  const values = Object.fromEntries(Object.entries(inputs).map(([name, spec]) => [name, example(name, spec)]));
  const curl = [
    `curl -s ${shellQuote(`${origin}/api/workflows/${encodeURIComponent(id)}/invoke`)}`,
    `-H 'Content-Type: application/json'`,
    ...(tokenNeeded ? [`-H "Authorization: Bearer $CATALYST_TOKEN"`] : []),
    `-d ${shellQuote(JSON.stringify({ inputs: values }))}`,
  ].join(' \\\n  ');
  // the gateway hands a chat model's last user message to the workflow's one string input
  const strings = Object.entries(inputs).filter(([, spec]) => spec.type === 'string');
  const content = strings.length === 1 ? String(example(strings[0][0], strings[0][1])) : 'Hello';
  const sdk = [
    `import OpenAI from 'openai';`,
    '',
    '// the SDK sends Content-Type: application/json and the key as Authorization: Bearer',
    `const client = new OpenAI({ baseURL: ${JSON.stringify(`${origin}/v1`)}, apiKey: ${tokenNeeded ? 'process.env.CATALYST_TOKEN' : "'unused'"} });`,
    'const answer = await client.chat.completions.create({',
    `  model: ${JSON.stringify(`workflow/${id}`)},`,
    `  messages: [{ role: 'user', content: ${JSON.stringify(content)} }],`,
    '});',
    'console.log(answer.choices[0].message.content);',
  ].join('\n');
  return { curl, sdk };
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;

export function CallSnippet() {
  const id = useStore((s) => s.savedId);
  const inputs = useStore((s) => s.meta.inputs);
  const [copied, setCopied] = useState<string | null>(null);
  if (id === null) return null;
  const tokenNeeded = Api.token() !== null || !LOOPBACK.test(window.location.hostname);
  const snippets = callSnippets({ id, origin: window.location.origin, inputs, tokenNeeded });
  const copy = (label: string, text: string) => {
    navigator.clipboard.writeText(text).then(() => setCopied(label), () => setCopied(null));
  };
  return (
    <details className="call-snippet" data-testid="call-snippet">
      <summary>Call it</summary>
      {([['curl', snippets.curl], ['OpenAI SDK', snippets.sdk]] as const).map(([label, text]) => (
        <div key={label}>
          <pre aria-label={`${label} snippet`}>{text}</pre>
          <button type="button" onClick={() => copy(label, text)}>{copied === label ? 'Copied' : `Copy ${label}`}</button>
        </div>
      ))}
    </details>
  );
}
