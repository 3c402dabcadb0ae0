"""Fit FSRS parameters to one learner's own review history (`quizapp optimize`).

The fit is fsrs-rs's optimiser (the Rust implementation Anki uses) through `fsrs-rs-python`:
a 0.6 MB wheel with no dependencies, that fits 10,000 reviews in well under a second, where
py-fsrs's optimiser needs torch, numpy and pandas (hundreds of MB; see benchmarks/fsrs_fit.py).

The history goes to the optimiser as Anki gives it: per card, its reviews in order, each with
the number of study days since the one before (the day starts at `day_starts_at_hour`, as for
the study queue); every review on a later day than the card's previous one is one training
item, with all the card's earlier reviews (same-day ones included) as its history.

Figures, as the FSRS benchmark computes them (fsrs-rs's `evaluate`): log loss and RMSE over
bins of the predicted recall probability, for the parameters in use before and the fitted ones,
on the learner's history (in-sample, as Anki's "Evaluate"); and the retention the parameters
predict when cards are scheduled at the desired retention, from fsrs-rs's simulator run with
the learner's limits and rating habits. The fitted parameters are kept only if they predict the
history better than the ones in use (as Anki does), and from then on schedule that learner.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

import fsrs_rs_python as fsrs_rs
from sqlalchemy import select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import LearnerFsrsParamsRow, LearnerRow, ReviewLogRow
from quizapp.clock import Clock, StudyDay, utcnow
from quizapp.settings import Settings
from quizapp.study import scheduling
from quizapp.study.learners import FsrsParameters, clean_name, fsrs_parameters
from quizapp.study.simulation import (
    RETENTIONS,
    RetentionChoice,
    RetentionForecast,
    forecast,
    simulator_config,
)

# The scheduler's defaults (py-fsrs's; fsrs-rs holds the same values as float32).
DEFAULT_PARAMETERS: tuple[float, ...] = tuple(scheduling.DEFAULT_PARAMETERS)
MIN_REVIEWS = 400
"""Reviews on a later day than the card's previous one (training items) a fit needs.

fsrs-rs fits nothing below a few hundred items once it has dropped outliers: it returns its
defaults, or its first four parameters only, or fails with NotEnoughData (on the benchmark's
simulated learners full fits start between 200 and 260 items). 400 leaves a margin, so a fit
that is accepted is a real one.
"""
Progress = Callable[[int, int, str], None]
"""Called as progress(step, steps, what is being done now); step runs from 0 to steps."""


class NotEnoughHistory(QuestionBankError):
    """The learner's history is too small for the optimiser: a refusal, not a failure."""


@dataclass(frozen=True)
class Evaluation:
    """How well a set of parameters predicts a history."""

    log_loss: float
    rmse_bins: float
    """RMSE between predicted and actual recall, over bins of predictions (FSRS benchmark)."""
    predicted_recall: float
    """Mean predicted probability of recall over the training items."""


@dataclass(frozen=True)
class OptimisationReport:
    """What `optimise` did for one learner, with its before/after figures."""

    learner: str
    reviews: int
    """Every answer in the learner's log."""
    items: int
    """Of them, reviews on a later day than the card's previous one: what the fit trains on."""
    cards: int
    actual_recall: float
    """Share of the training items answered Hard, Good or Easy (not Again)."""
    previous: tuple[float, ...]
    """The parameters in use before (FSRS's defaults unless optimised before)."""
    previous_were_defaults: bool
    fitted: tuple[float, ...]
    before: Evaluation
    after: Evaluation
    kept: bool
    """True when the fitted parameters now schedule the learner; False when they did not
    predict the history better than the ones in use, which stay."""
    forecast_before: RetentionForecast
    forecast_after: RetentionForecast
    params_id: int | None
    fitted_at: datetime

    def as_json(self) -> dict[str, Any]:
        """The figures as JSON (stored with the parameters, shown by the settings screen)."""
        data = asdict(self)
        data["fitted_at"] = self.fitted_at.isoformat()
        data["previous"] = list(self.previous)
        data["fitted"] = list(self.fitted)
        return data

    def lines(self) -> list[str]:
        """The report as the CLI prints it."""
        before, after = self.before, self.after
        was = "FSRS defaults" if self.previous_were_defaults else "previous fit"
        fb, fa = self.forecast_before, self.forecast_after
        lines = [
            f"{self.learner}: {self.reviews} reviews of {self.cards} cards, "
            f"{self.items} on a later day than the card's previous review (recalled "
            f"{self.actual_recall:.1%})",
            f"{'':<22}{'log loss':>10}{'RMSE (bins)':>13}{'predicted recall':>18}",
            f"{'before (' + was + ')':<22}{before.log_loss:>10.4f}{before.rmse_bins:>13.4f}"
            f"{before.predicted_recall:>18.1%}",
            f"{'after (fitted)':<22}{after.log_loss:>10.4f}{after.rmse_bins:>13.4f}"
            f"{after.predicted_recall:>18.1%}",
            f"at desired retention {fa.desired_retention:.2f}, a simulated year predicts "
            f"retention {fa.retention:.1%}, {fa.reviews_per_day:.0f} reviews/day with the fitted "
            f"parameters ({fb.retention:.1%}, {fb.reviews_per_day:.0f}/day with the {was})",
        ]
        if self.kept:
            lines.append(f"saved: {self.learner} is scheduled with these parameters from now on")
        else:
            lines.append(
                "kept the parameters in use: the fitted ones do not predict this history better"
            )
        lines.append("parameters: " + ", ".join(f"{w:.4f}" for w in self.fitted))
        return lines


