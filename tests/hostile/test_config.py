"""Hostile config files and environment, through the real entry point.

A config.toml that is not UTF-8, list settings written `1,10`, values past every bound, misspelt
keys: a one-line error (or a one-line warning naming the closest key), never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.harness import Run, quizapp


def _config(tmp_path: Path, content: bytes) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    return {"QUIZAPP_CONFIG": str(path)}


def _list(tmp_path: Path, env: dict[str, str]) -> Run:
    return quizapp("list", "--db", str(tmp_path / "bank.sqlite"), tmp=tmp_path, env=env)


def test_a_config_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    env = _config(tmp_path, b'learner = "\xff\xfe caf\xe9"\n')
    _list(tmp_path, env).assert_refused("not UTF-8")


@pytest.mark.parametrize("value", ["1,10", "1, 10", "[1, 10]", "1 10"])
def test_list_settings_from_the_environment(tmp_path: Path, value: str) -> None:
    _list(tmp_path, {"QUIZAPP_LEARNING_STEPS_MINUTES": value}).assert_ok()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("LEARNING_STEPS_MINUTES", "1e308"),
        ("LEARNING_STEPS_MINUTES", "[1, oops"),
        ("RELEARNING_STEPS_MINUTES", "-5"),
        ("MAXIMUM_INTERVAL_DAYS", "99999999999"),
        ("NEW_CARDS_PER_DAY", "1e9"),
        ("LEECH_THRESHOLD", "0"),
        ("LEARNER", "x" * 500),
    ],
)
def test_every_setting_is_bounded(tmp_path: Path, key: str, value: str) -> None:
    _list(tmp_path, {f"QUIZAPP_{key}": value}).assert_refused(key.lower())


def test_a_huge_step_in_the_config_file_is_refused(tmp_path: Path) -> None:
    env = _config(tmp_path, b"learning_steps_minutes = [1e308]\n")
    _list(tmp_path, env).assert_refused("learning_steps_minutes")


def test_unknown_keys_are_warned_naming_the_closest_key(tmp_path: Path) -> None:
    env = _config(tmp_path, b"new_card_per_day = 5\n")
    env["QUIZAPP_REVIEW_PER_DAY"] = "3"
    run = _list(tmp_path, env)
    run.assert_ok()
    warnings = run.stderr.strip().splitlines()
    assert len(warnings) == 2, run.stderr
    assert "new_card_per_day" in warnings[0] and "did you mean new_cards_per_day" in warnings[0]
    assert "QUIZAPP_REVIEW_PER_DAY" in warnings[1] and "reviews_per_day" in warnings[1]
