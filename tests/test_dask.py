"""The Dask path runs the same block functions as the local path and gives identical results."""

import logging

import numpy as np
import pandas as pd
import pytest

from matching.cli import main
from matching.issues import InputError
from matching.suggest import suggest
from matching.suggest.blocks import BlockContext, blocked_topk
from matching.suggest.distributed import connect
from matching.suggest.large import run_round_blocked
from matching.suggest.pairs import PairScorer
from matching.suggest.rules import build_block_rules
from tests.test_scale import instance

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=logging.ERROR) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as cl:
        yield cl


def test_blocked_topk_on_dask_equals_local(client):
    p, vectors, history, st = instance(300, 11)
    ctx = BlockContext(PairScorer.from_participants(p, vectors, st), build_block_rules(p, st, history))
    local = blocked_topk(ctx, 8, block_elems=300 * 16)
    remote = blocked_topk(ctx, 8, block_elems=300 * 16, client=client)
    assert np.array_equal(local["idx"], remote["idx"])
    assert np.array_equal(local["value"], remote["value"], equal_nan=True)
    assert np.array_equal(local["n_allowed"], remote["n_allowed"])
    # The work really ran on both workers.
    assert len(client.scheduler_info()["workers"]) == 2


def test_round_and_suggestions_on_dask_equal_local(client):
    p, vectors, history, st = instance(240, 12)
    local = run_round_blocked(p, vectors, st, history)
    remote = run_round_blocked(p, vectors, st, history, client=client)
    assert local.solution.groups == remote.solution.groups
    assert local.solution.proof == remote.solution.proof == "priced"
    pd.testing.assert_frame_equal(local.assignments, remote.assignments)
    s_local = suggest(p, vectors, st, history, method="exact")
    s_remote = suggest(p, vectors, st, history, method="exact", client=client)
    pd.testing.assert_frame_equal(s_local.table, s_remote.table)


def test_cli_suggest_with_a_scheduler_address(cluster, tmp_path):
    from ui.data import ROOT

    survey = str(ROOT / "sample_data" / "coffee_round.csv")
    a, b = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert main(["suggest", survey, "--k", "3", "--out", str(a), "--embedder", "tfidf"]) == 0
    assert main(["suggest", survey, "--k", "3", "--out", str(b), "--embedder", "tfidf",
                 "--dask", cluster.scheduler_address]) == 0
    left, right = pd.read_csv(a), pd.read_csv(b)
    # Small surveys use the dense engine locally and row blocks on Dask: the same lists either way.
    pd.testing.assert_frame_equal(left.drop(columns="score"), right.drop(columns="score"))
    np.testing.assert_allclose(left["score"], right["score"], atol=1e-4)


def test_bad_or_unreachable_scheduler_is_a_plain_error():
    with pytest.raises(InputError, match="must look like tcp://host:8786"):
        connect("localhost:8786")
    with pytest.raises(InputError, match="Could not reach the Dask scheduler"):
        connect("tcp://127.0.0.1:9", timeout=2)


def test_cli_pair_with_a_scheduler_address(cluster, tmp_path, capsys):
    from ui.data import ROOT

    survey, hist = str(ROOT / "sample_data" / "coffee_round.csv"), str(ROOT / "sample_data" / "coffee_history.csv")
    a, b = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert main(["pair", survey, "--out", str(a), "--embedder", "tfidf", "--history", hist]) == 0
    assert main(["pair", survey, "--out", str(b), "--embedder", "tfidf", "--history", hist,
                 "--dask", cluster.scheduler_address]) == 0
    assert "on Dask without an N x N matrix, proven best over all pairs" in capsys.readouterr().err
    left, right = pd.read_csv(a).set_index("id").sort_index(), pd.read_csv(b).set_index("id").sort_index()
    assert left["partner_ids"].equals(right["partner_ids"])
    assert left["status"].equals(right["status"])


def test_cli_pair_on_the_candidate_graph_says_what_it_proved(cluster, tmp_path, capsys):
    import json

    from ui.data import ROOT

    survey = str(ROOT / "sample_data" / "coffee_round.csv")
    out, summary = tmp_path / "pairs.csv", tmp_path / "summary.json"
    assert main(["pair", survey, "--out", str(out), "--embedder", "tfidf", "--candidates", "ann", "--json", str(summary),
                 "--dask", cluster.scheduler_address]) == 0
    err = capsys.readouterr().err
    assert "nearest-neighbour candidate graph" in err and "not proven over all pairs" in err
    data = json.loads(summary.read_text(), parse_constant=lambda c: pytest.fail(f"{c} in the JSON summary"))
    assert data["summary"]["gap"] is None and data["summary"]["proof"] == ""
    assert 0 <= data["summary"]["graph_gap"] < 1e-6
    table = pd.read_csv(out)
    assert table["id"].is_unique and len(table) == 121
    with pytest.raises(SystemExit):              # argparse refuses an unknown choice
        main(["pair", survey, "--out", str(out), "--candidates", "nearest"])
