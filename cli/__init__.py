"""The `alinea` command line: parses arguments, calls the packages, prints, sets exit codes."""
