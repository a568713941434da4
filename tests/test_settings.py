import pytest

from matching.issues import InputError
from matching.settings import DEFAULT_WEIGHTS, QUERY_NAMES, SIGNALS, Settings


def test_defaults_are_valid_and_name_every_signal():
    s = Settings()
    assert set(s.weights) == set(SIGNALS)
    assert s.weights == DEFAULT_WEIGHTS


def test_weights_must_name_exactly_the_signals():
    with pytest.raises(InputError) as err:
        Settings(weights={"profile": 1.0, "bogus": 0.5})
    text = str(err.value)
    assert "Missing" in text and "bogus" in text


def test_every_problem_reported_at_once_in_one_sentence_shape():
    with pytest.raises(InputError) as err:
        Settings(min_score=1.7, odd="quad", k=1, fairness=-1)
    msgs = [i.message for i in err.value.issues]
    assert len(msgs) == 4
    assert "The 'min_score' setting must be a number between 0 and 1. Got 1.7 instead." in msgs


def test_all_zero_weights_rejected():
    with pytest.raises(InputError, match="above 0"):
        Settings(weights={s: 0.0 for s in SIGNALS})


def test_json_round_trip_keeps_locks_and_blocks():
    s = Settings(min_score=0.2, locked=(("b", "a"),), blocked=[("x", "y")]).with_weight("wants", 0.9)
    back = Settings.from_json(s.to_json())
    assert back == s
    assert back.locked == (("a", "b"),)


def test_from_dict_reports_unknown_keys_and_fills_partial_weights():
    s = Settings.from_dict({"weights": {"wants": 0.8}})
    assert s.weights["wants"] == 0.8 and s.weights["profile"] == DEFAULT_WEIGHTS["profile"]
    with pytest.raises(InputError, match="'colour' is not a setting"):
        Settings.from_dict({"colour": "blue"})


def test_bad_json_is_a_plain_message():
    with pytest.raises(InputError, match="not valid JSON"):
        Settings.from_json("{not json")


def test_query_round_trip_and_short_names_are_unique():
    assert len(set(QUERY_NAMES.values())) == len(QUERY_NAMES)
    s = Settings(min_score=0.25, fairness=0.5, odd="bye", seed=7, k=30, locked=(("a", "b"),)).with_weight("location", 0.0)
    q = s.to_query()
    assert q["min"] == "0.25" and q["odd"] == "bye" and q["w_lo"] == "0"
    assert all(isinstance(v, str) for v in q.values())
    # locked/blocked are participant decisions: never in a link.
    assert set(q) <= set(QUERY_NAMES.values())
    back, issues = Settings.from_query(q)
    assert issues == []
    assert back == s.replace(locked=())


def test_from_query_skips_bad_values_with_a_warning():
    s, issues = Settings.from_query({"min": "abc", "k": "2.5", "odd": "quad", "lam": "0.5", "sample": "coffee"})
    assert s.fairness == 0.5 and s.min_score == 0.0 and s.k == 20 and s.odd == "triad"
    assert len(issues) == 3 and all(i.severity == "warning" for i in issues)


@pytest.mark.parametrize("content", [b'{"locked": 5}', b"[" * 100_000 + b"]" * 100_000, b"{" * 100_000,
                                     b'{"blocked": ["ab"]}', b"\xff\xfe", b'{"k": 1e999}', b"x" * 2_000_000])
def test_dashboard_settings_uploader_reports_bad_files_in_words(content):
    from ui.session import settings_from_file

    settings, errors = settings_from_file(content)
    assert settings is None and errors and all(isinstance(e, str) and e for e in errors)


def test_whole_numbers_from_json_are_ints():
    s = Settings.from_json('{"k": 20.0, "seed": 7.0}')
    assert s.k == 20 and isinstance(s.k, int) and isinstance(s.seed, int)
    with pytest.raises(InputError, match="list of \\[id, id\\] pairs"):
        Settings.from_json('{"locked": 5}')
