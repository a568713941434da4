"""The canonical participant fields: names, groups and the words used for them in messages."""

from __future__ import annotations

CANONICAL_FIELDS: tuple[str, ...] = (
    "id", "name", "email", "slack", "linkedin", "company", "role", "career_stage", "years_experience",
    "location", "timezone", "lat", "lon", "summary", "skills", "interests", "wants", "similar_role_required",
    "side", "capacity", "keep_registered", "submitted_at",
)
# Helper fields a mapping may also name: combined into ``name`` / used to qualify ``location``.
AUX_FIELDS: tuple[str, ...] = ("first_name", "last_name", "country")
PII_FIELDS: tuple[str, ...] = ("email", "slack", "linkedin", "company")
TEXT_FIELDS: tuple[str, ...] = ("summary", "skills", "interests", "wants")
PARTICIPANT_COLUMNS: tuple[str, ...] = (
    "id", "name", "email", "slack", "linkedin", "company", "role", "role_raw", "career_stage", "stage_ordinal",
    "years_experience", "location", "timezone", "lat", "lon", "summary", "skills", "interests", "wants",
    "similar_role_required", "side", "capacity", "keep_registered", "submitted_at", "row",
)
DROPPED_COLUMNS: tuple[str, ...] = ("row", "id", "name", "reason")


FIELD_LABELS: dict[str, str] = {
    "id": "participant id", "name": "name", "email": "email address", "slack": "Slack handle",
    "linkedin": "LinkedIn URL", "company": "company", "role": "role", "career_stage": "career stage",
    "years_experience": "years of experience", "location": "location", "timezone": "time zone",
    "lat": "latitude", "lon": "longitude", "summary": "summary", "skills": "skills", "interests": "interests",
    "wants": "what they want", "similar_role_required": "similar-role preference", "side": "mentor/mentee side",
    "capacity": "mentee capacity", "keep_registered": "keep-registered checkbox", "submitted_at": "submission time",
    "first_name": "first name", "last_name": "last name", "country": "country",
}

ALL_FIELDS: tuple[str, ...] = CANONICAL_FIELDS + AUX_FIELDS
