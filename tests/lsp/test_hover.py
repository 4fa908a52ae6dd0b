"""Hover: the law under the cursor, on the server's date (2026-12-01)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .session import Client, hover, open_file, position

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_a_rule_shows_its_label_type_article_in_force_and_versions(
    client: Client, base: Path
) -> None:
    text = (base / "mon_soutien_psy.alinea").read_text(encoding="utf-8")
    target = open_file(client, base / "mon_soutien_psy.alinea")
    found = await hover(client, target, position(text, "mon_soutien_psy.plafond_seances :", 3))
    assert found is not None
    assert found.startswith(
        "**mon_soutien_psy.plafond_seances** — conclusion · `entier`\n\n"
        "séances prises en charge par année civile\n\n"
        "En vigueur au 01/12/2026 : **CSS R.162-65, depuis le 16/05/2025 (décret n° 2025-424, "
        "art. 1er, 2°)**\n\n"
        "> L'assuré qui répond aux critères mentionnés à l' article R. 162-64 choisit librement"
    )
    assert found.endswith(
        "La première de ces séances est consacrée à un entretien d'évaluation.\n\n"
        "Versions :\n- depuis le 19/02/2022 — CSS R.162-65"
    )


async def test_a_parameter_shows_its_value_that_day_revalued_every_year(
    client: Client, base: Path
) -> None:
    """10 339 € on 2025-04-01, revalued on 2026-04-01 by 1.008 and rounded to the euro."""
    text = (base / "css.alinea").read_text(encoding="utf-8")
    target = open_file(client, base / "css.alinea")
    at = position(text, "css.plafond_personne_seule *", 5)
    found = await hover(client, target, at)
    assert found is not None
    head, value = found.split("\n\n")[0], found.split("\n\n")[2]
    assert head == "**css.plafond_personne_seule** — paramètre · `montant`"
    assert value == "Valeur au 01/12/2026 : **10\u202f422,00 €**"
    assert (
        "- `arrondi_euro(précédent × maximum(revalorisation.coefficient, 1))` chaque année "
        "depuis le 01/04/2026 — selon « CSS L.861-1 al. 4 »"
    ) in found


async def test_a_citation_shows_the_quoted_article_in_force(client: Client, base: Path) -> None:
    text = (base / "mon_soutien_psy.alinea").read_text(encoding="utf-8")
    target = open_file(client, base / "mon_soutien_psy.alinea")
    found = await hover(client, target, position(text, '"CSS R.162-68"', 3))
    assert found == (
        "**CSS R.162-68, depuis le 19/02/2022 (création : décret n° 2022-195)**\n\n"
        "> Le psychologue peut réaliser des séances par vidéotransmission, à l'exception de "
        "l'entretien d'évaluation, dans des conditions d'équipement, d'accompagnement et "
        "d'organisation adaptées à la situation clinique du patient et permettant de garantir "
        "la réalisation de soins de qualité. […]"
    )


async def test_a_fact_shows_its_question_and_nothing_is_shown_off_a_name(
    client: Client, base: Path
) -> None:
    text = (base / "donnees.alinea").read_text(encoding="utf-8")
    target = open_file(client, base / "donnees.alinea")
    found = await hover(client, target, position(text, "donnée age ", len("donnée ")))
    assert found == (
        "**age** — donnée · `entier`\n\nâge\n\nQuel âge a la personne, en années révolues, à la "
        "date d'évaluation ?"
        "\n\nentre 0 et 130"
    )
    assert await hover(client, target, position(text, "question", 2)) is None
