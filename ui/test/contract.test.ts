// @vitest-environment node
// Keeps the canvas in step with the server: the committed registry (src/schema/nodes.generated.json)
// is exactly what `./catalyst nodes --json` prints now, the generated types are exactly what
// scripts/gen-schema.mjs makes of it, and the lockfile carries no download addresses.
// Regenerate both files with `npm run schema`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accepts } from '../src/graph/ports';
import { PORT_TYPES } from '../src/schema/nodes.generated';
import { JSON_FILE, TS_FILE, registryJson, renderTypes } from '../scripts/gen-schema.mjs';

describe('contract with the server', () => {
  it('the committed registry is what ./catalyst nodes --json prints (regenerate: npm run schema)', () => {
    // the launcher builds the server first when its sources are newer than the jar
    expect(readFileSync(JSON_FILE, 'utf8')).toBe(registryJson());
  }, 240_000);

  it('the generated types are what gen-schema makes of the committed registry', () => {
    expect(readFileSync(TS_FILE, 'utf8')).toBe(renderTypes(JSON.parse(readFileSync(JSON_FILE, 'utf8')) as unknown[]));
  });

  it('Object is the only port type that takes others', () => {
    for (const t of PORT_TYPES) expect(PORT_TYPES.filter((s) => s !== t && accepts(t, s)).length > 0).toBe(t === 'Object');
  });

  it('the lockfile records names, versions and hashes, no download addresses', () => {
    const lock = readFileSync(join(__dirname, '..', 'package-lock.json'), 'utf8');
    expect(lock).not.toContain('"resolved"');
    expect(readFileSync(join(__dirname, '..', '.npmrc'), 'utf8')).toContain('omit-lockfile-registry-resolved=true');
  });
});
