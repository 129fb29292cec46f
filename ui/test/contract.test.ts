// @vitest-environment node
// Keeps the canvas in step with the Java side: the registry fixture's ports match the node specs
// (each in its kind's folder, e.g. llm/.../nodes/router/llmRouter.json), the port types match
// core's PortType, and the lockfile carries no download addresses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accepts } from '../src/graph/ports';
import type { PortTypeName } from '../src/api/types';
import { registry } from './fixtures';

const root = join(__dirname, '..', '..');
// every module's node kinds: a spec is a .json file in a folder under .../nodes/
const specFiles = ['core', 'engine', 'llm'].flatMap((m) => {
  const src = join(root, m, 'src', 'main', 'java');
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json') && f.split(/[\\/]/).includes('nodes'))
    .map((f) => join(src, f));
});

interface CorePort { name: string; type: string; many?: boolean; required?: boolean }

describe('contract with core', () => {
  it('the registry fixture has the node kinds\' types with the same ports (regenerate with ./catalyst nodes --json)', () => {
    const core = specFiles
      .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { type: string; inputs: CorePort[]; outputs: CorePort[] });
    const shape = (p: CorePort) => `${p.name}:${p.type}${p.many ? '*' : ''}${p.required ? '!' : ''}`;
    const fromCore = Object.fromEntries(core.map((t) => [t.type, [t.inputs.map(shape), t.outputs.map(shape)]]));
    const fromFixture = Object.fromEntries(registry.map((t) => [t.type, [t.inputs.map(shape), t.outputs.map(shape)]]));
    expect(fromFixture).toEqual(fromCore);
  });

  it('knows exactly core\'s port types, and Object is the only type that takes others', () => {
    const java = readFileSync(join(root, 'core', 'src', 'main', 'java', 'dev', 'catalyst', 'core', 'registry', 'PortType.java'), 'utf8');
    const names = [...java.matchAll(/^\s+[A-Z_]+\("(\w+)"\)/gm)].map((m) => m[1]) as PortTypeName[];
    expect(names).toEqual(['Messages', 'Message', 'Text', 'Object', 'Embeddings', 'Usage', 'ToolCalls', 'Decision', 'LanguageModel']);
    expect(java).toContain('return this == OBJECT && (source == MESSAGE || source == USAGE || source == DECISION);');
    for (const t of names) expect(names.filter((s) => s !== t && accepts(t, s)).length > 0).toBe(t === 'Object');
  });

  it('the lockfile records names, versions and hashes, no download addresses', () => {
    const lock = readFileSync(join(__dirname, '..', 'package-lock.json'), 'utf8');
    expect(lock).not.toContain('"resolved"');
    expect(readFileSync(join(__dirname, '..', '.npmrc'), 'utf8')).toContain('omit-lockfile-registry-resolved=true');
  });
});
