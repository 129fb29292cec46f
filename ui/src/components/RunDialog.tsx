// The inputs of a run, asked for when Run is pressed: one field per workflow input, a list editor
// for list inputs. Ctrl/Cmd+Enter runs, Escape closes.
import { useEffect, useRef } from 'react';
import type { InputSpec } from '../api/types';
import { canvasStore, useStore } from '../store/useStore';

interface Props { onRun(): void; onClose(): void }

export function RunDialog({ onRun, onClose }: Props) {
  const inputs = useStore((s) => s.meta.inputs);
  const samples = useStore((s) => s.sampleInputs);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => { form.current?.querySelector<HTMLElement>('input, textarea, button')?.focus(); }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <form ref={form} className="dialog" role="dialog" aria-modal="true" aria-labelledby="run-dialog-title" data-testid="run-dialog"
        onSubmit={(e) => { e.preventDefault(); onRun(); }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') { e.preventDefault(); onClose(); }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); onRun(); }
        }}>
        <h2 id="run-dialog-title">Run with these inputs</h2>
        {Object.entries(inputs).map(([name, spec]) => (
          <div className="field" key={name}>
            {spec.type === 'array'
              ? <ListInput name={name} spec={spec} text={samples[name]} />
              : <>
                  <label htmlFor={`run-in-${name}`}>{name} <span className="muted">({spec.type})</span></label>
                  <input id={`run-in-${name}`} name={name} value={samples[name] ?? shown(spec.default)}
                    onChange={(e) => canvasStore.getState().setSampleInput(name, e.target.value)} />
                </>}
            {spec.description && <p className="field-help">{spec.description}</p>}
          </div>
        ))}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" data-testid="run-start">Run <span className="muted-on-primary">Ctrl+Enter</span></button>
        </div>
      </form>
    </div>
  );
}

const shown = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The items of a list input, one row each; kept as JSON text in the run's sample inputs. */
export function itemsOf(text: string | undefined, fallback: unknown): string[] {
  let value: unknown = fallback;
  if (text !== undefined && text !== '') { try { value = JSON.parse(text); } catch { return [text]; } }
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
}

function ListInput({ name, spec, text }: { name: string; spec: InputSpec; text: string | undefined }) {
  const items = itemsOf(text, spec.default);
  const set = (next: string[]) => canvasStore.getState().setSampleInput(name, JSON.stringify(next));
  return (
    <fieldset className="list-input" aria-label={`${name} (list)`}>
      <legend>{name} <span className="muted">(list)</span></legend>
      {items.map((item, i) => (
        <div className="list-input-row" key={i}>
          <label className="sr-only" htmlFor={`run-in-${name}-${i}`}>{name} item {i + 1}</label>
          <input id={`run-in-${name}-${i}`} value={item} onChange={(e) => set(items.map((v, j) => (j === i ? e.target.value : v)))} />
          <button type="button" onClick={() => set(items.filter((_, j) => j !== i))} aria-label={`Remove ${name} item ${i + 1}`}>×</button>
        </div>
      ))}
      <button type="button" onClick={() => set([...items, ''])}>Add item</button>
    </fieldset>
  );
}
