// Tokenises rule files with the extension's TextMate grammar, as VS Code does
// (vscode-textmate and the Oniguruma regular expressions of vscode-oniguruma).
//
//   node test/tokens.mjs FILE...          every token with an "invalid" scope, located;
//                                         exit 1 if there is one
//   node test/tokens.mjs --json FILE...   every token of every line, with its scopes

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const textmate = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = dirname(fileURLToPath(import.meta.url));
const GRAMMAR = join(here, "..", "syntaxes", "alinea.tmLanguage.json");

async function grammar() {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === "source.alinea"
        ? textmate.parseRawGrammar(readFileSync(GRAMMAR, "utf-8"), GRAMMAR)
        : null,
  });
  return registry.loadGrammar("source.alinea");
}

function tokenise(found, text) {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  let stack = textmate.INITIAL;
  return lines.map((line) => {
    const result = found.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((token) => [
      line.slice(token.startIndex, token.endIndex),
      token.scopes,
      token.startIndex,
    ]);
  });
}

async function main(argv) {
  const json = argv[0] === "--json";
  const files = json ? argv.slice(1) : argv;
  if (files.length === 0) {
    console.error("usage : node test/tokens.mjs [--json] FICHIER...");
    return 2;
  }
  const found = await grammar();
  const results = files.map((file) => ({
    file,
    lines: tokenise(found, readFileSync(file, "utf-8").replace(/^\uFEFF/, "")),
  }));
  if (json) {
    process.stdout.write(JSON.stringify(results));
    return 0;
  }
  let invalid = 0;
  let count = 0;
  for (const { file, lines } of results) {
    count += lines.length;
    lines.forEach((tokens, index) => {
      for (const [text, scopes, start] of tokens) {
        const bad = scopes.find((scope) => scope.split(".").includes("invalid"));
        if (bad) {
          invalid += 1;
          console.log(`${file}:${index + 1}:${start + 1}: ${bad} « ${text} »`);
        }
      }
    });
  }
  const summary = `${results.length} fichier(s), ${count} ligne(s)`;
  console.log(invalid ? `${summary} : ${invalid} mot(s) invalide(s)` : `${summary} : aucun mot invalide`);
  return invalid ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
