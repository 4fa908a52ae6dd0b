"""`lower(program, day)`: the law in force that day, with types, operators, rounding,
exceptions and absences explicit (fixture: `fixtures/abaissement.alinea`)."""

from __future__ import annotations

import datetime
import gc
import weakref
from decimal import Decimal
from pathlib import Path

import pytest

from alinea.engine.compiler.loader import load_program
from alinea.engine.compiler.program import Program
from alinea.engine.domain import types
from alinea.engine.domain.outcomes import GapSide
from alinea.engine.domain.types import Kind
from alinea.engine.domain.values import Duration
from alinea.engine.lowered import (
    Absent,
    Parameter,
    Reason,
    Revaluation,
    Rule,
    Symbol,
    lower,
    lowering,
)
from alinea.engine.lowered import nodes as low
from alinea.engine.lowered.walk import constants

FIXTURE = Path(__file__).parent / "fixtures" / "abaissement.alinea"
DAY = datetime.date(2022, 6, 1)


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program([FIXTURE], cache=False)


def rule(program: Program, name: str, day: datetime.date = DAY) -> Rule:
    found = lower(program, day).rule(name)
    assert isinstance(found, Rule), found
    return found


def value(program: Program, name: str, day: datetime.date = DAY) -> low.Expr:
    body = rule(program, name, day).version.body
    assert isinstance(body, low.Formula), body
    return body.value


# ---------------------------------------------------------------- versions and parameters


def test_the_version_in_force_is_chosen_for_the_day(program: Program) -> None:
    first = rule(program, "test.versionnee", datetime.date(2021, 6, 1)).version
    second = rule(program, "test.versionnee", datetime.date(2022, 1, 1)).version
    assert (first.index, first.article, first.period) == (0, "Loi test, art. 3", first.period)
    assert first.period is not None and first.period.end == datetime.date(2021, 12, 31)
    assert (second.index, second.text) == (1, "règle versionnée")
    assert value(program, "test.versionnee", datetime.date(2022, 1, 1)) == low.Constant(
        2, type=types.ENTIER, text="2"
    )


def test_a_version_is_lowered_once_and_shared_by_every_day(program: Program) -> None:
    assert lowering(program) is lowering(program)
    june, july = (rule(program, "test.montant", datetime.date(2022, m, 1)) for m in (6, 7))
    assert june.version is july.version


def test_a_parameter_has_its_value_of_the_day(program: Program) -> None:
    for day, rate in ((datetime.date(2021, 12, 31), "0.1"), (datetime.date(2022, 1, 1), "0.2")):
        found = lower(program, day).parameter("test.taux")
        assert isinstance(found, Parameter)
        assert found.value == low.Constant(Decimal(rate), type=types.TAUX, text=found.value.text)


def test_a_yearly_value_is_resolved_to_the_anniversary_of_the_day(program: Program) -> None:
    before = lower(program, datetime.date(2020, 6, 1)).parameter("test.base")
    assert isinstance(before, Parameter) and before.value.text == "100 €"
    found = lower(program, datetime.date(2023, 6, 1)).parameter("test.base")
    assert isinstance(found, Revaluation)
    assert found.anniversary == datetime.date(2023, 1, 1)
    assert found.previous_day == datetime.date(2022, 12, 31)
    formula = found.yearly.formula
    assert isinstance(formula, low.Round) and formula.rounding is low.Rounding.EURO
    assert isinstance(formula.operand, low.Arithmetic)
    assert isinstance(formula.operand.left, low.Previous)
    assert formula.operand.left.type == types.MONTANT


# ---------------------------------------------------------------- absences


def test_before_the_creation_of_its_article_a_rule_is_not_applicable(program: Program) -> None:
    found = lower(program, datetime.date(2019, 6, 1)).rule("test.montant")
    assert isinstance(found, Absent)
    assert (found.reason, found.symbol, found.applicable) == (
        Reason.NOT_CREATED,
        Symbol.RULE,
        False,
    )
    assert (
        found.note
        == "l'article Loi test, art. 1 n'existait pas avant le 01/01/2020 (loi n° 2019-1, art. 3)"
    )


