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
    (
        "psychiatre.dans_parcours_de_soins",
        "psychiatre_acces_direct_30_ans.json",
        False,
        [
            "accès direct au psychiatre réservé aux 16-25 ans par la convention médicale [S], "
            "alors que CSS D.162-1-7 [P] ne fixe aucun âge",
            "Convention médicale, accès direct en psychiatrie (avenant n° 10) [S] ; contra CSS "
            "D.162-1-7, sans limite d'âge [P]",
        ],
    ),
    (
        "mon_soutien_psy.part_css",
        "msp_seance_css.json",
        Decimal("20.00"),
        [
            "texte en vigueur : CSS L.861-3 1°, depuis le 25/12/2022 (loi n° 2022-1616, art. 35)",
            "1° De la participation de l'assuré aux tarifs de responsabilité",
        ],
    ),
    (
        "css.participation_mensuelle",
        "css_aah_avec_participation.json",
        Decimal("21.00"),
        [
            "CSS L.861-2 3°",
            "Son montant est fixé par arrêté du ministre chargé de la sécurité sociale et varie "
            "selon l'âge du bénéficiaire.",
            "Le montant mensuel de la participation financière mentionnée à l'article L. 861-11",
        ],
    ),
    (
        "ame.soins_urgents_pris_en_charge",
        "ame_soins_urgents_arrivee_recente.json",
        True,
        [
            "texte en vigueur : CASF L.254-1, depuis le 30/12/2019",
            "« Les soins urgents dont l'absence mettrait en jeu le pronostic vital",
        ],
    ),
    (
        "cmp.type_centre",
        "cmp_dix_sept_ans.json",
        "adulte",
        [
            "texte en vigueur : CSP R.3221-1",
            "population âgée de plus de dix-huit ans",
            "Fiche Réfugiés.info (graine 000 : adulte dès 16 ans)",
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
    assert written == (
        "• psychiatre.base_de_remboursement - psychiatre.ticket_moderateur = 70 % "
        "(100 % − 30 %) CSS R.160-5 3°"
    )
    depth = len(calculation) - len(calculation.lstrip())
    below = lines[lines.index(calculation) + 1 :]
    operands = [line for line in below if len(line) - len(line.lstrip()) == depth + 2]
    base, ticket = operands[:2]
    assert base.lstrip().startswith("• tarif servant de base au calcul des prestations")
    assert " = 100 % " in base and "CSS L.160-13 I" in base
    assert ticket.lstrip().startswith("• ticket modérateur des consultations de médecin = 30 %")
    assert ticket.endswith("décision de l'UNCAM, 30 % dans la fourchette de 25 à 35 % [S]")


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
