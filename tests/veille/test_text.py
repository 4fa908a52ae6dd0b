"""Quotations against the official text: what normalisation forgives, what it reports."""

from __future__ import annotations

from alinea.veille.text import compare, normalise, runs, tokens

OFFICIAL = (
    "Il est revalorisé au 1er avril de chaque année, par application du coefficient mentionné "
    "à l'article L. 161-25 . Le montant du plafond en résultant est arrondi à l' euro le plus "
    "proche, la fraction d'euro égale à 0,50 étant comptée pour 1."
)


def test_typography_that_differs_between_legi_and_rule_files_is_forgiven() -> None:
    quoted = [
        "Il est revalorisé au 1er\u00a0avril de chaque année, par application du coefficient",
        "mentionné à l’article L. 161-25. Le montant du plafond en résultant est arrondi à",
        "l'euro le plus proche,   la fraction d'euro égale à 0,50 étant comptée pour 1.",
    ]
    assert compare(quoted, OFFICIAL) == []


def test_a_changed_word_is_reported_with_its_context() -> None:
    quoted = ["Le montant du plafond en résultant est arrondi à l'euro le plus bas, la fraction"]
    (mismatch,) = compare(quoted, OFFICIAL)
    (difference,) = mismatch.differences
    assert difference.word_diff() == ("… à l'euro le plus [-proche-] {+bas+}, la fraction …")


def test_a_missing_and_an_added_word() -> None:
    (missing,) = compare(["Le montant du plafond est arrondi"], OFFICIAL)
    assert [d.word_diff() for d in missing.differences] == [
        "… Le montant du plafond [-en résultant-] est arrondi …"
    ]
    (added,) = compare(["arrondi à l'euro le plus proche possible, la fraction"], OFFICIAL)
    assert [d.word_diff() for d in added.differences] == [
        "… l'euro le plus proche {+possible+}, la fraction …"
    ]


def test_case_accents_and_punctuation_count() -> None:
    assert compare(["Il est Revalorisé au 1er avril"], OFFICIAL)
    assert compare(["Il est revalorise au 1er avril"], OFFICIAL)
    assert compare(["au 1er avril de chaque année; par application"], OFFICIAL)


def test_runs_between_cuts_must_come_in_order() -> None:
    in_order = ["Il est revalorisé […] arrondi à l'euro le plus proche […]"]
    assert compare(in_order, OFFICIAL) == []
    (mismatch,) = compare(["arrondi à l'euro […] Il est revalorisé"], OFFICIAL)
    assert mismatch.out_of_order
    assert mismatch.run == ("Il", "est", "revalorisé")


def test_cuts_written_with_three_dots_and_empty_runs() -> None:
    assert runs(["[...] Il est […]", "[…]"]) == [["Il", "est"]]


def test_normalisation_and_tokens() -> None:
    assert normalise("l’ article\u00a0 L. 161-25 ") == "l'article L. 161-25"
    assert tokens("L. 162-58 , le patient") == tokens("L. 162-58, le patient")
    assert tokens("I.-Les séances") == ["I", ".", "-Les", "séances"]
