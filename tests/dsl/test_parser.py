"""From text to AST: every construct, positions, normalisation, and a grammar without conflicts."""

from __future__ import annotations

import datetime
import threading
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from lark import Lark
from syrupy.assertion import SnapshotAssertion

from alinea.dsl import RuleError, nodes, parse, parse_file
from alinea.dsl.dump import dump
from alinea.dsl.parser import GRAMMAR, Indentation
from alinea.dsl.source import MAX_STRING_LENGTH, RULE_FILE_LIMIT

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_sample_file_parses_to_the_expected_tree(snapshot: SnapshotAssertion) -> None:
    text = (FIXTURES / "exemple.alinea").read_text(encoding="utf-8")
    assert dump(parse(text, "exemple.alinea")) == snapshot


def test_the_grammar_has_no_conflict_nor_regex_collision() -> None:
    Lark(
        GRAMMAR.read_text(encoding="utf-8"),
        parser="lalr",
        lexer="basic",
        postlex=Indentation(),
        strict=True,
    )


def test_every_node_has_a_span_ignored_by_equality() -> None:
    first = parse('règle a.b : entier\n  selon "x"\n  = 1 + 2\n', "un.alinea")
    second = parse('\n\nrègle   a.b : entier\n    selon "x"\n    = 1+2\n', "deux.alinea")
    assert first.items == second.items
    rule = first.items[0]
    assert isinstance(rule, nodes.Rule)
    assert rule.span is not None
    assert (rule.span.path, rule.span.line, rule.span.column) == ("un.alinea", 1, 1)
    value = rule.clauses[0]
    assert isinstance(value, nodes.Value)
    assert value.value.span is not None
    assert (value.value.span.line, value.value.span.column) == (3, 5)


def test_input_is_normalised_to_nfc_and_accents_are_allowed() -> None:
    text = 'donnée âge_révolu : entier\n  question "Âge ?"\n'
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert parse(decomposed) == parse(text)
    fact = parse(decomposed).items[0]
    assert isinstance(fact, nodes.Fact)
    assert fact.name == "âge_révolu"


def test_keywords_may_be_written_without_accents() -> None:
    with_accents = parse('règle a : booléen\n  selon "x"\n  = vrai\n')
    without = parse('regle a : booleen\n  selon "x"\n  = vrai\n')
    assert with_accents == without


def test_comments_are_kept_apart_with_their_position() -> None:
    module = parse(
        '# en tête\ndonnée a : entier  # fin de ligne\n  question "a # pas un commentaire"\n'
    )
    assert [(c.text, c.span.line if c.span else 0) for c in module.comments] == [
        ("# en tête", 1),
        ("# fin de ligne", 2),
    ]


def test_quoted_law_lines_stay_with_their_article() -> None:
    module = parse(
        "§ CSS R.162-68 | depuis 2022-02-19 (décret n° 2022-195)\n> Première.\n>\n> Troisième.\n"
    )
    article = module.items[0]
    assert isinstance(article, nodes.Article)
    assert article.reference == "CSS R.162-68"
    assert article.amendment == "décret n° 2022-195"
    assert article.lines == ("Première.", "", "Troisième.")
    assert article.period is not None
    assert article.period.start is not None
    assert article.period.start.isoformat() == "2022-02-19"


def test_a_citation_may_stand_on_the_next_line() -> None:
    inline = parse('règle a : booléen\n  vrai si 1 < 2 selon "x"\n  sinon faux\n')
    next_line = parse('règle a : booléen\n  vrai si 1 < 2\n    selon "x"\n  sinon faux\n')
    assert inline == next_line


def test_aucune_is_both_a_keyword_and_an_enumeration_value() -> None:
    module = parse(
        "donnée c : énumération (aucune, css)\n"
        'règle r : booléen\n  selon "x"\n'
        "  vrai si aucune de ces conditions :\n    - c = aucune\n  sinon faux\n"
    )
    fact, rule = module.items
    assert isinstance(fact, nodes.Fact)
    assert fact.type == nodes.EnumType(("aucune", "css"))
    assert isinstance(rule, nodes.Rule)
    case = rule.clauses[0]
    assert isinstance(case, nodes.Case)
    assert case.condition == nodes.Group(
        "aucune",
        (nodes.Check(None, nodes.Comparison("=", nodes.Name("c"), nodes.Name("aucune"))),),
    )


def test_quantities_normalise_their_units() -> None:
    module = parse('règle a : durée\n  selon "x"\n  = 2 ans + 1 mois + 3 jours + 48 heures\n')
    rule = module.items[0]
    assert isinstance(rule, nodes.Rule)
    value = rule.clauses[0]
    assert isinstance(value, nodes.Value)
    units = []
    node: nodes.Expr = value.value
    while isinstance(node, nodes.Arithmetic):
        assert isinstance(node.right, nodes.Quantity)
        units.append(node.right.unit)
        node = node.left
    assert isinstance(node, nodes.Quantity)
    assert node == nodes.Quantity(Decimal("2"), "an")
    assert units == ["heure", "jour", "mois"]