@dataclass(frozen=True)
class History:
    """A learner's review log as the optimiser reads it: per card, (rating, days since last)."""

    learner_id: int
    cards: list[list[tuple[int, int]]]
    reviews: int
    rating_counts: dict[str, Counter[int]]
    """First answers ("first") and passed reviews ("recall") by rating, for the simulator."""


def read_history(bank: Bank, learner_id: int, day: StudyDay) -> History:
    """The learner's log, card by card in time order, with study-day gaps."""
    by_card: dict[str, list[tuple[datetime, int, int]]] = {}
    with bank.transaction() as session:
        rows = session.execute(
            select(
                ReviewLogRow.question_id,
                ReviewLogRow.reviewed_at,
                ReviewLogRow.rating,
                ReviewLogRow.state_before,
            )
            .where(ReviewLogRow.learner_id == learner_id)
            .order_by(ReviewLogRow.question_id, ReviewLogRow.reviewed_at, ReviewLogRow.id)
        ).all()
    for question_id, reviewed_at, rating, state_before in rows:
        by_card.setdefault(question_id, []).append((reviewed_at, rating, state_before))
    cards: list[list[tuple[int, int]]] = []
    first: Counter[int] = Counter()
    recall: Counter[int] = Counter()
    for logs in by_card.values():
        # A card's history must start from new: the first answer is where memory starts.
        start = next((i for i, (_, _, state) in enumerate(logs) if state == 0), None)
        if start is None:
            continue
        reviews: list[tuple[int, int]] = []
        previous_day = None
        for reviewed_at, rating, _state in logs[start:]:
            today = day.day_of(reviewed_at).toordinal()
            delta = 0 if previous_day is None else today - previous_day
            reviews.append((rating, delta))
            previous_day = today
        first[reviews[0][0]] += 1
        recall.update(rating for rating, delta in reviews[1:] if delta > 0 and rating > 1)
        cards.append(reviews)
    return History(
        learner_id=learner_id,
        cards=cards,
        reviews=len(rows),
        rating_counts={"first": first, "recall": recall},
    )


def training_items(cards: Sequence[Sequence[tuple[int, int]]]) -> list[fsrs_rs.FSRSItem]:
    """One FSRSItem per review on a later day than the card's previous one, with its past."""
    items = []
    for reviews in cards:
        converted = [fsrs_rs.FSRSReview(rating, delta) for rating, delta in reviews]
        for end in range(1, len(converted)):
            if reviews[end][1] > 0:
                items.append(fsrs_rs.FSRSItem(converted[: end + 1]))
    return items


def evaluate(parameters: Sequence[float], cards: Sequence[Sequence[tuple[int, int]]]) -> Evaluation:
    """Log loss, RMSE (bins) and mean predicted recall of `parameters` on these cards."""
    items = training_items(cards)
    model = fsrs_rs.FSRS(list(parameters))
    measured = model.evaluate(items)
    predictions = predicted_recalls(parameters, cards)
    mean = sum(p for p, _ in predictions) / len(predictions) if predictions else 0.0
    return Evaluation(
        log_loss=float(measured.log_loss),
        rmse_bins=float(measured.rmse_bins),
        predicted_recall=mean,
    )


