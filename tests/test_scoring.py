import numpy as np
import pytest

from matching.scoring import signals as sig
from matching.scoring.embedder import tfidf_vectors
from matching.scoring import combine, compute_signals, explain_pair, explanation_text, scrub_pii, text_fields
from matching.settings import SIGNALS, Settings

OFFSETS = None


def _signals(participants, settings=Settings()):
    vecs = {k: tfidf_vectors(v) for k, v in text_fields(participants).items()}
    # one space for both fields, as the Embedder does
    f = text_fields(participants)
    both = tfidf_vectors(f["profile"] + f["wants"])
    vecs = {"profile": both[: len(participants)], "wants": both[len(participants):]}
    offsets = np.array([{"Europe/Berlin": 1, "America/New_York": -5, "Asia/Kolkata": 5.5, "Africa/Lagos": 1,
                         "America/Sao_Paulo": -3}[z] for z in participants["timezone"]], float)
    return compute_signals(participants, vecs, settings, utc_offsets=offsets)


def test_every_signal_is_a_named_matrix_in_unit_range(participants):
    ss = _signals(participants)
    assert set(ss.matrices) == set(SIGNALS)
    n = len(participants)
    for name, m in ss.matrices.items():
        assert m.shape == (n, n), name
        assert np.all((m >= 0) & (m <= 1)), name
        assert np.allclose(np.diag(m), 0), name
        assert np.allclose(m, m.T), f"{name} must be symmetric after reciprocity"


def test_wants_is_directed_before_reciprocity(participants):
    ss = _signals(participants)
    assert not np.allclose(ss.wants_fit, ss.wants_fit.T)


@pytest.mark.parametrize("rule,expected", [("geometric", np.sqrt(0.9 * 0.1)), ("min", 0.1), ("mean", 0.5)])
def test_reciprocity_rules(rule, expected):
    assert sig.RECIPROCITY[rule](np.array(0.9), np.array(0.1)) == pytest.approx(expected)


def test_topic_neighbours_score_higher_than_strangers(participants):
    ss = _signals(participants)
    score = combine(ss, Settings().weights)
    # p000 and p006 share the LLM-serving topic; p000 and p003 (startup founder) do not.
    assert score[0, 6] > score[0, 3]


def test_blank_text_skips_the_signal_instead_of_penalising(participants):
    p = participants.copy()
    p.loc[0, "skills"] = ""
    ss = _signals(p)
    assert not ss.available["skills_overlap"][0].any()
    expl = explain_pair(ss, Settings().weights, 0, 1)
    assert "skills_overlap" in expl["skipped"]
    assert expl["score"] == pytest.approx(combine(ss, Settings().weights)[0, 1])


def test_explanation_contributions_add_up_to_the_score(participants):
    ss = _signals(participants)
    w = Settings().weights
    score = combine(ss, w)
    for i, j in [(0, 6), (1, 2), (3, 9)]:
        e = explain_pair(ss, w, i, j)
        assert sum(e["contributions"].values()) == pytest.approx(score[i, j])
    e = explain_pair(ss, w, 0, 6)
    assert "kubernetes" in e["shared_tags"]
    assert "shared: " in explanation_text(e)


def test_weights_change_the_score_and_must_match_signals(participants):
    ss = _signals(participants)
    only_role = {s: (1.0 if s == "role" else 0.0) for s in SIGNALS}
    assert np.allclose(combine(ss, only_role), ss.matrices["role"])
    with pytest.raises(ValueError, match="exactly the signals"):
        combine(ss, {"role": 1.0})


def test_location_signal_prefers_shared_daytime():
    m = sig.location_signal(np.array([1.0, 2.0, -8.0]), np.full(3, np.nan), np.full(3, np.nan), "timezone")
    assert m[0, 1] > m[0, 2]
    d = sig.haversine_km(np.array([52.52, 48.85]), np.array([13.40, 2.35]))
    assert 870 < d[0, 1] < 890  # Berlin-Paris


