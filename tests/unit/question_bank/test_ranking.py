"""The answer ranker: shipped weights load and score in plain Python, without scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from spacy.language import Language

from question_bank.facts.sentence import sentence_facts
from question_bank.nlp import load_pipeline
from question_bank.ranking import (
    WEIGHTS_FILE,
    ArticleStats,
    answer_features,
    model_override,
    score,
    shipped_model,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


BLOCKED = """
import sys
sys.path.insert(0, {blocker!r})
import question_bank.ranking as ranking
features = {{"rule:score": 0.5, "ent:label=DATE": 1.0}}
print(round(ranking.score(features), 6))
assert "sklearn" not in sys.modules and "numpy" not in sys.modules, sorted(sys.modules)
"""


def test_scorer_loads_and_scores_with_sklearn_and_numpy_unimportable(tmp_path: Path) -> None:
    # A package that fails on import shadows the real ones: any import of them at run time fails.
    for name in ("sklearn", "numpy"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text(f"raise ImportError('{name} is blocked')\n")
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED.format(blocker=str(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert 0.0 < float(result.stdout) < 1.0


def test_the_weights_are_package_data_with_how_they_were_made() -> None:
    text = resources.files("question_bank.data").joinpath(WEIGHTS_FILE).read_text("utf-8")
    model = json.loads(text)
    assert model["kind"] == "logistic"
    assert model["training"]["data_sha256"]
    assert "scripts/train_answer_ranker.py" in model["about"]
    assert shipped_model()["bias"] == model["bias"]


def test_score_is_the_logistic_of_the_weighted_features() -> None:
    model = {"kind": "logistic", "bias": 0.0, "weights": {"a": 2.0, "b": -1.0}}
    with model_override(model):
        assert score({}) == 0.5
        assert score({"a": 1.0}) > score({"a": 1.0, "b": 1.0}) > score({"b": 1.0})


def test_features_name_the_groups_the_training_script_ablates(nlp: Language) -> None:
    sent = next(nlp("In 1999 the troops were deployed in Kosovo by NATO.").sents)
    stats = ArticleStats.for_title("Kosovo (passage 1)")
    stats.observe(sent)
    facts = sentence_facts(sent, "")
    date = next(f for f in facts if f.answer == "1999")
    features = answer_features([date], 0, stats)
    groups = {name.split(":", 1)[0] for name in features}
    assert {"rule", "ent", "dep", "pos", "len", "rare"} <= groups
    assert features["ent:label=DATE"] == 1
    kosovo = next(f for f in facts if f.answer == "Kosovo")
    # The article's own topic (its title) is what the repetition features see.
    assert answer_features([kosovo], 0, stats).get("rep:all_in_title") == 1
