import type { InputSpec } from '../api/types';

/** Typed values for the workflow inputs: what the user typed in the run form, else each default. */
export function sampleValues(inputs: Record<string, InputSpec>, typed: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    const text = typed[name];
    if (text === undefined || text === '') {
      if (spec.default !== undefined) out[name] = spec.default;
      continue;
    }
    out[name] = coerce(text, spec.type);
  }
  return out;
}

/** Reads a form text as the input's JSON type; text that does not parse stays a string (the server reports it). */
export function coerce(text: string, type: InputSpec['type']): unknown {
  switch (type) {
    case 'string': return text;
    case 'number':
    case 'integer': { const n = Number(text); return text.trim() !== '' && Number.isFinite(n) ? n : text; }
    case 'boolean': return text === 'true' ? true : text === 'false' ? false : text;
    case 'object':
    case 'array': try { return JSON.parse(text); } catch { return text; }
  }
}
