// A CodeMirror 6 editor for templates and CEL expressions. The document is owned by CodeMirror;
// outside changes (undo, load) are pushed in when they differ from what it holds.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { completionKeymap } from '@codemirror/autocomplete';
import { useEffect, useRef } from 'react';
import type { Completion } from '../template/template';
import { templateExtensions } from './templateLanguage';

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
}

export function CodeField({ id, label, value, onChange, mode, completions, invalid, describedBy, placeholder }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, completions });
  latest.current = { onChange, completions };

  useEffect(() => {
    const attrs: Record<string, string> = { 'aria-label': label, id, 'aria-multiline': 'true' };
    if (describedBy) attrs['aria-describedby'] = describedBy;
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
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

  return <div ref={host} className={`code-field${invalid ? ' invalid' : ''}`} data-mode={mode} />;
}