def test_comments_are_found_outside_strings_headers_and_quoted_lines() -> None:
    text = (FIXTURES / "commentaires.alinea").read_text(encoding="utf-8")
    module = parse(text, "commentaires.alinea")
    found = [(c.span.line, c.span.column, c.text) for c in module.comments if c.span]
    assert found == [
        (1, 1, "# en-tête du fichier"),
        (5, 3, "# dans le bloc de l'article"),
        (7, 21, "# après la déclaration"),
        (8, 48, "# après un texte"),
    ]
    assert module.items[0].reference == "Arrêté du 8 mars 2022 # fait partie de l'en-tête"
    assert module.items[0].amendment is None
    assert module.items[0].lines == ("texte cité # fait partie de la citation",)


def test_trailing_blanks_are_not_part_of_a_comment() -> None:
    # Inline on purpose: editors strip trailing blanks from fixture files.
    module = parse("# note   \t\ndonnée age : entier  # fin  \n")
    assert [c.text for c in module.comments] == ["# note", "# fin"]


def test_a_yearly_parameter_value_reads_the_previous_value() -> None:
    text = (FIXTURES / "revalorisation.alinea").read_text(encoding="utf-8")
    parameter = parse(text, "revalorisation.alinea").items[0]
    assert isinstance(parameter, nodes.Parameter)
    fixed, yearly = parameter.values
    assert not fixed.yearly
    assert yearly.yearly
    assert yearly.period == nodes.Period(datetime.date(2026, 4, 1), None)
    assert yearly.citation == nodes.Citation("CSS L.861-1 al. 4")
    assert yearly.value == nodes.Call(
        "arrondi_euro",
        (
            nodes.Arithmetic(
                "*",
                nodes.Previous(),
                nodes.Call(
                    "maximum",
                    (nodes.Name("revalorisation.coefficient"), nodes.Number(Decimal(1), True)),
                ),
            ),
        ),
    )
    previous = yearly.value.args[0]
    assert isinstance(previous, nodes.Arithmetic)
    assert previous.left.span is not None
    assert (previous.left.span.line, previous.left.span.column) == (3, 16)


def test_the_yearly_words_may_be_written_without_accents() -> None:
    text = (FIXTURES / "revalorisation.alinea").read_text(encoding="utf-8")
    plain = text.replace("précédent", "precedent").replace("chaque année", "chaque annee")
    assert plain != text
    assert parse(plain) == parse(text)


def test_a_byte_order_mark_is_not_an_unexpected_character() -> None:
    with_bom = parse('\ufeffdonnée age : entier\n  libellé "âge"\n', "bom.alinea")
    without = parse('donnée age : entier\n  libellé "âge"\n', "bom.alinea")
    assert with_bom.items == without.items
    assert with_bom.items[0].span == without.items[0].span


def test_a_text_longer_than_the_limit_is_a_located_error() -> None:
    long = "x" * (MAX_STRING_LENGTH + 1)
    with pytest.raises(RuleError) as error:
        parse(f'donnée age : entier\n  libellé "{long}"\n', "long.alinea")
    [diagnostic] = error.value.diagnostics
    assert str(diagnostic) == (
        "long.alinea:2:11: error[E021]: texte trop long : 10\u202f001 caractères "
        "(10\u202f000 au plus)"
    )
    parse(f'donnée age : entier\n  libellé "{long[1:]}"\n', "juste.alinea")


def test_a_3_megabyte_label_is_refused_quickly() -> None:
    text = 'donnée a : entier\n  libellé "' + "x" * 3_000_000 + '"\n'
    start = time.perf_counter()
    with pytest.raises(RuleError) as error:
        parse(text, "enorme.alinea")
    assert time.perf_counter() - start < 10  # sanity bound; bench/bench_input.py measures
    assert [d.code for d in error.value.diagnostics] == ["E021"]


def test_many_syntax_errors_are_all_reported_at_their_lines() -> None:
    block = 'donnée f{i} : entier\n  libellé "x" "y"\n\n'
    text = "".join(block.format(i=i) for i in range(2000))
    start = time.perf_counter()
    with pytest.raises(RuleError) as error:
        parse(text, "erreurs.alinea")
    assert time.perf_counter() - start < 30  # sanity bound: one parse per block, not per line
    lines = [d.span.line for d in error.value.diagnostics if d.span]
    assert lines == [2 + 3 * i for i in range(2000)]


def test_a_rule_file_past_the_size_limit_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "gros.alinea"
    path.write_bytes(b"# commentaire\n" * (RULE_FILE_LIMIT // 14 + 1))
    with pytest.raises(RuleError) as error:
        parse_file(path)
    [diagnostic] = error.value.diagnostics
    assert diagnostic.code == "E020"
    assert diagnostic.message == "fichier de règles trop volumineux (plus de 2 Mio)"
    assert diagnostic.span is not None and diagnostic.span.line == RULE_FILE_LIMIT // 14 + 1


def test_threads_parsing_at_once_each_get_the_whole_parse() -> None:
    """The language server parses in its worker thread and in its main one at once."""
    path = Path(__file__).parents[2] / "regles" / "css.alinea"
    text = path.read_text(encoding="utf-8")
    expected = parse(text, "css.alinea")
    found: list[bool] = []

    def work() -> None:
        found.extend(parse(text, "css.alinea") == expected for _ in range(3))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [True] * 9
