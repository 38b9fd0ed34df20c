// The editor for Python.
import { python } from "@codemirror/lang-python";
import { createEditor } from "./editor.mjs";

export const open = (options) => createEditor(python(), options);
