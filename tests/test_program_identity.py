"""Identity across rounds: email first, then survey id, then the normalised name."""

from matching.program.identity import IdentityIndex, Known, email_key, name_key


def test_keys():
    assert name_key("  Łukasz  Wójcik-Nowak ") == "lukasz wojcik nowak"
    assert name_key("JOSÉ  o'neil") == "jose o neil"
    assert email_key(" Ada@Example.ORG ") == "ada@example.org"
    assert email_key("not an email") is None and email_key(None) is None


def test_match_rules():
    idx = IdentityIndex([Known(1, "Ada Lovelace", "ada@example.org", "r1"), Known(2, "Bob Stone", None, "X9"),
                         Known(3, "Sam Lee", "sam1@example.org"), Known(4, "Sam Lee", "sam2@example.org")])
    assert idx.match("Someone Else", "ADA@example.org")[0].person_id == 1          # email wins over name
    assert idx.match("Robert", None, "X9") == (idx.by_id["X9"][0], None)           # then the survey id
    person, note = idx.match("bob  STONE")                                          # then the name, flagged
    assert person.person_id == 2 and "name only" in note.note
    person, note = idx.match("Ada Lovelace", "ada.new@example.org")                # same name, other email
    assert person is None and "different email" in note.note
    person, note = idx.match("Sam Lee")                                             # two people of that name
    assert person is None and "2 people" in note.note
    assert idx.match("Nobody") == (None, None)


def test_lookup_for_files():
    idx = IdentityIndex([Known(1, "Ada Lovelace", "ada@example.org", "Rx7"), Known(2, "Bob Stone")])
    assert idx.lookup("ADA@example.org") == (idx.by_email["ada@example.org"], "email")
    assert idx.lookup("rx7")[1] == "id"
    assert idx.lookup("bob stone")[1] == "name"
    assert idx.lookup("zed@example.org") == (None, "")
