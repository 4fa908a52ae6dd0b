"""Everything the service takes from inside the engine and the visualizer, in one place.

The rest of `alinea.service` imports the engine's public API (`alinea.engine`) and
`alinea.dsl`, and this module for the rest: when the engine's modules move, this is the one
file of the service to change. The explanation page and the documentation site (Jinja2, the
Graphviz drawings, the highlighter and its parser) are imported on their first use, so that a
start-up loads none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..engine.compiler.bases import select
from ..engine.compiler.loader import load_files, read_source
from ..engine.compiler.program import FactSymbol, ParameterSymbol, Program, RuleSymbol
from ..engine.domain.types import Kind, Type
from ..engine.domain.values import french_date, short_date
from ..engine.explain.explanation import deciding, gap_text, heading, line_text, mark, show
from ..engine.inputs.json_input import load as json_load
from ..engine.inputs.reading import Problem as InputProblem
from ..engine.inputs.situation import CODES as SITUATION_CODES
from ..engine.rulebase import parse_date
from ..engine.runtime.trace import StepKind, Trace
from ..visualize.links import url as doc_url
from ..visualize.pages import Quote, coverage, excerpt, fact_example, label_of, quote, versions
from ..visualize.pages import value_text as expression_text
from ..visualize.render import GraphvizMissing

if TYPE_CHECKING:
    from ..visualize.decision import explanation_page as explanation_page
    from ..visualize.site import build as build_site

__all__ = [
    "SITUATION_CODES",
    "FactSymbol",
    "GraphvizMissing",
    "InputProblem",
    "Kind",
    "ParameterSymbol",
    "Program",
    "Quote",
    "RuleSymbol",
    "StepKind",
    "Trace",
    "Type",
    "build_site",
    "coverage",
    "deciding",
    "doc_url",
    "excerpt",
    "explanation_page",
    "expression_text",
    "fact_example",
    "french_date",
    "gap_text",
    "heading",
    "json_load",
    "label_of",
    "line_text",
    "load_files",
    "mark",
    "parse_date",
    "quote",
    "read_source",
    "select",
    "short_date",
    "show",
    "versions",
]


_LAZY = {
    "explanation_page": ("alinea.visualize.decision", "explanation_page"),
    "build_site": ("alinea.visualize.site", "build"),
}


def __getattr__(name: str) -> Any:
    """The explanation page and the site builder, imported on first use."""
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
