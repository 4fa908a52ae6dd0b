// The client: starts `alinea lsp` (the command is a setting) for the .alinea files of the
// workspace, and restarts it when its settings change.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const settings = vscode.workspace.getConfiguration("alinea");
  const [command, ...args] = settings.get("commande", ["alinea", "lsp"]);
  const date = settings.get("date", "");
  if (date) {
    args.push("--date", date);
  }
  return { command, args };
}

function clientOptions() {
  const settings = vscode.workspace.getConfiguration("alinea");
  return {
    documentSelector: [{ scheme: "file", language: "alinea" }],
    initializationOptions: { delai: settings.get("delai", 150) },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.alinea"),
    },
  };
}

async function start() {
  client = new LanguageClient("alinea", "alinea", serverOptions(), clientOptions());
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("alinea")) {
        await deactivate();
        await start();
      }
    }),
  );
  await start();
}

async function deactivate() {
  if (client) {
    const stopping = client;
    client = undefined;
    await stopping.stop();
  }
}

module.exports = { activate, deactivate };
