"""The plain dependency graph answers as networkx does, on any graph, in the same orders."""

from __future__ import annotations

import doctest

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from alinea.engine import load
from alinea.engine.compiler import dependencies
from alinea.engine.compiler.dependencies import Digraph

NAMES = st.sampled_from("abcdefgh")
EDGES = st.lists(st.tuples(NAMES, NAMES), max_size=20)


def both(names: list[str], edges: list[tuple[str, str]]) -> tuple[Digraph, nx.DiGraph[str]]:
    plain: Digraph = Digraph()
    reference: nx.DiGraph[str] = nx.DiGraph()
    for name in names:
        plain.add_node(name, kind=name.upper())
        reference.add_node(name, kind=name.upper())
    for number, (tail, head) in enumerate(edges):
        plain.add_edges_from([(tail, head, {"level": number})])
        reference.add_edges_from([(tail, head, {"level": number})])
    return plain, reference


@given(names=st.lists(NAMES, unique=True), edges=EDGES)
def test_the_plain_graph_answers_as_networkx(
    names: list[str], edges: list[tuple[str, str]]
) -> None:
    plain, reference = both(names, edges)
    assert list(plain.nodes) == list(reference.nodes)
    assert plain.nodes == dict(reference.nodes(data=True))
    assert plain.edges == {(a, b): data for a, b, data in reference.edges(data=True)}
    assert plain.number_of_edges() == reference.number_of_edges()
    for name in reference:
        assert plain.successors(name) == list(reference.successors(name))
        assert plain.predecessors(name) == list(reference.predecessors(name))
        assert plain.descendants(name) == nx.descendants(reference, name)
        assert plain.ancestors(name) == nx.ancestors(reference, name)
    assert plain.has_cycle() == (not nx.is_directed_acyclic_graph(reference))
    if not plain.has_cycle():
        assert plain.topological_order() == list(nx.topological_sort(reference))


@given(names=st.lists(NAMES, unique=True), edges=EDGES)
def test_its_networkx_copy_is_the_same_graph_in_the_same_order(
    names: list[str], edges: list[tuple[str, str]]
) -> None:
    plain, reference = both(names, edges)
    copy = plain.networkx()
    assert list(copy.nodes(data=True)) == list(reference.nodes(data=True))
    assert list(copy.edges(data=True)) == list(reference.edges(data=True))
    assert plain.networkx() is copy  # built once
    plain.add_node("z")
    assert "z" in plain.networkx()  # and again after a change


def test_a_cycle_has_no_topological_order() -> None:
    plain, _ = both(["a", "b"], [("a", "b"), ("b", "a")])
    try:
        plain.topological_order()
    except ValueError as error:
        assert str(error) == "the graph has a cycle"
    else:
        raise AssertionError("a cycle was sorted")


def test_clear_empties_it() -> None:
    plain, _ = both(["a", "b"], [("a", "b")])
    plain.networkx()
    plain.clear()
    assert (plain.nodes, plain.edges, "a" in plain) == ({}, {}, False)
    assert list(plain.networkx().nodes) == []


def test_the_program_graph_is_its_dependencies_as_networkx() -> None:
    program = load().program
    graph = program.graph
    assert isinstance(graph, nx.DiGraph)
    assert list(graph.nodes(data=True)) == list(program.dependencies.nodes.items())
    assert {(a, b): d for a, b, d in graph.edges(data=True)} == program.dependencies.edges


def test_the_doctest_passes() -> None:
    outcome = doctest.testmod(dependencies, verbose=False)
    assert (outcome.attempted, outcome.failed) == (5, 0)
