// CodeMirror extensions for Catalyst templates and CEL expressions: {{ }} holes highlighted, and
// completion of workflow inputs and upstream node outputs.
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import type { Completion } from '../template/template';

const holeMark = Decoration.mark({ class: 'cm-template-hole' });
const braceMark = Decoration.mark({ class: 'cm-template-brace' });

function holeDecorations(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    const text = view.state.doc.sliceString(from, to);
    for (const m of text.matchAll(/\{\{[\s\S]*?\}\}/g)) {
      const start = from + m.index;
      const end = start + m[0].length;
      builder.add(start, start + 2, braceMark);
      if (end - 2 > start + 2) builder.add(start + 2, end - 2, holeMark);
      builder.add(end - 2, end, braceMark);
    }
  }
  return builder.finish();
}

const holeHighlighter = ViewPlugin.fromClass(class {
  decorations: DecorationSet;
  constructor(view: EditorView) { this.decorations = holeDecorations(view); }
  update(u: ViewUpdate) { if (u.docChanged || u.viewportChanged) this.decorations = holeDecorations(u.view); }
}, { decorations: (v) => v.decorations });

/** Where completion applies: inside a {{ }} hole for templates, anywhere for expressions. */
export function completionSource(getItems: () => Completion[], mode: 'template' | 'expression') {
  return (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/[A-Za-z_][\w.]*/);
    if (mode === 'template') {
      const before = ctx.state.doc.sliceString(0, ctx.pos);
      const open = before.lastIndexOf('{{');
      if (open < 0 || before.lastIndexOf('}}') > open) return null;
    }
    if (!word && !ctx.explicit) {
      const justOpened = ctx.state.doc.sliceString(Math.max(0, ctx.pos - 2), ctx.pos) === '{{'
        || ctx.state.doc.sliceString(Math.max(0, ctx.pos - 3), ctx.pos) === '{{ ';
      if (!justOpened) return null;
    }
    return {
      from: word ? word.from : ctx.pos,
      options: getItems().map((c) => ({ label: c.label, detail: c.detail, type: 'variable' })),
      validFor: /^[\w.]*$/,
    };
  };
}

export function templateExtensions(getItems: () => Completion[], mode: 'template' | 'expression'): Extension[] {
  return [holeHighlighter, autocompletion({ override: [completionSource(getItems, mode)], activateOnTyping: true })];
}
