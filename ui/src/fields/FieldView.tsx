// Renders one generated form field (and, recursively, groups and list items). Every control has a
// label; its validation messages are tied to it with aria-describedby.
import { useEffect, useState } from 'react';
import type { ModelInfo, SecretInfo, ValidationIssue } from '../api/types';
import type { FieldSpec } from '../schema/form';
import { parseNumber } from '../schema/form';
import type { Completion } from '../template/template';
import { shortIssue } from '../validation/issueText';
import { applyReplace, fieldProblems, type QuickFix } from '../validation/quickFixes';
import { CodeField } from './CodeField';
import { CredentialPicker } from './CredentialPicker';
import { ModelPicker } from './ModelPicker';

export interface FieldContext {
  idPrefix: string;
  models: ModelInfo[];
  secrets: SecretInfo[] | null;
  completions: Completion[];
  /** Provider whose models the picker offers (the node's, or the embedding/candidate provider). */
  provider: string | null;
  modelKind: 'chat' | 'embedding' | 'any';
  credentials: string[];
  issuesAt: (path: string) => ValidationIssue[];
  /** Declares a workflow input (the "Add `x` as an input" quick fix); absent where none can be added. */
  addInput?: (name: string) => void;
}

interface Props {
  field: FieldSpec;
  /** Concrete path, e.g. `messages[1].content`. */
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  ctx: FieldContext;
}

