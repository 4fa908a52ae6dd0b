"""Yearly parameter values and derived figures in the diagrams and the documentation site."""

from __future__ import annotations

import datetime
from pathlib import Path

from alinea.engine import RuleBase
from alinea.visualize import dot, overlay, site, tree
from tests.visualize.html_text import text_of


def test_the_parameter_page_lists_each_revaluation_up_to_the_date(
    ceilings: RuleBase, tmp_path: Path
) -> None:
    site.build(ceilings.program, tmp_path, datetime.date(2028, 6, 1))
    page = text_of((tmp_path / "parametres" / "css.plafond_personne_seule.html").read_text())
    assert (
        "arrondi_euro(précédent × maximum(revalorisation.coefficient, 1)) chaque année "
        "depuis le 01/04/2026 en vigueur CSS L.861-1 al. 4"
    ) in page
    assert "Revalorisation chaque année depuis le 01/04/2026" in page
    rows = page.split("Revalorisé le Valeur Calcul Période Sources", 1)[1].lstrip()
    assert rows.startswith(
        "1er avril 2026 10 422,00 € arrondi_euro(10 339,00 € × 1,008) "
        "du 01/04/2026 au 31/03/2027 CSS L.861-1 al. 4 ; "
        "Arrêté publié au JO du 29 mars 2025 [S] ; Décret n° 2026-220 [S] "
        "1er avril 2027 10 422,00 € arrondi_euro(10 422,00 € × maximum(0,995 ; 1)) "
        "du 01/04/2027 au 31/03/2028 CSS L.861-1 al. 4 ; Décret n° 2027-1 [U] "
        "1er avril 2028 non couvert — la base de règles s&#39;arrête au 31/03/2028 (CSS L.161-25) "
        "impossible : revalorisation.coefficient sans valeur ce jour-là "
        "depuis le 01/04/2028 CSS L.861-1 al. 4 "
    )


def test_before_the_first_anniversary_the_page_says_so(ceilings: RuleBase, tmp_path: Path) -> None:
    site.build(ceilings.program, tmp_path, datetime.date(2026, 3, 1))
    page = text_of((tmp_path / "parametres" / "css.plafond_personne_seule.html").read_text())
    assert "Aucune date anniversaire n'est passée au 1er mars 2026." in page


def test_the_graph_shows_the_formula_and_its_value_at_the_date(ceilings: RuleBase) -> None:
    diagram = tree.decision_tree(ceilings.program, "css.sous_plafond", datetime.date(2027, 6, 1))
    [ceiling] = [n for n in diagram.nodes if n.code == "css.plafond_personne_seule"]
    assert ceiling.details == [
        "= arrondi_euro(précédent × maximum(revalorisation.coefficient, 1))",
        "chaque année, depuis le 01/04/2026",
        "au 01/06/2027 : 10\u202f422,00 € — revalorisé le 01/04/2027 : "
        "arrondi_euro(10\u202f422,00 € × maximum(0,995 ; 1))",
    ]
    [coefficient] = [n for n in diagram.nodes if n.code == "revalorisation.coefficient"]
    assert (ceiling.id, coefficient.id) in {(e.tail, e.head) for e in diagram.edges}
    assert "revalorisation.coefficient" in dot.source(diagram)


def test_the_overlay_writes_the_revaluation_on_the_parameter(ceilings: RuleBase) -> None:
    day = datetime.date(2026, 4, 1)
    conclusion = ceilings.evaluate(
        {"ressources_annuelles_foyer": "10400"}, date=day, only=["css.sous_plafond"]
    )["css.sous_plafond"]
    diagram = overlay.highlight(
        tree.decision_tree(ceilings.program, "css.sous_plafond", day), conclusion.trace
    )
    [ceiling] = [n for n in diagram.nodes if n.code == "css.plafond_personne_seule"]
    assert ceiling.state is not None
    assert ceiling.state.shown == (
        "10\u202f422,00 € — revalorisé le 01/04/2026 : arrondi_euro(10\u202f339,00 € × 1,008)"
    )


def test_a_derived_rate_shows_its_value_in_the_rule_diagram(rules: RuleBase) -> None:
    diagram = tree.decision_tree(
        rules.program, "psychiatre.taux_remboursement", datetime.date(2026, 3, 1)
    )
    title = "= psychiatre.base_de_remboursement - psychiatre.ticket_moderateur"
    [base] = [n for n in diagram.nodes if n.title == title]
    assert base.details == ["au 01/03/2026 : 70 %  (100 % − 30 %)"]
    assert base.citation == "CSS R.160-5 3°"
