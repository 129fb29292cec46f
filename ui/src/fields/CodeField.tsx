// A CodeMirror 6 editor for templates and CEL expressions. The document is owned by CodeMirror;
// outside changes (undo, load) are pushed in when they differ from what it holds. Validation
// problems are underlined (@codemirror/lint diagnostics) with their quick fixes as actions.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { completionKeymap } from '@codemirror/autocomplete';
import { lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { useEffect, useRef } from 'react';
import type { Completion } from '../template/template';
import type { FieldProblem, QuickFix } from '../validation/quickFixes';
import { templateExtensions } from './templateLanguage';

const NONE: readonly FieldProblem[] = [];

// Marks changes pushed in from the store, so they are not echoed back as edits.
const external = Annotation.define<boolean>();

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  mode: 'template' | 'expression';
  completions: Completion[];
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  /** Validation problems of this field, placed in its text. */
  problems?: readonly FieldProblem[];
  /** Applies a fix that reaches beyond this field's text (adding a workflow input). */
  onFix?: (fix: QuickFix) => void;
}

export function CodeField({ id, label, value, onChange, mode, completions, invalid, describedBy, placeholder, problems = NONE, onFix }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, completions, onFix });
  latest.current = { onChange, completions, onFix };

  useEffect(() => {
    const attrs: Record<string, string> = { 'aria-label': label, id, 'aria-multiline': 'true' };
    if (describedBy) attrs['aria-describedby'] = describedBy;
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...completionKeymap, ...lintKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of(attrs),
          placeholderExt(placeholder ?? (mode === 'template' ? 'Text with {{ variable }} holes' : 'CEL expression')),
          ...templateExtensions(() => latest.current.completions, mode),
          EditorView.updateListener.of((u) => { if (u.docChanged && !u.transactions.some((t) => t.annotation(external))) latest.current.onChange(u.state.doc.toString()); }),
        ],
      }),
    });
    view.current = v;
    return () => { v.destroy(); view.current = null; };
    // The editor is created once per field; value changes are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, mode]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: external.of(true) });
    }
  }, [value]);

  // The underline follows the problems; the key keeps a re-render with the same ones from resetting it.
  const problemKey = JSON.stringify(problems);
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const length = v.state.doc.length;
    const diagnostics = problems.map((p): Diagnostic => ({
      from: Math.min(p.from, length),
      to: Math.min(p.to, length),
      severity: p.severity,
      message: p.message,
      actions: p.fixes.map((fix) => ({
        name: fix.label.replace(/`/g, ''),
        apply: (target: EditorView, from: number, to: number) => {
          if (fix.kind === 'replace') target.dispatch({ changes: { from, to, insert: fix.insert } });
          else latest.current.onFix?.(fix);
        },
      })),
    }));
    v.dispatch(setDiagnostics(v.state, diagnostics));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problemKey, id, mode]);

  return <div ref={host} className={`code-field${invalid ? ' invalid' : ''}`} data-mode={mode} />;
}
