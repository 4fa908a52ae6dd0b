"""Lark parse tree -> AST (`nodes`), with a span on every node."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from lark import Token, Transformer, v_args
from lark.tree import Meta

from . import nodes as n
from .errors import Diagnostic, Span

UNITS = {
    "€": "€",
    "%": "%",
    "jour": "jour",
    "jours": "jour",
    "mois": "mois",
    "an": "an",
    "ans": "an",
    "heure": "heure",
    "heures": "heure",
}
TYPE_NAMES = {
    "booleen": "booléen",
    "decimal": "décimal",
    "duree": "durée",
}
COMPARATORS = {"≠": "!=", "≤": "<=", "≥": ">="}

_HEADER = re.compile(r"§\s*(?P<ref>[^|]*?)\s*(?:\|\s*(?P<rest>.*?))?\s*$")
_HEADER_REST = re.compile(
    r"(?:version\s+)?"
    r"(?:du\s+(?P<start>\S+)\s+au\s+(?P<end>\S+)|depuis\s+(?P<since>\S+)|jusqu['’]au\s+(?P<until>\S+))?"
    r"\s*(?:\((?P<amendment>.*)\))?$"
)


class Attribute(NamedTuple):
    """One attribute line of a declaration (`libellé "…"`, `selon "…"`…) and where it is."""

    key: str
    value: Any
    span: Span | None


ATTRIBUTE_WORDS = {
    "question": "question",
    "description": "description",
    "label": "libellé",
    "bounds": "entre",
    "citation": "selon",
    "applicability": "applicable si",
}


class SyntaxProblem(Exception):
    """Raised inside the transformer; the parser turns it into a diagnostic.

    `ends_block` says the rest of the block cannot be read without the refused construct
    (a nesting too deep spans many lines): error recovery stops there for that block.
    """

    def __init__(self, diagnostic: Diagnostic, *, ends_block: bool = False) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.ends_block = ends_block


def unquote(token: str) -> str:
    return re.sub(r"\\(.)", r"\1", token[1:-1])


@v_args(meta=True)
class AstBuilder(Transformer[Token, n.Module]):
    """Builds the AST of one file; `path` goes into every span."""

    def __init__(self, path: str) -> None:
        super().__init__(visit_tokens=False)  # no callback per token: tokens stay as read
        self.path = path

    # ------------------------------------------------------------ helpers

    def _span(self, meta: Meta | Token) -> Span | None:
        if isinstance(meta, Token):
            return self._token_span(meta)
        if getattr(meta, "empty", True):
            return None
        return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def _token_span(self, token: Token) -> Span:
        return Span(
            self.path,
            token.line or 0,
            token.column or 0,
            token.end_line or token.line or 0,
            token.end_column or token.column or 0,
        )

    def _date(self, token: Token | str, span: Span | None) -> datetime.date:
        try:
            return datetime.date.fromisoformat(str(token))
        except ValueError:
            raise SyntaxProblem(
                Diagnostic(
                    "E011",
                    f"date invalide « {token} »",
                    span,
                    "une date s'écrit AAAA-MM-JJ, par exemple 2025-05-16",
                )
            ) from None

    def _fields(self, attributes: Iterable[Attribute]) -> dict[str, Any]:
        """Attribute values by key; a repeated attribute is an error, never silently dropped."""
        fields: dict[str, Any] = {}
        for attribute in attributes:
            if attribute.key in fields:
                word = ATTRIBUTE_WORDS[attribute.key]
                raise SyntaxProblem(
                    Diagnostic(
                        "E016",
                        f"« {word} » écrit deux fois dans la même déclaration",
                        attribute.span,
                        f"une déclaration n'a qu'un « {word} » : gardez-en un seul",
                    )
                )
            fields[attribute.key] = attribute.value
        return fields

    # ------------------------------------------------------------ module and articles

    def start(self, meta: Meta, items: list[n.Item]) -> n.Module:
        return n.Module(self.path, tuple(items), span=self._span(meta))

    def article(self, meta: Meta, children: list[Any]) -> n.Article:
        header: Token = children[0]
        lines = tuple(children[1:])
        span = self._token_span(header)
        match = _HEADER.match(str(header))
        rest = _HEADER_REST.match(match["rest"] or "") if match else None
        if match is None or rest is None or not match["ref"]:
            raise SyntaxProblem(
                Diagnostic(
                    "E012",
                    "en-tête d'article mal formé",
                    span,
                    "écrivez par exemple : § CSS R.162-65 | depuis 2025-05-16 (décret n° 2025-424)",
                )
            )
        period = None
        if rest["start"]:
            period = n.Period(self._date(rest["start"], span), self._date(rest["end"], span))
        elif rest["since"]:
            period = n.Period(self._date(rest["since"], span), None)
        elif rest["until"]:
            period = n.Period(None, self._date(rest["until"], span))
        return n.Article(match["ref"], period, rest["amendment"], lines, span=span)

    def quote(self, meta: Meta, children: list[Token]) -> str:
        text = str(children[0])[1:]
        return text[1:] if text.startswith(" ") else text

    # ------------------------------------------------------------ facts

    def fact(self, meta: Meta, children: list[Any]) -> n.Fact:
        name, type_, *attrs = children
        fields = self._fields(attrs)
        return n.Fact(str(name), type_, **fields, span=self._span(meta))

    def question(self, meta: Meta, children: list[Token]) -> Attribute:
        return Attribute("question", unquote(children[0]), self._span(meta))

    def description(self, meta: Meta, children: list[Token]) -> Attribute:
        return Attribute("description", unquote(children[0]), self._span(meta))

    def label(self, meta: Meta, children: list[Token]) -> Attribute:
        return Attribute("label", unquote(children[0]), self._span(meta))

    def bounds(self, meta: Meta, children: list[n.Expr]) -> Attribute:
        span = self._span(meta)
        return Attribute("bounds", n.Bounds(children[0], children[1], span=span), span)

    def citation_line(self, meta: Meta, children: list[Token]) -> Attribute:
        citation = n.Citation(unquote(children[0]), span=self._token_span(children[0]))
        return Attribute("citation", citation, citation.span)

    def citation(self, meta: Meta, children: list[Token]) -> n.Citation:
        return n.Citation(unquote(children[0]), span=self._token_span(children[0]))

    # ------------------------------------------------------------ types

    def type(self, meta: Meta, children: list[Any]) -> n.TypeExpr:
        return children[0]  # type: ignore[no-any-return]

    def type_name(self, meta: Meta, children: list[Token]) -> n.TypeName:
        word = str(children[0])
        return n.TypeName(TYPE_NAMES.get(word, word), span=self._span(meta))

    def enum_type(self, meta: Meta, children: list[Token]) -> n.EnumType:
        values = tuple(str(c) for c in children if c.type in {"NAME", "AUCUNE"})
        return n.EnumType(values, span=self._span(meta))

    def list_type(self, meta: Meta, children: list[n.TypeExpr]) -> n.ListType:
        return n.ListType(children[0], span=self._span(meta))

    # ------------------------------------------------------------ parameters

    def parameter(self, meta: Meta, children: list[Any]) -> n.Parameter:
        name, type_, *items = children
        values = tuple(i for i in items if isinstance(i, n.ParameterValue))
        fields = self._fields(i for i in items if isinstance(i, Attribute))
        return n.Parameter(str(name), type_, values, **fields, span=self._span(meta))

    def param_value(self, meta: Meta, children: list[Any]) -> n.ParameterValue:
        value, *rest = children
        yearly = bool(rest) and rest[0] is _YEARLY
        if yearly:
            rest = rest[1:]
        period, *rest = rest
        citation = rest[0] if rest else None
        return n.ParameterValue(value, period, citation, yearly, span=self._span(meta))

    def yearly(self, meta: Meta, children: list[Token]) -> object:
        return _YEARLY

    def period_between(self, meta: Meta, children: list[Token]) -> n.Period:
        span = self._span(meta)
        return n.Period(self._date(children[0], span), self._date(children[1], span), span=span)

    def period_since(self, meta: Meta, children: list[Token]) -> n.Period:
        span = self._span(meta)
        return n.Period(self._date(children[0], span), None, span=span)

    def period_until(self, meta: Meta, children: list[Token]) -> n.Period:
        span = self._span(meta)
        return n.Period(None, self._date(children[1], span), span=span)

    # ------------------------------------------------------------ rules

    def rule_kw(self, meta: Meta, children: list[Token]) -> Token:
        return children[0]

    def rule(self, meta: Meta, children: list[Any]) -> n.Rule:
        keyword, name, type_, *items = children
        period = next((i for i in items if isinstance(i, n.Period)), None)
        fields = self._fields(_attributes(items))
        clauses = tuple(i for i in items if isinstance(i, _CLAUSES))
        return n.Rule(
            str(name),
            type_,
            str(keyword) == "conclusion",
            clauses,
            period=period,
            **fields,
            span=self._span(meta),
        )

    def applicability(self, meta: Meta, children: list[Any]) -> n.Applicability:
        condition, citation = children[0]
        return n.Applicability(condition, citation, span=self._span(meta))

    def value_clause(self, meta: Meta, children: list[Any]) -> n.Value:
        return n.Value(children[0], _opt(children, 1), span=self._span(meta))

    def case(self, meta: Meta, children: list[Any]) -> n.Case:
        condition, citation = children[1]
        return n.Case(children[0], condition, citation, span=self._span(meta))

    def default_clause(self, meta: Meta, children: list[Any]) -> n.Default:
        return n.Default(children[0], _opt(children, 1), span=self._span(meta))

    def unless_clause(self, meta: Meta, children: list[Any]) -> n.Unless:
        condition, citation = children[1]
        return n.Unless(children[0], condition, citation, span=self._span(meta))

    def table_clause(self, meta: Meta, children: list[Any]) -> n.Table:
        return n.Table(children[0], tuple(children[1:]), span=self._span(meta))

    def row(self, meta: Meta, children: list[Any]) -> n.Row:
        return n.Row(children[0], children[1], _opt(children, 2), span=self._span(meta))

    def key_equal(self, meta: Meta, children: list[Any]) -> n.KeyEqual:
        return n.KeyEqual(children[0], span=self._span(meta))

    def key_range(self, meta: Meta, children: list[Any]) -> n.KeyRange:
        return n.KeyRange(children[0], children[1], span=self._span(meta))

    def key_at_least(self, meta: Meta, children: list[Any]) -> n.KeyAtLeast:
        return n.KeyAtLeast(children[0], span=self._span(meta))

    def key_below(self, meta: Meta, children: list[Any]) -> n.KeyBelow:
        return n.KeyBelow(children[0], span=self._span(meta))

    def key_other(self, meta: Meta, children: list[Any]) -> n.KeyOther:
        return n.KeyOther(span=self._span(meta))

    def list_clause(self, meta: Meta, children: list[n.Element]) -> n.ListBuild:
        return n.ListBuild(tuple(children), span=self._span(meta))

    def element(self, meta: Meta, children: list[Any]) -> n.Element:
        value, *rest = children
        citation = rest.pop() if rest and isinstance(rest[-1], n.Citation) else None
        condition = rest[0] if rest else None
        return n.Element(value, condition, citation, span=self._span(meta))

    # ------------------------------------------------------------ conditions

    def inline_condition(self, meta: Meta, children: list[Any]) -> tuple[n.Expr, n.Citation | None]:
        return children[0], _opt(children, 1)

    def condition(self, meta: Meta, children: list[Any]) -> tuple[n.Expr, None]:
        return children[0], None

    def _group(self, quantifier: str, meta: Meta, items: list[n.Check]) -> n.Group:
        return n.Group(quantifier, tuple(items), span=self._span(meta))

    def all_of(self, meta: Meta, children: list[n.Check]) -> n.Group:
        return self._group("toutes", meta, children)

    def any_of(self, meta: Meta, children: list[n.Check]) -> n.Group:
        return self._group("une", meta, children)

    def none_of(self, meta: Meta, children: list[Any]) -> n.Group:
        return self._group("aucune", meta, children[1:])  # children[0] is the AUCUNE token

    def item_line(self, meta: Meta, children: list[Any]) -> n.Check:
        label = unquote(children[0]) if isinstance(children[0], Token) else None
        body = children[-1]
        if isinstance(body, n.Group):
            return n.Check(label, body, span=self._span(meta))
        return n.Check(label, body.expr, body.guard, body.citation, span=self._span(meta))

    def check(self, meta: Meta, children: list[Any]) -> n.Check:
        expr, *rest = children
        citation = rest.pop() if rest and isinstance(rest[-1], n.Citation) else None
        guard = rest[0] if rest else None
        return n.Check(None, expr, guard, citation, span=self._span(meta))

    # ------------------------------------------------------------ exceptions

    def exception(self, meta: Meta, children: list[Any]) -> n.Derogation:
        names = [c for c in children if isinstance(c, Token) and c.type == "NAME"]
        label, target = (str(names[0]), str(names[1])) if len(names) == 2 else (None, str(names[0]))
        prevails = next((c for c in children if isinstance(c, list)), [])
        period = next((c for c in children if isinstance(c, n.Period)), None)
        fields = self._fields(_attributes(children))
        cases = tuple(c for c in children if isinstance(c, n.Case))
        return n.Derogation(
            label,
            target,
            cases,
            tuple(prevails),
            period,
            **fields,
            span=self._span(meta),
        )

    def prevails(self, meta: Meta, children: list[Token]) -> list[str]:
        return [str(c) for c in children]

    # ------------------------------------------------------------ expressions

    def _binary(self, cls: Any, op: str, meta: Meta, children: list[Any]) -> Any:
        return cls(op, children[0], children[-1], span=self._span(meta))

    def or_(self, meta: Meta, children: list[Any]) -> n.Logical:
        return self._binary(n.Logical, "ou", meta, children)  # type: ignore[no-any-return]

    def and_(self, meta: Meta, children: list[Any]) -> n.Logical:
        return self._binary(n.Logical, "et", meta, children)  # type: ignore[no-any-return]

    def not_(self, meta: Meta, children: list[Any]) -> n.Not:
        return n.Not(children[0], span=self._span(meta))

    def compare(self, meta: Meta, children: list[Any]) -> n.Comparison:
        op = str(children[1])
        return n.Comparison(
            COMPARATORS.get(op, op), children[0], children[2], span=self._span(meta)
        )

    def comparator(self, meta: Meta, children: list[Token]) -> Token:
        return children[0]

    def member(self, meta: Meta, children: list[Any]) -> n.Membership:
        return n.Membership(children[0], children[1], span=self._span(meta))

    def add(self, meta: Meta, children: list[Any]) -> n.Arithmetic:
        return self._binary(n.Arithmetic, "+", meta, children)  # type: ignore[no-any-return]

    def sub(self, meta: Meta, children: list[Any]) -> n.Arithmetic:
        return self._binary(n.Arithmetic, "-", meta, children)  # type: ignore[no-any-return]

    def mul(self, meta: Meta, children: list[Any]) -> n.Arithmetic:
        return self._binary(n.Arithmetic, "*", meta, children)  # type: ignore[no-any-return]

    def div(self, meta: Meta, children: list[Any]) -> n.Arithmetic:
        return self._binary(n.Arithmetic, "/", meta, children)  # type: ignore[no-any-return]

    def neg(self, meta: Meta, children: list[Any]) -> n.Negation:
        return n.Negation(children[0], span=self._span(meta))

    def number(self, meta: Meta, children: list[Token]) -> n.Number:
        text = str(children[0])
        return n.Number(Decimal(text), "." not in text, span=self._span(meta))

    def quantity(self, meta: Meta, children: list[Any]) -> n.Quantity:
        unit = str(children[1])
        return n.Quantity(Decimal(str(children[0])), UNITS[unit], span=self._span(meta))

    def unit(self, meta: Meta, children: list[Token]) -> Token:
        return children[0]

    def date(self, meta: Meta, children: list[Token]) -> n.DateLiteral:
        span = self._span(meta)
        return n.DateLiteral(self._date(children[0], span), span=span)

    def text(self, meta: Meta, children: list[Token]) -> n.Text:
        return n.Text(unquote(children[0]), span=self._span(meta))

    def true(self, meta: Meta, children: list[Token]) -> n.Boolean:
        return n.Boolean(True, span=self._span(meta))

    def false(self, meta: Meta, children: list[Token]) -> n.Boolean:
        return n.Boolean(False, span=self._span(meta))

    def previous(self, meta: Meta, children: list[Token]) -> n.Previous:
        return n.Previous(span=self._span(meta))

    def name(self, meta: Meta, children: list[Token]) -> n.Name:
        return n.Name(str(children[0]), span=self._span(meta))

    def call(self, meta: Meta, children: list[Any]) -> n.Call:
        args = tuple(c for c in children[1:] if not isinstance(c, Token))
        return n.Call(str(children[0]), args, span=self._span(meta))

    def list_literal(self, meta: Meta, children: list[Any]) -> n.ListLiteral:
        items = tuple(c for c in children if not isinstance(c, Token))
        return n.ListLiteral(items, span=self._span(meta))

    def atom(self, meta: Meta, children: list[Any]) -> Any:
        """Parentheses: `( expr )` keeps only the expression."""
        return children[1]


_YEARLY = object()  # the marker `chaque année` leaves among a parameter value's children
_CLAUSES = (n.Value, n.Case, n.Default, n.Unless, n.Table, n.ListBuild)


def _attributes(items: list[Any]) -> Iterable[Attribute]:
    """The attributes of a rule or exception, a citation on its first line included."""
    for item in items:
        if isinstance(item, Attribute):
            yield item
        elif isinstance(item, n.Citation):
            yield Attribute("citation", item, item.span)
        elif isinstance(item, n.Applicability):
            yield Attribute("applicability", item, item.span)


def _opt(children: list[Any], index: int) -> Any:
    return children[index] if len(children) > index else None
