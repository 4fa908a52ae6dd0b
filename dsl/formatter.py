"""The canonical layout of rule files (`alinea fmt`): printed from the AST, comments put back.

A file's AST holds everything it says except its comments and its layout, so the formatter
prints the AST in one layout and puts every comment back beside the line it was written
with. Formatting never loses a word, and a formatted file formats to itself.

Layout: two spaces per level; one blank line between declarations (a `§` section is one);
attributes in a fixed order (libellé, description, selon, applicable si), clauses in their
order; the citations `selon "…"` of a declaration aligned in one column when the line fits
in 100 characters, otherwise on the next line.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

import attrs

from . import nodes, printer
from .parser import normalise, parse

WIDTH = 100
STEP = 2
GAP = 3
_ATTRIBUTE = re.compile(r"\s*(libellé|libelle|description|question)(?=[\s\"])")
_KEYS = {"libellé": "label", "libelle": "label", "description": "description"}


@attrs.define
class Line:
    """One line of output, with the source line it came from (`anchor`) to put comments back."""

    indent: int
    code: str
    anchor: int | None = None
    source: nodes.Citation | None = None
    verbatim: bool = False
    comment_indent: int | None = None
    column: int | None = None
    before: list[nodes.Comment] = attrs.Factory(list)
    after: list[nodes.Comment] = attrs.Factory(list)

    def render(self) -> list[str]:
        after = sorted(self.after, key=_position)
        if self.verbatim:  # a `#` after a § header or a quoted line would become its text
            after, moved = [], after
        else:
            after, moved = after[-1:], after[:-1]
        pad = " " * (self.indent if self.comment_indent is None else self.comment_indent)
        rows = [pad + c.text for c in sorted([*self.before, *moved], key=_position)]
        text = " " * self.indent + self.code
        if self.column is not None and self.source is not None:
            text = text.ljust(self.column) + printer.citation(self.source)
        rows.append(text + "".join(f"  {c.text}" for c in after))
        return rows


@attrs.define
class Block:
    """The lines of a declaration, and the comments glued below it."""

    lines: list[Line]
    after: list[nodes.Comment] = attrs.Factory(list)

    def render(self) -> list[str]:
        """The lines, then the comments glued below: indented like the last line, unless
        they were written in the first column."""
        rows = [row for line in self.lines for row in line.render()]
        last = self.lines[-1]
        indent = last.indent if last.comment_indent is None else last.comment_indent
        return rows + [" " * (indent if _column(c) > 1 else 0) + c.text for c in self.after]


def format_text(text: str, path: str = "<texte>") -> str:
    """The canonical layout of a rule file; raises `RuleError` if it does not parse."""
    text = normalise(text)
    return format_module(parse(text, path), text)


def same_content(before: nodes.Module, after: nodes.Module) -> bool:
    """Whether two parses say the same thing: the same tree (spans aside), the same comments."""
    texts = [Counter(c.text for c in m.comments) for m in (before, after)]
    return before.items == after.items and texts[0] == texts[1]


def format_module(module: nodes.Module, text: str = "") -> str:
    """Print `module`; `text`, the source it was parsed from, places its comments."""
    if module.comments and not text:
        raise ValueError("les commentaires se replacent d'après le texte source")
    source = Source(text, module)
    blocks = [Block(_align(Printer(source, item).lines())) for item in module.items]
    floating = _place_comments(module, source, blocks)
    parts: list[list[str]] = []
    for index, block in enumerate(blocks):
        parts.extend([c.text for c in group] for group in floating.get(index, []))
        parts.append(block.render())
    parts.extend([c.text for c in group] for group in floating.get(len(blocks), []))
    return "\n\n".join("\n".join(part) for part in parts) + "\n" if parts else ""


# ---------------------------------------------------------------- the source text


class Source:
    """The lines of the source, and where the lines the AST keeps no position for were."""

    def __init__(self, text: str, module: nodes.Module) -> None:
        self.lines = text.split("\n") if text else []
        self.starts = [_line(item) or 0 for item in module.items]

    def item_range(self, item: nodes.Item) -> range:
        start = _line(item)
        if start is None or not self.lines:
            return range(0)
        index = bisect.bisect_right(self.starts, start)
        end = self.starts[index] if index < len(self.starts) else len(self.lines) + 1
        return range(start + 1, end)

    def attributes(self, item: nodes.Item) -> dict[str, int]:
        """The lines of `libellé`, `description` and `question`, which have no span."""
        found: dict[str, int] = {}
        for number in self.item_range(item):
            match = _ATTRIBUTE.match(self.lines[number - 1])
            if match:
                found.setdefault(_KEYS.get(match.group(1), match.group(1)), number)
        return found

    def quotes(self, article: nodes.Article) -> list[int]:
        lines = self.item_range(article)
        return [n for n in lines if self.lines[n - 1].startswith(">")][: len(article.lines)]

    def is_blank(self, number: int) -> bool:
        return not self.lines[number - 1].strip()


# ---------------------------------------------------------------- declarations


class Printer:
    """The lines of one declaration, each anchored to the source line it came from."""

    def __init__(self, source: Source, item: nodes.Item) -> None:
        self.item = item
        self.attributes = source.attributes(item)
        self.source = source

    def lines(self) -> list[Line]:
        match self.item:
            case nodes.Article():
                return self._article(self.item)
            case nodes.Fact():
                return self._fact(self.item)
            case nodes.Parameter():
                return self._parameter(self.item)
            case nodes.Rule():
                return self._rule(self.item)
            case nodes.Derogation():
                return self._derogation(self.item)
        raise AssertionError(self.item)

    def _article(self, article: nodes.Article) -> list[Line]:
        head = f"§ {article.reference}"
        rest = [printer.period(article.period)] if article.period else []
        if article.amendment is not None:
            rest.append(f"({article.amendment})")
        if rest:
            head += " | " + " ".join(rest)
        anchors = self.source.quotes(article)
        quotes = [
            Line(0, f"> {quote}" if quote else ">", _nth(anchors, i), verbatim=True)
            for i, quote in enumerate(article.lines)
        ]
        return [Line(0, head, _line(article), verbatim=True), *quotes]

    def _fact(self, fact: nodes.Fact) -> list[Line]:
        lines = [Line(0, f"donnée {fact.name} : {printer.type_expr(fact.type)}", _line(fact))]
        if fact.question is not None:
            lines.append(self._text("question", fact.question))
        lines.extend(self._texts(fact.description, fact.label))
        if fact.bounds is not None:
            low = printer.expression(fact.bounds.low, context=printer.SUM)
            high = printer.expression(fact.bounds.high, context=printer.SUM)
            lines.append(Line(STEP, f"entre {low} et {high}", _line(fact.bounds)))
        return lines + self._citation(fact.citation)

    def _parameter(self, parameter: nodes.Parameter) -> list[Line]:
        head = f"paramètre {parameter.name} : {printer.type_expr(parameter.type)}"
        lines = [Line(0, head, _line(parameter))]
        lines.extend(self._texts(parameter.description, parameter.label))
        shown = [printer.expression(v.value) for v in parameter.values]
        # A yearly value is a formula: it would push every figure's period far to the right.
        fixed = [t for v, t in zip(parameter.values, shown, strict=True) if not v.yearly]
        width = max(map(len, fixed), default=0)
        for value, text in zip(parameter.values, shown, strict=True):
            if value.yearly:
                text = f"{text} {printer.YEARLY}"
            code = f"{text:<{width}} {printer.period(value.period)}"
            lines.append(Line(STEP, code, _line(value), value.citation))
        return lines

    def _rule(self, rule: nodes.Rule) -> list[Line]:
        head = f"{'conclusion' if rule.public else 'règle'} {rule.name} : "
        head += printer.type_expr(rule.type)
        if rule.period is not None:
            head += f" {printer.period(rule.period)}"
        lines = [Line(0, head, _line(rule))]
        lines.extend(self._texts(rule.description, rule.label))
        lines.extend(self._citation(rule.citation))
        if rule.applicability is not None:
            gate = rule.applicability
            lines.extend(
                _condition("applicable si ", gate.condition, gate.citation, STEP, _line(gate))
            )
        for clause in rule.clauses:
            lines.extend(_clause(clause))
        return lines

    def _derogation(self, derogation: nodes.Derogation) -> list[Line]:
        head = "exception"
        if derogation.name is not None:
            head += f" {derogation.name}"
        head += f" à {derogation.target}"
        if derogation.prevails_over:
            head += f" prime sur {', '.join(derogation.prevails_over)}"
        if derogation.period is not None:
            head += f" {printer.period(derogation.period)}"
        lines = [Line(0, head, _line(derogation))]
        lines.extend(self._texts(derogation.description, derogation.label))
        lines.extend(self._citation(derogation.citation))
        for case in derogation.cases:
            lines.extend(_clause(case))
        return lines

    def _texts(self, description: str | None, label: str | None) -> list[Line]:
        lines = [] if label is None else [self._text("libellé", label, "label")]
        if description is not None:
            lines.append(self._text("description", description))
        return lines

    def _text(self, word: str, value: str, key: str | None = None) -> Line:
        return Line(STEP, f"{word} {printer.text(value)}", self.attributes.get(key or word))

    def _citation(self, citation: nodes.Citation | None) -> list[Line]:
        if citation is None:
            return []
        return [Line(STEP, printer.citation(citation), _line(citation))]


def _clause(clause: nodes.Clause) -> list[Line]:
    show = printer.expression
    anchor = _line(clause)
    match clause:
        case nodes.Value(value=value, citation=citation):
            return [Line(STEP, f"= {show(value)}", anchor, citation)]
        case nodes.Default(value=value, citation=citation):
            return [Line(STEP, f"sinon {show(value)}", anchor, citation)]
        case nodes.Case(value=value, condition=condition, citation=citation):
            return _condition(f"{show(value)} si ", condition, citation, STEP, anchor)
        case nodes.Unless(value=value, condition=condition, citation=citation):
            return _condition(f"sauf {show(value)} si ", condition, citation, STEP, anchor)
        case nodes.Table(key=key, rows=rows):
            keys = [printer.row_key(row.key) for row in rows]
            width = max(map(len, keys), default=0)
            return [
                Line(STEP, f"suivant {show(key, context=printer.SUM)} :", anchor),
                *(
                    Line(2 * STEP, f"- {k:<{width}} : {show(row.value)}", _line(row), row.citation)
                    for row, k in zip(rows, keys, strict=True)
                ),
            ]
        case nodes.ListBuild(elements=elements):
            return [Line(STEP, "liste :", anchor), *(_element(e) for e in elements)]
    raise AssertionError(clause)


def _element(element: nodes.Element) -> Line:
    code = f"- {printer.expression(element.value)}"
    if element.condition is not None:
        code += f" si {printer.expression(element.condition)}"
    return Line(2 * STEP, code, _line(element), element.citation)


def _condition(
    prefix: str,
    condition: nodes.Expr,
    citation: nodes.Citation | None,
    indent: int,
    anchor: int | None,
) -> list[Line]:
    """`prefix condition`, or `prefix toutes ces conditions :` and one line per condition."""
    if not isinstance(condition, nodes.Group):
        return [Line(indent, prefix + printer.expression(condition), anchor, citation)]
    lines = [Line(indent, f"{prefix}{printer.group_head(condition.quantifier)} :", anchor)]
    for check in condition.items:
        label = "" if check.label is None else f"{printer.text(check.label)} : "
        if isinstance(check.expr, nodes.Group) or check.guard is None:
            lines.extend(
                _condition(f"- {label}", check.expr, check.citation, indent + STEP, _line(check))
            )
            continue
        code = f"- {label}{printer.expression(check.expr)} si {printer.expression(check.guard)}"
        lines.append(Line(indent + STEP, code, _line(check), check.citation))
    return lines


# ---------------------------------------------------------------- citations in a column


def _align(lines: list[Line]) -> list[Line]:
    """One column for the citations of a declaration: the one that keeps most of them on
    their line within `WIDTH`; a citation that does not fit goes on the next line."""
    cited = [line for line in lines if line.source is not None]
    column = _best_column(cited)
    aligned: list[Line] = []
    for line in lines:
        aligned.append(line)
        source = line.source
        if source is None:
            continue
        size = len(printer.citation(source))
        if column is not None and _fits(line, column, size):
            line.column = column
            continue
        line.source = None
        below = column if column is not None and line.indent < column <= WIDTH - size else None
        aligned.append(
            Line(
                below if below is not None else line.indent + 2 * STEP,
                printer.citation(source),
                _line(source),
                comment_indent=line.indent,
            )
        )
    return aligned


def _best_column(cited: list[Line]) -> int | None:
    best, count = None, 0
    for column in sorted({line.indent + len(line.code) + GAP for line in cited}):
        fitting = sum(
            _fits(line, column, len(printer.citation(line.source)))
            for line in cited
            if line.source is not None
        )
        if fitting > count:
            best, count = column, fitting
    return best


def _fits(line: Line, column: int, size: int) -> bool:
    return line.indent + len(line.code) + GAP <= column and column + size <= WIDTH


# ---------------------------------------------------------------- comments


def _place_comments(
    module: nodes.Module, source: Source, blocks: list[Block]
) -> dict[int, list[list[nodes.Comment]]]:
    """Attach each comment to a line or a block; return the groups that stand alone, by the
    index of the declaration they precede.

    A comment after code stays at the end of its line. A group of comment lines goes before
    the line that follows it; between declarations, a group glued to the declaration above
    it (or indented) stays at its end, one glued to the one below goes before it, and one
    set apart by blank lines stays apart.
    """
    owner = _Owners(blocks)
    own_lines: dict[int, nodes.Comment] = {}
    for comment in module.comments:
        span = comment.span
        assert span is not None
        if source.lines[span.line - 1][: span.column - 1].strip():
            owner.line(span.line).after.append(comment)
        else:
            own_lines[span.line] = comment
    code = [
        number
        for number in range(1, len(source.lines) + 1)
        if number not in own_lines and not source.is_blank(number)
    ]
    starts = set(source.starts)
    floating: dict[int, list[list[nodes.Comment]]] = {}
    for group in _groups(own_lines):
        first, last = _line(group[0]) or 0, _line(group[-1]) or 0
        index = bisect.bisect_right(code, last)
        after = code[index] if index < len(code) else None
        before = code[index - 1] if index > 0 else None
        if after is not None and after not in starts:
            owner.line(after).before.extend(group)
            continue
        glued_above = before is not None and before == first - 1
        glued_below = after is not None and after == last + 1
        indented = _column(group[0]) > 1
        if before is not None and glued_above and (not glued_below or indented):
            blocks[bisect.bisect_right(source.starts, before) - 1].after.extend(group)
        elif after is not None and glued_below:
            blocks[source.starts.index(after)].lines[0].before.extend(group)
        else:
            target = source.starts.index(after) if after is not None else len(blocks)
            floating.setdefault(target, []).append(group)
    return floating


class _Owners:
    """The output line that holds a source line: the one anchored closest before it."""

    def __init__(self, blocks: list[Block]) -> None:
        first: dict[int, Line] = {}
        for block in blocks:
            for line in block.lines:
                if line.anchor is not None:
                    first.setdefault(line.anchor, line)
        self.anchors = sorted(first)
        self.by_anchor = first

    def line(self, number: int) -> Line:
        index = bisect.bisect_right(self.anchors, number) - 1
        return self.by_anchor[self.anchors[max(index, 0)]]


def _groups(own_lines: dict[int, nodes.Comment]) -> list[list[nodes.Comment]]:
    groups: list[list[nodes.Comment]] = []
    for number in sorted(own_lines):
        if groups and _line(groups[-1][-1]) == number - 1:
            groups[-1].append(own_lines[number])
        else:
            groups.append([own_lines[number]])
    return groups


def _line(node: nodes.Node) -> int | None:
    return node.span.line if node.span is not None else None


def _nth(numbers: list[int], index: int) -> int | None:
    return numbers[index] if index < len(numbers) else None


def _column(comment: nodes.Comment) -> int:
    return comment.span.column if comment.span is not None else 1


def _position(comment: nodes.Comment) -> tuple[int, int]:
    span = comment.span
    return (span.line, span.column) if span is not None else (0, 0)