def forgetting_curve(parameters: Sequence[float], days: float, stability: float) -> float:
    """FSRS-6's probability of recall `days` after a review that left `stability`."""
    decay = -parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    return float((1 + factor * days / stability) ** decay)


def predicted_recalls(
    parameters: Sequence[float], cards: Sequence[Sequence[tuple[int, int]]]
) -> list[tuple[float, int]]:
    """(predicted recall, recalled 0/1) for every training item, in `training_items` order."""
    model = fsrs_rs.FSRS(list(parameters))
    whole = [
        fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(r, d) for r, d in reviews])
        for reviews in cards
        if len(reviews) > 1
    ]
    states = model.historical_memory_state_batch(whole) if whole else []
    result = []
    for reviews, history in zip((c for c in cards if len(c) > 1), states, strict=True):
        for end in range(1, len(reviews)):
            rating, delta = reviews[end]
            if delta > 0:
                stability = history[end - 1].stability
                result.append((forgetting_curve(parameters, delta, stability), int(rating > 1)))
    return result


def learner_id_of(bank: Bank, learner: str) -> int:
    """The id of an existing learner; a one-line error names the learners there are."""
    name = clean_name(learner)
    with bank.transaction() as session:
        found = session.scalar(select(LearnerRow.id).where(LearnerRow.name == name))
        if found is None:
            names = list(session.scalars(select(LearnerRow.name).order_by(LearnerRow.name)))
    if found is None:
        known = ", ".join(repr(n) for n in names) if names else "none yet"
        raise QuestionBankError(f"no learner {name!r} in this bank (learners: {known})")
    return found


def optimise(
    bank: Bank,
    settings: Settings,
    learner: str,
    *,
    clock: Clock = utcnow,
    timezone: tzinfo | None = None,
    progress: Progress | None = None,
) -> OptimisationReport:
    """Fit FSRS parameters to `learner`'s history and, if they predict it better, keep them.

    Raises NotEnoughHistory below MIN_REVIEWS training items (or when fsrs-rs itself finds too
    little to fit once it has dropped outliers).
    """
    step = _reporter(progress, steps=6)
    name = clean_name(learner)
    step(0, "reading the review log")
    learner_id = learner_id_of(bank, name)
    history = read_history(bank, learner_id, StudyDay(settings.day_starts_at_hour, timezone))
    items = training_items(history.cards)
    if len(items) < MIN_REVIEWS:
        raise NotEnoughHistory(_too_little(name, len(items)))
    in_use = _in_use(bank, learner_id)
    previous = in_use.parameters if in_use is not None else DEFAULT_PARAMETERS

    before, fitted, after = _fit(previous, items, history, name, step)
    kept = after.log_loss < before.log_loss

    step(4, "simulating a year at the desired retention")
    config = simulator_config(bank, settings, history)
    forecast_before = forecast(previous, settings.desired_retention, config)
    forecast_after = forecast(fitted, settings.desired_retention, config)

    step(5, "saving")
    now = clock()
    report = OptimisationReport(
        learner=name,
        reviews=history.reviews,
        items=len(items),
        cards=len(history.cards),
        actual_recall=_recalled(history.cards) / len(items),
        previous=tuple(previous),
        previous_were_defaults=in_use is None or bool(in_use.report.get("reset")),
        fitted=fitted,
        before=before,
        after=after,
        kept=kept,
        forecast_before=forecast_before,
        forecast_after=forecast_after,
        params_id=None,
        fitted_at=now,
    )
    if kept:
        report = _keep(bank, learner_id, report)
    step(6, "done")
    return report


def _fit(
    previous: Sequence[float],
    items: Sequence[fsrs_rs.FSRSItem],
    history: History,
    name: str,
    step: Callable[[int, str], None],
) -> tuple[Evaluation, tuple[float, ...], Evaluation]:
    """The parameters in use measured, the fit, and the fitted parameters measured."""
    step(1, "measuring the parameters in use")
    before = evaluate(previous, history.cards)
    step(2, f"fitting FSRS to {len(items)} reviews")
    fitted = fit_parameters(items, name)
    step(3, "measuring the fitted parameters")
    return before, fitted, evaluate(fitted, history.cards)


