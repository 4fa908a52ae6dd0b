"""Hypothesis strategies for random, syntactically valid rule files, built as ASTs.

Every construct of the grammar is reachable: articles with periods, amendments and quoted
lines, facts with every attribute, dated and yearly (`chaque année`) parameter values, rules
and conclusions with every clause (values, cases, groups nested in groups, guards, barèmes
with every kind of key, lists, inline exceptions), named exceptions with `prime sur`,
citations everywhere they are allowed, and every kind of expression (`précédent` included).
The trees need not make sense (names are not resolved), only parse: that is what the
formatter must reproduce.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from hypothesis import strategies as st
from lark.lexer import PatternStr

from alinea.dsl import nodes as n
from alinea.dsl.parser import grammar

KEYWORDS = frozenset(
    t.pattern.value for t in grammar().terminals if isinstance(t.pattern, PatternStr)
)
TYPE_NAMES = ("booléen", "entier", "décimal", "montant", "taux", "date", "durée", "texte")
UNITS = ("€", "%", "jour", "mois", "an", "heure")
COMPARATORS = ("=", "!=", "<", "<=", ">", ">=")

_word = st.from_regex(r"[a-zé_][a-z0-9é_]{0,7}", fullmatch=True).filter(lambda w: w not in KEYWORDS)
names = st.lists(_word, min_size=1, max_size=3).map(".".join)
# One line of free text: no control, line or paragraph separator (the file is split on them).
line_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=24).map(
    lambda s: unicodedata.normalize("NFC", s)
)
citations = st.builds(n.Citation, line_text)
optional_citation = st.none() | citations
dates = st.dates(min_value=datetime.date(1000, 1, 1))


@st.composite
def periods(draw: st.DrawFn) -> n.Period:
    start, end = draw(dates), draw(dates)
    return draw(st.sampled_from([n.Period(start, end), n.Period(start, None), n.Period(None, end)]))


# ---------------------------------------------------------------- expressions


def _number_text() -> st.SearchStrategy[str]:
    return st.from_regex(r"\d{1,4}(\.\d{1,3})?", fullmatch=True)


numbers = _number_text().map(lambda t: n.Number(Decimal(t), "." not in t))
quantities = st.builds(
    lambda t, unit: n.Quantity(Decimal(t), unit), _number_text(), st.sampled_from(UNITS)
)
leaves: st.SearchStrategy[n.Expr] = st.one_of(
    numbers,
    quantities,
    st.builds(n.DateLiteral, dates),
    st.builds(n.Text, line_text),
    st.builds(n.Boolean, st.booleans()),
    st.builds(n.Name, names | st.just("aucune")),
    st.just(n.Previous()),
)


def _compound(inner: st.SearchStrategy[n.Expr]) -> st.SearchStrategy[n.Expr]:
    return st.one_of(
        st.builds(n.Call, names, st.lists(inner, max_size=3).map(tuple)),
        st.builds(n.ListLiteral, st.lists(inner, max_size=3).map(tuple)),
        st.builds(n.Negation, inner),
        st.builds(n.Arithmetic, st.sampled_from("+-*/"), inner, inner),
        st.builds(n.Comparison, st.sampled_from(COMPARATORS), inner, inner),
        st.builds(n.Membership, inner, inner),
        st.builds(n.Not, inner),
        st.builds(n.Logical, st.sampled_from(["et", "ou"]), inner, inner),
    )


expressions = st.recursive(leaves, _compound, max_leaves=6)
optional_expression = st.none() | expressions


def checks(depth: int) -> st.SearchStrategy[n.Check]:
    plain = st.builds(
        n.Check, st.none() | line_text, expressions, optional_expression, optional_citation
    )
    if depth == 0:
        return plain
    nested = st.builds(n.Check, st.none() | line_text, groups(depth - 1))
    return st.one_of(plain, plain, nested)


def groups(depth: int = 2) -> st.SearchStrategy[n.Group]:
    items = st.lists(checks(depth), min_size=1, max_size=3).map(tuple)
    return st.builds(n.Group, st.sampled_from(["toutes", "une", "aucune"]), items)


conditions = st.one_of(expressions, groups())


@st.composite
def condition_and_citation(draw: st.DrawFn) -> tuple[n.Expr, n.Citation | None]:
    """A citation may end an inline condition, never a group."""
    condition = draw(conditions)
    citation = None if isinstance(condition, n.Group) else draw(optional_citation)
    return condition, citation


# ---------------------------------------------------------------- types and declarations


types: st.SearchStrategy[n.TypeExpr] = st.recursive(
    st.one_of(
        st.builds(n.TypeName, st.sampled_from(TYPE_NAMES)),
        st.builds(
            n.EnumType, st.lists(_word | st.just("aucune"), min_size=1, max_size=3).map(tuple)
        ),
    ),
    lambda inner: st.builds(n.ListType, inner),
    max_leaves=2,
)
_reference = line_text.map(lambda t: t.replace("|", "/").strip()).filter(bool)


# Amending texts, some in Légifrance's words for a creation or an abrogation, so the event
# they carry is part of what the formatter must keep.
_amendments = (
    st.none()
    | line_text
    | st.sampled_from(
        [
            "création : loi n° 2021-1754, art. 79",
            "Créé par décret n° 2022-195",
            "abrogé par la loi n° 2018-1203, art. 52",
            "Abrogation : ordonnance n° 2020-232",
        ]
    )
)
articles = st.builds(
    n.Article,
    _reference,
    st.none() | periods(),
    _amendments,
    st.lists(line_text, max_size=3).map(tuple),
)
facts = st.builds(
    n.Fact,
    names,
    types,
    question=st.none() | line_text,
    description=st.none() | line_text,
    label=st.none() | line_text,
    bounds=st.none() | st.builds(n.Bounds, expressions, expressions),
    citation=optional_citation,
)
parameters = st.builds(
    n.Parameter,
    names,
    types,
    st.lists(
        st.builds(n.ParameterValue, expressions, periods(), optional_citation, st.booleans()),
        min_size=1,
        max_size=3,
    ).map(tuple),
    label=st.none() | line_text,
    description=st.none() | line_text,
)


@st.composite
def cases(draw: st.DrawFn, kind: type[n.Case] | type[n.Unless] = n.Case) -> n.Case | n.Unless:
    condition, citation = draw(condition_and_citation())
    return kind(draw(expressions), condition, citation)


_keys = st.one_of(
    st.builds(n.KeyEqual, expressions),
    st.builds(n.KeyRange, expressions, expressions),
    st.builds(n.KeyAtLeast, expressions),
    st.builds(n.KeyBelow, expressions),
    st.just(n.KeyOther()),
)
clauses: st.SearchStrategy[n.Clause] = st.one_of(
    st.builds(n.Value, expressions, optional_citation),
    cases(),
    st.builds(n.Default, expressions, optional_citation),
    cases(n.Unless),
    st.builds(
        n.Table,
        expressions,
        st.lists(
            st.builds(n.Row, _keys, expressions, optional_citation), min_size=1, max_size=3
        ).map(tuple),
    ),
    st.builds(
        n.ListBuild,
        st.lists(
            st.builds(n.Element, expressions, optional_expression, optional_citation),
            min_size=1,
            max_size=3,
        ).map(tuple),
    ),
)


@st.composite
def applicabilities(draw: st.DrawFn) -> n.Applicability:
    condition, citation = draw(condition_and_citation())
    return n.Applicability(condition, citation)


rules = st.builds(
    n.Rule,
    names,
    types,
    st.booleans(),
    st.lists(clauses, min_size=1, max_size=4).map(tuple),
    period=st.none() | periods(),
    citation=optional_citation,
    label=st.none() | line_text,
    description=st.none() | line_text,
    applicability=st.none() | applicabilities(),
)
derogations = st.builds(
    n.Derogation,
    st.none() | names,
    names,
    st.lists(cases(), min_size=1, max_size=3).map(tuple),
    st.lists(names, max_size=2).map(tuple),
    st.none() | periods(),
    optional_citation,
    st.none() | line_text,
    st.none() | line_text,
)
modules = st.builds(
    n.Module,
    st.just("<généré>"),
    st.lists(st.one_of(articles, facts, parameters, rules, derogations), max_size=5).map(tuple),
)


# ---------------------------------------------------------------- rewritten files


comment_texts = line_text.map(lambda t: ("# " + t).rstrip())


@st.composite
def rewritten(draw: st.DrawFn, text: str) -> str:
    """`text` laid out otherwise, with the same AST: comments and blank lines anywhere they
    are allowed, indentation doubled, keywords in their other spellings."""
    out: list[str] = []
    double = draw(st.booleans())
    for line in text.split("\n")[:-1]:
        if draw(st.integers(0, 4)) == 0:
            out.append(" " * draw(st.integers(0, 6)) + draw(comment_texts))
        if draw(st.integers(0, 6)) == 0:
            out.append("")
        code = line.strip() and not line.lstrip().startswith(("§", ">", "#"))
        if double:
            line = re.sub(r"^( +)", r"\1\1", line)
        if code and draw(st.booleans()):
            line = _respell(line)
        if code and draw(st.integers(0, 3)) == 0:
            line += " " * draw(st.integers(1, 3)) + draw(comment_texts)
        out.append(line)
    if draw(st.booleans()):
        out.append(draw(comment_texts))
    return "\n".join(out) + "\n"


_SPELLINGS = [
    (r"^règle ", "regle "),
    (r"^donnée ", "donnee "),
    (r"^paramètre ", "parametre "),
    (r"^(\s+)libellé ", r"\1libelle "),
    (r": booléen$", ": booleen"),
    (r" chaque année ", " chaque annee "),
    (r"\bprécédent\b", "precedent"),
    (r"^(\s+- [^\"]*?) >= ", r"\1 ≥ "),
]


def _respell(line: str) -> str:
    for pattern, replacement in _SPELLINGS:
        line = re.sub(pattern, replacement, line)
    return line
