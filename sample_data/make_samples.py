"""Generate Pairwise's bundled sample data: fabricated people, realistic survey exports.

    python sample_data/make_samples.py            # writes the files next to this script
    python sample_data/make_samples.py --out DIR  # writes them somewhere else

Everything is drawn from one ``numpy.random.Generator`` seeded with ``SEED`` and passed
explicitly to every function (global random state is never touched), so a rerun with the same
NumPy version rewrites byte-identical files.  The README in this folder is written by this
script too, because it quotes row numbers that depend on the draw.

Every person is fabricated.  Names are random first-name/surname combinations per country,
companies and email domains are invented (apart from the gmail.com / outlook.com / yahoo.com
webmail domains); universities are used only as a student's "where do you work" answer.
Free text is composed from a persona (role, career stage, domain, tools, voice) and several
hundred hand-written fragments, so people in the same domain read alike without two answers
being identical.  The fragments are data, in ``phrases/*.json`` next to this script (the README
template is ``phrases/readme_template.md``); this module only draws from them and composes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240304
HERE = Path(__file__).resolve().parent

COFFEE_HEADERS = [
    "Submitted at",
    "Respondent ID",
    "Your name ",
    "Your email address",
    "What is your Slack Handle?",
    "Your LinkedIn URL",
    "Where do you work? ",
    "Which option best represents your role?",
    "How would you characterize your current career stage?",
    "Where are you based?",
    "Do you have a preference on who your buddy should be?",
    "Tweet-sized summary of yourself",
    "What are your skills? In which fields do you specialize?",
    "Describe what you want your buddy to be like.",
    "Keep me registered for all future rounds.",
]
MENTORING_HEADERS = [
    "Timestamp",
    "Email Address",
    "Full name",
    "Are you joining as a mentor or a mentee?",
    "How many mentees can you take?",
    "Current role",
    "Years of experience",
    "Which city are you in?",
    "Tell us about yourself",
    "What are your skills? In which fields do you specialize?",
    "What do you want to get out of this program?",
    "Topics you'd like to talk about",
]

STAGES = [
    "Undergrad / New Grad",
    "Graduate Student",
    "1 - 3 Years of Experience",
    "3 - 5 Years of Experience",
    "5 - 10 Years of Experience",
    "10+ Years of Experience",
]
SIMILAR_YES = "My Buddy should be in a similar role as me"
KEEP_YES = "Keep me registered for all future rounds."


# =====================================================================================
# Small random helpers (all take the Generator explicitly)
# =====================================================================================

def pick(rng: np.random.Generator, seq):
    return seq[int(rng.integers(len(seq)))]


def picks(rng: np.random.Generator, seq, k: int) -> list:
    k = max(0, min(k, len(seq)))
    return [seq[i] for i in rng.choice(len(seq), size=k, replace=False)]


_USED: dict[object, dict[str, int]] = {}


def fresh(rng: np.random.Generator, seq, key: object = None):
    """Pick uniformly among the least-used items of ``seq``.

    Usage is counted per list (or per ``key``) within one run, so fragments spread across people
    instead of clustering; the choice among equally-used items is still random.
    """
    used = _USED.setdefault(key if key is not None else tuple(map(str, seq)), {})
    low = min(used.get(str(x), 0) for x in seq)
    cands = [x for x in seq if used.get(str(x), 0) == low]
    x = pick(rng, cands)
    used[str(x)] = used.get(str(x), 0) + 1
    return x


def wpick(rng: np.random.Generator, weights: dict):
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def chance(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def low1(s: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (ML, SQL, LLMs ...)."""
    if not s:
        return s
    word = s.split(" ", 1)[0]
    if sum(ch.isupper() for ch in word) > 1:
        return s
    return s[:1].lower() + s[1:]


def art(word: str) -> str:
    """'a' or 'an' for a role phrase (acronyms by sound: an ML engineer, an SWE, a DS)."""
    first = word.split(" ", 1)[0]
    if len(first) > 1 and sum(ch.isupper() for ch in first) >= 2:
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def sentence(s: str) -> str:
    s = s.strip()
    if not s:
        return s
    return s if s[-1] in ".!?" or s[-1] in "🙂😅🚀☕🤖📈🐍🌍🙌🐱🎸🌱✨🔥🙏👋" else s + "."


def join_sentences(*parts: str) -> str:
    return " ".join(sentence(p) for p in parts if p and p.strip())


def ascii_slug(s: str) -> str:
    s = s.replace("Ł", "L").replace("ł", "l").replace("Đ", "D").replace("đ", "d").replace("ß", "ss")
    s = s.replace("ø", "o").replace("Ø", "O").replace("ı", "i").replace("æ", "ae")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", s.lower())


# =====================================================================================
# Phrase tables (data files in phrases/; this module only composes them)
# =====================================================================================
# people.json     countries (weight "w", first names "f"/"m", surnames - a [male, female] pair
#                 where the surname is gendered - and locations typed the way people type them,
#                 each with a timezone group), hub locations, timezone regions, universities.
# companies.json  invented employers and their email domains, founders' startups, generic orgs.
# domains.json    the backbone of each persona's text: label, short form, team, tools, topics,
#                 acts (gerund phrases, "{ for a ...}" names a kind of business), takes
#                 (opinions), wants (buddy wishes), orgs, side projects, founder pitches.
# roles.json      role answers and counts, free-text "Other" roles, stage and domain
#                 probabilities, role words by seniority.
# fragments.json  hobbies, things being learned, past careers, manager and founder fragments.
# wants.json      buddy wishes by seniority, role, timezone region and language.
# skills.json     role skills, abbreviations, typos people make.
# mentoring.json  the mentoring program's topics, mentor and mentee profiles, goals.

PHRASES = HERE / "phrases"


def load_table(name: str) -> dict:
    """Read ``phrases/<name>.json`` (UTF-8, key order kept, so the draw is reproducible)."""
    return json.loads((PHRASES / f"{name}.json").read_text(encoding="utf-8"))


def _pairs(items: list) -> list:
    """JSON has no tuples: restore the (male, female) surname and (place, timezone) pairs."""
    return [tuple(x) if isinstance(x, list) else x for x in items]


def _by_stage(table: dict) -> dict[int, list]:
    """JSON object keys are strings: the stage-indexed tables are keyed by int."""
    return {int(k): v for k, v in table.items()}


_people = load_table("people")
COUNTRIES: dict[str, dict] = {
    c: {**v, "last": _pairs(v["last"]), "loc": _pairs(v["loc"])} for c, v in _people["countries"].items()
}
HUB_LOCATIONS = _pairs(_people["hub_locations"])  # people who live far from where their name comes from
TZ_REGION: dict[str, str] = _people["tz_region"]
SPANISH = set(_people["spanish"])
NAME_BLOCKLIST = set(_people["name_blocklist"])  # public figures a random combination could produce
UNIVERSITIES: dict[str, list[str]] = _people["universities"]

_companies = load_table("companies")
FOUNDER_STARTUPS: list[str] = _companies["founder_startups"]
COMPANIES: dict[str, str] = _companies["companies"]
COMPANIES.update({n: n.lower() + d for n, d in zip(FOUNDER_STARTUPS, [".ai", ".io", ".ai", ".dev", ".io", ".ai", ".health", ".io"])})
GENERIC_ORGS: list[str] = _companies["generic_orgs"]
OTHER_ORGS: dict[str, str] = _companies["other_orgs"]

_domains = load_table("domains")
DOMAINS: dict[str, dict] = _domains["domains"]
RELATED: dict[str, list[str]] = _domains["related"]

_roles = load_table("roles")
ROLE_ANSWER: dict[str, str] = _roles["role_answer"]
ROLE_COUNTS: dict[str, int] = _roles["role_counts"]
OTHER_ROLES: list[dict] = _roles["other_roles"]  # free-text "Other" answers with a stage and a domain
SIMILAR_REQUESTS: dict[str, int] = _roles["similar_requests"]  # how many of each role ask for a similar role
STAGE_P: dict[str, list[float]] = _roles["stage_p"]
DOMAIN_P: dict[str, dict] = _roles["domain_p"]
ROLE_WORDS: dict[str, list[str]] = _roles["role_words"]
ROLE_TERSE: dict[str, list[str]] = _roles["role_terse"]
SENIORITY = _by_stage(_roles["seniority"])
YEARS_PHRASE = _by_stage(_roles["years_phrase"])
MGMT_WORDS: list[str] = _roles["mgmt_words"]
STUDENT_WORDS = _by_stage(_roles["student_words"])

