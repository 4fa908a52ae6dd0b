"""The JUnit XML report of `alinea test`, the format CI servers read test results in."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

import attrs

from ...dsl.diagnostics import render
from ...dsl.errors import Diagnostic
from . import golden


@attrs.frozen
class FileRun:
    """The cases of one golden file with the seconds each took, or why the file is unreadable."""

    path: str
    outcomes: tuple[tuple[golden.Verdict, float], ...] = ()
    errors: tuple[Diagnostic, ...] = ()


def report(runs: Sequence[FileRun]) -> bytes:
    """One `testsuite` per golden file, one `testcase` per case; an unreadable file is one
    `testcase` in error."""
    root = ElementTree.Element("testsuites", name="alinea test")
    for run in runs:
        suite = ElementTree.SubElement(root, "testsuite", name=run.path)
        for outcome, seconds in run.outcomes:
            _case(suite, outcome, seconds)
        if run.errors:
            line = run.errors[0].span.line if run.errors[0].span else 1
            case = _testcase(suite, run.path, "(fichier de cas)", line, 0.0)
            error = ElementTree.SubElement(case, "error", message=run.errors[0].message)
            error.text = "\n\n".join(render(d) for d in run.errors)
        _count(suite)
    _count(root, "testsuite/")
    ElementTree.indent(root)
    text: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _case(suite: ElementTree.Element, outcome: golden.Verdict, seconds: float) -> None:
    case = outcome.case
    element = _testcase(suite, case.path, case.name, case.line, seconds)
    if outcome.errors:
        message = outcome.errors[0].message
        ElementTree.SubElement(element, "error", message=message).text = golden.report(outcome)
    elif outcome.mismatches:
        first = outcome.mismatches[0]
        message = f"{first.name} : attendu {first.expected}, obtenu {first.actual}"
        ElementTree.SubElement(element, "failure", message=message).text = golden.report(outcome)


def _testcase(
    suite: ElementTree.Element, path: str, name: str, line: int, seconds: float
) -> ElementTree.Element:
    return ElementTree.SubElement(
        suite,
        "testcase",
        classname=path.removesuffix(".yaml").removesuffix(".yml").replace("/", "."),
        name=name,
        file=path,
        line=str(line),
        time=f"{seconds:.4f}",
    )


def _count(element: ElementTree.Element, prefix: str = "") -> None:
    element.set("tests", str(len(element.findall(f"{prefix}testcase"))))
    element.set("failures", str(len(element.findall(f"{prefix}testcase/failure"))))
    element.set("errors", str(len(element.findall(f"{prefix}testcase/error"))))
