"""Share-link codec for the organizer's decisions: locks, forbids and the column mapping.

No Streamlit here. Names, ids and headers never go into a link in clear: each participant id and
each column header becomes a short hash salted with the SHA-256 of the file itself, so the link
means nothing without the file, and the decisions come back only when the same file is loaded.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

LOCK_PARAM = "lk"     # locked pairs: 16 hex (two salted id hashes) per pair, '.'-separated
FORBID_PARAM = "fb"   # forbidden pairs, same form
MAP_PARAM = "map"     # mapping overrides: field:<header hash> or field:- (unmapped), ','-separated
DECISION_PARAMS = (LOCK_PARAM, FORBID_PARAM, MAP_PARAM)
_ID_HEX = 8
_HEADER_HEX = 8


def _token(salt: str, text: str, n: int) -> str:
    return hashlib.sha256(f"{salt}\x1f{text}".encode("utf-8", "surrogatepass")).hexdigest()[:n]


def encode_pairs(pairs: Iterable[Iterable[str]], salt: str) -> str:
    """``[[id, id], ...]`` -> '<hash><hash>.<hash><hash>' (order-free within a pair; '' when none)."""
    out = []
    for pair in pairs:
        a, b = sorted(_token(salt, str(x), _ID_HEX) for x in list(pair)[:2])
        out.append(a + b)
    return ".".join(sorted(set(out)))


def decode_pairs(text: str, ids: Iterable[str], salt: str) -> tuple[list[list[str]], int]:
    """Pairs of ``ids`` named by ``text`` (from :func:`encode_pairs` with the same salt).

    Returns the pairs found and how many tokens matched nobody (another file, or people removed).
    """
    by_token = {_token(salt, str(i), _ID_HEX): str(i) for i in ids}
    pairs, missing = [], 0
    for tok in filter(None, str(text or "").split(".")):
        a, b = by_token.get(tok[:_ID_HEX]), by_token.get(tok[_ID_HEX:])
        if len(tok) != 2 * _ID_HEX or a is None or b is None or a == b:
            missing += 1
            continue
        pair = sorted((a, b))
        if pair not in pairs:
            pairs.append(pair)
    return pairs, missing


def encode_mapping(mapping: dict[str, str | None], salt: str) -> str:
    """Field -> header overrides as 'field:<header hash>' (``-`` = unmapped), ','-separated."""
    return ",".join(f"{f}:{'-' if not h else _token(salt, h, _HEADER_HEX)}" for f, h in sorted(mapping.items()))


def decode_mapping(text: str, headers: Iterable[str], salt: str) -> tuple[dict[str, str | None], int]:
    """Mapping overrides named by ``text`` for a file with these ``headers``; and the count not found."""
    by_token = {_token(salt, h, _HEADER_HEX): h for h in headers}
    out, missing = {}, 0
    for item in filter(None, str(text or "").split(",")):
        field, _, tok = item.partition(":")
        if not field.replace("_", "").isalnum():
            missing += 1
        elif tok == "-":
            out[field] = None
        elif tok in by_token:
            out[field] = by_token[tok]
        else:
            missing += 1
    return out, missing
