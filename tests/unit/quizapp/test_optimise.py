"""`quizapp optimize`: FSRS parameters fitted to each learner's own history, and used after.

Histories are simulated (tests/unit/fsrs_helpers.py): a learner with known parameters studies
cards scheduled by FSRS's defaults. The fit must be stable on a fixed history, refuse too little
history with one clear line, keep each learner's parameters apart, survive backup and restore,
and schedule the learner from then on (with a replayable history across the change).
"""

from __future__ import annotations

import json
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank, open_bank
from question_bank.store.interchange import parse_backup
from question_bank.store.schema import LearnerFsrsParamsRow, ReviewLogRow
from quizapp.content.backup import backup_bank, restore_bank
from quizapp.settings import Settings
from quizapp.study import StudyService, scheduling
from quizapp.study.learner_admin import check_history, remove_learner
from quizapp.study.learners import fsrs_parameters, get_or_create_learner
from quizapp.study.optimise import (
    DEFAULT_PARAMETERS,
    MIN_REVIEWS,
    NotEnoughHistory,
    compute_optimal_retention,
    optimise,
    reset_parameters,
    training_items,
)
from tests.support.fsrs import FORGETFUL, simulated_cards, write_history
from tests.support.history import T0, import_questions, quizapp, study

# A year of 10 new cards a day for 12 days: about 1,100 reviews, enough for a full fit.
SMALL = {"cards": 120, "days": 365}
# A learner with a better memory than the defaults assume.
STRONG = tuple(
    w * scale
    for w, scale in zip(
        DEFAULT_PARAMETERS, [2.0, 2.0, 2.0, 1.2] + [1.0] * 4 + [1.3] + [1.0] * 12, strict=True
    )
)


def fitted(bank: Bank, learner: str) -> tuple[float, ...] | None:
    with bank.transaction() as session:
        found = fsrs_parameters(session, get_or_create_learner(session, learner))
    return found.parameters if found is not None else None


def param_rows(bank: Bank) -> int:
    with bank.transaction() as session:
        return session.scalar(select(func.count()).select_from(LearnerFsrsParamsRow)) or 0


def test_a_small_fixed_history_gives_stable_parameters(tmp_path: Path) -> None:
    history = simulated_cards(FORGETFUL, seed=3, **SMALL)
    assert MIN_REVIEWS <= len(training_items(history)) < 1500
    results = []
    for run, cards in enumerate((history, history, history[:-3])):
        bank = open_bank(tmp_path / f"bank{run}.sqlite")
        try:
            write_history(bank, "ann", cards)
            report = optimise(bank, Settings(), "ann", timezone=UTC)
            assert report.kept and report.after.log_loss < report.before.log_loss
            assert fitted(bank, "ann") == report.fitted
            results.append(report.fitted)
        finally:
            bank.dispose()
    same, again, fewer = results
    assert same == again  # the optimiser is seeded: the same history, the same parameters
    assert same != DEFAULT_PARAMETERS
    # Three cards fewer move no parameter much.
    assert all(abs(a - b) <= 0.1 * max(abs(a), 0.05) for a, b in zip(same, fewer, strict=True))


def test_too_little_history_is_a_clear_refusal(bank: Bank) -> None:
    write_history(bank, "ann", simulated_cards(FORGETFUL, cards=20, days=60, seed=1))
    with pytest.raises(NotEnoughHistory) as refused:
        optimise(bank, Settings(), "ann", timezone=UTC)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("not enough history to optimise 'ann': ")
    assert f"the optimiser needs at least {MIN_REVIEWS}" in message
    assert param_rows(bank) == 0


