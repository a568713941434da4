"""Tune & pair table (issue 11 #17, #19, #20): stable group ids, honest change note, full reasons,
labelled signal bars, people sharing a name told apart, the page's done marker."""

import hashlib

import pandas as pd

from ui import decisions
from tests.app_helpers import new_app


def test_unchanged_groups_keep_their_ids_and_changed_ones_reuse_by_overlap():
    a, b, c, d, e, f = (frozenset(x) for x in ("ab", "cd", "ef", "ac", "bd", "gh"))
    prev = {a: "G001", b: "G002", c: "G003"}
    # The solver lists groups in another order and c changed partner: identical groups keep their ids.
    assert decisions.stable_group_ids(prev, [c, b, a]) == ["G003", "G002", "G001"]
    ids = decisions.stable_group_ids(prev, [frozenset("ef"), frozenset("ac"), frozenset("bd")])
    assert ids[0] == "G003" and set(ids[1:]) == {"G001", "G002"}
    new = decisions.stable_group_ids(prev, [c, f])
    assert new[0] == "G003" and new[1] not in {"G003"} and len(set(new)) == 2
    assert decisions.stable_group_ids({}, [a, b]) == ["G001", "G002"]


def test_change_note_counts_everyone_and_names_the_never_paired():
    prev = {"a": frozenset("b"), "b": frozenset("a"), "c": frozenset("d"), "d": frozenset("c"), "x": frozenset(),
            "y": frozenset()}
    cur = {"a": frozenset("c"), "c": frozenset("a"), "b": frozenset("d"), "d": frozenset("b"), "x": frozenset(),
           "y": frozenset()}
    ch = decisions.change_counts(prev, cur)
    assert ch["moved"] == 4 and ch["n"] == 6 and ch["unpaired_both"] == 2
    text = decisions.change_text({**ch, "total_change": 0.5, "lowest_change": -0.1})
    assert "4 of 6 people" in text and "2 were not paired in either" in text


def test_shared_names_are_told_apart_by_row():
    p = pd.DataFrame({"name": ["Alex Kim", "Bo", "alex kim "], "row": [14, 15, 30]})
    assert decisions.display_names(p) == ["Alex Kim (row 14)", "Bo", "alex kim  (row 30)"]
    assert decisions.shared_names(p) == ["Alex Kim"]


def _pairing_table(at):
    """The pairing table: the read-only one (the default) or, with 'Edit pairs' on, the editor's."""
    editors = [d for d in at.data_editor if str(d.key).startswith("pairs_")]
    if editors:
        return editors[0].value
    return next(d.value for d in at.dataframe if {"group", "members", "_ids"} <= set(d.value.columns))


def test_pairs_are_read_only_until_edit_pairs_is_switched_on():
    at = new_app()
    at.run()
    assert not at.exception, at.exception
    assert not [d for d in at.data_editor if str(d.key).startswith("pairs_")]  # slider steps redraw a light table
    assert any("switch on **Edit pairs**" in c.value for c in at.caption)
    view = _pairing_table(at)
    at.toggle(key="edit_pairs").set_value(True).run()
    assert not at.exception, at.exception
    editor = next(d for d in at.data_editor if str(d.key).startswith("pairs_"))
    assert list(editor.value["members"]) == list(view["members"]) and {"lock", "forbid"} <= set(editor.value.columns)
    assert any("Tick **lock**" in c.value for c in at.caption)
    first = editor.value["_ids"].iloc[0].split(";")[:2]
    at.session_state["locked"] = [first]
    at.toggle(key="edit_pairs").set_value(False).run()  # a lock shows in the read-only table too
    assert not at.exception, at.exception
    locked_rows = _pairing_table(at)
    assert locked_rows.loc[locked_rows["_ids"].str.startswith(";".join(first)), "lock"].all()


def test_group_ids_survive_a_re_solve_and_the_page_explains_itself():
    at = new_app()
    at.run()
    assert not at.exception
    before = _pairing_table(at)
    at.slider(key="w_location").set_value(0.3).run()
    assert not at.exception
    after = _pairing_table(at)
    ids_before = dict(zip(before["members"], before["group"]))
    same = [(m, g) for m, g in zip(after["members"], after["group"]) if m in ids_before]
    assert same and all(ids_before[m] == g for m, g in same)  # unchanged groups keep their ids
    n = len(at.session_state["pairing_log"][-1]["partners"])
    assert any(f"of {n} people got a new partner" in i.value for i in at.info)
    # Labelled bars, the full reasons of a chosen group, and the done marker for browser tests.
    assert any("left to right" in c.value and "similar profiles" in c.value for c in at.caption)
    exp = next(e for e in at.expander if "Why this group" in e.label)
    assert len(exp.markdown) >= 1
    assert any('id="pairwise-done"' in m.value for m in at.markdown)


def test_people_sharing_a_name_get_a_warning_and_their_row():
    csv = ("Your name ,Which option best represents your role?,Tweet-sized summary of yourself\n"
           "Alex Kim,ML Engineer,I build pipelines for search\nAlex Kim,Data Scientist,I study causal inference\n"
           "Bo Chen,ML Engineer,I ship models to phones\nCy Diaz,Data Scientist,I like statistics a lot\n").encode()
    at = new_app()
    at.run()
    at.session_state["source"] = {"kind": "upload", "name": "names.csv", "digest": hashlib.sha256(csv).hexdigest()}
    at.session_state["upload_bytes"] = csv
    at.run()
    assert not at.exception, at.exception
    assert any("belong to more than one person" in w.value and "Alex Kim" in w.value for w in at.warning)
    members = " ".join(_pairing_table(at)["members"])
    assert "Alex Kim (row 2)" in members and "Alex Kim (row 3)" in members
