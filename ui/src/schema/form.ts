// Turns a node type's config JSON Schema into a list of form fields. Pure: React renders the result.
import type { JsonSchema, NodeTypeSpec } from '../api/types';

export type FieldKind =
  | 'model' | 'credential' | 'slider' | 'number' | 'integer' | 'boolean' | 'enum'
  | 'template' | 'expression' | 'text' | 'stringList' | 'list' | 'group' | 'json';

export interface FieldSpec {
  key: string;
  /** Path in the config, `[]` standing for any list item (the registry's `expressions` use the same form). */
  path: string;
  label: string;
  kind: FieldKind;
  description?: string;
  required: boolean;
  default?: unknown;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  /** Sub-fields of a group, or of each item of a list. */
  fields?: FieldSpec[];
}

/** Resolves a local `#/$defs/x` reference against the root schema, keeping keys set beside the ref. */
export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const prefix = '#/$defs/';
  if (!schema.$ref.startsWith(prefix)) return schema;
  const target = root.$defs?.[schema.$ref.slice(prefix.length)];
  if (!target) return schema;
  const { $ref: _ignored, ...rest } = schema;
  return { ...resolveRef(target, root), ...rest };
}

export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldsFor(type: NodeTypeSpec): FieldSpec[] {
  return objectFields(type.config, type.config, '', type.expressions ?? {});
}

function objectFields(schema: JsonSchema, root: JsonSchema, prefix: string, expressions: Record<string, string>): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, raw]) =>
    fieldFor(key, resolveRef(raw, root), root, prefix + key, required.has(key), expressions));
}

function fieldFor(key: string, s: JsonSchema, root: JsonSchema, path: string, required: boolean,
                  expressions: Record<string, string>): FieldSpec {
  const base = { key, path, label: humanize(key), description: s.description, required, default: s.default };
  const expressionKind = expressions[path];
  if (expressionKind === 'template' || expressionKind === 'expression') return { ...base, kind: expressionKind };
  if (key === 'model' && isType(s, 'string')) return { ...base, kind: 'model' };
  if (key === 'credential' && isType(s, 'string')) return { ...base, kind: 'credential' };
  if (s.enum) return { ...base, kind: 'enum', options: s.enum.map(String) };
  if (isType(s, 'boolean')) return { ...base, kind: 'boolean' };
  if (isType(s, 'number') || isType(s, 'integer')) return numberField(base, s);
  if (isType(s, 'string')) return { ...base, kind: 'text' };
  if (isType(s, 'array') && s.items) {
    const item = resolveRef(s.items, root);
    if (isType(item, 'string') && !item.enum) return { ...base, kind: 'stringList' };
    if (isType(item, 'object') && item.properties) {
      return { ...base, kind: 'list', fields: objectFields(item, root, path + '[].', expressions) };
    }
  }
  if (isType(s, 'object') && s.properties) {
    return { ...base, kind: 'group', fields: objectFields(s, root, path + '.', expressions) };
  }
  return { ...base, kind: 'json' };
}

function numberField(base: Omit<FieldSpec, 'kind'>, s: JsonSchema): FieldSpec {
  const integer = isType(s, 'integer');
  const min = s.minimum ?? s.exclusiveMinimum;
  const max = s.maximum ?? s.exclusiveMaximum;
  // A small bounded range reads best as a slider (temperature, topP, penalties).
  if (min !== undefined && max !== undefined && max - min <= 10 && !integer) {
    return { ...base, kind: 'slider', min, max, step: (max - min) / 100 };
  }
  return { ...base, kind: integer ? 'integer' : 'number', min, max, step: integer ? 1 : undefined };
}

function isType(s: JsonSchema, t: string): boolean {
  return Array.isArray(s.type) ? s.type.includes(t) : s.type === t;
}

/** A fresh node's config: the registry's defaults. */
export function defaultConfig(type: NodeTypeSpec): Record<string, unknown> {
  return structuredClone(type.defaults ?? {});
}

/** Sets (or, with undefined, removes) one top-level key, returning a new config. */
export function withValue(config: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...config };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/**
 * Parses a number field's text; empty clears the key. Text that is no number gives an error and
 * no value; a number out of the schema's range gives both (it is kept, and validation reports it
 * on the field, as the server would).
 */
export function parseNumber(text: string, field: FieldSpec): { value?: number; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return { error: `${field.label} must be a number` };
  if (field.kind === 'integer' && !Number.isInteger(n)) return { error: `${field.label} must be a whole number` };
  if (field.min !== undefined && n < field.min) return { value: n, error: `${field.label} must be at least ${field.min}` };
  if (field.max !== undefined && n > field.max) return { value: n, error: `${field.label} must be at most ${field.max}` };
  return { value: n };
}
