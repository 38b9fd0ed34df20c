// The editor for TOML (the Lab's scenarios): CodeMirror's legacy TOML mode.
import { StreamLanguage } from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { createEditor } from "./editor.mjs";

export const open = (options) => createEditor(StreamLanguage.define(toml), options);
