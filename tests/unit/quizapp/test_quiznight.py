"""Quiz night rules: scoring, speed bonus, double or nothing, undo, timer, question choice,
and the night saved in the bank (`quizapp quiz-night --results`, `--print`).

The clock is a fake the tests move by hand: no sleeps, no real time.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import (
    CardRow,
    LearnerRow,
    QuizAskedRow,
    QuizNightRow,
    QuizScoreRow,
    QuizTeamRow,
)
from quizapp.quiznight.engine import MemoryRecorder, Phase, QuizNight
from quizapp.quiznight.plan import (
    NightSetup,
    QuizNightError,
    QuizQuestion,
    eligible_questions,
    estimate_difficulty,
    order_questions,
    plan_night,
)
from quizapp.quiznight.store import (
    BankRecorder,
    article_choices,
    list_results,
    load_pool,
    night_questions,
)
from quizapp.quiznight.timer import TimerState
from tests.support.quiz import fill_quiz_bank
from tests.support.quiz_players import FakeClock

KFOR = "qnkfor000000000000000000000000aa"
APOLLO = "qnapollo0000000000000000000000bb"


def make_pool(articles: int = 2, per_kind: int = 4) -> list[QuizQuestion]:
    """Questions of every kind in several articles, each from its own sentence."""
    pool = []
    for a in range(articles):
        for kind in ("choice", "truefalse", "open", "cloze"):
            for n in range(per_kind):
                pool.append(
                    QuizQuestion(
                        id=f"a{a}-{kind}-{n}",
                        article_id=f"article-{a}",
                        kind=kind,
                        prompt=f"{kind} question {n} of article {a}?",
                        answer="True" if kind == "truefalse" else f"answer {n}",
                        choices=("w", "x", "y", f"answer {n}") if kind == "choice" else (),
                        source_sentence=f"sentence {a}-{kind}-{n}",
                        difficulty=n / per_kind,
                    )
                )
    return pool


def make_night(
    clock: FakeClock | None = None, recorder: MemoryRecorder | None = None, **options: object
) -> QuizNight:
    setup = NightSetup(teams=["Red", "Blue", "Green"], rounds=2, per_round=3, seed=7)
    for key, value in options.items():
        setattr(setup, key, value)
    rounds, reserve = plan_night(make_pool(), setup)
    return QuizNight(setup, rounds, reserve=reserve, clock=clock or FakeClock(), recorder=recorder)


# --- scoring -----------------------------------------------------------------------------------


def test_a_correct_answer_scores_one_point_per_team_once() -> None:
    night = make_night()
    assert night.award(0).points == 1
    assert night.award(2).points == 1
    assert night.scores() == [1, 0, 1]
    with pytest.raises(QuizNightError, match="Red already has a score"):
        night.award(0)
    assert night.mark_wrong(1).points == 0
    assert night.scores() == [1, 0, 1]


def test_an_unknown_team_number_is_refused() -> None:
    night = make_night()
    with pytest.raises(QuizNightError, match="no team number 4"):
        night.award(3)


def test_speed_bonus_only_in_the_first_third_of_the_timer() -> None:
    clock = FakeClock()
    night = make_night(clock, speed_bonus=True, timer_seconds=30)
    night.toggle_timer()
    clock.advance(9.9)
    assert night.award(0).points == 1.5
    clock.advance(0.2)  # 10.1 s: past the first third
    assert night.award(1).points == 1
    night.next()
    assert night.award(2).points == 1  # timer never started: no bonus


def test_no_speed_bonus_when_the_setting_is_off() -> None:
    clock = FakeClock()
    night = make_night(clock, speed_bonus=False)
    night.toggle_timer()
    clock.advance(1)
    assert night.award(0).points == 1


def test_paused_timer_keeps_the_time_of_the_answer_for_the_bonus() -> None:
    clock = FakeClock()
    night = make_night(clock, speed_bonus=True, timer_seconds=30)
    night.toggle_timer()
    clock.advance(5)
    night.toggle_timer()  # a team answers; the host pauses
    clock.advance(60)  # the host takes a minute to decide
    assert night.award(0).points == 1.5


def play_round(night: QuizNight) -> None:
    while night.phase is not Phase.ROUND_END:
        night.next()


def test_double_or_nothing_final_round() -> None:
    night = make_night(double_final=True)
    assert not night.double_or_nothing
    assert night.award(0).points == 1
    assert night.mark_wrong(1).points == 0
    play_round(night)
    night.next()
    assert night.round_number == 2 and night.double_or_nothing
    assert night.award(0).points == 2
    assert night.mark_wrong(1).points == -2
    assert night.scores() == [3, -2, 0]


def test_double_final_with_speed_bonus_doubles_the_bonus_too() -> None:
    clock = FakeClock()
    night = make_night(clock, double_final=True, speed_bonus=True)
    play_round(night)
    night.next()
    night.toggle_timer()
    clock.advance(1)
    assert night.award(0).points == 3


def test_undo_takes_back_the_last_score_even_on_an_earlier_question() -> None:
    recorder = MemoryRecorder()
    night = make_night(recorder=recorder)
    night.award(0)
    night.award(1)
    night.next()
    undone = night.undo()
    assert undone.team_index == 1
    assert night.scores() == [1, 0, 0]
    night.undo()
    assert night.scores() == [0, 0, 0]
    with pytest.raises(QuizNightError, match="no score to undo"):
        night.undo()


def test_undo_lets_the_team_score_again() -> None:
    night = make_night()
    night.mark_wrong(0)
    night.undo()
    assert night.award(0).points == 1


def test_standings_share_places_on_equal_points() -> None:
    night = make_night()
    night.award(1)
    night.award(2)
    places = [(s.place, s.team.name, s.points) for s in night.standings()]
    assert places == [(1, "Blue", 1), (1, "Green", 1), (3, "Red", 0)]


# --- the night's flow --------------------------------------------------------------------------


def test_rounds_end_on_the_scoreboard_and_the_night_on_the_podium() -> None:
    recorder = MemoryRecorder()
    night = make_night(recorder=recorder)
    seen = []
    for _ in range(3):
        seen.append((night.round_number, night.question_number, night.phase))
        night.next()
    assert seen == [(1, 1, Phase.QUESTION), (1, 2, Phase.QUESTION), (1, 3, Phase.QUESTION)]
    assert night.phase is Phase.ROUND_END
    with pytest.raises(QuizNightError, match="between rounds"):
        night.award(0)
    night.next()
    assert (night.round_number, night.question_number) == (2, 1)
    play_round(night)
    assert night.next() is Phase.FINISHED
    assert recorder.finished
    with pytest.raises(QuizNightError, match="after the night is over"):
        night.reveal()


def test_reveal_pauses_the_timer_and_scoring_goes_on() -> None:
    clock = FakeClock()
    night = make_night(clock)
    night.toggle_timer()
    clock.advance(3)
    night.reveal()
    assert night.revealed and night.timer.state is TimerState.PAUSED
    clock.advance(100)
    assert night.timer.remaining == 27
    assert night.award(0).points == 1


def test_skip_replaces_the_question_from_the_reserve() -> None:
    night = make_night()
    first = night.question
    skipped = night.skip()
    assert skipped == first
    assert night.question != first
    assert night.round_size == 3
    asked = [q.id for q in night.asked_questions]
    assert len(asked) == len(set(asked))


def test_skip_without_a_reserve_shortens_the_round() -> None:
    setup = NightSetup(teams=["Red", "Blue"], rounds=1, per_round=2, seed=1)
    rounds, _ = plan_night(make_pool(), setup)
    night = QuizNight(setup, rounds, clock=FakeClock())
    night.next()
    night.skip()  # the last question of the round, nothing to replace it
    assert night.phase is Phase.ROUND_END


def test_a_question_with_scores_cannot_be_skipped() -> None:
    night = make_night()
    night.award(0)
    with pytest.raises(QuizNightError, match="undo them"):
        night.skip()


def test_finish_early_keeps_the_scores() -> None:
    night = make_night()
    night.award(2)
    night.finish_early()
    assert night.phase is Phase.FINISHED
    assert night.standings()[0].team.name == "Green"


# --- the timer ---------------------------------------------------------------------------------


def test_timer_counts_down_pauses_resumes_and_expires() -> None:
    clock = FakeClock()
    night = make_night(clock, timer_seconds=30)
    timer = night.timer
    assert timer.state is TimerState.IDLE and timer.remaining == 30
    clock.advance(50)  # not started: nothing runs
    assert timer.remaining == 30
    night.toggle_timer()
    clock.advance(12)
    assert timer.state is TimerState.RUNNING and timer.remaining == 18
    night.toggle_timer()
    clock.advance(300)
    assert timer.state is TimerState.PAUSED and timer.remaining == 18
    night.toggle_timer()
    clock.advance(17.5)
    assert timer.state is TimerState.RUNNING and timer.remaining == 0.5
    clock.advance(0.5)
    assert timer.state is TimerState.EXPIRED and timer.remaining == 0
    night.toggle_timer()  # an expired timer does not restart
    assert timer.state is TimerState.EXPIRED


def test_each_question_gets_a_fresh_timer() -> None:
    clock = FakeClock()
    night = make_night(clock, timer_seconds=20)
    night.toggle_timer()
    clock.advance(25)
    assert night.timer.state is TimerState.EXPIRED
    night.next()
    assert night.timer.state is TimerState.IDLE and night.timer.remaining == 20


# --- choosing questions ------------------------------------------------------------------------


def test_no_question_is_asked_twice_in_a_night() -> None:
    setup = NightSetup(teams=["A"], rounds=4, per_round=8, seed=3)
    rounds, reserve = plan_night(make_pool(), setup)
    ids = [q.id for r in rounds for q in r] + [q.id for q in reserve]
    assert len(ids) == len(set(ids)) == 32


def test_each_round_mixes_kinds_and_balances_articles() -> None:
    setup = NightSetup(teams=["A"], rounds=2, per_round=6, seed=11)
    rounds, _ = plan_night(make_pool(), setup)
    for questions in rounds:
        families = Counter(q.family for q in questions)
        assert set(families) == {"choice", "truefalse", "open"}
        assert max(families.values()) - min(families.values()) <= 1
        articles = Counter(q.article_id for q in questions)
        assert articles == Counter({"article-0": 3, "article-1": 3})


def test_the_same_seed_gives_the_same_night_and_another_seed_another() -> None:
    pool = make_pool()
    first = plan_night(pool, NightSetup(teams=["A"], seed=5))
    again = plan_night(list(reversed(pool)), NightSetup(teams=["A"], seed=5))
    other = plan_night(pool, NightSetup(teams=["A"], seed=6))
    assert first == again
    assert first != other


def test_questions_sharing_a_sentence_come_last() -> None:
    shared = [
        QuizQuestion(
            id=f"s{n}",
            article_id="a",
            kind="cloze",
            prompt="p",
            answer=str(n),
            source_sentence="One sentence with three gaps.",
        )
        for n in range(3)
    ]
    others = [
        QuizQuestion(
            id=f"o{n}",
            article_id="a",
            kind="open",
            prompt="p",
            answer="x",
            source_sentence=f"Sentence {n}.",
        )
        for n in range(3)
    ]
    ordered = order_questions(shared + others, seed=1)
    first_four = {q.id for q in ordered[:4]}
    assert len(first_four & {"s0", "s1", "s2"}) == 1


def test_kinds_filter_and_cloze_counts_as_open() -> None:
    setup = NightSetup(teams=["A"], kinds=("open",))
    kinds = {q.kind for q in eligible_questions(make_pool(), setup)}
    assert kinds == {"open", "cloze"}


def test_difficulty_bands_are_thirds_of_the_matching_questions() -> None:
    pool = make_pool(articles=1, per_kind=6)
    sets = {
        level: {q.id for q in eligible_questions(pool, NightSetup(teams=["A"], difficulty=level))}
        for level in ("easy", "medium", "hard")
    }
    assert all(len(ids) == 8 for ids in sets.values())
    assert not (sets["easy"] & sets["medium"]) and not (sets["medium"] & sets["hard"])
    hardest_easy = max(q.difficulty for q in pool if q.id in sets["easy"])
    easiest_hard = min(q.difficulty for q in pool if q.id in sets["hard"])
    assert hardest_easy <= easiest_hard


def test_fsrs_difficulty_outweighs_the_card_score() -> None:
    assert estimate_difficulty("truefalse", 0.9, None) < estimate_difficulty("open", 0.3, None)
    # what learners found hard beats what the generator guessed
    assert estimate_difficulty("truefalse", 0.9, 9.5) > estimate_difficulty("open", 0.3, 1.5)


def test_too_few_questions_is_a_clear_error() -> None:
    setup = NightSetup(teams=["A"], rounds=3, per_round=8, kinds=("truefalse",))
    with pytest.raises(QuizNightError, match=r"only 8 questions match .* 24 are needed"):
        plan_night(make_pool(), setup)


# --- setup -------------------------------------------------------------------------------------


def test_teams_are_added_renamed_and_removed() -> None:
    setup = NightSetup(teams=[])
    setup.add_team("  Red   Dragons ")
    setup.add_team("Blue")
    setup.rename_team(1, "Green")
    assert setup.teams == ["Red Dragons", "Green"]
    with pytest.raises(QuizNightError, match="already a team called 'green'"):
        setup.add_team("green")
    setup.remove_team(0)
    assert setup.teams == ["Green"]
    with pytest.raises(QuizNightError, match="needs a name"):
        setup.add_team("   ")


def test_at_most_nine_teams_for_keys_one_to_nine() -> None:
    setup = NightSetup(teams=[f"T{n}" for n in range(9)])
    with pytest.raises(QuizNightError, match="at most 9 teams"):
        setup.add_team("Ten")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rounds", 0, "rounds must be"),
        ("per_round", 51, "questions per round"),
        ("timer_seconds", 2, "timer must be"),
        ("kinds", (), "at least one kind"),
        ("teams", [], "at least one team"),
    ],
)
def test_bad_setups_are_refused(field: str, value: object, message: str) -> None:
    setup = NightSetup()
    setattr(setup, field, value)
    with pytest.raises(QuizNightError, match=message):
        setup.validate()


# --- in the bank -------------------------------------------------------------------------------


def test_the_pool_comes_from_the_bank_with_fsrs_history(bank: Bank) -> None:
    fill_quiz_bank(bank)
    with bank.transaction() as session:
        learner = LearnerRow(name="ana")
        session.add(learner)
        session.flush()
        session.add(CardRow(learner_id=learner.id, question_id="ktr003quiz", difficulty=9.8))
    pool = {q.id: q for q in load_pool(bank)}
    assert len(pool) == 22
    assert pool["ktr003quiz"].difficulty > pool["ktr007quiz"].difficulty
    assert {q.article_id for q in load_pool(bank, [APOLLO])} == {APOLLO}
    choices = {a.id: a for a in article_choices(bank)}
    assert choices[KFOR].by_family == {"choice": 4, "truefalse": 3, "open": 5}


def play_saved_night(bank: Bank) -> QuizNight:
    """A 2-round night on the fixture bank: points, a wrong answer, an undo, a skip."""
    setup = NightSetup(teams=["Red", "Blue", "Green"], rounds=2, per_round=3, seed=1)
    rounds, reserve = plan_night(load_pool(bank), setup)
    night = QuizNight(
        setup, rounds, reserve=reserve, clock=FakeClock(), recorder=BankRecorder(bank)
    )
    night.award(0)
    night.award(1)
    night.undo()  # Blue was a mistake
    night.next()
    night.skip()
    night.mark_wrong(2)
    night.award(1)
    while night.phase is not Phase.FINISHED:
        night.next()
    return night


def test_the_night_is_saved_as_it_goes(bank: Bank) -> None:
    fill_quiz_bank(bank)
    night = play_saved_night(bank)
    with bank.transaction() as session:
        saved = session.get(QuizNightRow, night.night_id)
        assert saved is not None and saved.finished_at is not None
        assert saved.settings["rounds"] == 2 and saved.settings["seed"] == 1
        teams = session.scalars(select(QuizTeamRow).order_by(QuizTeamRow.position)).all()
        assert [t.name for t in teams] == ["Red", "Blue", "Green"]
        asked = session.scalars(select(QuizAskedRow).order_by(QuizAskedRow.id)).all()
        assert len(asked) == 7 and sum(a.skipped for a in asked) == 1
        assert [(a.round_number, a.position) for a in asked if not a.skipped] == [
            (1, 1),
            (1, 2),
            (1, 3),
            (2, 1),
            (2, 2),
            (2, 3),
        ]
        scores = session.scalars(select(QuizScoreRow).order_by(QuizScoreRow.id)).all()
        by_team = {t.id: t.name for t in teams}
        assert [(by_team[s.team_id], s.points) for s in scores] == [
            ("Red", 1),
            ("Green", 0),
            ("Blue", 1),
        ]


def test_each_scoring_action_is_committed_at_once(bank: Bank) -> None:
    fill_quiz_bank(bank)
    setup = NightSetup(teams=["Red", "Blue"], rounds=1, per_round=2, seed=1)
    rounds, _ = plan_night(load_pool(bank), setup)
    night = QuizNight(setup, rounds, clock=FakeClock(), recorder=BankRecorder(bank))
    night.award(1)
    # another session (another process, or a crash right now) sees the point already
    assert {t.name: t.points for t in list_results(bank)[0].teams} == {"Red": 0, "Blue": 1}
    night.undo()
    assert {t.name: t.points for t in list_results(bank)[0].teams} == {"Red": 0, "Blue": 0}


def test_results_list_past_nights_with_their_winner(bank: Bank) -> None:
    fill_quiz_bank(bank)
    first = play_saved_night(bank)
    results = list_results(bank)
    assert [r.id for r in results] == [first.night_id]
    result = results[0]
    assert [(t.name, t.points) for t in result.teams] == [("Red", 1), ("Blue", 1), ("Green", 0)]
    assert result.winners == ["Red", "Blue"]
    assert result.asked == 6 and result.finished_at is not None


def test_night_questions_leave_out_skipped_ones(bank: Bank) -> None:
    fill_quiz_bank(bank)
    night = play_saved_night(bank)
    asked = night_questions(bank, night.night_id)
    skipped = [q for q in night.asked_questions if q.id not in {a.question.id for a in asked}]
    assert len(asked) == 6 and len(skipped) == 1
    with pytest.raises(Exception, match="no quiz night 99"):
        night_questions(bank, 99)


# --- the command -------------------------------------------------------------------------------


def quizapp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_results_and_print_from_the_command_line(bank: Bank, bank_url: str, tmp_path: Path) -> None:
    fill_quiz_bank(bank)
    night = play_saved_night(bank)
    listed = quizapp("quiz-night", "--results", "--db", bank_url)
    assert listed.returncode == 0, listed.stderr
    line = listed.stdout.splitlines()[1]
    assert line.split()[0] == str(night.night_id)
    assert "Red & Blue" in line and "Red 1, Blue 1, Green 0" in line
    sheet = tmp_path / "sheet.html"
    printed = quizapp(
        "quiz-night", "--print", str(night.night_id), "-o", str(sheet), "--db", bank_url
    )
    assert printed.returncode == 0, printed.stderr
    page = sheet.read_text(encoding="utf-8")
    assert page.count('<li><p class="prompt">') == 6
    assert "Answer key" in page
    for entry in night_questions(bank, night.night_id):
        assert entry.question.answer.split()[0] in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--print", "42"], "no quiz night 42"),
        (["--teams", " , "], "--teams: give team names"),
        (["--teams", "Red,red"], "already a team called 'red'"),
        (["--rounds", "0", "--results"], "rounds must be"),
        (["--results", "--print", "1"], "either --results or --print"),
        (["-o", "x.html"], "-o/--output goes with --print"),
        (["--article", "zzz", "--teams", "A"], "no article with id 'zzz'"),
        (["--solo"], "--solo, --host and --port go with --players"),
        (["--port", "9000"], "--solo, --host and --port go with --players"),
        (["--players", "--port", "0"], "--port: give a port between 1 and 65535"),
    ],
)
def test_bad_command_lines_give_one_line(
    bank: Bank, bank_url: str, args: list[str], message: str
) -> None:
    fill_quiz_bank(bank)
    result = quizapp("quiz-night", *args, "--db", bank_url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quizapp: error: "), result.stderr
    assert message in lines[0]


def test_results_on_a_bank_without_nights(bank: Bank, bank_url: str) -> None:
    result = quizapp("quiz-night", "--results", "--db", bank_url)
    assert result.returncode == 0
    assert "No quiz nights yet" in result.stdout


def test_answer_sheet_as_markdown_and_refused_paths(bank: Bank, tmp_path: Path) -> None:
    from quizapp.quiznight.printing import write_answer_sheet

    fill_quiz_bank(bank)
    night = play_saved_night(bank)
    sheet = tmp_path / "sheet.md"
    assert write_answer_sheet(bank, night.night_id, sheet) == 6
    text = sheet.read_text(encoding="utf-8")
    assert text.startswith("# Quiz night") and "## Answer key" in text
    with pytest.raises(QuestionBankError, match="is a directory"):
        write_answer_sheet(bank, night.night_id, tmp_path)
    with pytest.raises(QuestionBankError, match="no such directory"):
        write_answer_sheet(bank, night.night_id, tmp_path / "missing" / "sheet.html")


def test_the_command_line_opens_the_setup_with_its_teams(
    bank: Bank, bank_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quizapp quiz-night --teams ... --article ...` hands its night to the TUI's first screen."""
    from typer.testing import CliRunner

    from quizapp.cli import app
    from quizapp.tui.app import QuizApp

    fill_quiz_bank(bank)
    opened: list[QuizApp] = []
    monkeypatch.setattr(QuizApp, "run", lambda self, *args, **kwargs: opened.append(self))
    result = CliRunner().invoke(
        app,
        [
            "quiz-night",
            "--teams",
            "Red, Blue ,Green",
            "--rounds",
            "2",
            "--per-round",
            "3",
            "--timer",
            "20",
            "--seed",
            "4",
            "--article",
            APOLLO[:8],
            "--double-final",
            "--db",
            bank_url,
        ],
    )
    assert result.exit_code == 0, result.output
    [tui] = opened
    assert tui.start == "quiz-night"
    setup = tui.quiz_setup
    assert isinstance(setup, NightSetup)
    assert setup.teams == ["Red", "Blue", "Green"]
    assert (setup.rounds, setup.per_round, setup.timer_seconds, setup.seed) == (2, 3, 20, 4)
    assert setup.article_ids == [APOLLO] and setup.double_final and not setup.speed_bonus
