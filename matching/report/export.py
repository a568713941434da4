"""Exports that are safe to open in Excel, and ready-to-send intro messages."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise spreadsheet formulas: text starting with = + - @ (or tab/CR) gets a leading apostrophe.

    Numbers stay numbers; only text is touched, so a negative score is still a number.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel shows accents correctly."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


# Characters an XLSX cell cannot hold (XML 1.0 forbids C0 controls other than tab, LF and CR).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xlsx_text(value):
    """Replace characters a spreadsheet cell cannot hold with a space (other values unchanged)."""
    if isinstance(value, str) and _XML_ILLEGAL.search(value):
        return _XML_ILLEGAL.sub(" ", value)
    return value


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook, one sheet per frame: formula-safe, control characters replaced.

    Any cell text is accepted, so building the workbook never fails on (or reports) a participant's answer.
    """
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in sheets.items():
            out = safe_frame(df)
            for col in out.columns:
                if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                    out[col] = out[col].map(xlsx_text)
            out.columns = [xlsx_text(c) for c in out.columns]
            out.to_excel(xw, sheet_name=xlsx_text(str(name))[:31], index=False)
    return buf.getvalue()


def _first(name: str) -> str:
    return str(name).split()[0] if str(name).split() else str(name)


def _clip(text: str, limit: int) -> str:
    """Shorten at a word boundary with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def conversation_starter(shared: list[str], wants: list[str]) -> str:
    if shared:
        picked = shared[:3]
        topic = picked[0] if len(picked) == 1 else f"{', '.join(picked[:-1])} and {picked[-1]}"
        it = "it" if len(picked) == 1 else "one of them"
        return f"You both listed {topic} — what is one thing you learned about {it} the hard way?"
    wants = [w for w in wants if w]
    if wants:
        return f"One of you wrote that they are looking for \u201c{_clip(wants[0], 140)}\u201d — a good place to start."
    return "What are you working on right now that you would love a second opinion on?"


def intro_messages(result) -> dict[str, str]:
    """One Markdown message per group: who, why they were matched, and a conversation starter."""
    from ..scoring import explain_pair
    from ..scoring.explain import Explainer

    p = result.participants
    explainer = Explainer(p, result.signals, result.settings.weights, result.settings)
    msgs: dict[str, str] = {}
    for gid, members in zip(result.groups["group_id"], result.solution.groups):
        members = list(members)
        names = [str(p.at[m, "name"]) for m in members]
        pairs = [(a, b) for ai, a in enumerate(members) for b in members[ai + 1:]]
        expl = [explain_pair(result.signals, result.settings.weights, a, b) for a, b in pairs]
        shared = sorted(set().union(*[set(e["shared_tags"]) for e in expl])) if expl else []
        if len(pairs) == 1:
            why = explainer.words(*pairs[0])
        else:
            why = " ".join(f"{_first(p.at[a, 'name'])} and {_first(p.at[b, 'name'])}: {explainer.words(a, b)}"
                           for a, b in pairs[:3])
        lines = [f"# Say hello: {', '.join(names[:-1])} and {names[-1]}", ""]
        lines.append(f"Hi {', '.join(_first(n) for n in names[:-1])} and {_first(names[-1])}!")
        lines.append("")
        lines.append("You have been matched as mentor and mentee for this round." if result.constraints.two_sided
                     else "You have been matched for this round of virtual coffee.")
        lines.append("")
        for m in members:
            role = str(p.at[m, "role"]) if "role" in p else ""
            summary = str(p.at[m, "summary"]) if "summary" in p else ""
            about = f" — {_clip(summary, 180)}" if summary.strip() else ""
            lines.append(f"- **{p.at[m, 'name']}** ({role}){about}")
        lines.append("")
        lines.append(f"**Why you were matched:** {why}")
        if len(members) > 2 and not result.constraints.two_sided:
            # A group: say what all of them have in common, not just what some pairs share.
            common = sorted(set.intersection(*[set(result.signals.tags[m]) for m in members]))
            if common:
                lines.append(f"**What all {len(members)} of you share:** {', '.join(common[:5])}.")
        wants = [str(p.at[m, "wants"]) for m in members] if "wants" in p else []
        lines.append(f"**Conversation starter:** {conversation_starter(shared, wants)}")
        lines.append("")
        lines.append("Reply to this message to find a time that works for everyone. Enjoy!")
        msgs[str(gid)] = "\n".join(lines)
    return msgs


def intro_zip(messages: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for gid, text in messages.items():
            zf.writestr(f"{re.sub(r'[^A-Za-z0-9_-]', '_', gid)}.md", text)
        zf.writestr("all_intros.md", "\n\n---\n\n".join(messages.values()))
    return buf.getvalue()
