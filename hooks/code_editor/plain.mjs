// The editor for a file of any other kind: plain text.
import { createEditor } from "./editor.mjs";

export const open = (options) => createEditor([], options);
