"""Share link (issue 11 #14, #15): file= kept, decisions as salted hashes, restored with the same data;
removing the uploaded file goes back to the demo data."""

import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from ui import sharelink
from tests.app_helpers import new_app

TIMEOUT = 120
SMALL = ("Your name ,Which option best represents your role?,Tweet-sized summary of yourself\n"
         + "".join(f"Person{i} Q,{'ML Engineer' if i % 2 else 'Data Scientist'},I build pipelines number {i}\n"
                   for i in range(8))).encode()


def _params(at) -> dict:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def _upload(at: AppTest, data: bytes, name: str) -> AppTest:
    at.session_state["source"] = {"kind": "upload", "name": name, "digest": hashlib.sha256(data).hexdigest()}
    at.session_state["upload_bytes"] = data
    at.session_state["mapping_override"] = {}
    return at


def test_pair_codec_round_trips_and_never_holds_ids():
    salt = hashlib.sha256(b"file").hexdigest()
    text = sharelink.encode_pairs([["bob@x.org", "ann"], ["c1", "d2"]], salt)
    assert "ann" not in text and "bob" not in text and "c1" not in text
    pairs, missing = sharelink.decode_pairs(text, ["ann", "bob@x.org", "c1", "d2", "e"], salt)
    assert sorted(pairs) == [["ann", "bob@x.org"], ["c1", "d2"]] and missing == 0
    other, missing = sharelink.decode_pairs(text, ["ann", "bob@x.org", "c1", "d2"], "another file")
    assert other == [] and missing == 2
    m = sharelink.encode_mapping({"role": "Your role ", "company": None}, salt)
    assert "role" in m and "Your" not in m
    assert sharelink.decode_mapping(m, ["Your role ", "x"], salt) == ({"company": None, "role": "Your role "}, 0)


def test_opening_a_file_link_keeps_file_param_and_says_to_upload_again():
    at = new_app(file="0123456789ab", lam="0.5")
    at.run()
    assert not at.exception, at.exception
    p = _params(at)
    assert p.get("file") == "0123456789ab" and "sample" not in p  # a reload must not silently show the sample
    assert any("refers to an uploaded file" in i.value and "upload it again" in i.value for i in at.info)


def test_locks_and_forbids_travel_in_the_link_as_hashes_and_come_back():
    at = new_app(sample="coffee")
    at.run()
    at.switch_page("app_pages/export.py").run()
    df = at.dataframe[0].value
    paired = df[df["status"] == "paired"]
    a, b = paired.iloc[0]["id"], paired.iloc[0]["partner_ids"]
    c, d = [x for x in paired["id"] if x not in (a, b)][:2]
    at.session_state["locked"] = [[c, d]]
    at.session_state["blocked"] = [[a, b]]
    at.run()
    p = _params(at)
    assert p.get("lk") and p.get("fb")
    assert not any(x in p["lk"] + p["fb"] for x in (a, b, c, d))
    again = new_app(**p)
    again.run()
    assert not again.exception
    assert [sorted(x) for x in again.session_state["locked"]] == [sorted([c, d])]
    assert [sorted(x) for x in again.session_state["blocked"]] == [sorted([a, b])]


def test_link_decisions_wait_for_the_same_file_then_apply():
    digest = hashlib.sha256(SMALL).hexdigest()
    ids_pair = None
    first = new_app()
    first.run()
    _upload(first, SMALL, "small.csv")
    first.switch_page("app_pages/export.py").run()
    df = first.dataframe[0].value
    ids_pair = sorted(df["id"].tolist()[:2])
    first.session_state["locked"] = [ids_pair]
    first.session_state["mapping_override"] = {"role": None}
    first.run()
    p = _params(first)
    assert p["file"] == digest[:12] and "sample" not in p and p.get("lk") and p.get("map") == "role:-"
    # A new session opens the link: it waits for the file, keeping the link's decisions in the address.
    second = new_app(**p)
    second.run()
    assert _params(second).get("lk") == p["lk"] and _params(second).get("file") == p["file"]
    _upload(second, SMALL, "small.csv").run()
    assert not second.exception, second.exception
    assert [sorted(x) for x in second.session_state["locked"]] == [ids_pair]
    assert second.session_state["mapping_override"] == {"role": None}
    # Another file does not get them.
    third = new_app(**p)
    third.run()
    _upload(third, SMALL + b"Extra One,ML Engineer,text\n", "other.csv").run()
    assert third.session_state["locked"] == [] and not third.session_state["mapping_override"]


def _script():
    import streamlit as st

    from ui import session

    session.init()
    ss = st.session_state
    action = ss.get("action")
    if action == "upload":
        raw = ss["raw"]
        session.use_upload("survey.csv", raw, session.data.content_hash(raw))
    elif action == "map":
        session.set_mapping({"role": None})
    elif action == "sample":
        session.use_sample("coffee")
    elif action == "remove":
        ss["upload_file"] = None  # the uploader's ✕
        session.on_upload_change()
    ss["action"] = None
    st.write(ss.source.get("kind"))


def _step(at, action, **extra):
    at.session_state["action"] = action
    for k, v in extra.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def test_same_file_again_restores_the_organizers_mapping():
    at = AppTest.from_function(_script, default_timeout=TIMEOUT)
    at.run()
    _step(at, "upload", raw=SMALL)
    _step(at, "map")
    _step(at, "sample")
    assert at.session_state["mapping_override"] == {}
    _step(at, "upload", raw=SMALL)
    assert at.session_state["mapping_override"] == {"role": None}
    _step(at, "upload", raw=SMALL + b"Extra One,ML Engineer,text\n")  # another file starts fresh
    assert at.session_state["mapping_override"] == {}


def test_removing_the_uploaded_file_goes_back_to_the_demo_data():
    at = AppTest.from_function(_script, default_timeout=TIMEOUT)
    at.run()
    _step(at, "upload", raw=SMALL)
    assert at.session_state["source"]["kind"] == "upload"
    _step(at, "remove")
    assert at.session_state["source"] == {"kind": "sample", "id": "coffee"}
    assert at.session_state["upload_removed"] is True


@pytest.mark.parametrize("page", ["app_pages/upload.py", "app_pages/pairing.py"])
def test_banner_changes_when_the_upload_is_removed(page):
    at = new_app()
    at.run()
    _upload(at, SMALL, "small.csv")
    at.switch_page(page).run()
    assert any("uploaded file small" in c.value for c in at.caption)
    at.session_state["source"] = {"kind": "sample", "id": "coffee"}  # what on_upload_change does on ✕
    at.run()
    assert not any("uploaded file" in c.value for c in at.caption)
    assert any("Demo data" in i.value for i in at.info)


def test_stop_using_the_upload_button_when_the_uploader_is_empty():
    at = new_app()
    at.run()
    _upload(at, SMALL, "small.csv")
    at.switch_page("app_pages/upload.py").run()
    at.button(key="remove_upload").click().run()
    assert not at.exception, at.exception
    assert at.session_state["source"] == {"kind": "sample", "id": "coffee"}
    assert any("demo data is shown again" in i.value for i in at.info)
    assert _params(at).get("sample") == "coffee" and "file" not in _params(at)