_fragments = load_table("fragments")
HOBBIES, HOBBY_SHORT, BY_NIGHT = _fragments["hobbies"], _fragments["hobby_short"], _fragments["by_night"]
LEARNING, PAST, EMOJI = _fragments["learning"], _fragments["past"], _fragments["emoji"]
MGMT_FRAGS, FOUNDER_PAST = _fragments["mgmt_frags"], _fragments["founder_past"]
FOUNDER_STAGE, SOLO_STAGE = _fragments["founder_stage"], _fragments["solo_stage"]
STUDENT_LOOKING: list[str] = _fragments["student_looking"]
OTHER_SUMMARIES: dict[str, list[str]] = _fragments["other_summaries"]

_wants = load_table("wants")
WANTS_GENERIC, WANTS_JUNIOR = _wants["wants_generic"], _wants["wants_junior"]
WANTS_MID, WANTS_SENIOR = _wants["wants_mid"], _wants["wants_senior"]
WANTS_ROLE: dict[str, list[str]] = _wants["wants_role"]
WANTS_SIMILAR: list[str] = _wants["wants_similar"]
WANTS_SIMILAR_ROLE: dict[str, list[str]] = _wants["wants_similar_role"]
WANTS_TZ: dict[str, list[str]] = _wants["wants_tz"]
WANTS_SPANISH, WANTS_PORTUGUESE = _wants["wants_spanish"], _wants["wants_portuguese"]
OTHER_WANTS: dict[str, str] = _wants["other_wants"]

_skills = load_table("skills")
ROLE_SKILLS: dict[str, list[str]] = _skills["role_skills"]
ABBREV: dict[str, str] = _skills["abbrev"]
LANGS = set(_skills["langs"])
EXTRA_LANGS: list[str] = _skills["extra_langs"]
TYPO_WORDS: dict[str, str] = _skills["typo_words"]
OTHER_SKILLS: dict[str, str] = _skills["other_skills"]

_mentoring = load_table("mentoring")
TOPICS: list[str] = _mentoring["topics"]
MENTOR_PROFILES: list[dict] = _mentoring["mentor_profiles"]
MENTEE_PROFILES: list[dict] = _mentoring["mentee_profiles"]
GOALS: dict[str, dict] = _mentoring["goals"]
MENTOR_GIVE: list[str] = _mentoring["mentor_give"]
WORK_BY_ROLE: list[dict] = _mentoring["work_by_role"]


def founder_stage(rng, phrase: str, tiny: bool = False) -> str:
    if "solo" in phrase:
        return fresh(rng, SOLO_STAGE)
    lst = [x for x in FOUNDER_STAGE if not (tiny and "Series A" in x)]
    return fresh(rng, lst, key="founder_stage")


# =====================================================================================
# Persona
# =====================================================================================

@dataclass
class Person:
    first: str
    last: str
    country: str
    gender: str
    kind: str                      # mle, ds, ..., or "other"
    role_answer: str
    stage_i: int
    domain: str
    domain2: str | None
    tools: list[str]
    org: str
    location: str
    tz: str | None
    voice: str
    email: str = ""
    slack: str = ""
    linkedin: str = ""
    similar: bool = False
    keep: bool = True
    summary: str = ""
    skills: str = ""
    wants: str = ""
    flags: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def city(self) -> str:
        return re.split(r"[,(]", self.location)[0].strip()


def draw_name(rng, country: str, gender: str, taken: set[str]) -> tuple[str, str]:
    c = COUNTRIES[country]
    used_first = {n.split("|")[2] for n in taken if n.startswith(country + "|F|")}
    used_last = {n.split("|")[2] for n in taken if n.startswith(country + "|L|")}
    for attempt in range(400):
        first = pick(rng, c[gender])
        last = pick(rng, c["last"])
        if isinstance(last, tuple):
            last = last[0] if gender == "m" else last[1]
        if country == "Spain" and chance(rng, 0.3):
            second = pick(rng, c["last"])
            if second != last:
                last = f"{last} {second}"
        full = f"{first} {last}"
        strict = attempt < 300
        if strict and (first in used_first or last.split()[0] in used_last):
            continue
        if full not in taken and full not in NAME_BLOCKLIST:
            taken.update({full, f"{country}|F|{first}", f"{country}|L|{last.split()[0]}"})
            return first, last
    raise RuntimeError("name space exhausted")


def draw_country(rng) -> str:
    return wpick(rng, {k: v["w"] for k, v in COUNTRIES.items()})


def draw_location(rng, country: str, hub_p: float = 0.17) -> tuple[str, str | None]:
    if chance(rng, hub_p):
        return pick(rng, HUB_LOCATIONS)
    return pick(rng, COUNTRIES[country]["loc"])


def email_for(rng, first: str, last: str, org: str, kind: str, taken: set[str]) -> str:
    f, l = ascii_slug(first.split()[0]), ascii_slug(last)
    if org in COMPANIES and kind != "student" and chance(rng, 0.55):
        domain = COMPANIES[org]
    else:
        domain = wpick(rng, {"gmail.com": 0.72, "outlook.com": 0.16, "yahoo.com": 0.12})
    style = wpick(rng, {"dot": 0.82, "initial": 0.07, "plain": 0.05, "under": 0.06})
    local = {"dot": f"{f}.{l}", "initial": f"{f[0]}.{l}", "plain": f"{f}{l}", "under": f"{f}_{l}"}[style]
    email = f"{local}@{domain}"
    n = 2
    while email in taken:
        email = f"{local}{n}@{domain}"
        n += 1
    taken.add(email)
    return email


def slack_for(rng, first: str, last: str) -> str:
    f, l = ascii_slug(first.split()[0]), ascii_slug(last)
    style = wpick(rng, {"at_dot_initial": 3, "under_initial": 2, "full": 2, "at_full": 2, "display": 2, "first": 1, "blank": 0.6, "none": 0.3})
    return {
        "at_dot_initial": f"@{f}.{l[0]}", "under_initial": f"{f}_{l[0]}", "full": f"{f}.{l}", "at_full": f"@{f}{l}",
        "display": f"{first} {last[0]}.", "first": f"@{f}", "blank": "", "none": "not on slack yet",
    }[style]


def linkedin_for(rng, first: str, last: str) -> str:
    if chance(rng, 0.22):
        return ""
    slug = f"{ascii_slug(first.split()[0])}-{ascii_slug(last)}"
    suffix = "".join(pick(rng, "0123456789abcdef") for _ in range(8))
    style = wpick(rng, {"full": 4, "suffix": 3, "bare": 2, "www": 1, "ios": 0.6})
    return {
        "full": f"https://www.linkedin.com/in/{slug}/",
        "suffix": f"https://www.linkedin.com/in/{slug}-{suffix}",
        "bare": f"linkedin.com/in/{slug.replace('-', '')}",
        "www": f"www.linkedin.com/in/{slug}",
        "ios": f"https://www.linkedin.com/in/{slug}?utm_source=share&utm_campaign=share_via&utm_content=profile&utm_medium=ios_app",
    }[style]


def org_for(rng, p_kind: str, domain: str, country: str, stage_i: int = 3) -> str:
    if p_kind == "sci" and stage_i == 1:
        unis = UNIVERSITIES.get(country)
        return pick(rng, unis) if unis and chance(rng, 0.75) else "a research lab"
    if p_kind == "student":
        unis = UNIVERSITIES.get(country)
        return pick(rng, unis) if unis and chance(rng, 0.8) else pick(rng, ["my university", "Uni", "student", "-"])
    if p_kind == "founder":
        return fresh(rng, FOUNDER_STARTUPS) if chance(rng, 0.6) else pick(rng, ["my own startup", "Stealth", "stealth startup", "Own company"])
    if chance(rng, 0.1):
        return pick(rng, GENERIC_ORGS)
    org = pick(rng, DOMAINS[domain]["orgs"])
    return org


def display_org(rng, org: str, domain: str) -> str:
    """How the employer is typed in the 'Where do you work?' box."""
    if org in COMPANIES:
        style = wpick(rng, {"plain": 6, "lower": 1.5, "paren": 1.5, "inc": 0.6})
        return {"plain": org, "lower": org.lower(), "paren": f"{org} ({DOMAINS[domain]['short']})", "inc": f"{org} Inc."}[style]
    return org