def test_experience_sweet_spot():
    years = np.array([1.0, 2.0, 9.0])
    peers = sig.experience_signal(years, sweet_spot=0)
    mentor = sig.experience_signal(years, sweet_spot=7)
    assert peers[0, 1] > peers[0, 2]
    assert mentor[0, 2] > mentor[0, 1]


def test_skill_tags_normalise_aliases_and_separators():
    tags = sig.skill_tags("Python, PyTorch; k8s and ML Ops / Recommender systems", "")
    assert {"python", "pytorch", "kubernetes", "mlops", "recsys"} <= tags


def test_pii_is_scrubbed_before_embedding():
    text = scrub_pii("Reach me at ana.k@example.com or @ana_k, see https://linkedin.com/in/ana and www.ana.dev")
    assert "@" not in text and "http" not in text and "linkedin" not in text and "ana.dev" not in text


@pytest.mark.parametrize("cell", ["a" * 100_000, "a@" * 50_000, "a." * 50_000, "a-" * 50_000, "@a." * 33_000,
                                  "a.com" * 20_000, "a@b." * 25_000, "x" * 99_990 + "@gmail.com"])
def test_scrubbing_a_100kb_cell_without_spaces_is_linear_time(cell):
    import time

    best = float("inf")
    for _ in range(3):  # best of three: the bound is about the algorithm, not a busy machine
        t0 = time.perf_counter()
        scrub_pii(cell)
        best = min(best, time.perf_counter() - t0)
    assert best < 0.1, f"{best:.3f} s"


@pytest.mark.parametrize("text", [
    "find me on t.me/ana_silva", "short link bit.ly/3xYz9", "my site: ana-silva.de/blog/post-1",
    "whatsapp wa.me/4915112345678", "portfolio at anasilva.dev", "see github.com/ana/repo",
    "https://medium.com/@ana/post", "www.example.org", "write to ana.silva+x@gmail.com", "ping @ana_s",
    "profile linkedin.com/in/ana-silva-123"])
def test_scrubber_removes_every_kind_of_contact_link(text):
    out = scrub_pii(text)
    for secret in ("t.me", "bit.ly", "ana-silva", "4915112345678", "anasilva", "github", "medium", "example",
                   "gmail", "@ana", "linkedin"):
        assert secret not in out, (text, out)


def test_scrubber_keeps_ordinary_words_with_dots():
    text = "ASP.NET and Node.js in the U.S., e.g. v1.2 scored 3.5/5; ci/cd and A/B tests"
    assert scrub_pii(text) == text


def test_role_signal_keeps_open_role_labels():
    m = sig.role_signal(["Prompt Designer", "prompt designer ", "Prompt Engineer", "ML Engineer", "Gardener"])
    assert m[0, 1] == pytest.approx(1.0)                 # the same label is the same role
    assert m[0, 2] > m[0, 4] and m[0, 2] > 0.2           # similar names are close; unrelated ones are not
    assert np.allclose(m, m.T) and (np.diag(m) == 0).all()


def test_concepts_fold_different_words_for_the_same_field():
    from matching.scoring.concepts import Phrase, closest, concepts, phrases

    assert concepts("Dev advocacy at an API company") == concepts("I do DevRel") == {"developer relations"}
    a = [Phrase(p) for p in phrases("I lead developer relations at a database company. I bake bread.")]
    b = [Phrase(p) for p in phrases("Chess on weekends; five years in dev advocacy")]
    best = closest(a, b)
    assert best is not None and "developer relations" in best[0].text and "dev advocacy" in best[1].text
    assert closest([Phrase("I like chess")], [Phrase("Kubernetes operators in Go")]) is None


def test_phone_numbers_are_scrubbed_but_years_and_counts_stay():
    import time

    assert scrub_pii("call me +1 415 555 0100 or (030) 1234-5678 today") == "call me or today"
    assert scrub_pii("WhatsApp +49 170 1234567") == "WhatsApp"
    assert scrub_pii("worked 2019-2023 on 5 projects, 10+ years") == "worked 2019-2023 on 5 projects, 10+ years"
    t0 = time.perf_counter()
    scrub_pii("1 " * 50_000 + "9" * 100_000)
    assert time.perf_counter() - t0 < 1.0  # linear; a backtracking pattern would take minutes
