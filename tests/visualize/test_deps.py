"""The dependency graph: whole base or one subject, clustered by file."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from alinea.dsl.errors import UsageError
from alinea.engine import RuleBase
from alinea.visualize import deps, dot


def test_small_base(small: RuleBase, snapshot: SnapshotAssertion) -> None:
    source = dot.source(deps.dependency_graph(small.program))
    assert source == snapshot
    assert "fichier tests/visualize/fixtures/base/aide.alinea" in source
    assert "fichier tests/visualize/fixtures/base/donnees.alinea" in source


def test_subject_keeps_what_it_reads(rules: RuleBase) -> None:
    diagram = deps.dependency_graph(rules.program, "mon_soutien_psy")
    codes = {node.code or node.title for node in diagram.nodes}
    assert "mon_soutien_psy.seance_prise_en_charge" in codes
    assert "modalite_seance" in codes
    assert "departement" not in codes
    kinds = {node.code: node.kind for node in diagram.nodes}
    assert kinds["mon_soutien_psy.troubles_eligibles"] == "règle"
    assert kinds["mon_soutien_psy.eligible"] == "conclusion"
    assert kinds["mon_soutien_psy.plafond_annuel"] == "paramètre"


def test_every_edge_reads_left_to_right(rules: RuleBase) -> None:
    diagram = deps.dependency_graph(rules.program)
    assert all(edge.constraint for edge in diagram.edges)
    assert len(diagram.edges) == rules.program.graph.number_of_edges()


def test_unknown_subject(small: RuleBase) -> None:
    with pytest.raises(UsageError) as error:
        deps.dependency_graph(small.program, "puma")
    (diagnostic,) = error.value.diagnostics
    assert diagnostic.message == "sujet inconnu « puma »"
    assert diagnostic.hint == "sujets de la base : aide"