def org_ref(rng, org: str) -> str:
    """How the employer is referred to inside free text."""
    if org in COMPANIES:
        return org
    if org in GENERIC_ORGS or org in ("Stealth", "stealth startup", "my own startup", "Own company"):
        return pick(rng, ["a small company", "a startup", "a mid-size company"])
    return org


def role_phrase(rng, p: Person) -> str:
    if p.kind in ROLE_WORDS:
        base = pick(rng, ROLE_WORDS[p.kind])
        if p.kind == "sci" and p.stage_i == 1:
            return pick(rng, ["PhD researcher", "research assistant", "PhD student"])
        adj = pick(rng, SENIORITY[p.stage_i])
        return f"{adj} {base}".strip()
    if p.kind == "mgmt":
        return pick(rng, MGMT_WORDS)
    if p.kind == "founder":
        return pick(rng, ["founder", "co-founder & CTO", "co-founder", "solo founder", "founder/CEO"])
    if p.kind == "student":
        return pick(rng, STUDENT_WORDS[p.stage_i])
    return p.role_answer.lower()


# =====================================================================================
# Voice: how a person writes
# =====================================================================================

def add_typo(rng, text: str) -> str:
    words = list(re.finditer(r"\b[a-z]{3,}\b", text))
    known = [m for m in words if m.group(0) in TYPO_WORDS]
    if known:
        m = pick(rng, known)
        return text[: m.start()] + TYPO_WORDS[m.group(0)] + text[m.end():]
    long = [m for m in words if len(m.group(0)) > 5]
    if not long:
        return text
    m = pick(rng, long)
    w = m.group(0)
    i = int(rng.integers(1, len(w) - 2))
    w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:] if chance(rng, 0.6) else w[:i] + w[i + 1:]
    return text[: m.start()] + w2 + text[m.end():]


def apply_voice(rng, text: str, voice: str, typo_p: float = 0.14, emoji_p: float = 0.0) -> str:
    if not text:
        return text
    if voice == "casual":
        if chance(rng, 0.6):
            text = text.lower()
        else:
            text = low1(text)
        if text.endswith(".") and chance(rng, 0.7):
            text = text[:-1]
        if chance(rng, 0.3):
            text = text.replace(" and ", " & ", 1)
        if chance(rng, 0.15):
            text = text.rstrip(".") + pick(rng, [" lol", " tbh", " haha", " :)", " 🙃"])
    elif voice == "enthusiastic":
        if text.endswith("."):
            text = text[:-1] + "!"
        if chance(rng, max(emoji_p, 0.5)):
            text = f"{text} {pick(rng, EMOJI)}"
    elif voice == "terse":
        text = text.rstrip(".")
    elif chance(rng, emoji_p):
        text = f"{text} {pick(rng, EMOJI)}"
    if chance(rng, typo_p):
        text = add_typo(rng, text)
    if chance(rng, 0.05):
        text = text.replace(". ", ".  ", 1)  # double space after a full stop
    return text


# =====================================================================================
# Text composers
# =====================================================================================