@pytest.mark.sqlite_only
def test_the_command_refuses_in_one_line_and_reports_a_fit(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    bank = open_bank(path)
    try:
        write_history(bank, "ann", simulated_cards(FORGETFUL, seed=3, **SMALL))
        write_history(bank, "bob", simulated_cards(FORGETFUL, cards=10, days=30, seed=2))
    finally:
        bank.dispose()
    refused = quizapp("optimize", "--learner", "bob", "--db", str(path))
    assert refused.returncode == 1
    assert refused.stderr.startswith("quizapp: error: not enough history to optimise 'bob': ")
    assert refused.stderr.count("\n") == 1

    unknown = quizapp("optimize", "--learner", "zoe", "--db", str(path))
    assert unknown.returncode == 1
    assert "no learner 'zoe' in this bank (learners: 'ann', 'bob')" in unknown.stderr

    done = quizapp("optimize", "--learner", "ann", "--db", str(path))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "log loss" in out and "RMSE (bins)" in out
    assert "before (FSRS defaults)" in out and "after (fitted)" in out
    assert "at desired retention 0.90, a simulated year predicts retention" in out
    assert "saved: ann is scheduled with these parameters from now on" in out

    reset = quizapp("optimize", "--learner", "ann", "--reset", "--db", str(path))
    assert reset.returncode == 0, reset.stderr
    assert reset.stdout.startswith("ann is scheduled with FSRS's defaults again (the fit of ")


def test_two_learners_keep_separate_parameters(bank: Bank) -> None:
    write_history(bank, "ann", simulated_cards(FORGETFUL, seed=3, **SMALL))
    write_history(bank, "bob", simulated_cards(STRONG, seed=4, **SMALL))
    ann = optimise(bank, Settings(), "ann", timezone=UTC)
    bob = optimise(bank, Settings(), "bob", timezone=UTC)
    assert ann.fitted != bob.fitted
    # The forgetful learner's first stabilities come out below the strong one's.
    assert sum(ann.fitted[:4]) < sum(bob.fitted[:4])
    assert fitted(bank, "ann") == ann.fitted and fitted(bank, "bob") == bob.fitted
    assert fitted(bank, "carol") is None
    # Each learner's study service schedules with their own parameters, carol with defaults.
    for learner, expected in (("ann", ann.fitted), ("bob", bob.fitted), ("carol", None)):
        service = StudyService(bank, Settings(), learner, timezone=UTC)
        assert service.scheduler.parameters == (expected or DEFAULT_PARAMETERS)
    # Removing a learner removes their parameters, not the other's.
    remove_learner(bank, "ann")
    assert param_rows(bank) == 1 and fitted(bank, "bob") == bob.fitted


def test_fitted_parameters_schedule_the_learner_from_then_on(bank: Bank) -> None:
    """Ann studies, is optimised, studies on: her history still replays exactly."""
    import_questions(bank)
    study(bank, "Ann", 6, days=3)
    write_history(bank, "Ann", simulated_cards(FORGETFUL, seed=3, **SMALL))
    # The simulated log has no cards behind it; replay checks only the real study.
    report = optimise(bank, Settings(), "Ann", timezone=UTC)
    assert report.kept and report.params_id is not None
    with bank.transaction() as session:
        session.execute(
            ReviewLogRow.__table__.delete().where(ReviewLogRow.question_id.like("sim%"))
        )
    study(bank, "Ann", 6, start=T0 + timedelta(days=3))
    with bank.transaction() as session:
        logs = session.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()
        named = [log.card_before.get("fsrs_params") for log in logs]
    assert named[:18] == [None] * 18  # scheduled with the defaults before the fit
    assert set(named[18:]) == {report.params_id}  # and with Ann's parameters after it
    assert check_history(bank, Settings()) == []


def test_parameters_survive_backup_and_restore(bank: Bank, tmp_path: Path) -> None:
    write_history(bank, "ann", simulated_cards(FORGETFUL, seed=3, **SMALL))
    report = optimise(bank, Settings(), "ann", timezone=UTC)
    with bank.transaction() as session:
        stored = session.scalars(select(LearnerFsrsParamsRow)).one()
        fitted_at, report_json = stored.fitted_at, stored.report
    backups = [(tmp_path / "bank.json", "json")]
    if bank.file is not None:
        backups.append((tmp_path / "bank-backup.sqlite", "sqlite"))
    for path, kind in backups:
        backup_bank(bank, path, kind)  # type: ignore[arg-type]
        target = open_bank(tmp_path / f"restored-{kind}.sqlite")
        try:
            rows = restore_bank(target, path)
            assert rows["learner_fsrs_params"] == 1
            assert fitted(target, "ann") == report.fitted
            with target.transaction() as session:
                restored = session.scalars(select(LearnerFsrsParamsRow)).one()
                assert restored.fitted_at == fitted_at
                assert restored.report == report_json
                assert restored.report["after"]["log_loss"] == report.after.log_loss
        finally:
            target.dispose()


def test_a_fit_that_does_not_predict_better_keeps_the_parameters_in_use(bank: Bank) -> None:
    write_history(bank, "ann", simulated_cards(FORGETFUL, seed=3, **SMALL))
    first = optimise(bank, Settings(), "ann", timezone=UTC)
    second = optimise(bank, Settings(), "ann", timezone=UTC)
    assert not second.previous_were_defaults and second.previous == first.fitted
    if not second.kept:
        assert "kept the parameters in use" in second.lines()[-2]
        assert param_rows(bank) == 1
    assert fitted(bank, "ann") == (second.fitted if second.kept else first.fitted)


def test_optimal_retention_and_workload_table(bank: Bank) -> None:
    write_history(bank, "ann", simulated_cards(FORGETFUL, seed=3, cards=60, days=200))
    choice = compute_optimal_retention(bank, Settings(), "ann", timezone=UTC)
    assert 0.7 <= choice.optimal <= 0.99
    workloads = [row.reviews_per_day for row in choice.rows]
    assert workloads == sorted(workloads)  # a higher retention costs more reviews


def test_a_backup_with_broken_parameters_is_refused(bank: Bank, tmp_path: Path) -> None:
    write_history(bank, "ann", simulated_cards(FORGETFUL, seed=3, **SMALL))
    optimise(bank, Settings(), "ann", timezone=UTC)
    path = tmp_path / "bank.json"
    backup_bank(bank, path, "json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["learner_fsrs_params"][0]["parameters"][20] = "NaN"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(QuestionBankError) as refused:
        parse_backup(path.read_bytes())
    assert str(refused.value).startswith(
        "invalid bank document at learner_fsrs_params.0.parameters.20: "
    )


def test_parameters_slightly_out_of_bounds_still_schedule() -> None:
    wild = list(DEFAULT_PARAMETERS)
    wild[0], wild[20] = 0.0, 0.9  # below w0's floor, above w20's ceiling
    scheduler = scheduling.build_scheduler(Settings(), wild)
    assert scheduler.parameters[0] > 0 and scheduler.parameters[20] < 0.9


def test_reset_goes_back_to_the_defaults_and_keeps_the_history(bank: Bank) -> None:
    import_questions(bank)
    study(bank, "Ann", 4)
    write_history(bank, "Ann", simulated_cards(FORGETFUL, seed=3, **SMALL))
    report = optimise(bank, Settings(), "Ann", timezone=UTC)
    with bank.transaction() as session:
        session.execute(
            ReviewLogRow.__table__.delete().where(ReviewLogRow.question_id.like("sim%"))
        )
    study(bank, "Ann", 4, start=T0 + timedelta(days=1))
    assert reset_parameters(bank, "Ann") is not None
    assert reset_parameters(bank, "Ann") is None  # already on the defaults
    assert fitted(bank, "Ann") == DEFAULT_PARAMETERS
    service = StudyService(bank, Settings(), "Ann", timezone=UTC)
    assert service.scheduler.parameters == DEFAULT_PARAMETERS
    study(bank, "Ann", 4, start=T0 + timedelta(days=2))
    with bank.transaction() as session:
        named = [
            log.card_before.get("fsrs_params")
            for log in session.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id))
        ]
    assert named[:4] == [None] * 4 and set(named[4:8]) == {report.params_id}
    assert len(set(named[8:])) == 1 and named[8] not in (None, report.params_id)
    assert check_history(bank, Settings()) == []
