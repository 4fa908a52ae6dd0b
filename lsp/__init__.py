"""The language server of rule files (`alinea lsp`)."""