def test_after_the_abrogation_of_its_article_a_rule_is_not_applicable(program: Program) -> None:
    found = lower(program, datetime.date(2023, 6, 1)).rule("test.montant")
    assert isinstance(found, Absent) and found.reason is Reason.ABROGATED
    assert (
        found.note
        == "l'article Loi test, art. 1 est abrogé depuis le 01/01/2023 (loi n° 2022-9, art. 1er)"
    )
    assert found.gap is None


def test_where_the_rule_base_stops_a_rule_is_not_covered(program: Program) -> None:
    found = lower(program, datetime.date(2019, 6, 1)).rule("test.taux_aide")
    assert isinstance(found, Absent)
    assert (found.reason, found.applicable, found.text) == (
        Reason.NOT_COVERED,
        True,
        "taux de l'aide",
    )
    assert found.gap is not None
    assert (found.gap.side, found.gap.covered_from) == (GapSide.BEFORE, datetime.date(2020, 1, 1))
    parameter = lower(program, datetime.date(2024, 1, 1)).parameter("test.plafond")
    assert isinstance(parameter, Absent) and parameter.symbol is Symbol.PARAMETER
    assert parameter.gap is not None and parameter.gap.side is GapSide.AFTER


# ---------------------------------------------------------------- exceptions


def test_exceptions_in_force_are_ordered_inline_first_then_as_declared(program: Program) -> None:
    before = rule(program, "test.taux_aide", datetime.date(2021, 6, 1))
    after = rule(program, "test.taux_aide", datetime.date(2022, 1, 1))
    assert [d.text for d in before.exceptions] == [
        "sauf 100 % si statut = etudiant",
        "exception « retraite »",
        "exception « jeune »",
    ]
    assert [d.text for d in after.exceptions][3:] == ["exception « tardive »"]
    inline, retraite, jeune, tardive = after.exceptions
    assert inline.inline and not retraite.inline
    assert jeune.overrides == frozenset({retraite.key}) and not tardive.overrides
    assert jeune.cases[0].value == low.Constant(Decimal("0.9"), type=types.TAUX, text="90 %")


# ---------------------------------------------------------------- expressions


@pytest.mark.parametrize(
    ("name", "operator", "kind"),
    [
        ("test.echeance", low.Operator.DATE_PLUS_DURATION, Kind.DATE),
        ("test.echeance_inverse", low.Operator.DURATION_PLUS_DATE, Kind.DATE),
        ("test.veille", low.Operator.DATE_MINUS_DURATION, Kind.DATE),
        ("test.sejour", low.Operator.DATE_MINUS_DATE, Kind.DUREE),
        ("test.double", low.Operator.DURATION_PLUS_DURATION, Kind.DUREE),
        ("test.part", low.Operator.DIVIDE, Kind.DECIMAL),
        ("test.montant", low.Operator.ADD, Kind.MONTANT),
    ],
)
def test_each_operation_names_its_exact_operator_and_type(
    program: Program, name: str, operator: low.Operator, kind: Kind
) -> None:
    found = value(program, name)
    assert isinstance(found, low.Arithmetic)
    assert (found.operator, found.type.kind) == (operator, kind)


def test_a_product_of_a_duration_and_an_integer_is_its_own_operator(program: Program) -> None:
    found = value(program, "test.double")
    assert isinstance(found, low.Arithmetic) and isinstance(found.left, low.Arithmetic)
    assert found.left.operator is low.Operator.DURATION_TIMES_INTEGER
    assert found.right == low.Constant(Duration(months=1), type=types.DUREE, text="1 mois")


def test_rounding_is_a_node_over_an_unrounded_amount(program: Program) -> None:
    total = value(program, "test.montant")
    assert isinstance(total, low.Arithmetic) and isinstance(total.left, low.Round)
    rounded = total.left
    assert (rounded.rounding, rounded.rounding.quantum) == (low.Rounding.CENT, Decimal("0.01"))
    assert rounded.type == types.MONTANT and rounded.operand.type == types.UNROUNDED
    assert isinstance(total.right, low.ParameterRef) and total.right.name == "test.forfait"


