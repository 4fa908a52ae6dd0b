"""Golden cases: situations with the conclusions the law gives them, written by analysts.

A file holds one case or a list under `cas:`:

    description: Plafond de séances autour du décret n° 2025-424
    source: CSS R.162-65 ; décret n° 2025-424, art. 1er
    cas:
      - nom: veille du décret, huit séances
        date: 2025-05-15
        faits: {age: 30}
        attendu:
          mon_soutien_psy.plafond_seances: 8
          mon_soutien_psy.eligible: {statut: inconnu, manque: [affiliation_assurance_maladie]}
          mon_soutien_psy.tarif_seance: {statut: non_applicable}

An expected value is written as in a situation (30, "20.00", "60 %", "P1Y", [a, b]). A
conclusion the rule base does not cover at the date is `{statut: non_couvert}`, optionally
with the date the rule base stops (`couvert_jusqu_au: 2026-03-31`) or starts
(`couvert_depuis: 2016-01-01`), and `manque` for the facts that could still decide it.
"""

from .cases import Expectation as Expectation
from .cases import GoldenCase as GoldenCase
from .cases import files as files
from .cases import load as load
from .cases import load_all as load_all
from .report import report as report
from .verdict import Mismatch as Mismatch
from .verdict import Verdict as Verdict
from .verdict import run as run

__all__ = [
    "Expectation",
    "GoldenCase",
    "Mismatch",
    "Verdict",
    "files",
    "load",
    "load_all",
    "report",
    "run",
]