def extra_bit(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    choice = wpick(rng, {"hobby": 4, "learning": 2, "take": 2, "past": 1.5 if p.stage_i >= 3 else 0, "none": 2})
    return {"hobby": fresh(rng, HOBBIES), "learning": fresh(rng, LEARNING), "take": fresh(rng, D["takes"]),
            "past": fresh(rng, PAST), "none": ""}[choice]


NO_BUSINESS = set(GENERIC_ORGS) | {"my university", "Uni", "student", "-", "a research lab", "a consulting firm"}


def act_for(rng, p: Person, with_org: bool = False) -> str:
    """A domain activity. The part in {braces} names a kind of business ("{ for a news app}"); it is
    kept only for people whose employer isn't a business of its own (freelancers, students, ...),
    so nobody works at a bank while 'building personalization for a food delivery app'."""
    act = fresh(rng, DOMAINS[p.domain]["acts"], key=("acts", p.domain))
    keep = p.org in NO_BUSINESS or p.org.startswith(("my ", "Stealth", "stealth", "Own")) or p.kind == "student"
    return re.sub(r"\{([^}]*)\}", r"\1" if keep else "", act)


def tools_phrase(rng, p: Person) -> str:
    t = picks(rng, p.tools, 2)
    return " and ".join(t) if len(t) == 2 else (t[0] if t else "Python")


def summary_ic(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    rp = role_phrase(rng, p)
    ref = org_ref(rng, p.org)
    t = wpick(rng, {
        "at": 3, "im": 3, "act_take": 2, "years": 2 if p.stage_i >= 2 else 0, "terse": 3 if p.voice == "terse" else 0.5,
        "tools_person": 1.5, "by_night": 1, "hi": 1.5, "paren": 1.5, "ask": 1.5, "take_first": 1.2, "past_now": 1.5 if p.stage_i >= 3 else 0,
        "bio": 1, "plain": 2,
    })
    act = act_for(rng, p, with_org=t in ("at", "past_now"))
    if t == "at":
        return join_sentences(f"{cap(rp)} at {ref}, {act}", extra_bit(rng, p))
    if t == "im":
        return join_sentences(f"I'm {art(rp)} {rp} in {p.city}, currently {act}", extra_bit(rng, p))
    if t == "act_take":
        return join_sentences(cap(act), fresh(rng, D["takes"]))
    if t == "years":
        word = pick(rng, ROLE_WORDS[p.kind])
        return join_sentences(f"{pick(rng, YEARS_PHRASE[p.stage_i])} as {art(word)} {word}, these days {act}", extra_bit(rng, p))
    if t == "terse":
        return f"{pick(rng, ROLE_TERSE[p.kind])}, {D['short']}, {fresh(rng, HOBBY_SHORT)}"
    if t == "tools_person":
        return join_sentences(f"{tools_phrase(rng, p).replace(' and ', ' + ')} person", cap(act), extra_bit(rng, p))
    if t == "by_night":
        return join_sentences(f"{cap(rp)} by day, {fresh(rng, BY_NIGHT)} by night", f"Mostly {act}")
    if t == "hi":
        return join_sentences(f"Hi! {p.first.split()[0]} here, {rp} from {p.city}", cap(act), extra_bit(rng, p))
    if t == "paren":
        return join_sentences(f"{cap(rp)} ({D['short']})", fresh(rng, PAST) if p.stage_i >= 3 else cap(act), fresh(rng, LEARNING))
    if t == "ask":
        return join_sentences(f"Currently {act}", f"Ask me about {pick(rng, D['topics'])}!") + (f" {pick(rng, EMOJI)}" if chance(rng, 0.5) else "")
    if t == "take_first":
        return join_sentences(fresh(rng, D["takes"]), f"{cap(rp)} working on {D['label']} with {tools_phrase(rng, p)}")
    if t == "past_now":
        return join_sentences(fresh(rng, PAST), f"Now at {ref}, {act}")
    if t == "bio":
        at = f" @ {ref}" if ref in COMPANIES else ""
        return f"{rp}{at} | {D['short']} | {' / '.join(picks(rng, p.tools, 3))} | {fresh(rng, HOBBY_SHORT)}"
    return join_sentences(cap(rp), cap(act), fresh(rng, LEARNING) if chance(rng, 0.5) else fresh(rng, HOBBIES))


def summary_student(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    sp = pick(rng, STUDENT_WORDS[p.stage_i])
    uni = p.org if p.org not in ("my university", "Uni", "student", "-") else "uni"
    t = wpick(rng, {"thesis": 3, "break_in": 3, "terse": 2 if p.voice == "terse" else 0.4, "side": 2, "hi": 1.5})
    topic = pick(rng, D["topics"])
    if t == "thesis":
        thesis = pick(rng, [f"Thesis on {topic}", f"Working on {topic} for my thesis", f"Research interests: {' and '.join(picks(rng, D['topics'], 2))}"])
        return join_sentences(f"{cap(sp)} at {uni}", thesis, fresh(rng, STUDENT_LOOKING))
    if t == "break_in":
        return join_sentences(f"{cap(sp)} trying to break into {D['label']}", f"Recently {fresh(rng, D['side'])}", fresh(rng, STUDENT_LOOKING))
    if t == "terse":
        return f"{sp}, into {D['short']}, {fresh(rng, HOBBY_SHORT)}"
    if t == "side":
        return join_sentences(f"{cap(fresh(rng, D['side']))}", f"{cap(sp)}, learning everything about {topic}", fresh(rng, HOBBIES) if chance(rng, 0.5) else "")
    return join_sentences(f"Hi! I'm a {sp} from {p.city}", f"Mostly into {D['label']}, especially {topic}", fresh(rng, STUDENT_LOOKING))


def summary_founder(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    pitch = fresh(rng, D["pitch"])
    phrase = role_phrase(rng, p)
    t = wpick(rng, {"founder_of": 3, "building": 3, "tiny": 2, "terse": 2 if p.voice == "terse" else 0.4,
                    "named": 4 if p.org in FOUNDER_STARTUPS else 0})
    if t == "named":
        return join_sentences(f"{cap(phrase)} of {p.org}: we're building {pitch}", founder_stage(rng, phrase), extra_bit(rng, p))
    if t == "founder_of":
        return join_sentences(f"{cap(phrase)} of a small startup building {pitch}", founder_stage(rng, phrase), extra_bit(rng, p))
    if t == "building":
        return join_sentences(f"Building {pitch}", fresh(rng, FOUNDER_PAST), founder_stage(rng, phrase))
    if t == "tiny":
        return join_sentences(f"{cap(phrase)} at a tiny {D['short']} startup in {p.city}", founder_stage(rng, phrase, tiny=True), fresh(rng, D["takes"]))
    return f"founder, {pitch}, {founder_stage(rng, phrase).lower()}"


def summary_mgmt(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    n = int(rng.integers(4, 16))
    word = role_phrase(rng, p)
    ref = org_ref(rng, p.org)
    t = wpick(rng, {"lead": 3, "manage": 3, "turned": 2, "terse": 2 if p.voice == "terse" else 0.4})
    if t == "lead":
        return join_sentences(f"{cap(word)} at {ref}, leading the {D['team']} team ({n} people)", fresh(rng, MGMT_FRAGS))
    if t == "manage":
        return join_sentences(f"I manage {n} engineers working on {D['label']}", fresh(rng, MGMT_FRAGS), extra_bit(rng, p))
    if t == "turned":
        return join_sentences(f"Engineer turned {word}", f"My team is {act_for(rng, p)}", fresh(rng, MGMT_FRAGS))
    return f"EM, {D['short']}, {fresh(rng, HOBBY_SHORT)}"


def summary_sales(rng, p: Person) -> str:
    return ("Product marketing at an MLOps tooling company. Not an engineer, but I spend all day talking to them "
            "and I'd love to understand the day-to-day of ML teams better. Also: pottery")


def make_summary(rng, p: Person) -> str:
    if p.kind == "other":
        text = pick(rng, OTHER_SUMMARIES[p.role_answer]).format(ref=org_ref(rng, p.org))
    elif p.kind == "student":
        text = summary_student(rng, p)
    elif p.kind == "founder":
        text = summary_founder(rng, p)
    elif p.kind == "mgmt":
        text = summary_mgmt(rng, p)
    elif p.kind == "sales":
        text = summary_sales(rng, p)
    else:
        text = summary_ic(rng, p)
    if len(text) > 300:  # people mostly respect "tweet-sized"
        text = text[: text.rfind(". ", 0, 280) + 1] or text
    return apply_voice(rng, text, p.voice, typo_p=0.09, emoji_p=0.08)


def fmt_item(rng, item: str, lower: bool, abbrev: bool) -> str:
    if abbrev and item in ABBREV:
        item = ABBREV[item]
    return item.lower() if lower else item


def make_skills(rng, p: Person) -> str:
    if p.kind == "other":
        return OTHER_SKILLS[p.role_answer]
    if p.kind == "sales":
        return "product marketing, positioning, developer content, webinars, a little SQL"
    D = DOMAINS[p.domain]
    items = picks(rng, p.tools, int(rng.integers(2, 5)))
    role_items = ROLE_SKILLS.get(p.kind, [])
    items += picks(rng, role_items, int(rng.integers(1, 3)))
    if p.domain2 and chance(rng, 0.6):
        items.append(pick(rng, DOMAINS[p.domain2]["tools"]))
    canon = {"postgresql": "postgres", "pytorch": "pytorch", "python": "python"}
    seen, uniq = set(), []
    for i in items:
        k = canon.get(i.lower(), i.lower())
        if k not in seen:
            seen.add(k)
            uniq.append(i)
    items = uniq
    order = rng.permutation(len(items))
    items = [items[i] for i in order]
    if "Python" in items and chance(rng, 0.5):  # Python usually comes first
        items.remove("Python")
        items.insert(0, "Python")
    topics = picks(rng, D["topics"], 3)
    abbrev = chance(rng, 0.35)
    style = wpick(rng, {"comma": 5, "semi": 2, "slash": 1.2, "prose": 1.5, "topics_tools": 2, "mostly": 1.5, "pipe": 0.8,
                        "comma_topic": 1.5, "years": 1 if items[0] in LANGS else 0, "spaces": 0.5, "topics": 1.2, "bit_of": 1})
    if p.voice == "terse" and style in ("prose", "mostly", "topics_tools"):
        style = "comma"
    if style == "comma":
        return ", ".join(fmt_item(rng, i, False, abbrev) for i in items)
    if style == "semi":
        return "; ".join(fmt_item(rng, i, True, abbrev) for i in items)
    if style == "slash":
        return " / ".join(fmt_item(rng, i, False, abbrev) for i in items)
    if style == "prose":
        return f"{cap(topics[0])} and {topics[1]}" + (f", plus {pick(rng, role_items)}" if role_items and chance(rng, 0.4) else "")
    if style == "topics_tools":
        return f"{cap(topics[0])}, {topics[1]}. Tools: {', '.join(fmt_item(rng, i, False, abbrev) for i in items)}"
    if style == "mostly":
        rest = items[2] if len(items) > 2 else pick(rng, EXTRA_LANGS)
        return f"Mostly {items[0]} and {items[1]}, some {rest}. Lately {topics[0]}"
    if style == "pipe":
        return " | ".join(fmt_item(rng, i, False, abbrev) for i in items)
    if style == "comma_topic":
        return ", ".join(fmt_item(rng, i, False, abbrev) for i in items) + f" ({topics[0]})"
    if style == "years":
        y = {0: 1, 1: 2, 2: 3, 3: 5, 4: 8, 5: 12}[p.stage_i]
        return f"{items[0]} ({y} yrs), " + ", ".join(items[1:])
    if style == "spaces":
        return " ".join(fmt_item(rng, i, True, True).replace(" ", "-") for i in items)
    if style == "topics":
        return ", ".join(topics)
    return ", ".join(items) + f", and a bit of {pick(rng, [x for x in EXTRA_LANGS if x not in items])}"


def _join_wants(rng, parts: list[str]) -> str:
    """Join 1-3 wishes the way people write them: 'X or Y', 'X, ideally Y', 'X. Bonus points if it's Y'.

    Items starting with '~' are full clauses and always get their own sentence.
    """
    clause = [x.startswith("~") for x in parts]
    parts = [x.lstrip("~") for x in parts]
    text, closed = cap(parts[0]), clause[0] or "!" in parts[0]
    connectors = [" or ", ", ideally ", ". Bonus points if it's ", " - or maybe ", ". Would also love "]
    for s_, is_clause in zip(parts[1:], clause[1:]):
        if is_clause or closed or not connectors:
            text = sentence(text) + " " + cap(s_)
        else:
            conn = connectors.pop(int(rng.integers(len(connectors))))
            if conn.startswith("."):
                connectors = [c for c in connectors if not c.startswith(".")]
            text = text.rstrip(".") + conn + low1(s_)
        closed = is_clause or "!" in s_
    return text


def make_wants(rng, p: Person) -> str:
    D = DOMAINS[p.domain]
    if p.kind == "other":
        return apply_voice(rng, OTHER_WANTS[p.role_answer], p.voice, typo_p=0.04)
    if p.kind == "sales":
        return "someone technical who can tell me what MLOps folks actually care about (and what they hate about vendors)"
    role_word = {"mle": "ML engineer", "ds": "data scientist", "de": "data engineer", "swe": "software engineer", "sci": "researcher",
                 "founder": "founder", "mgmt": "engineering manager", "student": "student"}[p.kind]
    first: list[str] = []
    if p.similar:
        lst = WANTS_SIMILAR_ROLE.get(p.kind, WANTS_SIMILAR)
        first.append(fresh(rng, lst).format(role=role_word, short=D["short"]))
    n_more = int(rng.choice([0, 0, 1])) if p.similar else int(rng.choice([1, 1, 1, 1, 1, 2, 2, 2, 2, 3]))
    pool = {"domain": 3, "stage": 2, "role": 1.5 if p.kind in WANTS_ROLE else 0, "generic": 0 if p.similar else 2.2,
            "tz": 1.0 if p.tz else 0, "domain2": 0.8 if p.domain2 else 0,
            "lang": 0.6 if (p.country in SPANISH or p.country == "Brazil") else 0}
    chosen: dict[str, str] = {}
    while len(chosen) < n_more:
        k = wpick(rng, {c: w for c, w in pool.items() if c not in chosen and w > 0})
        if k == "domain":
            opts = [w for w in D["wants"] if not (p.similar and w.startswith("another"))]
            s_ = fresh(rng, opts, key=("wants", p.domain))
        elif k == "domain2":
            s_ = fresh(rng, DOMAINS[p.domain2]["wants"])
        elif k == "stage":
            lst = WANTS_JUNIOR if p.stage_i <= 2 else WANTS_MID if p.stage_i == 3 else WANTS_SENIOR
            s_ = fresh(rng, lst).format(label=D["label"], role=role_word)
        elif k == "role":
            s_ = fresh(rng, WANTS_ROLE[p.kind])
        elif k == "tz":
            s_ = fresh(rng, WANTS_TZ[TZ_REGION[p.tz]])
        elif k == "lang":
            lst = WANTS_PORTUGUESE if p.country == "Brazil" else WANTS_SPANISH[:1] if p.country == "Spain" else WANTS_SPANISH
            s_ = pick(rng, lst)
        else:
            s_ = "~" + fresh(rng, WANTS_GENERIC)
        chosen[k] = s_
    # Generic openers first ("Open to anyone, really."), timezone and language wishes last.
    rank = {c: {"generic": 0, "tz": 8, "lang": 9}.get(c, 1 + int(rng.integers(5))) for c in chosen}
    parts = first + [chosen[c] for c in sorted(chosen, key=lambda c: rank[c])]
    return apply_voice(rng, _join_wants(rng, parts), p.voice, typo_p=0.06)


# =====================================================================================
# Coffee round
# =====================================================================================

def build_people(rng) -> list[Person]:
    kinds: list[str] = []
    for k, n in ROLE_COUNTS.items():
        kinds += [k] * n
    kinds += ["other"] * len(OTHER_ROLES)
    kinds = [kinds[i] for i in rng.permutation(len(kinds))]
    other_iter = iter(OTHER_ROLES)
    taken_names: set[str] = set()
    taken_emails: set[str] = set()
    people: list[Person] = []
    for kind in kinds:
        if kind == "other":
            other = next(other_iter)
            role_answer, stage_i, domain = other["answer"], other["stage"], other["domain"]
        else:
            role_answer = ROLE_ANSWER[kind]
            stage_i = int(rng.choice(6, p=STAGE_P[kind]))
            domain = wpick(rng, DOMAIN_P[kind])
        country = draw_country(rng)
        gender = "f" if chance(rng, 0.42) else "m"
        first, last = draw_name(rng, country, gender, taken_names)
        domain2 = pick(rng, RELATED[domain]) if chance(rng, 0.3) else None
        tools = picks(rng, DOMAINS[domain]["tools"], int(rng.integers(4, 7)))
        if kind == "sales":
            org = "Quietbyte"
        elif kind == "other":
            org = OTHER_ORGS[role_answer] if role_answer != "PhD candidate" else org_for(rng, "sci", domain, country, 1)
        else:
            org = org_for(rng, kind, domain, country, stage_i)
        location, tz = draw_location(rng, country, 0.0 if kind == "student" or (kind == "sci" and stage_i == 1) else 0.17)
        voice = wpick(rng, {"formal": 0.38, "casual": 0.3, "terse": 0.17, "enthusiastic": 0.15})
        p = Person(first, last, country, gender, kind, role_answer, stage_i, domain, domain2, tools, org, location, tz, voice)
        p.email = email_for(rng, first, last, org, kind, taken_emails)
        p.slack = slack_for(rng, first, last)
        p.linkedin = linkedin_for(rng, first, last)
        p.keep = chance(rng, 0.68)
        people.append(p)
    return people


def plant_names(rng, people: list[Person]) -> None:
    """Make sure José, Zoë and Łukasz are among the participants (accented names)."""
    wanted = [("José", "Spain", "m"), ("Zoë", "UK", "f"), ("Łukasz", "Poland", "m")]
    taken = {p.name for p in people}
    for first, country, gender in wanted:
        if any(p.first == first for p in people):
            continue
        cand = [p for p in people if p.kind not in ("other", "sales") and p.gender == gender and not p.flags]
        p = pick(rng, cand)
        p.country, p.first = country, first
        last = pick(rng, COUNTRIES[country]["last"])
        p.last = last[0] if isinstance(last, tuple) else last
        while p.name in taken:
            last = pick(rng, COUNTRIES[country]["last"])
            p.last = last[0] if isinstance(last, tuple) else last
        taken.add(p.name)
        p.location, p.tz = draw_location(rng, country, 0.0)
        if p.kind == "student" or (p.kind == "sci" and p.stage_i == 1):
            p.org = org_for(rng, p.kind, p.domain, country, p.stage_i)
        p.email = email_for(rng, p.first, p.last, p.org, p.kind, set(q.email for q in people))
        p.slack = slack_for(rng, p.first, p.last)
        p.linkedin = linkedin_for(rng, p.first, p.last)
        p.flags.append("accented")


def choose_similar(rng, people: list[Person]) -> None:
    for kind, n in SIMILAR_REQUESTS.items():
        cand = [p for p in people if p.kind == kind]
        for p in picks(rng, cand, n):
            p.similar = True


def submission_times(rng, n: int) -> list[dt.datetime]:
    """A round announced Monday 4 March 2024 with reminders on the 7th and the 11th, closing on the 13th."""
    bursts = [(dt.datetime(2024, 3, 4, 8, 30), 0.5, 30.0), (dt.datetime(2024, 3, 7, 9, 0), 0.25, 20.0),
              (dt.datetime(2024, 3, 11, 9, 0), 0.25, 24.0)]
    end = dt.datetime(2024, 3, 13, 23, 59, 59)
    out = []
    for _ in range(n):
        k = int(rng.choice(3, p=[b[1] for b in bursts]))
        start, _, scale = bursts[k]
        t = start + dt.timedelta(hours=float(rng.exponential(scale)), seconds=float(rng.integers(0, 60)))
        out.append(min(t, end - dt.timedelta(minutes=float(rng.integers(1, 600)))))
    return out


ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def respondent_id(rng, taken: set[str]) -> str:
    while True:
        rid = "".join(pick(rng, ALNUM) for _ in range(6))
        if rid not in taken:
            taken.add(rid)
            return rid


def person_row(p: Person, when: dt.datetime, rid: str) -> dict:
    return {
        "Submitted at": when.strftime("%Y-%m-%d %H:%M:%S"),
        "Respondent ID": rid,
        "Your name ": p.name,
        "Your email address": p.email,
        "What is your Slack Handle?": p.slack,
        "Your LinkedIn URL": p.linkedin,
        "Where do you work? ": p.org,
        "Which option best represents your role?": p.role_answer,
        "How would you characterize your current career stage?": STAGES[p.stage_i],
        "Where are you based?": p.location,
        "Do you have a preference on who your buddy should be?": SIMILAR_YES if p.similar else "No",
        "Tweet-sized summary of yourself": p.summary,
        "What are your skills? In which fields do you specialize?": p.skills,
        "Describe what you want your buddy to be like.": p.wants,
        "Keep me registered for all future rounds.": KEEP_YES if p.keep else "",
    }


def make_coffee(rng) -> tuple[pd.DataFrame, list[Person], dict]:
    people = build_people(rng)
    plant_names(rng, people)
    choose_similar(rng, people)
    for p in people:
        p.org = display_org(rng, p.org, p.domain)
    compose_texts(rng, people)
    special = plant_messiness(rng, people)
    rows, first_row, dup_row = coffee_rows(rng, people, special)
    rows.sort(key=lambda x: x[0])
    df = pd.DataFrame([r for _, _, r in rows], columns=COFFEE_HEADERS)
    notes = coffee_notes(rows, people, special)
    notes["dup_emails"] = [first_row["Your email address"], dup_row["Your email address"]]
    notes["rows_total"] = len(df)
    return df, people, notes


def compose_texts(rng, people: list[Person]) -> None:
    """Write each person's three free-text answers, keeping summaries unique."""
    seen: set[str] = set()
    for p in people:
        for _ in range(50):
            s = make_summary(rng, p)
            if s.lower() not in seen:
                break
        seen.add(s.lower())
        p.summary = s
        p.skills = apply_voice(rng, make_skills(rng, p), "terse" if p.voice == "terse" else "formal", typo_p=0.03)
        p.wants = make_wants(rng, p)


def plant_messiness(rng, people: list[Person]) -> dict[str, Person]:
    """Blank answers, odd spacing and capitals, a multi-line answer; returns the people it singled out."""
    ordinary = [p for p in people if p.kind not in ("other", "sales") and not p.similar and not p.flags]

    def take(label: str) -> Person:
        p = pick(rng, [q for q in ordinary if not q.flags])
        p.flags.append(label)
        return p

    # Blank free-text answers: one summary, one skills, two buddy wishes.
    take("blank_summary").summary = ""
    take("blank_skills").skills = ""
    take("blank_wants").wants = ""
    take("blank_wants").wants = ""
    # A name typed with extra spaces.
    sp = take("spaces")
    # Two emails typed with capitals (the addresses themselves are unchanged).
    q = take("upper_email")
    local, domain = q.email.split("@")
    q.email = ".".join(cap(x) for x in local.split(".")) + "@" + domain      # Firstname.Lastname@...
    q = take("upper_email")
    q.email = q.email.upper()                                              # caps lock on
    # The multi-line answer with commas.
    ml = pick(rng, [q for q in ordinary if not q.flags and q.voice == "formal"])
    ml.flags.append("multiline")
    ml.summary = (f"{cap(role_phrase(rng, ml))} at {org_ref(rng, ml.org)}, {act_for(rng, ml, with_org=True)}.\n"
                  f"Outside work: {pick(rng, ['cycling', 'cooking', 'choir', 'chess'])}, {pick(rng, ['two kids', 'a very loud dog', 'a slowly dying sourdough starter'])}, "
                  f"and way too many podcasts about {pick(rng, ['history', 'economics', 'true crime'])}.")
    # The duplicate submission: same person, email in different case, later, slightly edited.
    dup = take("duplicate")
    return {"spaces": sp, "multiline": ml, "duplicate": dup}


def coffee_rows(rng, people: list[Person], special: dict[str, Person]) -> tuple[list, dict, dict]:
    """(time, person, row) per submission, the duplicate's second submission included."""
    dup, sp = special["duplicate"], special["spaces"]
    times = submission_times(rng, len(people))
    rids: set[str] = set()
    rows = []
    for p, t in zip(people, times):
        rows.append((t, p, person_row(p, t, respondent_id(rng, rids))))
    t0 = next(t for t, p, _ in rows if p is dup)
    if t0 > dt.datetime(2024, 3, 11, 12, 0):  # leave room for the resubmission
        t0 = t0 - dt.timedelta(days=4)
        for i, (t, p, r) in enumerate(rows):
            if p is dup:
                r["Submitted at"] = t0.strftime("%Y-%m-%d %H:%M:%S")
                rows[i] = (t0, p, r)
    t1 = t0 + dt.timedelta(days=1, hours=float(rng.uniform(2, 30)), seconds=float(rng.integers(0, 60)))
    first_row = next(r for t, p, r in rows if p is dup)
    dup_row = dict(first_row)
    dup_row["Submitted at"] = t1.strftime("%Y-%m-%d %H:%M:%S")
    dup_row["Respondent ID"] = respondent_id(rng, rids)
    local, domain = dup.email.split("@")
    dup_row["Your email address"] = ".".join(cap(x) for x in local.split(".")) + "@" + domain
    dup_row["Tweet-sized summary of yourself"] = sentence(first_row["Tweet-sized summary of yourself"]) + " " + pick(rng, DUP_EDITS)
    dup_row["Describe what you want your buddy to be like."] = cap(pick(rng, DOMAINS[dup.domain]["wants"]))
    rows.append((t1, dup, dup_row))
    # Extra spaces in the name happen in the export, not in the person.
    for t, p, r in rows:
        if p is sp:
            r["Your name "] = f" {p.first}  {p.last} "
    return rows, first_row, dup_row


DUP_EDITS = ["(Edit: also happy to talk about career switches!)", "Edit: forgot to say I'm also into climbing.",
             "Also, I just started a new job, so ask me about onboarding!"]
ACCENTED = ("José", "Zoë", "Łukasz")


def coffee_notes(rows: list, people: list[Person], special: dict[str, Person]) -> dict:
    """Counts and spreadsheet row numbers (header = row 1) for the README."""
    dup, sp, ml = special["duplicate"], special["spaces"], special["multiline"]

    def rownum(pred) -> list[int]:
        return [i + 2 for i, (_, p, r) in enumerate(rows) if pred(p)]

    by_flag = {f: rownum(lambda p, f=f: f in p.flags) for f in ("blank_summary", "blank_skills", "blank_wants", "upper_email")}
    notes: dict = {"rows": {
        "duplicate": rownum(lambda p: p is dup),
        "blank_summary": by_flag["blank_summary"], "blank_skills": by_flag["blank_skills"], "blank_wants": by_flag["blank_wants"],
        "spaces": rownum(lambda p: p is sp),
        "upper_email": by_flag["upper_email"],
        "multiline": rownum(lambda p: p is ml),
        "accented": rownum(lambda p: "accented" in p.flags or any(n in p.first for n in ACCENTED)),
        "chief_vibes": rownum(lambda p: p.role_answer == "Chief Vibes Officer"),
        "other_roles": rownum(lambda p: p.kind == "other"),
        "sales_similar": rownum(lambda p: p.kind == "sales"),
    }}
    notes["dup_name"] = dup.name
    notes["spaces_name"] = f" {sp.first}  {sp.last} "
    notes["upper_emails"] = [p.email for p in people if "upper_email" in p.flags]
    notes["accented_names"] = [p.name for p in people if any(n in p.first for n in ACCENTED)]
    notes["similar_count"] = sum(p.similar for p in people)
    notes["unique"] = len(people)
    notes["role_counts"] = pd.Series([p.role_answer if p.kind != "other" else "Other (free text)" for p in people]).value_counts().to_dict()
    notes["stage_counts"] = pd.Series([STAGES[p.stage_i] for p in people]).value_counts().reindex(STAGES).to_dict()
    notes["similar_by_role"] = pd.Series([p.role_answer for p in people if p.similar]).value_counts().to_dict()
    notes["names_for_rows"] = {k: [rows[i - 2][1].name for i in v] for k, v in notes["rows"].items()}
    return notes


# =====================================================================================
# Coffee history
# =====================================================================================

def make_history(rng, people: list[Person]) -> tuple[pd.DataFrame, dict]:
    """Rounds 1-3 of earlier pairings among ~60% of current participants plus alumni."""
    n_hist = int(round(0.6 * len(people)))
    # People whose survey email has capitals (and the double submitter) are always in the history,
    # in lower case, so case-insensitive matching is exercised.
    must = [p for p in people if {"upper_email", "duplicate"} & set(p.flags)]
    current = must + picks(rng, [p for p in people if p not in must], n_hist - len(must))
    taken_names = {p.name for p in people}
    taken_emails = {p.email.lower() for p in people}
    alumni, alumni_names = [], []
    for _ in range(18):
        country = draw_country(rng)
        gender = "f" if chance(rng, 0.42) else "m"
        first, last = draw_name(rng, country, gender, taken_names)
        alumni.append(email_for(rng, first, last, "", "alum", taken_emails))
        alumni_names.append(f"{first} {last}")
    # Each current person attends a non-empty set of the three rounds; later rounds are larger.
    attend = {r: [] for r in (1, 2, 3)}
    for p in current:
        rounds = [r for r, q in ((1, 0.42), (2, 0.55), (3, 0.7)) if chance(rng, q)] or [int(rng.choice([1, 2, 3], p=[0.2, 0.3, 0.5]))]
        for r in rounds:
            attend[r].append(p)
    alumni_attend = {1: picks(rng, alumni, 12), 2: picks(rng, alumni, 9), 3: picks(rng, alumni, 5)}
    met: set[frozenset] = set()
    rows = []
    for r in (1, 2, 3):
        people_r: list = list(attend[r]) + list(alumni_attend[r])
        if len(people_r) % 2:
            extra = [a for a in alumni if a not in alumni_attend[r]]
            people_r.append(pick(rng, extra))
        order = [people_r[i] for i in rng.permutation(len(people_r))]
        # Round 3 mostly paired people from the same domain, so the strongest matches today are repeats.
        same_domain_p = {1: 0.25, 2: 0.35, 3: 0.6}[r]
        pool = order
        while pool:
            a = pool.pop(0)
            choices = [b for b in pool if frozenset((key(a), key(b))) not in met]
            if isinstance(a, Person) and chance(rng, same_domain_p):
                same = [b for b in choices if isinstance(b, Person) and b.domain == a.domain]
                if same:
                    choices = same
            b = choices[0] if choices else pool[0]
            pool.remove(b)
            met.add(frozenset((key(a), key(b))))
            rows.append({"round": r, "email_a": key(a), "email_b": key(b)})
    df = pd.DataFrame(rows, columns=["round", "email_a", "email_b"])
    emails = set(df.email_a) | set(df.email_b)
    cur = {p.email.lower() for p in people}
    both_current = sum((a in cur) and (b in cur) for a, b in zip(df.email_a, df.email_b))
    same_dom = 0
    by_email = {p.email.lower(): p for p in people}
    for a, b, r in zip(df.email_a, df.email_b, df["round"]):
        if r == 3 and a in by_email and b in by_email and by_email[a].domain == by_email[b].domain:
            same_dom += 1
    notes = {
        "pairs": len(df), "pairs_by_round": df["round"].value_counts().sort_index().to_dict(),
        "current_in_history": len(emails & cur), "alumni_in_history": len(emails - cur),
        "both_current": both_current, "round3_same_domain": same_dom, "alumni_names": alumni_names,
        "must": [p.email.lower() for p in must],
    }
    return df, notes


def key(x) -> str:
    return x.email.lower() if isinstance(x, Person) else x


# =====================================================================================
# Mentoring program
# =====================================================================================


def mentee_work(role: str) -> list[str]:
    for entry in WORK_BY_ROLE:
        if any(k in role for k in entry["role_contains"]):
            return entry["work"]
    return []


def make_mentoring(rng, taken_names: set[str]) -> tuple[pd.DataFrame, dict]:
    taken_emails: set[str] = set()
    mentor_rows = [mentor_row(rng, m, taken_names, taken_emails) for m in MENTOR_PROFILES]
    mentee_rows = [mentee_row(rng, m, taken_names, taken_emails) for m in MENTEE_PROFILES]
    rows = mentor_rows + mentee_rows
    # Google Forms: mentors were asked first (first week), mentees over two weeks.
    start = dt.datetime(2024, 3, 4, 10, 0)
    stamps = []
    for r in rows:
        days = rng.uniform(0, 7) if r["Are you joining as a mentor or a mentee?"] == "Mentor" else rng.uniform(1, 14)
        stamps.append(start + dt.timedelta(days=float(days), seconds=float(rng.integers(0, 60))))
    order = np.argsort(np.array(stamps, dtype="datetime64[s]"), kind="stable")
    out = []
    for i in order:
        t = stamps[i]
        r = dict(rows[i])
        r["Timestamp"] = f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"
        out.append(r)
    df = pd.DataFrame(out, columns=MENTORING_HEADERS)
    return df, mentoring_notes(df)


def mentor_row(rng, m: dict, taken_names: set[str], taken_emails: set[str]) -> dict:
    """One mentor's answers, from a profile in ``mentoring.json``."""
    role, domain, years, capacity, topics = m["role"], m["domain"], m["years"], m["capacity"], m["topics"]
    country = draw_country(rng)
    gender = "f" if chance(rng, 0.45) else "m"
    first, last = draw_name(rng, country, gender, taken_names)
    loc, _ = draw_location(rng, country)
    D = DOMAINS[domain]
    voice = wpick(rng, {"formal": 0.6, "casual": 0.25, "enthusiastic": 0.15})
    about = join_sentences(f"{role}", cap(re.sub(r"[{}]", "", fresh(rng, D["acts"], key=("acts", domain)))), fresh(rng, MGMT_FRAGS) if re.search(r"Head|Director|Manager|Founder", role) and chance(rng, 0.6) else fresh(rng, PAST), fresh(rng, HOBBIES))
    tools = picks(rng, D["tools"], int(rng.integers(3, 6)))
    skills = pick(rng, [", ".join(tools) + f", {pick(rng, D['topics'])}",
                        f"{cap(pick(rng, D['topics']))}, {pick(rng, D['topics'])}, mentoring, {', '.join(tools[:2])}",
                        "; ".join(t.lower() for t in tools)])
    give = join_sentences(fresh(rng, MENTOR_GIVE), f"Happy to help with {' and '.join(low1(t) for t in topics[:2])}, or anything {D['short']}")
    offered = list(topics)
    if chance(rng, 0.25):
        offered.append(pick(rng, [t for t in TOPICS if t not in offered]))
    return {
        "Email Address": email_for(rng, first, last, "", "mentor", taken_emails),
        "Full name": f"{first} {last}",
        "Are you joining as a mentor or a mentee?": "Mentor",
        "How many mentees can you take?": str(capacity),
        "Current role": role,
        "Years of experience": years,
        "Which city are you in?": loc,
        "Tell us about yourself": apply_voice(rng, about, voice, typo_p=0.08),
        "What are your skills? In which fields do you specialize?": skills,
        "What do you want to get out of this program?": apply_voice(rng, give, voice, typo_p=0.05),
        "Topics you'd like to talk about": ", ".join(t for t in TOPICS if t in offered),
    }


def mentee_about(rng, role: str, years: str, loc: str, D: dict) -> str:
    """A mentee's 'Tell us about yourself': who they are, what interests them, maybe a hobby."""
    city = re.split(r"[,(—]", loc)[0].strip()
    odd_place = loc.startswith(("Remote", "digital"))
    yrs = {"0": "just starting out", "1": "one year in"}.get(years, f"{years} years in")
    intros = [f"{role}, {yrs}"] if re.search(r"\d|job", role) is None else [role]
    if not odd_place and ("," in role or " learning " in role):
        intros += [f"{role}. Based in {city}"]
    elif not odd_place:
        intros += [f"{role} based in {city}", f"I'm {art(role)} {low1(role)} from {city}"]
    intro = pick(rng, intros)
    work = mentee_work(role)
    interests = [f"Really interested in {D['label']}", f"Lately I've been reading a lot about {pick(rng, D['topics'])}",
                 f"Side project: {fresh(rng, D['side'])}"]
    if work:
        interests.append(f"At work I mostly do {pick(rng, work)}, but I want to get into {D['short']}")
    interest = pick(rng, interests)
    return join_sentences(intro, interest, fresh(rng, HOBBIES) if chance(rng, 0.5) else "")


def mentee_row(rng, m: dict, taken_names: set[str], taken_emails: set[str]) -> dict:
    """One mentee's answers, from a profile and a goal in ``mentoring.json``."""
    role, domain, years, goal = m["role"], m["domain"], m["years"], m["goal"]
    country = draw_country(rng)
    gender = "f" if chance(rng, 0.45) else "m"
    first, last = draw_name(rng, country, gender, taken_names)
    loc, _ = draw_location(rng, country, 0.08)
    D = DOMAINS[domain]
    topics, asks = GOALS[goal]["topics"], GOALS[goal]["asks"]
    voice = wpick(rng, {"formal": 0.4, "casual": 0.35, "enthusiastic": 0.25})
    about = mentee_about(rng, role, years, loc, D)
    tools = picks(rng, D["tools"], int(rng.integers(2, 4))) + picks(rng, ["Python", "SQL", "Excel", "Git", "pandas"], 2)
    tools = list(dict.fromkeys(tools))
    new = [t for t in D["tools"] if t not in tools] or ["Docker"]
    skills = pick(rng, [", ".join(tools), "; ".join(t.lower() for t in tools), ", ".join(tools) + " (beginner)", f"{', '.join(tools)}, learning {pick(rng, new)}"])
    chosen = list(topics[: int(rng.integers(2, 4))])
    if chance(rng, 0.3):
        chosen.append(pick(rng, [t for t in TOPICS if t not in chosen]))
    return {
        "Email Address": email_for(rng, first, last, "", "mentee", taken_emails),
        "Full name": f"{first} {last}",
        "Are you joining as a mentor or a mentee?": "Mentee",
        "How many mentees can you take?": "",
        "Current role": role,
        "Years of experience": years,
        "Which city are you in?": loc,
        "Tell us about yourself": apply_voice(rng, about, voice, typo_p=0.12),
        "What are your skills? In which fields do you specialize?": skills,
        "What do you want to get out of this program?": apply_voice(rng, pick(rng, asks), voice, typo_p=0.1),
        "Topics you'd like to talk about": ", ".join(t for t in TOPICS if t in chosen),
    }


def mentoring_notes(df: pd.DataFrame) -> dict:
    """Counts, capacities and topic coverage of the mentoring sample, for the README."""
    side = df["Are you joining as a mentor or a mentee?"]
    mentors, mentees = df[side == "Mentor"], df[side != "Mentor"]
    cap_col, topic_col, years_col = "How many mentees can you take?", "Topics you'd like to talk about", "Years of experience"
    mentor_years = pd.to_numeric(mentors[years_col], errors="coerce")
    mentee_years = pd.to_numeric(mentees[years_col])
    return {
        "rows": len(df), "mentors": len(mentors), "mentees": len(df) - len(mentors),
        "capacity": int(mentors[cap_col].astype(int).sum()),
        "messy_years_row": int(df.index[df[years_col] == "ten"][0]) + 2,
        "mentor_years": (int(mentor_years.min()), int(mentor_years.max())),
        "mentee_years": (int(mentee_years.min()), int(mentee_years.max())),
        "topics": {t: (int(mentors[topic_col].str.contains(t, regex=False).sum()),
                       int(mentors[cap_col].astype(int)[mentors[topic_col].str.contains(t, regex=False)].sum()),
                       int(mentees[topic_col].str.contains(t, regex=False).sum()))
                   for t in TOPICS},
        "messy_years_name": df.loc[df[years_col] == "ten", "Full name"].iloc[0],
    }


# =====================================================================================
# Writers
# =====================================================================================

def write_csv(df: pd.DataFrame, path: Path) -> None:
    path.write_bytes(df.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def write_xlsx(df: pd.DataFrame, path: Path) -> None:
    """XLSX with fixed document times and zip entry dates, so reruns are byte-identical."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, index=False, sheet_name="Responses")
        ws = xw.sheets["Responses"]
        for col, width in zip("ABCDEFGHIJKLMNO", [19, 10, 24, 32, 18, 40, 24, 26, 26, 22, 18, 60, 50, 50, 20]):
            ws.column_dimensions[col].width = width
        props = xw.book.properties
        props.creator = "Pairwise sample generator"
        props.created = props.modified = dt.datetime(2024, 3, 14, 9, 0, 0)
    fixed = re.compile(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:\1>")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = fixed.sub(rb"<dcterms:\1\2>2024-03-14T09:00:00Z</dcterms:\1>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 14, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    path.write_bytes(out.getvalue())


def self_check(coffee: pd.DataFrame, history: pd.DataFrame, mentoring: pd.DataFrame, cn: dict, hn: dict, mn: dict) -> None:
    """Fail loudly if a documented property of the samples does not hold."""
    assert list(coffee.columns) == COFFEE_HEADERS and list(mentoring.columns) == MENTORING_HEADERS
    emails = coffee["Your email address"].str.lower()
    assert emails.nunique() == cn["unique"] == len(coffee) - 1 and cn["unique"] % 2 == 1
    dup = emails[emails.duplicated(keep=False)]
    assert len(dup) == 2 and coffee.loc[dup.index, "Your email address"].nunique() == 2  # same address, different case
    multiline = coffee.apply(lambda col: col.astype(str).str.contains("\n")).to_numpy().sum()
    assert multiline == 1, multiline
    summaries = coffee["Tweet-sized summary of yourself"].str.lower()
    filled = summaries[summaries != ""].drop(dup.index[1:])
    assert filled.is_unique, filled[filled.duplicated()].tolist()
    for col in ("Tweet-sized summary of yourself", "What are your skills? In which fields do you specialize?",
                "Describe what you want your buddy to be like."):
        assert (coffee[col] != "").sum() >= len(coffee) - 2
    assert "{" not in coffee.to_csv() and "{" not in mentoring.to_csv()
    sales = coffee[coffee["Which option best represents your role?"] == "Sales and Marketing"]
    assert len(sales) == 1 and sales.iloc[0]["Do you have a preference on who your buddy should be?"] == SIMILAR_YES
    pairs = [frozenset(x) for x in zip(history.email_a, history.email_b)]
    assert len(pairs) == len(set(pairs)), "a pair repeats across rounds"
    for r, g in history.groupby("round"):
        people = list(g.email_a) + list(g.email_b)
        assert len(people) == len(set(people)), f"someone is paired twice in round {r}"
    assert (history.email_a == history.email_a.str.lower()).all() and (history.email_b == history.email_b.str.lower()).all()
    assert set(hn["must"]) <= set(history.email_a) | set(history.email_b)
    assert mn["capacity"] < mn["mentees"]
    assert (mentoring["Years of experience"] == "ten").sum() == 1


def fmt_rows(rows: list[int]) -> str:
    return ", ".join(str(r) for r in rows)


def write_readme(path: Path, coffee: pd.DataFrame, cn: dict, hn: dict, mn: dict) -> None:
    """Fill ``phrases/readme_template.md`` with the numbers and row numbers of this draw."""
    roles = sorted(cn["role_counts"].items(), key=lambda kv: -kv[1])
    role_col = "Which option best represents your role?"
    values = {
        "seed": SEED, "numpy": np.__version__, "pandas": pd.__version__, "similar_yes": SIMILAR_YES,
        "cn": cn, "hn": hn, "mn": mn, "names": cn["names_for_rows"],
        "rows": {k: fmt_rows(v) for k, v in cn["rows"].items()},
        "role_lines": "\n".join(f"| {k} | {v} | {cn['similar_by_role'].get(k, 0)} |" for k, v in roles),
        "stage_lines": "\n".join(f"| {k} | {v} |" for k, v in cn["stage_counts"].items()),
        "topic_lines": "\n".join(f"| {t} | {a} | {b} | {c} |" for t, (a, b, c) in mn["topics"].items()),
        "other_lines": "\n".join(f"  - row {row}: \"{coffee.iloc[row - 2][role_col]}\"" for row in cn["rows"]["other_roles"]),
        "similar_pct": round(100 * cn["similar_count"] / cn["unique"]),
        "blank_wants_names": " and ".join(cn["names_for_rows"]["blank_wants"]),
        "upper_emails": "`, `".join(cn["upper_emails"]),
        "accented_names": ", ".join(cn["accented_names"]),
        "pairs_by_round": ", ".join(f"round {k}: {v}" for k, v in hn["pairs_by_round"].items()),
        "current_pct": round(100 * hn["current_in_history"] / cn["unique"]),
        "must": "`, `".join(hn["must"]),
        "unplaceable": mn["mentees"] - mn["capacity"],
    }
    template = (PHRASES / "readme_template.md").read_text(encoding="utf-8")
    path.write_text(template.format_map(values), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: this folder)")
    ap.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    _USED.clear()
    rng = np.random.Generator(np.random.PCG64(args.seed))
    coffee, people, cn = make_coffee(rng)
    history, hn = make_history(rng, people)
    used = {p.name for p in people} | set(hn["alumni_names"])
    mentoring, mn = make_mentoring(rng, used)

    self_check(coffee, history, mentoring, cn, hn, mn)
    write_csv(coffee, args.out / "coffee_round.csv")
    write_xlsx(coffee, args.out / "coffee_round.xlsx")
    write_csv(history, args.out / "coffee_history.csv")
    write_csv(mentoring, args.out / "mentoring.csv")
    if args.out.resolve() == HERE and args.seed == SEED:
        write_readme(args.out / "README.md", coffee, cn, hn, mn)
    print(f"coffee_round.csv: {len(coffee)} rows ({cn['unique']} unique people)")
    print(f"coffee_history.csv: {len(history)} pairs")
    print(f"mentoring.csv: {len(mentoring)} rows ({mn['mentors']} mentors, capacity {mn['capacity']}; {mn['mentees']} mentees)")


if __name__ == "__main__":
    main()
