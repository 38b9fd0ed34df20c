// The example editor: CodeMirror 6, bundled by esbuild at build time (hooks/code_editor).
// Each language has an entry of its own (python.mjs, php.mjs, toml.mjs, plain.mjs), which
// runner.js imports on the first Edit of an example in that language: the browser fetches
// this core and the language's grammar side by side, and a Python example never loads PHP.
// Only what a reader of a lesson needs: highlighting, indentation, history and brackets;
// no autocompletion, search panel or lint.
import { Annotation, EditorState, Prec } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, highlightSpecialChars,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  HighlightStyle, bracketMatching, indentOnInput, indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { tags } from "@lezer/highlight";

// Material's own code colours, so the editor reads like the page's code in both palettes
// (and keeps the contrast axe checks there).
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.operatorKeyword, tags.definitionKeyword, tags.moduleKeyword],
    color: "var(--md-code-hl-keyword-color)" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: "var(--md-code-hl-string-color)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--md-code-hl-number-color)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment], color: "var(--md-code-hl-comment-color)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)],
    color: "var(--md-code-hl-function-color)" },
  { tag: [tags.className, tags.typeName, tags.constant(tags.variableName), tags.standard(tags.variableName)],
    color: "var(--md-code-hl-constant-color)" },
  { tag: [tags.variableName, tags.propertyName, tags.labelName], color: "var(--md-code-hl-variable-color)" },
  { tag: [tags.operator, tags.punctuation, tags.bracket, tags.processingInstruction],
    color: "var(--md-code-hl-operator-color)" },
  { tag: [tags.heading, tags.meta], color: "var(--md-code-hl-name-color)" },
]);

const theme = EditorView.theme({
  "&": {
    margin: "1em 0",
    border: "0.05rem solid var(--md-default-fg-color--lighter)",
    borderRadius: "0.1rem",
    backgroundColor: "var(--md-code-bg-color)",
    color: "var(--md-code-fg-color)",
    fontSize: "0.85em",
  },
  "&.cm-focused": { outline: "0.1rem solid var(--md-accent-fg-color)" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family)", lineHeight: "1.4" },
  ".cm-content": { padding: "0.8em 0", caretColor: "var(--md-code-fg-color)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-gutters": {
    backgroundColor: "var(--md-code-bg-color)",
    // Material's lighter grey misses 4.5:1 on the code background: a mix of the code's colours.
    color: "color-mix(in srgb, var(--md-code-fg-color) 80%, var(--md-code-bg-color))",
    border: "none",
  },
  ".cm-activeLine": { backgroundColor: "var(--md-default-fg-color--lightest)" },
});

// Code set by the page (a saved edit, a link's code) is not the reader's edit: no onChange.
const fromPage = Annotation.define();

// An editor after `after` (the page's code block, which stays in the page, hidden).
// `language`: a CodeMirror language extension, or [] for plain text.
// Returns {element, value (get/set), focus(), destroy()}.
export function createEditor(language, { after, doc, label, describedBy, onChange, onRun }) {
  const view = new EditorView({
    state: EditorState.create({
      doc,
      extensions: [
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }])),
        lineNumbers(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(highlight),
        // Tab indents; Escape, then Tab, leaves the editor (CodeMirror's own tab focus mode).
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        language,
        theme,
        EditorView.editorAttributes.of({ class: "agentlab-editor" }), // CodeMirror owns the element's class
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": describedBy, spellcheck: "false" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromPage))) {
            onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });
  after.after(view.dom);
  return {
    element: view.dom,
    get value() { return view.state.doc.toString(); },
    set value(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromPage.of(true) });
    },
    focus() { view.focus(); },
    destroy() { view.destroy(); view.dom.remove(); },
  };
}
