"""OpenFisca-France on the households of an alinea population (Parquet), vectorised: the CSS
eligibility and ceilings, for `bench_batch.py`. Runs in OpenFisca's own environment, not
alinea's (OpenFisca is no dependency of alinea):

    python3 -m venv /work/peers-work/of
    /work/peers-work/of/bin/pip install openfisca-france psutil pyarrow
    /work/peers-work/of/bin/python bench/openfisca_css.py POPULATION.parquet [--month 2026-03]

The mapping of a household is that of shared/peers/openfisca/bench_css.py (same variables,
same entities): taille_foyer k -> one adult born 1980-01-01 and k-1 children;
ressources_annuelles_foyer -> css_cmu_base_ressources (given, not recomputed);
beneficiaire_rsa -> rsa = 500 on the famille; residence_outre_mer -> residence_guadeloupe.
Variables: cmu_c, cmu_c_plafond, acs_plafond, css_participation_forfaitaire. Prints one JSON
line: build and calculate times, peak memory of the process (maxrss), the households, and
the counts of the three outcomes (gratuite / avec participation / aucun) to cross-check.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np
import pyarrow.parquet as pq

START = time.perf_counter()
from openfisca_core.simulation_builder import SimulationBuilder  # noqa: E402
from openfisca_france import FranceTaxBenefitSystem  # noqa: E402

TBS = FranceTaxBenefitSystem()
LOADED = time.perf_counter() - START
VARIABLES = ["cmu_c", "cmu_c_plafond", "acs_plafond", "css_participation_forfaitaire"]
COLUMNS = ["taille_foyer", "ressources_annuelles_foyer", "beneficiaire_rsa", "residence_outre_mer"]


def simulate(path: str, month: str) -> dict[str, object]:
    t0 = time.perf_counter()
    table = pq.read_table(path, columns=COLUMNS)
    sizes = table.column("taille_foyer").to_numpy().astype(np.int64)
    resources = table.column("ressources_annuelles_foyer").cast("float64").to_numpy()
    rsa = table.column("beneficiaire_rsa").to_numpy(zero_copy_only=False).astype(bool)
    overseas = table.column("residence_outre_mer").to_numpy(zero_copy_only=False).astype(bool)
    del table
    households, persons = len(sizes), int(sizes.sum())
    family = np.repeat(np.arange(households), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    first = np.zeros(persons, dtype=bool)
    first[starts] = True
    rank = np.arange(persons) - np.repeat(starts, sizes)
    builder = SimulationBuilder()
    builder.create_entities(TBS)
    builder.declare_person_entity("individu", [f"i{i:08d}" for i in range(persons)])
    ids = np.array([f"h{i:08d}" for i in range(households)])
    for key, (head, other) in {
        "famille": ("demandeur", "enfant"),
        "foyer_fiscal": ("declarant_principal", "personne_a_charge"),
        "menage": ("personne_de_reference", "enfant"),
    }.items():
        entity = builder.declare_entity(key, ids)
        builder.join_with_persons(entity, ids[family], np.where(first, head, other))
    simulation = builder.build(TBS)
    birth = np.where(
        first,
        np.datetime64("1980-01-01"),
        np.datetime64("2005-01-01") + (rank * 365.25).astype("timedelta64[D]"),
    )
    simulation.set_input("date_naissance", "2024", birth.astype("datetime64[D]"))
    simulation.set_input("css_cmu_base_ressources", month, resources.astype(np.float32))
    simulation.set_input("rsa", month, np.where(rsa, 500, 0).astype(np.float32))
    simulation.set_input("residence_guadeloupe", month, overseas)
    t1 = time.perf_counter()
    found = {variable: simulation.calculate(variable, month) for variable in VARIABLES}
    t2 = time.perf_counter()
    free = found["cmu_c"].astype(bool)
    paying = ~free & (found["css_participation_forfaitaire"] > 0)
    return {
        "engine": "openfisca",
        "households": households,
        "persons": persons,
        "load_s": LOADED,
        "build_s": t1 - t0,
        "calculate_s": t2 - t1,
        "total_s": t2 - t0,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "gratuite": int(free.sum()),
        "avec_participation": int(paying.sum()),
        "aucun": int(households - free.sum() - paying.sum()),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("population")
    parser.add_argument("--month", default="2026-03")
    arguments = parser.parse_args()
    print(json.dumps(simulate(arguments.population, arguments.month)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
