"""The sample-data generator reproduces the committed samples from its phrase tables."""

import importlib.util
import io
import json
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
CSV_FILES = ("coffee_round.csv", "coffee_history.csv", "mentoring.csv", "README.md")


def _load_generator(folder: Path = SAMPLES):
    spec = importlib.util.spec_from_file_location("pairwise_make_samples", folder / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    # A copy of the generator and its tables, run with its defaults, writes next to itself (README too).
    out = tmp_path_factory.mktemp("samples")
    shutil.copy(SAMPLES / "make_samples.py", out)
    shutil.copytree(SAMPLES / "phrases", out / "phrases")
    _load_generator(out).main([])
    return out


@pytest.mark.parametrize("name", CSV_FILES)
def test_generator_reproduces_committed_file(generated, name):
    assert (generated / name).read_bytes() == (SAMPLES / name).read_bytes(), (
        f"sample_data/{name} differs from what make_samples.py writes; rerun the generator and commit both")


def test_generator_reproduces_committed_xlsx_cells(generated):
    new = pd.read_excel(io.BytesIO((generated / "coffee_round.xlsx").read_bytes()), dtype=str, keep_default_na=False)
    old = pd.read_excel(io.BytesIO((SAMPLES / "coffee_round.xlsx").read_bytes()), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(new, old)
    csv = pd.read_csv(SAMPLES / "coffee_round.csv", dtype=str, keep_default_na=False)
    assert list(new.columns) == list(csv.columns) and len(new) == len(csv)


def test_other_seed_writes_no_readme_and_other_people(tmp_path):
    # The README quotes row numbers of the committed draw; a run elsewhere must not write one.
    _load_generator().main(["--out", str(tmp_path), "--seed", "7"])
    assert not (tmp_path / "README.md").exists()
    assert (tmp_path / "coffee_round.csv").read_bytes() != (SAMPLES / "coffee_round.csv").read_bytes()
    assert len(pd.read_csv(tmp_path / "mentoring.csv")) == len(pd.read_csv(SAMPLES / "mentoring.csv"))


def test_phrase_tables_are_json_and_used():
    module = _load_generator()
    tables = sorted((SAMPLES / "phrases").glob("*.json"))
    assert len(tables) >= 6
    for path in tables:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data, path.name
    # The generator reads the tables rather than carrying its own copies.
    assert module.DOMAINS == module.load_table("domains")["domains"]
    assert sum(1 for _ in open(SAMPLES / "make_samples.py", encoding="utf-8")) < 1500
