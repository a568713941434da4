"""Saving and loading a learned model, stamped with the format version and a feature fingerprint.

A model only makes sense for surveys with the same signals (built-in plus column signals); a model
file from a survey with other features, or from a newer Pairwise, is refused in plain words.

The file is a joblib pickle (gradient boosting has no portable format): load only model files you
or your team made, as with any pickle.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from ..issues import InputError, Issue
from .features import feature_names, fingerprint
from .models import LearnedModel

MODEL_FORMAT = "pairwise-learned-model"
MODEL_VERSION = 1
_FIX = "Learn a model for this survey's form: python -m matching learn SURVEY --feedback FEEDBACK.csv --model MODEL."


def save_model(model: LearnedModel, path: str | Path) -> None:
    """Write ``model`` to ``path`` (joblib), stamped with the format version and its fingerprint."""
    import joblib

    payload = {"format": MODEL_FORMAT, "version": MODEL_VERSION, "fingerprint": model.fingerprint,
               "features": list(model.names), "saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
               "model": model}
    joblib.dump(payload, Path(path), compress=3)


def dumps_model(model: LearnedModel) -> bytes:
    """The model file as bytes (for a download button)."""
    import io

    import joblib

    buf = io.BytesIO()
    joblib.dump({"format": MODEL_FORMAT, "version": MODEL_VERSION, "fingerprint": model.fingerprint,
                 "features": list(model.names), "model": model}, buf, compress=3)
    return buf.getvalue()


def load_model(source: Any, signals=None) -> LearnedModel:
    """Read a model file (path, bytes or file-like) and, when ``signals`` is given, check it fits them.

    Raises
    ------
    InputError
        The file is not a Pairwise model, was written by a newer version, or was learned on a survey
        with different features.
    """
    import io

    import joblib

    try:
        if isinstance(source, (bytes, bytearray)):
            payload = joblib.load(io.BytesIO(source))
        elif hasattr(source, "getvalue"):
            payload = joblib.load(io.BytesIO(source.getvalue()))
        else:
            if not Path(source).is_file():
                raise InputError([Issue("fatal", f"No model file at '{source}'.", "Check the path.")])
            payload = joblib.load(Path(source))
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - any unreadable file gets the same plain message
        raise InputError([Issue("fatal", f"The model file could not be read ({type(err).__name__}).",
                                "Use a model file written by 'python -m matching learn' or the Learn screen.")]) from None
    if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
        raise InputError([Issue("fatal", "This file is not a Pairwise model file.",
                                "Use a model file written by 'python -m matching learn' or the Learn screen.")])
    version = payload.get("version")
    if not isinstance(version, int) or version > MODEL_VERSION:
        raise InputError([Issue("fatal", f"This model file was written by a newer Pairwise (model format {version}); "
                                f"this version reads model format {MODEL_VERSION} and older.",
                                "Update Pairwise, or learn the model again with this version.")])
    model = payload["model"]
    if signals is not None:
        check_compatible(model, signals)
    return model


def check_compatible(model: LearnedModel, signals) -> None:
    """Raise :class:`InputError` unless the model's features are exactly this survey's features."""
    names = feature_names(signals)
    if fingerprint(names) == model.fingerprint and names == list(model.names):
        return
    missing = [n for n in model.names if n not in names]
    extra = [n for n in names if n not in model.names]
    detail = "; ".join(part for part in (
        f"it needs {', '.join(missing)}, which this survey lacks" if missing else "",
        f"this survey adds {', '.join(extra)}" if extra else "") if part)
    raise InputError([Issue("fatal", "This model was learned on a survey with different features"
                            + (f" ({detail})" if detail else "") + ", so its scores would mean nothing here.", _FIX)])
