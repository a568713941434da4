"""Learning from feedback: feedback -> features -> models -> evaluation; history signals.

The organizer's "did you meet, how was it?" answers become a report (does a learned signal beat
the hand-set weights on rounds it never saw?), suggested slider weights, an optional ``learned``
signal, and optional history signals (``ppr``, ``cf``) for pairs that have not met.
"""

from .apply import learned_signal, use_model, with_learn_signals
from .feedback import (FEEDBACK_COLUMNS, LabelRule, from_program, from_store, parse_feedback, read_feedback,
                       summarise)
from .features import LEARN_SIGNALS, feature_names, fingerprint
from .history_signals import HISTORY_SIGNALS, cf_signal, ppr_signal
from .modelfile import MODEL_VERSION, check_compatible, dumps_model, load_model, save_model
from .models import LearnedModel
from .ranking import ranking_report
from .train import MIN_LABELLED, LearnReport, learn

__all__ = [
    "FEEDBACK_COLUMNS", "HISTORY_SIGNALS", "LEARN_SIGNALS", "MIN_LABELLED", "MODEL_VERSION", "LabelRule",
    "LearnReport", "LearnedModel", "cf_signal", "check_compatible", "dumps_model", "feature_names", "fingerprint",
    "from_program", "from_store", "learn", "learned_signal", "load_model", "parse_feedback", "ppr_signal", "ranking_report",
    "read_feedback", "save_model", "summarise", "use_model", "with_learn_signals",
]