def test_durations_compare_laid_back_from_the_day_values_directly(program: Program) -> None:
    durations, numbers = value(program, "test.ancien"), value(program, "test.majeur")
    assert isinstance(durations, low.Compare) and isinstance(numbers, low.Compare)
    assert (durations.ordering, durations.comparator) == (low.Ordering.DURATIONS, low.Comparator.GT)
    assert (numbers.ordering, numbers.comparator) == (low.Ordering.VALUES, low.Comparator.GE)
    assert isinstance(numbers.left, low.FactRef) and numbers.left.text == "âge"


def test_a_condition_list_keeps_labels_guards_and_kleene_connectives(program: Program) -> None:
    body = rule(program, "test.conditions").version.body
    assert isinstance(body, low.Cases) and body.otherwise.value is not None
    group = body.cases[0].condition
    assert isinstance(group, low.Group) and group.quantifier is low.Quantifier.ALL
    line, member, guarded, either = group.items
    assert isinstance(line, low.Line)
    assert (line.label, line.citation, line.text) == ("majeur", "Loi test, art. 1, 1°", "majeur")
    assert isinstance(member, low.FactRef) and member.name == "membre"
    assert isinstance(guarded, low.Implication) and guarded.text == "statut = etudiant, si age < 26"
    assert isinstance(either, low.Logical) and either.connective is low.Connective.OR
    assert isinstance(either.left, low.Not) and isinstance(either.right, low.Member)
    assert isinstance(either.right.collection, low.ListOf)
    assert either.right.collection.type.element == types.Type(
        Kind.VALUE, values=("salarie", "etudiant")
    )


def test_cases_without_otherwise_are_not_applicable_when_none_applies(program: Program) -> None:
    body = rule(program, "test.cas").version.body
    assert isinstance(body, low.Cases)
    assert [c.text for c in body.cases] == ["mineur si age < 18", "majeur si age ≥ 18"]
    assert [c.citation for c in body.cases] == [None, "Loi test, art. 1, 2°"]
    assert (body.otherwise.value, body.otherwise.text) == (None, "aucun cas ne s'applique")


def test_a_bareme_keeps_each_row_key(program: Program) -> None:
    body = rule(program, "test.tranche").version.body
    assert isinstance(body, low.Table)
    assert [type(row.key) for row in body.rows] == [low.KeyEqual, low.KeyRange, low.KeyAtLeast]
    assert [row.text for row in body.rows] == ["1 : 1", "de 2 à 4 : 2", "5 ou plus : 3"]
    assert [c.value for c in constants(body)] == [1, 1, 2, 4, 2, 5, 3]


def test_a_list_keeps_each_element_with_its_condition(program: Program) -> None:
    body = rule(program, "test.pieces").version.body
    assert isinstance(body, low.ListBuild)
    first, second = body.elements
    assert first.condition is None
    assert second.condition is not None and second.citation == "Loi test, art. 1, al. 2"
    assert second.text == "justificatif si revenu > 0 €"
    count = value(program, "test.nombre_pieces")
    assert isinstance(count, low.Count) and count.type == types.ENTIER


def test_an_applicability_condition_is_lowered_apart(program: Program) -> None:
    version = rule(program, "test.sous_plafond").version
    assert isinstance(version.applicability, low.Compare)
    assert version.applicability.text == "age ≥ 18"


def test_reads_names_the_facts_parameters_and_rules_of_the_day(program: Program) -> None:
    lowered = lower(program, DAY)
    assert lowered.reads("test.montant") == {"revenu", "test.taux", "test.forfait"}
    assert lowered.reads("test.nombre_pieces") == {"test.pieces"}
    assert lowered.reads("test.taux_aide") == {"statut", "age", "membre"}
    assert lower(program, datetime.date(2021, 6, 1)).reads("test.taux_aide") == {"statut", "age"}
    assert lowered.reads("age") == frozenset()


def test_the_shared_lowering_does_not_keep_its_program_alive() -> None:
    program = load_program([FIXTURE], cache=False)
    assert isinstance(lower(program, DAY).rule("test.montant"), Rule)
    gone = weakref.ref(program)
    del program
    gc.collect()
    assert gone() is None
