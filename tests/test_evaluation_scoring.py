"""The benchmark scorers score the way the benchmarks do."""

import pytest
from evaluation.extraction import shingle_scores, shingle_tp_fp_fn, word_prf


def test_identical_bodies_score_one():
    text = "the army said it had retaken the town after two days of fighting"
    assert shingle_scores([shingle_tp_fp_fn(text, text)]) == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }


def test_extra_text_costs_precision_and_missing_text_costs_recall():
    truth = "one two three four five six"
    tp, fp, fn = shingle_tp_fp_fn(truth, truth + " seven eight")
    assert (tp, fp, fn) == pytest.approx((3 / 5, 2 / 5, 0))
    tp, fp, fn = shingle_tp_fp_fn(truth, "one two three four five")
    assert (tp, fp, fn) == pytest.approx((2 / 3, 0, 1 / 3))


def test_pages_weigh_the_same_whatever_their_length():
    short = shingle_tp_fp_fn("a b c d e", "a b c d e")
    long_wrong = shingle_tp_fp_fn(" ".join(f"w{i}" for i in range(500)), "x y z q")
    scores = shingle_scores([short, long_wrong])
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.5)


def test_word_f1_ignores_case_and_order():
    assert word_prf("Fighting Continued", "continued fighting")[2] == 1.0
    assert word_prf("", "some words") == (0.0, 0.0, 0.0)