export function FieldView({ field, path, value, onChange, ctx }: Props) {
  const id = `${ctx.idPrefix}-${path.replace(/[^\w-]/g, '_')}`;
  // A group or list shows only what is about itself: its fields show their own (no repeats).
  const container = field.kind === 'group' || field.kind === 'list';
  const issues = ctx.issuesAt(path).filter((i) => !container || ownIssue(i.field, path));
  const [localError, setLocalError] = useState<string | null>(null);
  const describedBy = issues.length > 0 || localError ? `${id}-msg` : undefined;
  const invalid = issues.some((i) => (i.severity ?? 'error') === 'error') || !!localError;
  const code = field.kind === 'template' || field.kind === 'expression';
  const text = str(value) ?? '';
  const problems = code ? fieldProblems(issues, text) : [];
  const fixes = problems.flatMap((p) => p.fixes).filter((f) => f.kind === 'replace' || ctx.addInput);
  const applyFix = (fix: QuickFix) => {
    if (fix.kind === 'replace') onChange(applyReplace(text, fix));
    else ctx.addInput?.(fix.name);
  };
  // One short message per field, naming it; the rest are counted (the editor underlines each).
  const first = issues.find((i) => (i.severity ?? 'error') === 'error') ?? issues[0];
  const messages = (
    <>
      {field.description && <p className="field-help">{field.description}</p>}
      {(issues.length > 0 || localError) && (
        <div className="field-issues" id={`${id}-msg`} data-testid={`issues-${path}`}>
          {localError && <p className="error">{localError}</p>}
          {first && (
            <p className={first.severity ?? 'error'}>
              {shortIssue(first, field.label)}{issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}
            </p>
          )}
          {fixes.length > 0 && (
            <p className="quick-fixes">
              {fixes.map((f) => (
                <button key={f.label} type="button" className="quick-fix" onClick={() => applyFix(f)}>{f.label.replace(/`/g, '')}</button>
              ))}
            </p>
          )}
        </div>
      )}
    </>
  );
  const label = <label htmlFor={id}>{field.label}{field.required ? ' *' : ''}</label>;
  const wrap = (control: React.ReactNode) => (
    <div className={`field field-${field.kind}${invalid ? ' invalid' : ''}`} data-field={path}>{label}{control}{messages}</div>
  );

  switch (field.kind) {
    case 'model':
      return wrap(<ModelPicker id={id} value={str(value)} onChange={onChange} models={ctx.models} provider={ctx.provider} kind={ctx.modelKind} describedBy={describedBy} invalid={invalid} />);
    case 'credential':
      return wrap(<CredentialPicker id={id} value={str(value)} onChange={onChange} secrets={ctx.secrets} suggested={ctx.credentials} describedBy={describedBy} />);
    case 'template':
    case 'expression':
      return wrap(<CodeField id={id} label={field.label} value={str(value) ?? ''} onChange={(v) => onChange(v === '' ? undefined : v)}
        mode={field.kind} completions={ctx.completions} invalid={invalid} describedBy={describedBy}
        problems={problems} onFix={applyFix} />);
    case 'slider': {
      const n = typeof value === 'number' ? value : undefined;
      const shown = n ?? (typeof field.default === 'number' ? field.default : undefined);
      return wrap(
        <div className="slider-row">
          <input id={id} type="range" className={n === undefined ? 'unset' : undefined} min={field.min} max={field.max} step={field.step} value={shown ?? field.min ?? 0}
            aria-describedby={describedBy} aria-valuetext={n === undefined ? 'not set' : String(n)}
            onChange={(e) => onChange(Number(e.target.value))} />
          <NumberBox id={`${id}-value`} label={`${field.label} value`} value={n} field={field} onChange={onChange} onError={setLocalError} />
          {n !== undefined && <button type="button" className="link" onClick={() => onChange(undefined)} aria-label={`Clear ${field.label}`}>clear</button>}
        </div>,
      );
    }
    case 'number':
    case 'integer':
      return wrap(<NumberBox id={id} value={typeof value === 'number' ? value : undefined} field={field} onChange={onChange} onError={setLocalError} describedBy={describedBy} />);
    case 'boolean': {
      const checked = typeof value === 'boolean' ? value : field.default === true;
      return (
        <div className={`field field-boolean${invalid ? ' invalid' : ''}`} data-field={path}>
          <label htmlFor={id}><input id={id} type="checkbox" checked={checked} aria-describedby={describedBy} onChange={(e) => onChange(e.target.checked)} /> {field.label}</label>
          {messages}
        </div>
      );
    }
    case 'enum':
      return wrap(
        <select id={id} value={str(value) ?? ''} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{field.default !== undefined ? `default (${String(field.default)})` : '—'}</option>
          {field.options?.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>,
      );
    case 'text':
      return wrap(<input id={id} type="text" value={str(value) ?? ''} aria-describedby={describedBy} aria-invalid={invalid}
        placeholder={field.default !== undefined ? String(field.default) : undefined} onChange={(e) => onChange(e.target.value || undefined)} />);
    case 'stringList': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return wrap(<textarea id={id} rows={Math.max(2, list.length + 1)} value={list.join('\n')} aria-describedby={describedBy}
        placeholder="one per line" onChange={(e) => { const v = e.target.value.split('\n').filter((x, i, a) => x !== '' || i < a.length - 1); onChange(v.length ? v : undefined); }} />);
    }
    case 'json':
      return wrap(<JsonBox id={id} value={value} onChange={onChange} onError={setLocalError} describedBy={describedBy} />);
    case 'group': {
      const obj = isObject(value) ? value : {};
      return (
        <fieldset className="field-group" data-field={path}>
          <legend>{field.label}</legend>
          {messages}
          {field.fields?.map((f) => (
            <FieldView key={f.key} field={f} path={`${path}.${f.key}`} value={obj[f.key]} ctx={ctx}
              onChange={(v) => onChange(cleanObject({ ...obj, [f.key]: v }))} />
          ))}
        </fieldset>
      );
    }
    case 'list': {
      const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      const set = (next: Record<string, unknown>[]) => onChange(next.length ? next : undefined);
      return (
        <fieldset className="field-list" data-field={path}>
          <legend>{field.label}{field.required ? ' *' : ''}</legend>
          {messages}
          {items.map((item, i) => (
            <div key={i} className="list-item" role="group" aria-label={`${field.label} ${i + 1}`}>
              {field.fields?.map((f) => (
                <FieldView key={f.key} field={f} path={`${path}[${i}].${f.key}`} value={item?.[f.key]}
                  ctx={itemContext(ctx, item)}
                  onChange={(v) => set(items.map((x, j) => (j === i ? cleanObject({ ...x, [f.key]: v }) : x)))} />
              ))}
              <div className="list-item-actions">
                <button type="button" onClick={() => set(items.filter((_, j) => j !== i))} aria-label={`Remove ${field.label} ${i + 1}`}>Remove</button>
                {i > 0 && <button type="button" onClick={() => set(swap(items, i, i - 1))} aria-label={`Move ${field.label} ${i + 1} up`}>↑</button>}
              </div>
            </div>
          ))}
          <button type="button" className="add" onClick={() => set([...items, newItem(field)])}>Add {singular(field.label)}</button>
        </fieldset>
      );
    }
  }
}

function NumberBox({ id, label, value, field, onChange, onError, describedBy }: {
  id: string; label?: string; value: number | undefined; field: FieldSpec; describedBy?: string;
  onChange: (v: unknown) => void; onError: (e: string | null) => void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => { setText((t) => (Number(t) === value && t !== '' ? t : value === undefined ? '' : String(value))); }, [value]);
  return (
    <input id={id} type="text" inputMode="decimal" className="number" aria-label={label} value={text} aria-describedby={describedBy}
      placeholder={field.default !== undefined ? String(field.default) : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const r = parseNumber(e.target.value, field);
        // Not a number: say so here and keep the last good value. Out of range: keep it, and let
        // validation put the error on the field (as the server reports it).
        if (r.value === undefined && r.error) { onError(r.error); return; }
        onError(null);
        onChange(r.value);
      }} />
  );
}

function JsonBox({ id, value, onChange, onError, describedBy }: {
  id: string; value: unknown; onChange: (v: unknown) => void; onError: (e: string | null) => void; describedBy?: string;
}) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  useEffect(() => {
    setText((t) => { try { if (JSON.stringify(JSON.parse(t)) === JSON.stringify(value)) return t; } catch { /* replace */ } return value === undefined ? '' : JSON.stringify(value, null, 2); });
  }, [value]);
  return (
    <textarea id={id} className="json" rows={4} value={text} spellCheck={false} aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') { onError(null); onChange(undefined); return; }
        try { onChange(JSON.parse(e.target.value)); onError(null); } catch (err) { onError(`Not valid JSON: ${(err as Error).message}`); }
      }} />
  );
}

// Inside a router candidate, the model picker follows that candidate's provider.
function itemContext(ctx: FieldContext, item: Record<string, unknown> | undefined): FieldContext {
  if (item && typeof item.provider === 'string') return { ...ctx, provider: item.provider, credentials: [item.provider] };
  return ctx;
}

function newItem(field: FieldSpec): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const f of field.fields ?? []) {
    if (f.kind === 'enum' && f.required && f.options?.length) item[f.key] = f.options.includes('user') ? 'user' : f.options[0];
  }
  return item;
}

function singular(label: string): string {
  return label.toLowerCase().replace(/s$/, '');
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b], next[a]];
  return next;
}

function cleanObject(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Whether an issue at `field` is about the container at `path` itself (or one of its list items). */
function ownIssue(field: string | null | undefined, path: string): boolean {
  const rest = (field ?? '').replace(/^config\.?/, '');
  return rest === path || new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[\\d+\\]$`).test(rest);
}