def _reporter(progress: Progress | None, *, steps: int) -> Callable[[int, str], None]:
    def step(done: int, what: str) -> None:
        if progress is not None:
            progress(done, steps, what)

    return step


def _recalled(cards: Sequence[Sequence[tuple[int, int]]]) -> int:
    """Training items (reviews on a later day) the learner recalled."""
    return sum(1 for reviews in cards for rating, days in reviews[1:] if days > 0 and rating > 1)


def _in_use(bank: Bank, learner_id: int) -> FsrsParameters | None:
    with bank.transaction() as session:
        return fsrs_parameters(session, learner_id)


def _keep(bank: Bank, learner_id: int, report: OptimisationReport) -> OptimisationReport:
    """Store the fitted parameters: from now on they schedule the learner."""
    with bank.transaction() as session:
        row = LearnerFsrsParamsRow(
            learner_id=learner_id,
            parameters=list(report.fitted),
            fitted_at=report.fitted_at,
            reviews=report.reviews,
            report={},
        )
        session.add(row)
        session.flush()
        report = replace(report, params_id=row.id)
        row.report = report.as_json()
    return report


def fit_parameters(items: Sequence[fsrs_rs.FSRSItem], name: str = "") -> tuple[float, ...]:
    """fsrs-rs's fit of these training items, within the scheduler's bounds.

    Raises NotEnoughHistory when fsrs-rs cannot really fit them: it fails with NotEnoughData,
    or hands back its defaults (or refits only w0-w3) when too little is left to train on.
    """
    try:
        raw = fsrs_rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(list(items))
    except ValueError as error:  # fsrs-rs's NotEnoughData (after its outlier filter)
        if "NotEnoughData" not in str(error):
            raise
        raise NotEnoughHistory(_too_little(name, len(items), after_filter=True)) from None
    fitted = scheduling.clamp_parameters(raw)
    if _same(fitted[4:], DEFAULT_PARAMETERS[4:]):
        raise NotEnoughHistory(_too_little(name, len(items), after_filter=True))
    return fitted


def _same(a: Sequence[float], b: Sequence[float]) -> bool:
    return all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-6) for x, y in zip(a, b, strict=True))


def _too_little(name: str, items: int, *, after_filter: bool = False) -> str:
    if after_filter:
        return (
            f"not enough history to optimise {name!r}: of {items} reviews, too few are left "
            "once the optimiser drops outliers; keep studying and try again later"
        )
    return (
        f"not enough history to optimise {name!r}: {items} reviews on a later day than the "
        f"card's previous one, the optimiser needs at least {MIN_REVIEWS}"
    )


def compute_optimal_retention(
    bank: Bank,
    settings: Settings,
    learner: str,
    *,
    timezone: tzinfo | None = None,
) -> RetentionChoice:
    """Simulate a year at several desired retentions and ask fsrs-rs for the optimal one."""
    name = clean_name(learner)
    learner_id = learner_id_of(bank, name)
    history = read_history(bank, learner_id, StudyDay(settings.day_starts_at_hour, timezone))
    with bank.transaction() as session:
        in_use = fsrs_parameters(session, learner_id)
    parameters = list(in_use.parameters if in_use is not None else DEFAULT_PARAMETERS)
    config = simulator_config(bank, settings, history)
    rows = [forecast(parameters, retention, config) for retention in RETENTIONS]
    optimal = round(float(fsrs_rs.optimal_retention(config, parameters)), 3)  # float32 out
    return RetentionChoice(optimal=optimal, rows=rows)


def reset_parameters(bank: Bank, learner: str, *, clock: Clock = utcnow) -> FsrsParameters | None:
    """Schedule `learner` with FSRS's defaults again; returns the fit that was in force.

    The reset is one more row (the defaults, report `{"reset": true}`), never a deletion: the
    review logs scheduled with the earlier fits still name them, so history replays exactly.
    """
    name = clean_name(learner)
    learner_id = learner_id_of(bank, name)
    with bank.transaction() as session:
        in_use = fsrs_parameters(session, learner_id)
        if in_use is None or in_use.report.get("reset"):
            return None
        session.add(
            LearnerFsrsParamsRow(
                learner_id=learner_id,
                parameters=list(DEFAULT_PARAMETERS),
                fitted_at=clock(),
                reviews=0,
                report={"reset": True},
            )
        )
    return in_use
