"""Where each documentation page lives, so diagrams and pages link to the same places.

One folder per kind of symbol; a page's file name is the symbol's name (names may carry
accents, so links are percent-encoded while files keep the name as written).
"""

from __future__ import annotations

from urllib.parse import quote

FOLDERS = {"règle": "regles", "paramètre": "parametres", "donnée": "donnees"}


def page(kind: str, name: str) -> str:
    """The path of a symbol's page from the site root, as a file name."""
    return f"{FOLDERS[kind]}/{name}.html"


def url(kind: str, name: str, prefix: str = "") -> str:
    """A link to a symbol's page: `prefix` leads from the linking page to the site root."""
    return prefix + quote(page(kind, name))


def subject(name: str) -> str:
    """The subject of a name: what comes before its first dot (`mon_soutien_psy`)."""
    return name.split(".", 1)[0] if "." in name else ""
