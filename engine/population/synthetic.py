"""A synthetic population: rows of facts with plausible distributions, for tests and benchmarks.

These are **not real people**: every value is drawn from a seeded random generator with
distributions chosen to look like the French population (household sizes, ages, resources
around the CSS ceilings, few foreigners in irregular stay…) and to exercise the rules, so
that every branch of the bundled base is reached by a large enough population. The same
seed always gives the same table, whatever other facts the rule base declares: each fact
draws from its own generator, seeded by the population's seed and the fact's name.

A fact the distributions below do not know (another rule base) is drawn by its type: a
booléen is a coin toss, an énumération uniform over its values, an entier within its
`entre` bounds. Each fact is absent (null: unknown to the engine) in a share `absent` of
the rows, drawn apart for each fact.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping

import attrs
import numpy as np
import pyarrow as pa

from ...dsl import nodes
from ..compiler.program import FactSymbol, Program
from ..domain.types import Kind, Type
from ..sql import layout

SEED = 2026
ABSENT = 0.1
DAY_ZERO = np.datetime64("1970-01-01", "D")

Array = np.ndarray


@attrs.frozen
class Categories:
    """Values of an énumération or a texte: codes into `labels`."""

    codes: Array
    labels: tuple[str, ...]


@attrs.frozen
class Durations:
    """Durations in one calendar unit (`M`, `Y` or `D`), written in ISO 8601."""

    amounts: Array
    unit: str


Drawn = Array | Categories | Durations


class Draw:
    """The random draws of one fact: its own generator, and the core facts already drawn
    (age, household, resources, right of stay) that the plausible ones depend on."""

    def __init__(
        self, rng: np.random.Generator, rows: int, core: Mapping[str, Drawn], type_: Type
    ) -> None:
        self.rng, self.rows, self.core, self.type = rng, rows, core, type_

    def share(self, p: float | Array) -> Array:
        """True with probability `p` (a number, or one per row)."""
        return np.asarray(self.rng.random(self.rows) < p)

    def among(
        self,
        weights: Mapping[str, float],
        labels: tuple[str, ...] | None = None,
        default: float = 1.0,
    ) -> Categories:
        """One of `labels` (by default, the values of the fact's énumération) per row, with
        the given weights (`default` for a label not weighed)."""
        labels = self.type.values if labels is None else labels
        chances = np.array([weights.get(label, default) for label in labels], dtype=float)
        codes = self.rng.choice(len(labels), size=self.rows, p=chances / chances.sum())
        return Categories(codes.astype(np.int32), labels)

    def array(self, name: str) -> Array:
        value = self.core[name]
        assert isinstance(value, np.ndarray)
        return value

    def category(self, name: str) -> Array:
        """The labels of a core énumération, one per row."""
        value = self.core[name]
        assert isinstance(value, Categories)
        labels: Array = np.asarray(value.labels)[value.codes]
        return labels


def generate(program: Program, rows: int, *, seed: int = SEED, absent: float = ABSENT) -> pa.Table:
    """`rows` synthetic situations of `program`'s facts, an `id` column first (1 to `rows`),
    each fact null (absent) in a share `absent` of the rows."""
    core: dict[str, Drawn] = {}
    arrays: dict[str, pa.Array] = {layout.ID: pa.array(np.arange(1, rows + 1, dtype=np.int64))}
    for name in sorted(program.facts, key=lambda n: (n not in PLAUSIBLE, ORDER.get(n, 0), n)):
        fact = program.facts[name]
        rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
        values = _draw(fact, Draw(rng, rows, core, fact.type))
        core[name] = values
        missing = rng.random(rows) < absent
        arrays[name] = _arrow(fact.type, values, missing)
    return pa.table({name: arrays[name] for name in [layout.ID, *sorted(program.facts)]})


def _draw(fact: FactSymbol, draw: Draw) -> Drawn:
    plausible = PLAUSIBLE.get(fact.name)
    if plausible is not None and plausible[0] is fact.type.kind:
        values = plausible[1](draw)
        if fact.type.kind is not Kind.ENUM:
            return values
        if isinstance(values, Categories) and values.labels == fact.type.values:
            return values
    return _by_type(fact.type, draw, fact.decl.bounds)


def _by_type(type_: Type, draw: Draw, bounds: nodes.Bounds | None) -> Drawn:
    """A value of `type_` with no knowledge of what the fact means."""
    rng, rows = draw.rng, draw.rows
    kind = type_.kind
    if kind is Kind.BOOLEEN:
        return draw.share(0.5)
    if kind is Kind.ENUM:
        return draw.among({})
    if kind is Kind.ENTIER:
        low, high = _integer_bounds(bounds)
        return rng.integers(low, high + 1, size=rows, dtype=np.int64)
    if kind is Kind.MONTANT:
        return np.round(rng.lognormal(np.log(20_000), 1.0, rows) * 100).astype(np.int64)
    if kind in {Kind.TAUX, Kind.DECIMAL}:  # in hundredths
        return rng.integers(0, 101, size=rows, dtype=np.int64)
    if kind is Kind.DATE:
        return rng.integers(-10_000, 25_000, size=rows, dtype=np.int64)
    if kind is Kind.DUREE:
        return Durations(rng.integers(0, 121, size=rows, dtype=np.int64), "M")
    if kind is Kind.TEXTE:
        return Categories(rng.integers(0, 10, size=rows).astype(np.int32), _TEXTS)
    raise ValueError(f"aucun tirage pour le type {type_}")


_TEXTS = tuple(f"texte_{i}" for i in range(10))


def _integer_bounds(bounds: nodes.Bounds | None) -> tuple[int, int]:
    if bounds is not None:
        low, high = bounds.low, bounds.high
        if isinstance(low, nodes.Number) and isinstance(high, nodes.Number):
            return int(low.value), min(int(high.value), int(low.value) + 1000)
    return 0, 100


def _arrow(type_: Type, values: Drawn, missing: Array) -> pa.Array:
    """The column of a fact, in the layout of `engine.sql.layout`, null where it is absent."""
    kind = type_.kind
    if isinstance(values, Categories):
        labels = pa.array(values.labels, pa.string())
        codes = pa.array(values.codes, pa.int32(), mask=missing)
        return pa.DictionaryArray.from_arrays(codes, labels).cast(pa.string())
    if isinstance(values, Durations):
        zero = np.zeros(len(values.amounts), dtype=np.int64)
        units = {unit: values.amounts if unit == values.unit else zero for unit in "YMDH"}
        fields = list(layout.DURATION)
        arrays = [pa.array(units[field.name[0].upper()], pa.int64()) for field in fields]
        return pa.StructArray.from_arrays(arrays, fields=fields, mask=pa.array(missing))
    if kind in layout.FACT_SCALES:  # drawn in hundredths: cents for a montant
        return _decimal(values, missing, layout.FACT_SCALES[kind], layout.fact_type(type_))
    if kind is Kind.DATE:  # days since 1970-01-01
        return pa.array(values.astype(np.int32), pa.int32(), mask=missing).view(pa.date32())
    if kind in {Kind.BOOLEEN, Kind.ENTIER}:
        return pa.array(values, layout.fact_type(type_), mask=missing)
    raise ValueError(f"aucun tirage pour le type {type_}")


def _decimal(hundredths: Array, missing: Array, scale: int, type_: pa.DataType) -> pa.Array:
    """A decimal column from hundredths, built from its 128-bit buffer (the unscaled
    integers): exact, and without a Python object per row."""
    low = np.ascontiguousarray(hundredths, dtype=np.int64) * 10 ** (scale - 2)
    words = np.empty((len(low), 2), dtype=np.int64)
    words[:, 0] = low
    words[:, 1] = np.where(low < 0, -1, 0)
    validity = pa.array(~np.asarray(missing, dtype=bool)).buffers()[1]
    return pa.Array.from_buffers(type_, len(low), [validity, pa.py_buffer(words.tobytes())])


# ------------------------------------------------------------------ plausible distributions

# Shares of households by size (INSEE, households in France, rounded).
HOUSEHOLDS = {1: 0.37, 2: 0.33, 3: 0.13, 4: 0.11, 5: 0.04, 6: 0.013, 7: 0.005, 8: 0.002}
# Age bands and their weights: a population pyramid in steps of five years, to 99.
AGE_WEIGHTS: tuple[float, ...] = (5.5, 6, 6.2, 6.2, 5.6, 5.6, 6, 6.3, 6.2, 6.7, 6.5, 6.6)
AGE_WEIGHTS += (6.2, 5.8, 5.4, 4, 2.9, 2, 1.1, 0.4)
# Département codes by weight; overseas ones (971 to 976) only for residents outre-mer.
MAINLAND = {"75": 3.2, "13": 3.0, "59": 3.8, "69": 2.8, "92": 2.4, "93": 2.5, "38": 1.9}
MAINLAND |= {"55": 0.3, "33": 2.5, "31": 2.1, "44": 2.2, "2A": 0.2, "2B": 0.3}
OVERSEAS = {"971": 0.6, "972": 0.55, "973": 0.4, "974": 1.3, "976": 0.4}


def _age(draw: Draw) -> Array:
    weights = np.array(AGE_WEIGHTS) / sum(AGE_WEIGHTS)
    band = draw.rng.choice(len(weights), size=draw.rows, p=weights)
    return np.asarray(band * 5 + draw.rng.integers(0, 5, size=draw.rows), dtype=np.int64)


def _household(draw: Draw) -> Array:
    sizes = np.array(list(HOUSEHOLDS))
    chances = np.array(list(HOUSEHOLDS.values()))
    return np.asarray(draw.rng.choice(sizes, size=draw.rows, p=chances / chances.sum()))


def _resources(draw: Draw) -> Array:
    """Yearly resources in cents: lognormal around a median that grows with the household's
    consumption units, so that about one household in five is under the CSS ceilings."""
    size = draw.array("taille_foyer")
    units = 1 + 0.5 * np.minimum(size - 1, 1) + 0.3 * np.maximum(size - 2, 0)
    euros = draw.rng.lognormal(np.log(22_000), 0.75, draw.rows) * units
    cents: Array = np.round(np.minimum(euros, 5_000_000) * 100).astype(np.int64)
    return cents


def _stay(draw: Draw) -> Categories:
    return draw.among({"nationalite_francaise": 88, "sejour_regulier": 10, "sejour_irregulier": 2})


def _protection(draw: Draw) -> Categories:
    weights = {"aucun": 0, "demandeur_asile": 35, "refugie": 30, "protection_subsidiaire": 20}
    drawn = draw.among(weights | {"protection_temporaire": 12, "apatride": 1})
    none = draw.among({"aucun": 1}, default=0).codes
    national = draw.category("situation_sejour") == "nationalite_francaise"
    protected = draw.share(np.where(national, 0.0, 0.3))
    return Categories(np.where(protected, drawn.codes, none).astype(np.int32), drawn.labels)


def _residence(draw: Draw) -> Durations:
    """Months of residence: a lifetime for most nationals, a few years for foreigners, with
    many short stays around the three months the PUMa and the AME ask for."""
    age = draw.array("age")
    national = draw.category("situation_sejour") == "nationalite_francaise"
    recent = np.floor(draw.rng.exponential(30, draw.rows)).astype(np.int64)
    return Durations(np.where(national & draw.share(0.95), age * 12, recent), "M")


def _departement(draw: Draw) -> Categories:
    labels = (*MAINLAND, *OVERSEAS)
    mainland = draw.among(MAINLAND, labels, default=0).codes
    overseas = draw.among(OVERSEAS, labels, default=0).codes
    outre_mer = draw.array("residence_outre_mer")
    return Categories(np.where(outre_mer, overseas, mainland).astype(np.int32), labels)


def _working(draw: Draw) -> Array:
    age = draw.array("age")
    return draw.share(np.where((age >= 18) & (age < 65), 0.7, 0.03))


def _poor(draw: Draw, share: float) -> Array:
    """True for a share of the households under about 9,000 € a consumption unit."""
    low = draw.array("ressources_annuelles_foyer") < 900_000 * draw.array("taille_foyer")
    return draw.share(np.where(low, share, share / 20))


def _affiliated(draw: Draw) -> Array:
    irregular = draw.category("situation_sejour") == "sejour_irregulier"
    return draw.share(np.where(irregular, 0.05, 0.97))


def _ame(draw: Draw) -> Array:
    irregular = draw.category("situation_sejour") == "sejour_irregulier"
    return draw.share(np.where(irregular, 0.6, 0.0))


def _sessions(draw: Draw) -> Array:
    return np.minimum(draw.rng.geometric(0.25, draw.rows) - 1, 20).astype(np.int64)


def _age_january(draw: Draw) -> Array:
    return np.maximum(draw.array("age") - draw.rng.integers(0, 2, draw.rows), 0)


def _shares(p: float) -> Callable[[Draw], Drawn]:
    return lambda draw: draw.share(p)


def _weighted(**weights: float) -> Callable[[Draw], Drawn]:
    return lambda draw: draw.among(weights)


def _months(scale: float, unit: str = "M") -> Callable[[Draw], Drawn]:
    def months(draw: Draw) -> Drawn:
        amounts = np.floor(draw.rng.exponential(scale, draw.rows)).astype(np.int64)
        return Durations(amounts, unit)

    return months


B, E, N, M, D, T = Kind.BOOLEEN, Kind.ENUM, Kind.ENTIER, Kind.MONTANT, Kind.DUREE, Kind.TEXTE
PLAUSIBLE: dict[str, tuple[Kind, Callable[[Draw], Drawn]]] = {
    "age": (N, _age),
    "taille_foyer": (N, _household),
    "ressources_annuelles_foyer": (M, _resources),
    "situation_sejour": (E, _stay),
    "residence_outre_mer": (B, _shares(0.03)),
    "statut_protection": (E, _protection),
    "duree_residence_france": (D, _residence),
    "exerce_activite_en_france": (B, _working),
    "activite_periode_reference_css": (B, _working),
    "beneficiaire_rsa": (B, lambda draw: _poor(draw, 0.3)),
    "beneficiaire_aspa": (B, lambda draw: _poor(draw, 0.04)),
    "beneficiaire_asi": (B, lambda draw: _poor(draw, 0.01)),
    "beneficiaire_aah": (B, lambda draw: _poor(draw, 0.08)),
    "beneficiaire_ass": (B, lambda draw: _poor(draw, 0.03)),
    "beneficiaire_cej": (B, lambda draw: _poor(draw, 0.02)),
    "foyer_fiscal_non_imposable": (B, lambda draw: _poor(draw, 0.9)),
    "affiliation_assurance_maladie": (B, _affiliated),
    "beneficiaire_ame": (B, _ame),
    "complementaire_sante": (E, _weighted(aucune=5, mutuelle=85, css=10)),
    "intensite_troubles": (E, _weighted(legere=50, moderee=35, severe=15)),
    "risque_suicidaire": (B, _shares(0.05)),
    "adressage_medecin": (B, _shares(0.6)),
    "adressage_autre_professionnel": (B, _shares(0.05)),
    "psychologue_conventionne": (B, _shares(0.7)),
    "seances_prises_en_charge_annee_civile": (N, _sessions),
    "modalite_seance": (E, _weighted(presentiel=80, visio=20)),
    "exoneration_ticket_moderateur": (B, _shares(0.17)),
    "medecin_traitant_declare": (B, _shares(0.89)),
    "orientation_par_medecin_traitant": (B, _shares(0.6)),
    "modalite_soins": (
        E,
        _weighted(
            soins_libres=90,
            programme_de_soins=4,
            hospitalisation_complete_sans_consentement=4,
            injonction_de_soins=2,
        ),
    ),
    "mesure_protection": (
        E,
        _weighted(aucune=96, sauvegarde_de_justice=1, curatelle=1.7, tutelle=1.3),
    ),
    "anciennete_informations_dossier": (D, _months(4, "Y")),
    "departement": (T, _departement),
    "motif_aide": (E, _weighted(seances_psychologue=60, autre_soin=40)),
    "refus_prise_en_charge_cmp": (B, _shares(0.1)),
    "age_1er_janvier_attribution_css": (N, _age_january),
    "motif_dispense_residence": (
        E,
        _weighted(aucun=94, mineur_a_charge_demandeur_asile=1.5, etudes_ou_stage_cooperation=1),
    ),
    "rattachement_beneficiaire_ame": (
        E,
        _weighted(aucun=97, conjoint=1.2, enfant=1.5, autre_personne_a_charge=0.3),
    ),
    "duree_vie_commune_beneficiaire_ame": (D, _months(24)),
    "anciennete_ame": (D, _months(14)),
    "duree_depuis_expiration_titre_sejour": (D, _months(10)),
}
ORDER = {name: i for i, name in enumerate(PLAUSIBLE)}
"""The plausible facts are drawn in this order: the ones others depend on come first."""
