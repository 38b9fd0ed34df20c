// The editor for PHP. A PHP file opens with <?php: the "Template" top reads it. php()
// would also bundle the whole HTML, CSS and JavaScript support for text outside <?php,
// which our files lack.
import { LanguageSupport } from "@codemirror/language";
import { phpLanguage } from "@codemirror/lang-php";
import { createEditor } from "./editor.mjs";

const php = new LanguageSupport(phpLanguage.configure({ top: "Template" }));

export const open = (options) => createEditor(php, options);
