"""The evidence model: a logistic function of a sentence's features (:mod:`.evidence`),
its weights and thresholds fitted on the tuning questions by
:mod:`assistant.evaluation.calibration` and kept in ``assistant/data/calibration.json``.

    >>> weights = {"bias": -1.0, "sim": 2.0}
    >>> round(probability(dict.fromkeys(FEATURES, 0.0) | {"sim": 0.5}, weights), 3)
    0.5
    >>> sorted(load_calibration())
    ['note', 'thresholds', 'weights']
"""

from __future__ import annotations

import json
import math

from ..resources import data_path

FEATURES = (
    "sim",
    "cover",
    "soft_cover",
    "density",
    "missing_names",
    "typed",
    "untyped",
    "near",
    "speech",
    "defines",
    "caption",
)
CALIBRATION = "calibration.json"  # in assistant/data


def load_calibration() -> dict:
    """The fitted weights and thresholds (``assistant/data/calibration.json``)."""
    return json.loads(data_path(CALIBRATION).read_text(encoding="utf-8"))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def probability(features: dict[str, float], weights: dict) -> float:
    """The chance that a sentence answers: ``1 / (1 + exp(-(bias + sum(w_i * f_i))))``."""
    return _logistic(
        weights["bias"] + sum(weights.get(name, 0.0) * features[name] for name in FEATURES)
    )
