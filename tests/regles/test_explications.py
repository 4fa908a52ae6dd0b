"""The explanation of each entitlement quotes the text of the article that decided it.

An auditor reads the deciding words of the law in the explanation; these tests fail if a
section loses its quote, or if a condition stops citing the paragraph it applies.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from alinea.engine import RuleBase, load

FIXTURES = Path(__file__).parent / "fixtures"
DAY = "2026-03-01"

CASES = [
    (
        "puma.droit",
        "puma_francais_resident.json",
        True,
        [
            "texte en vigueur : CSS L.160-1, depuis le 14/05/2022",
            "« Toute personne travaillant ou, lorsqu'elle n'exerce pas d'activité",
            "qu'elles résident en France de manière ininterrompue depuis plus de trois mois",
        ],
    ),
    (
        "css.droit",
        "css_sous_le_plafond.json",
        "gratuite",
        [
            "« 1° Sans acquitter de participation financière lorsque leurs ressources",
            "(9 000,00 € < 10 339,00 €)",
            "Le montant du plafond en résultant est arrondi à l'euro le plus proche",
        ],
    ),
    (
        "ame.droit",
        "ame_sans_titre_de_sejour.json",
        True,
        [
            "texte en vigueur : CASF L.251-1, depuis le 30/12/2019 (loi n° 2019-1479",
            "« Tout étranger résidant en France de manière ininterrompue sans remplir",
            "(9 000,00 € ≤ 10 339,00 €)",
        ],
    ),
    (
        "quitter_cmp.arret_unilateral_possible",
        "quitter_cmp_soins_libres.json",
        True,
        [
            "texte en vigueur : CSP L.1111-4, depuis le 01/10/2020 (ordonnance n° 2020-232)",
            "ce consentement peut être retiré à tout moment",
            "Un CMP ne peut pas, légalement, vous imposer un suivi si vous êtes en soins libres",
        ],
    ),
]


@pytest.fixture(scope="module")
def rules() -> RuleBase:
    return load(cache=False)


@pytest.mark.parametrize(("name", "fixture", "value", "quoted"), CASES)
def test_explanation_quotes_the_deciding_article(
    rules: RuleBase, name: str, fixture: str, value: object, quoted: list[str]
) -> None:
    facts = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    conclusion = rules.evaluate(facts, date=DAY)[name]
    text = " ".join(conclusion.explain().split())
    assert conclusion.value == value
    for words in quoted:
        assert words in text


def test_a_derived_rate_shows_how_it_is_obtained(rules: RuleBase) -> None:
    facts = json.loads((FIXTURES / "psychiatre_dans_le_parcours.json").read_text(encoding="utf-8"))
    conclusion = rules.evaluate(facts, date=DAY)["psychiatre.taux_remboursement"]
    assert conclusion.value == Decimal("0.7")
    lines = conclusion.explain().splitlines()
    [calculation] = [line for line in lines if "(100 % − 30 %)" in line]
    written = " ".join(calculation.split())
    assert written == "• 100 % - psychiatre.ticket_moderateur = 70 % (100 % − 30 %) CSS R.160-5 3°"
    below = lines[lines.index(calculation) + 1]
    assert below.lstrip().startswith("• ticket modérateur des consultations de médecin = 30 %")
    assert below.endswith("Décision de l'UNCAM, dans la fourchette de CSS R.160-5 3° [S]")
    assert len(below) - len(below.lstrip()) > len(calculation) - len(calculation.lstrip())


def test_a_missing_fact_that_cannot_change_the_right_is_said_not_to_matter(
    rules: RuleBase,
) -> None:
    path = FIXTURES / "ame_3000_euros_territoire_inconnu.json"
    facts = json.loads(path.read_text(encoding="utf-8"))
    assert "residence_outre_mer" not in facts
    conclusion = rules.evaluate(facts, date=DAY)["ame.droit"]
    assert (conclusion.value, conclusion.missing) == (True, ())
    text = " ".join(conclusion.explain().split())
    assert (
        "✓ quelle que soit la valeur de residence_outre_mer (vrai ou faux) ; "
        "par exemple avec residence_outre_mer = vrai :"
    ) in text
    assert "(3 000,00 € ≤ 11 507,00 €)" in text
    assert "CASF L.251-1" in conclusion.sources
