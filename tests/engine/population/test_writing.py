"""Writing populations and results: every format reads back to the same table, and nothing
half-written is left when writing fails."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from alinea.engine import AlineaError, load
from alinea.engine.population import checking, reading, synthetic, writing

FIXTURES = Path(__file__).parents[1] / "fixtures" / "population"
BASE = load(FIXTURES / "tous_les_types.alinea", cache=False)


@pytest.mark.parametrize("extension", ["parquet", "csv", "jsonl"])
def test_every_type_reads_back_as_written(tmp_path: Path, extension: str) -> None:
    table = synthetic.generate(BASE.program, 300)
    path = tmp_path / f"p.{extension}"
    writing.write_table(table, path)
    assert checking.check(reading.read(path, BASE.program), BASE.program).equals(table)


def test_csv_and_jsonl_write_durations_in_iso_8601(tmp_path: Path) -> None:
    table = synthetic.generate(BASE.program, 3).select(["id", "anciennete", "revenu"])
    writing.write_table(table, tmp_path / "p.csv")
    writing.write_table(table, tmp_path / "p.jsonl")
    assert (tmp_path / "p.csv").read_text(encoding="utf-8").splitlines() == [
        '"id","anciennete","revenu"',
        '1,"P57M","89210.59"',
        '2,"P86M","7574.56"',
        '3,"P11M","20146.64"',
    ]
    lines = (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"id": 1, "anciennete": "P57M", "revenu": 89210.59}


def test_iso_durations_write_every_unit() -> None:
    durations = pa.array(
        [
            {"years": 1, "months": 2, "days": 10, "hours": 0},
            {"years": 0, "months": 0, "days": 0, "hours": 48},
            {"years": 0, "months": 0, "days": 0, "hours": 0},
            None,
        ],
        writing.layout.DURATION,
    )
    assert writing.iso_durations(durations).to_pylist() == ["P1Y2M10D", "PT48H", "P0D", None]


def test_parts_are_appended_in_order(tmp_path: Path) -> None:
    table = synthetic.generate(BASE.program, 10)
    for extension in ("parquet", "csv", "jsonl"):
        path = tmp_path / f"p.{extension}"
        with writing.writer(path) as write:
            write(table.slice(0, 4))
            write(table.slice(4))
        assert checking.check(reading.read(path, BASE.program), BASE.program).equals(table)


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "r.parquet"
    path.write_bytes(b"ancien")
    table = synthetic.generate(BASE.program, 10)
    with pytest.raises(RuntimeError), writing.writer(path) as write:
        write(table)
        raise RuntimeError("interrompu")
    assert path.read_bytes() == b"ancien"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.parquet"]


def test_an_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AlineaError) as caught:
        writing.write_table(pa.table({"a": [1]}), tmp_path / "absent" / "r.csv")
    assert str(caught.value) == (
        f"error[E040]: écriture impossible de {tmp_path}/absent/r.csv : le dossier qui doit "
        "le contenir n'existe pas"
    )


def test_parquet_row_groups_carry_statistics_but_on_decimals_and_texts(tmp_path: Path) -> None:
    table = synthetic.generate(BASE.program, 50)
    writing.write_table(table, tmp_path / "p.parquet")
    group = pq.ParquetFile(tmp_path / "p.parquet").metadata.row_group(0)
    leaves = [group.column(i) for i in range(group.num_columns)]
    summed = {leaf.path_in_schema.split(".")[0]: leaf.is_stats_set for leaf in leaves}
    costly = {
        field.name
        for field in table.schema
        if pa.types.is_decimal(field.type) or pa.types.is_string(field.type)
    }
    assert costly and costly < set(summed)
    assert {name for name, flag in summed.items() if not flag} == costly


def test_statuses_and_sources_of_results_carry_no_statistics(tmp_path: Path) -> None:
    results = BASE.evaluate_table(synthetic.generate(BASE.program, 50), date="2026-03-01")
    coded = [f.name for f in results.schema if pa.types.is_dictionary(f.type)]
    writing.write_table(results, tmp_path / "r.parquet")
    group = pq.ParquetFile(tmp_path / "r.parquet").metadata.row_group(0)
    summed = {
        group.column(i).path_in_schema: group.column(i).is_stats_set
        for i in range(group.num_columns)
    }
    assert coded and all(name.endswith((".statut", ".source")) for name in coded)
    assert not any(summed[name] for name in coded)
    assert summed["id"]
    assert pq.read_table(tmp_path / "r.parquet").equals(results)


def test_ids_have_no_dictionary_and_integer_ids_are_deltas(tmp_path: Path) -> None:
    table = synthetic.generate(BASE.program, 50)
    writing.write_table(table, tmp_path / "p.parquet")
    group = pq.ParquetFile(tmp_path / "p.parquet").metadata.row_group(0)
    leaves = {group.column(i).path_in_schema: group.column(i) for i in range(group.num_columns)}
    assert not leaves["id"].has_dictionary_page
    assert "DELTA_BINARY_PACKED" in leaves["id"].encodings
    assert leaves["statut"].has_dictionary_page
    texts = table.set_column(0, "id", table.column("id").cast(pa.string()))
    writing.write_table(texts, tmp_path / "t.parquet")
    group = pq.ParquetFile(tmp_path / "t.parquet").metadata.row_group(0)
    assert not group.column(0).has_dictionary_page
    assert "DELTA_BINARY_PACKED" not in group.column(0).encodings
    assert pq.read_table(tmp_path / "t.parquet").equals(texts)
    assert pq.read_table(tmp_path / "p.parquet").equals(table)


def test_parquet_row_groups_are_small_enough_for_every_core(tmp_path: Path) -> None:
    rows = 3 * writing.ROW_GROUP_ROWS + 5
    table = pa.table({"id": pa.array(range(rows), pa.int64())})
    writing.write_table(table, tmp_path / "p.parquet")
    metadata = pq.ParquetFile(tmp_path / "p.parquet").metadata
    sizes = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
    assert sizes == [writing.ROW_GROUP_ROWS] * 3 + [5]
    assert pq.read_table(tmp_path / "p.parquet").equals(table)
