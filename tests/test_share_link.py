"""Share links, however mangled, never crash: bad values are skipped and reported (issue 11, item 7)."""

import pytest

from matching.settings import Settings


@pytest.mark.parametrize("params", [
    {"k": "inf"}, {"seed": "-inf"}, {"rr": "1e999"}, {"k": "nan"}, {"lam": "inf"},
    {"k": "1" * 400}, {"seed": "9" * 30}, {"min": "abc"}, {"rec": "nonsense"}, {"w_pr": "-inf"},
])
def test_mangled_share_link_values_are_ignored_with_a_note(params):
    settings, issues = Settings.from_query(params)
    assert settings == Settings()
    assert issues and all(i.severity == "warning" for i in issues)


def test_good_values_still_apply_next_to_bad_ones():
    settings, issues = Settings.from_query({"k": "inf", "min": "0.3", "rr": "2"})
    assert settings.min_score == 0.3 and settings.repeat_rounds == 2 and settings.k == Settings().k
    assert len(issues) == 1
