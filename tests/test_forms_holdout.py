"""The same corpus checks on the held-back forms (tests/data/forms_holdout/): forms written to test the
mapper on exports it was not developed against. Run in a subprocess because the corpus module reads its
folder from PAIRWISE_FORMS_CORPUS at import."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_holdout_forms_pass_the_corpus_checks():
    env = {**os.environ, "PAIRWISE_FORMS_CORPUS": str(ROOT / "tests" / "data" / "forms_holdout")}
    run = subprocess.run([sys.executable, "-m", "pytest", "tests/test_forms_corpus.py", "-q", "-s",
                          "-p", "no:cacheprovider"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "forms_holdout" in run.stdout  # the accuracy table was printed for the holdout folder
