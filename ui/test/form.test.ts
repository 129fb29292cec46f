import { describe, expect, it } from 'vitest';
import { defaultConfig, fieldsFor, humanize, parseNumber, resolveRef, type FieldSpec } from '../src/schema/form';
import { registry, spec } from './fixtures';

const byKey = (fields: FieldSpec[], key: string): FieldSpec => {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe('schema to form', () => {
  it('builds a field for every config property of every registered node type', () => {
    for (const t of registry) {
      const fields = fieldsFor(t);
      expect(fields.map((f) => f.key)).toEqual(Object.keys(t.config.properties ?? {}));
    }
  });

  it('gives a completion node a model picker, slider, template and credential picker', () => {
    const f = fieldsFor(spec('anthropicCompletion'));
    expect(byKey(f, 'model')).toMatchObject({ kind: 'model', required: true, default: 'claude-sonnet-5-5' });
    expect(byKey(f, 'temperature')).toMatchObject({ kind: 'slider', min: 0, max: 1, label: 'Temperature' });
    expect(byKey(f, 'topP')).toMatchObject({ kind: 'slider', min: 0, max: 1 });
    expect(byKey(f, 'system')).toMatchObject({ kind: 'template' });
    expect(byKey(f, 'credential')).toMatchObject({ kind: 'credential', default: 'anthropic' });
    // $ref to $defs is followed: the integer's bounds and default come from _defs.
    expect(byKey(f, 'maxTokens')).toMatchObject({ kind: 'integer', min: 1, max: 1000000, default: 1024, label: 'Max tokens' });
    expect(byKey(f, 'stream')).toMatchObject({ kind: 'boolean', default: true });
    expect(byKey(f, 'stopSequences').kind).toBe('stringList');
    expect(byKey(f, 'toolChoice').kind).toBe('json');
    const tools = byKey(f, 'tools');
    expect(tools.kind).toBe('list');
    expect(tools.fields?.map((x) => [x.key, x.kind])).toEqual([['name', 'text'], ['description', 'text'], ['parameters', 'json']]);
  });

  it('makes OpenAI temperature (0..2) a slider too', () => {
    expect(byKey(fieldsFor(spec('openaiCompletion')), 'temperature')).toMatchObject({ kind: 'slider', min: 0, max: 2 });
  });

  it('turns the prompt messages into a list of role + template content', () => {
    const messages = byKey(fieldsFor(spec('promptTemplate')), 'messages');
    expect(messages.kind).toBe('list');
    // a message may also carry the tool calls it made or the call id it answers (a conversation with tool results)
    expect(messages.fields?.map((x) => [x.path, x.kind])).toEqual([['messages[].role', 'enum'], ['messages[].content', 'template'],
      ['messages[].toolCalls', 'list'], ['messages[].toolCallId', 'text']]);
    expect(messages.fields?.[0].options).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(byKey(fieldsFor(spec('promptTemplate')), 'template').kind).toBe('template');
  });

  it('marks router rule conditions as CEL expressions and weights as a group', () => {
    const f = fieldsFor(spec('llmRouter'));
    expect(byKey(f, 'preset')).toMatchObject({ kind: 'enum', options: ['cost', 'speed', 'quality', 'balanced'], default: 'balanced' });
    expect(byKey(f, 'rules').fields?.map((x) => x.kind)).toEqual(['expression', 'text']);
    expect(byKey(f, 'weights')).toMatchObject({ kind: 'group' });
    expect(byKey(f, 'weights').fields?.map((x) => x.path)).toEqual(['weights.cost', 'weights.speed', 'weights.quality']);
    expect(byKey(f, 'candidates').fields?.map((x) => x.kind)).toEqual(['enum', 'model', 'credential', 'json']);
    expect(byKey(f, 'fallback').kind).toBe('stringList');
  });

  it('reads the embeddings texts field as a template', () => {
    const f = fieldsFor(spec('embeddingGenerate'));
    expect(byKey(f, 'texts').kind).toBe('template');
    expect(byKey(f, 'provider')).toMatchObject({ kind: 'enum', required: false }); // chosen from the keys when left out (ADR 17)
    expect(byKey(f, 'dimensions')).toMatchObject({ kind: 'integer', min: 1, max: 16384 });
  });

  it('starts a new node from the registry defaults, as a copy', () => {
    const t = spec('anthropicCompletion');
    const c = defaultConfig(t);
    expect(c).toEqual({ model: 'claude-sonnet-5-5', maxTokens: 1024, stream: true, credential: 'anthropic', timeoutMs: 600000, maxRetries: 2 });
    c.model = 'changed';
    expect(t.defaults.model).toBe('claude-sonnet-5-5');
  });

  it('keeps keys set beside a $ref', () => {
    const root = { $defs: { m: { type: 'string', description: 'from defs' } } };
    expect(resolveRef({ $ref: '#/$defs/m', default: 'x' }, root)).toEqual({ type: 'string', description: 'from defs', default: 'x' });
    expect(resolveRef({ $ref: '#/$defs/missing' }, root)).toEqual({ $ref: '#/$defs/missing' });
  });

  it('humanizes keys', () => {
    expect(humanize('maxTokens')).toBe('Max tokens');
    expect(humanize('budgetMs')).toBe('Budget ms');
  });

  it('parses number input with the schema bounds, and rejects bad input with a clear message', () => {
    const maxTokens = byKey(fieldsFor(spec('anthropicCompletion')), 'maxTokens');
    expect(parseNumber('256', maxTokens)).toEqual({ value: 256 });
    expect(parseNumber('', maxTokens)).toEqual({});
    expect(parseNumber('abc', maxTokens).error).toBe('Max tokens must be a number');
    expect(parseNumber('1.5', maxTokens).error).toBe('Max tokens must be a whole number');
    expect(parseNumber('1.5', maxTokens).value).toBeUndefined();
    expect(parseNumber('0', maxTokens)).toEqual({ value: 0, error: 'Max tokens must be at least 1' });
    expect(parseNumber('2000000', maxTokens)).toEqual({ value: 2000000, error: 'Max tokens must be at most 1000000' });
  });
});
