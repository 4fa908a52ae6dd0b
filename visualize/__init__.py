"""alinea."""
