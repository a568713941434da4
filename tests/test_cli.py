"""The CLI end to end, and a golden test on the bundled sample survey."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "coffee_round.csv"
HISTORY = ROOT / "sample_data" / "coffee_history.csv"


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "matching", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                                                       "PAIRWISE_CACHE_DIR": str(ROOT / ".cache" / "test-vectors")})


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    res = cli("pair", SAMPLE, "--history", HISTORY, "--out", out / "pairs.csv", "--json", out / "summary.json",
              "--embedder", "tfidf")
    assert res.returncode == 0, res.stderr
    return res, pd.read_csv(out / "pairs.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False), \
        json.loads((out / "summary.json").read_text())


def test_golden_sample_round(golden):
    res, pairs, summary = golden
    survey = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    # 122 rows, one duplicate submission (rows 51 and 61): 121 people, each exactly once.
    assert len(survey) == 122
    assert len(pairs) == 121 and pairs["id"].is_unique
    assert set(pairs["id"]) == set(survey["Respondent ID"]) - {survey.loc[49, "Respondent ID"]}
    assert "Rows 51 and 61" in res.stderr
    # Odd count -> exactly one triad by default; nobody unmatched on the sample.
    assert (pairs["status"] == "triad").sum() == 3
    assert (pairs["status"] == "unmatched").sum() == 0
    s = summary["summary"]
    assert s["groups"] == 60 and s["status"] == "Optimal"
    assert 0.2 < s["lowest_score"] <= s["median_score"] < 0.9
    # Partners are symmetric and every explanation is filled in.
    partner = dict(zip(pairs["id"], pairs["partner_ids"]))
    for pid, others in partner.items():
        for o in others.split("; "):
            assert pid in partner[o].split("; ")
    assert pairs["explanation"].str.len().gt(10).all()
    # Nobody meets someone they met in the last 3 rounds (the history file).
    hist = pd.read_csv(HISTORY)
    email = dict(zip(pairs["id"], pairs["email"].str.lower()))
    met = {frozenset((a.lower(), b.lower())) for a, b in zip(hist["email_a"], hist["email_b"])}
    for pid, others in partner.items():
        for o in others.split("; "):
            assert frozenset((email[pid], email[o])) not in met
    # Similar-role requests are honoured (row 54 is the only Sales and Marketing person who asked).
    assert s["similar_role_honoured"] == 1.0
    # Emails never leak into stdout/stderr.
    assert "@gmail.com" not in res.stderr and "@gmail.com" not in res.stdout


def test_pairing_passes_unmapped_columns_and_contact_through(golden):
    _, pairs, _ = golden
    assert {"email", "role", "career_stage"} <= set(pairs.columns)


def test_score_matrix_is_square_with_id_labels(tmp_path):
    res = cli("score", SAMPLE, "--out", tmp_path / "m.csv", "--embedder", "tfidf")
    assert res.returncode == 0, res.stderr
    m = pd.read_csv(tmp_path / "m.csv", index_col=0)
    assert m.shape == (121, 121) and list(m.index) == list(m.columns)
    assert ((m.values >= 0) & (m.values <= 1)).all()
    assert (m.values == m.values.T).all()


@pytest.mark.parametrize("content,name,needle", [
    (b"", "empty.csv", "empty"),
    (b"colour,size\nred,3\n", "nonames.csv", "name"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "img.csv", ""),
])
def test_bad_input_exits_2_with_plain_words(tmp_path, content, name, needle):
    f = tmp_path / name
    f.write_bytes(content)
    res = cli("pair", f, "--out", tmp_path / "o.csv", "--embedder", "tfidf")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert "FATAL" in res.stderr and needle in res.stderr.lower()
    assert not (tmp_path / "o.csv").exists()


def test_missing_file_and_bad_settings_exit_2(tmp_path):
    res = cli("pair", tmp_path / "nope.csv", "--out", tmp_path / "o.csv")
    assert res.returncode == 2 and "No file" in res.stderr and "Traceback" not in res.stderr
    bad = tmp_path / "s.json"
    bad.write_text(json.dumps({"min_score": 3, "weights": {"vibes": 1}}))
    res = cli("pair", SAMPLE, "--out", tmp_path / "o.csv", "--settings", bad)
    assert res.returncode == 2 and "min_score" in res.stderr and "vibes" in res.stderr


def test_settings_file_changes_the_round(tmp_path):
    s = tmp_path / "s.json"
    s.write_text(json.dumps({"odd": "bye", "embedder": "tfidf"}))
    res = cli("pair", SAMPLE, "--out", tmp_path / "o.csv", "--settings", s)
    assert res.returncode == 0, res.stderr
    pairs = pd.read_csv(tmp_path / "o.csv", encoding="utf-8-sig")
    assert (pairs["status"] == "unmatched").sum() == 1 and (pairs["status"] == "triad").sum() == 0
    assert "odd" in pairs.loc[pairs["status"] == "unmatched", "reason"].iloc[0]


def test_settings_file_carries_column_signals_and_rules(tmp_path):
    form = ROOT / "tests" / "data" / "forms" / "hr_onboarding_buddies.xlsx"
    (tmp_path / "s.json").write_text(json.dumps({
        "embedder": "tfidf", "column_signals": {"Team": "same"}, "column_rules": {"Department": "never_same"},
        "weights": {"Team": 0.5}}))
    res = cli("pair", form, "--settings", tmp_path / "s.json", "--out", tmp_path / "p.csv")
    assert res.returncode == 0, res.stderr
    pairs = pd.read_csv(tmp_path / "p.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    dept = dict(zip(pairs["id"], pairs["Department"]))
    for pid, partners in zip(pairs["id"], pairs["partner_ids"]):
        for other in filter(None, partners.split("; ")):
            assert dept[pid] != dept[other]
    (tmp_path / "bad.json").write_text(json.dumps({"weights": {"Team": 0.5}}))
    res = cli("pair", form, "--settings", tmp_path / "bad.json", "--out", tmp_path / "p2.csv")
    assert res.returncode == 2 and "Team" in res.stderr and "column_signals" in res.stderr
    assert "Traceback" not in res.stderr


def test_score_matrix_is_formula_safe_in_header_and_index(tmp_path):
    csv = ("Respondent ID,Full name,Role,Tell us about yourself\n"
           "=1+1,Ana Silva,ML Engineer,I deploy models with kubernetes\n"
           "@SUM(1+1),Bo Chen,Data Scientist,I like statistics and causal inference\n"
           "+CMD,Cy Diaz,Data Engineer,Pipelines in spark and airflow\n"
           "plain-4,Di Eng,ML Engineer,LLM serving and vllm\n")
    (tmp_path / "s.csv").write_text(csv)
    res = cli("score", tmp_path / "s.csv", "--out", tmp_path / "m.csv", "--embedder", "tfidf")
    assert res.returncode == 0, res.stderr
    lines = (tmp_path / "m.csv").read_text().splitlines()
    header = lines[0].split(",")
    index = [line.split(",")[0] for line in lines[1:]]
    for cell in header[1:] + index:
        assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), cell
    assert "'=1+1" in header and "'@SUM(1+1)" in index


@pytest.mark.parametrize("content", [
    '{"locked": 5}', "[" * 100_000 + "]" * 100_000, '{"blocked": ["ab"]}', '{"k": 20.5}'])
def test_bad_settings_files_exit_2_in_plain_words(tmp_path, content):
    (tmp_path / "s.json").write_text(content)
    res = cli("pair", SAMPLE, "--settings", tmp_path / "s.json", "--out", tmp_path / "p.csv", "--embedder", "tfidf")
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr and "setting" in res.stderr


def test_whole_number_settings_given_as_floats_work(tmp_path):
    (tmp_path / "s.json").write_text('{"k": 20.0, "n_backups": 1.0, "embedder": "tfidf"}')
    res = cli("pair", SAMPLE, "--settings", tmp_path / "s.json", "--out", tmp_path / "p.csv")
    assert res.returncode == 0, res.stderr


def test_unwritable_out_is_refused_before_any_work(tmp_path):
    for out in (tmp_path / "missing" / "p.csv", tmp_path):
        res = cli("pair", SAMPLE, "--out", out, "--embedder", "tfidf")
        assert res.returncode == 2 and "Traceback" not in res.stderr
        assert "Embedding" not in res.stderr  # refused before the work, not after
        assert str(out) in res.stderr
    res = cli("score", SAMPLE, "--out", tmp_path / "nope" / "m.csv", "--embedder", "tfidf")
    assert res.returncode == 2 and "Embedding" not in res.stderr


def test_twenty_digit_capacity_is_not_a_crash(tmp_path):
    df = pd.read_csv(ROOT / "sample_data" / "mentoring.csv", dtype=str, keep_default_na=False)
    col = "How many mentees can you take?"
    df.loc[df[col].str.strip() != "", col] = "12345678901234567890"
    df.to_csv(tmp_path / "m.csv", index=False)
    res = cli("pair", tmp_path / "m.csv", "--out", tmp_path / "p.csv", "--embedder", "tfidf")
    assert res.returncode in (0, 2) and "Traceback" not in res.stderr
