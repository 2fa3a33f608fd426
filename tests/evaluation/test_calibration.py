"""Fitting the answerer's weights and thresholds (on the tuning split only)."""

import numpy as np

from assistant.evaluation.calibration import choose_thresholds, fit_logistic


def test_logistic_fit_separates_separable_data():
    X = np.array([[0.0, 1.0], [0.2, 0.9], [0.8, 0.1], [1.0, 0.0]])
    y = np.array([0, 0, 1, 1])
    w = fit_logistic(X, y, l2=0.1)
    scores = w[0] + X @ w[1:]
    assert list(np.argsort(scores)) == [0, 1, 2, 3] and w[1] > 0 > w[2]


def test_the_threshold_balances_answers_refusals_and_false_refusals():
    # (confidence, answerable, right when answered, cites the support)
    scored = [(0.9, True, True, True), (0.8, True, True, True), (0.6, True, False, False)]
    scored += [(0.2, False, False, False), (0.3, False, False, False), (0.7, False, False, False)]
    chosen = choose_thresholds(scored)
    assert 0.3 < chosen["answer"] <= 0.6  # answers the three right ones, refuses two of three
    assert chosen["related"] < chosen["answer"]
