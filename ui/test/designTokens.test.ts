// @vitest-environment node
// The finished look (issue 14, item 9): colours, type sizes, radii and shadows are design tokens
// (CSS custom properties in app.css); rules read the tokens, never a literal colour; the dark theme,
// chosen by the system setting, gives every colour token a dark value or keeps one that works on both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const read = (p: string) => readFileSync(join(__dirname, '..', 'src', p), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const SHEETS = ['app.css', 'affordances.css', 'disabled.css', 'credentials/credentials.css'];
const COLOUR = /#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(/;

/** The declarations (property, value) of a stylesheet, in order. */
function declarations(css: string): { prop: string; value: string }[] {
  return [...css.matchAll(/([-\w]+)\s*:\s*([^;{}]+)\s*(?=;|})/g)].map((m) => ({ prop: m[1], value: m[2].trim() }));
}

/** The custom properties defined in the first block that `selector` opens after `from`. */
function tokensOf(css: string, selector: string, from = 0): Set<string> {
  const start = css.indexOf(selector, from);
  expect(start, `${selector} in app.css`).toBeGreaterThanOrEqual(0);
  let depth = 0; let i = css.indexOf('{', start);
  const open = i;
  for (; i < css.length; i++) {
    if (css[i] === '{') depth++;
    if (css[i] === '}' && --depth === 0) break;
  }
  return new Set(declarations(css.slice(open + 1, i)).filter((d) => d.prop.startsWith('--')).map((d) => d.prop));
}

const app = read('app.css');
const light = tokensOf(app, ':root');
const dark = tokensOf(app, ':root', app.indexOf('@media (prefers-color-scheme: dark)'));

describe('design tokens', () => {
  it('define a type scale, spacing, radii, shadows and colours', () => {
    for (const prefix of ['--text-', '--space-', '--radius-', '--shadow-', '--font-', '--weight-']) {
      expect([...light].filter((t) => t.startsWith(prefix)).length, prefix).toBeGreaterThanOrEqual(2);
    }
    for (const t of ['--bg', '--panel', '--ink', '--muted', '--line', '--accent-ui', '--error', '--warn', '--ok']) expect(light).toContain(t);
  });

  it.each(SHEETS)('%s: no rule names a literal colour; colours live in tokens only', (sheet) => {
    const stray = declarations(read(sheet)).filter((d) => !d.prop.startsWith('--') && COLOUR.test(d.value));
    expect(stray).toEqual([]);
  });

  it.each(SHEETS)('%s: every token a rule reads is defined', (sheet) => {
    const used = [...read(sheet).matchAll(/var\((--[-\w]+)\s*\)/g)].map((m) => m[1]);
    const defined = new Set([...light, ...declarations(app).filter((d) => d.prop.startsWith('--')).map((d) => d.prop)]);
    expect(used.filter((t) => !defined.has(t))).toEqual([]);
  });

  it.each(SHEETS)('%s: font sizes and radii come from the scale', (sheet) => {
    const loose = declarations(read(sheet)).filter((d) => (d.prop === 'font-size' || d.prop === 'border-radius') && /\d(px|rem|em)/.test(d.value));
    expect(loose).toEqual([]);
  });

  // Spacing (padding, margins, gaps) and how far a positioned box sits from an edge read the spacing
  // scale. A negative offset is geometry, not spacing (a port's handle centred on the card's edge).
  it.each(SHEETS)('%s: spacing comes from the scale', (sheet) => {
    const spacing = /^(padding|margin)(-(top|right|bottom|left|inline|block))?$|^(gap|row-gap|column-gap|top|right|bottom|left|inset)$/;
    const loose = declarations(read(sheet)).filter((d) => spacing.test(d.prop) && /(^|[\s(,])\d*\.?\d+(px|rem|em)\b/.test(d.value));
    expect(loose).toEqual([]);
  });

  it('the dark theme follows the system setting and recolours the surfaces, ink and states', () => {
    expect(app).toContain('color-scheme: light dark');
    for (const t of ['--bg', '--panel', '--surface', '--ink', '--muted', '--line', '--accent-ui', '--on-accent', '--error', '--error-bg', '--warn', '--warn-bg', '--ok', '--ok-bg']) {
      expect(dark, t).toContain(t);
    }
    // a dark value is only ever for a token the light theme has: no rule can read a dark-only name
    expect([...dark].filter((t) => !light.has(t))).toEqual([]);
  });

  it('React Flow\'s background, controls and edges take the theme\'s tokens', () => {
    const flow = declarations(app.slice(app.indexOf('.react-flow, .react-flow.light, .react-flow.dark {'))).slice(0, 20);
    const bg = flow.find((d) => d.prop === '--xy-background-color-default');
    expect(bg?.value).toBe('var(--bg)');
    expect(flow.find((d) => d.prop === '--xy-controls-button-background-color-default')?.value).toMatch(/^var\(--/);
  });
});
