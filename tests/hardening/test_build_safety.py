"""Builds that never lose data: `--out` refuses a folder that is neither empty nor a previous build and never deletes
a file it did not write; hostile or broken inputs (non-finite numbers, YAML bombs, oversized, empty or shrunken
files) fail fast with an error naming file, row and field; and after every failure the previous build is
byte-identical."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
import tracemalloc
from pathlib import Path

import pytest

from dashboard.cli import main
from etl import build as build_mod
from etl.catalog import DATASETS
from etl.load import MAX_BYTES


@pytest.fixture
def ws(tmp_path):
    """A copy of the curated data and a build of it: (datasets root, build folder)."""
    root = tmp_path / "datasets"
    shutil.copytree(DATASETS, root, ignore=shutil.ignore_patterns("build"))
    out = tmp_path / "out"
    assert main(["build", "--out", str(out), "--datasets", str(root)]) == 0
    return root, out


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def fails(capsys, root: Path, out: Path, *extra: str) -> str:
    """Run the build, which must fail and leave `out` byte-identical; returns the first error line."""
    before = digest(out) if out.exists() else None
    capsys.readouterr()
    code = main(["build", "--out", str(out), "--datasets", str(root), *extra])
    err = capsys.readouterr().err
    assert code == 1, err
    assert (digest(out) if out.exists() else None) == before, "the previous build changed"
    assert not [p for p in out.parent.iterdir() if ".staging-" in p.name or p.name.endswith(".prev")]
    return err.splitlines()[0]


def billion_laughs(levels: int = 12) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


# ---- --out ----------------------------------------------------------------------------------------------------

def test_out_refuses_a_folder_that_is_not_a_build_and_deletes_nothing(ws, capsys):
    root, _ = ws
    before = digest(root)
    first = fails(capsys, root, root)  # `--out datasets` deleted every curated file once
    assert "neither empty nor a previous build" in first and str(root) in first
    assert digest(root) == before


def test_out_refuses_a_previous_build_holding_files_it_did_not_write(ws, capsys):
    root, out = ws
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    first = fails(capsys, root, out)
    assert "notes.txt" in first and "did not write" in first
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_out_replaces_a_previous_build_and_accepts_an_empty_folder(ws, tmp_path):
    root, out = ws
    assert (out / build_mod.MARKER).is_file()
    assert main(["build", "--out", str(out), "--datasets", str(root)]) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", "--out", str(empty), "--datasets", str(root)]) == 0
    assert (empty / "claims.parquet").is_file()
    assert sorted(os.listdir(empty)) == sorted(json.loads((empty / build_mod.MANIFEST).read_text())["files"])


def test_out_is_created_with_normal_permissions(ws, tmp_path):
    root, _ = ws
    mask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh"
        assert main(["build", "--out", str(fresh), "--datasets", str(root)]) == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o755
    assert stat.S_IMODE((fresh / "claims.parquet").stat().st_mode) == 0o644


def test_an_interrupted_swap_never_removes_a_folder_the_build_did_not_write(ws):
    _, out = ws
    stranger = out.with_name(out.name + ".prev")
    stranger.mkdir()
    (stranger / "thesis.tex").write_text("years of work", encoding="utf-8")
    build_mod.recover(out)
    assert (stranger / "thesis.tex").read_text(encoding="utf-8") == "years of work"


# ---- numbers --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["1.0e999", "-1e400", ".inf", ".nan"])
def test_a_non_finite_factor_fails_naming_file_row_and_field(ws, capsys, number):
    root, out = ws
    units = root / "units.yml"
    lines = units.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines, start=1) if "factor:" in line)
    head, _, tail = lines[row - 1].partition("factor:")
    rest = tail.split(",", 1)[1] if "," in tail else "}\n" if tail.rstrip().endswith("}") else "\n"
    lines[row - 1] = f"{head}factor: {number}" + ("," + rest if "," in tail else rest)
    units.write_text("".join(lines), encoding="utf-8")
    first = fails(capsys, root, out)
    assert first.startswith(f"aiplus build: error: units.yml, row {row}, field 'factor'"), first
    assert "not a finite number" in first


# ---- bounded YAML ---------------------------------------------------------------------------------------------

BOMB_TARGETS = ["charts.yml", "entities.yml", "units.yml", "indicators.yml", "source.yml", "corrections.yml", "claims/ch06.yml",
                "events/bomb.yml"]


@pytest.mark.parametrize("rel", BOMB_TARGETS)
def test_a_yaml_bomb_in_any_input_is_refused_fast_with_bounded_memory(ws, capsys, rel):
    root, out = ws
    (root / rel).write_text(billion_laughs(), encoding="utf-8")
    t0 = time.perf_counter()
    first = fails(capsys, root, out)
    elapsed = time.perf_counter() - t0  # the whole build up to the refusal, every other input read first
    assert rel in first and "aliases" in first and "row " in first, first
    assert elapsed < 2.0, f"{elapsed:.2f} s"
    tracemalloc.start()  # once more, for the memory it took (tracemalloc slows it down: not timed)
    try:
        fails(capsys, root, out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_a_self_referencing_alias_is_refused(ws, capsys):
    root, out = ws
    (root / "charts.yml").write_text("- &s [*s]\n", encoding="utf-8")
    assert "refers to itself" in fails(capsys, root, out)


def test_an_oversized_input_is_refused_before_it_is_parsed(ws, capsys):
    root, out = ws
    figure = (root / "claims" / "ch06.yml").read_text(encoding="utf-8")
    big = root / "claims" / "ch06.yml"
    big.write_text(figure * (MAX_BYTES // len(figure.encode("utf-8")) + 2), encoding="utf-8")
    t0 = time.perf_counter()
    first = fails(capsys, root, out)
    assert "claims/ch06.yml" in first and "at most 5 MB" in first
    assert time.perf_counter() - t0 < 2.0


# ---- empty and shrunken inputs --------------------------------------------------------------------------------

def test_an_empty_claims_file_fails_unless_declared(ws, capsys):
    root, out = ws
    (root / "claims" / "ch07_3.yml").write_text("", encoding="utf-8")
    first = fails(capsys, root, out)
    assert "claims/ch07_3.yml" in first and "empty" in first and "--allow-shrink" in first
    assert main(["build", "--out", str(out), "--datasets", str(root), "--allow-shrink"]) == 0
    assert json.loads((out / build_mod.MANIFEST).read_text())["input_counts"]["claims/ch07_3.yml"] == 0


def test_an_empty_indicators_file_is_blamed_on_indicators_yml(ws, capsys):
    root, out = ws
    (root / "indicators.yml").write_text("# nothing here\n", encoding="utf-8")
    first = fails(capsys, root, out)
    assert "error: indicators.yml" in first and "claims/" not in first, first


def test_a_file_truncated_at_a_record_boundary_fails_against_the_previous_build(ws, capsys):
    root, out = ws
    counts = json.loads((out / build_mod.MANIFEST).read_text())["input_counts"]
    assert counts["claims/ch07_3.yml"] > 20 and all(isinstance(n, int) for n in counts.values())
    f = root / "claims" / "ch07_3.yml"
    text = f.read_text(encoding="utf-8")
    cut = [i for i in range(len(text)) if text.startswith("\n- ", i)][-5]  # the start of the fifth-last record
    f.write_text(text[: cut + 1], encoding="utf-8")
    first = fails(capsys, root, out)
    assert "claims/ch07_3.yml" in first and f"previous build had {counts['claims/ch07_3.yml']}" in first, first
    assert main(["build", "--out", str(out), "--datasets", str(root), "--allow-shrink"]) == 0


def test_a_deleted_input_counts_as_a_shrink(ws, capsys):
    root, out = ws
    (root / "claims" / "ch07_6.yml").unlink()
    first = fails(capsys, root, out)
    assert "claims/ch07_6.yml" in first and "is gone" in first


# ---- table-contract errors name the curated file and record ----------------------------------------------------

def test_a_missing_required_value_names_the_claims_file_row_and_field(ws, capsys, monkeypatch):
    root, out = ws
    real = build_mod.claims_frame

    def with_a_hole(claims):
        df = real(claims)
        i = df.index[df["claim_id"] == "c06-0001"][0]
        df.loc[i, "value"] = None
        return df

    monkeypatch.setattr(build_mod, "claims_frame", with_a_hole)
    first = fails(capsys, root, out)
    assert "claims/ch06.yml, row " in first and "(id c06-0001)" in first and "field 'value'" in first, first
    row = int(first.split(", row ")[1].split()[0])
    assert "c06-0001" in (root / "claims" / "ch06.yml").read_text(encoding="utf-8").splitlines()[row - 1]


def test_a_duplicate_chart_names_charts_yml_row_and_the_chart(ws, capsys):
    root, out = ws
    f = root / "charts.yml"
    text = f.read_text(encoding="utf-8")
    starts = [i + 1 for i in range(len(text)) if text.startswith("\n- id: ", i)]
    first_chart = text[starts[0]:starts[1]]
    chart_id = first_chart.split("\n", 1)[0].removeprefix("- id: ").strip()
    f.write_text(text + ("" if text.endswith("\n") else "\n") + first_chart, encoding="utf-8")
    first = fails(capsys, root, out)
    assert "charts.yml, row " in first and chart_id in first, first
