"""The players' room: joining, one answer per question while the timer runs, grading, points,
team sums, the spread at the reveal, ranks and the host's hand powers. Fake clock, no I/O."""

from __future__ import annotations

import json

import pytest

from quizapp.quiznight.engine import Phase
from quizapp.quiznight.plan import QuizNightError
from quizapp.quiznight.records import (
    MAX_ANSWER,
    MAX_NICKNAME,
    MemoryPlayerRecorder,
    RoomError,
    hash_token,
)
from quizapp.quiznight.room import Room
from tests.support.quiz_players import FakeClock, make_room


def started(room: Room) -> Room:
    room.start()
    room.toggle_timer()
    return room


def right_option(room: Room) -> int:
    question = room.night.question
    return list(question.options).index(question.answer)


def test_join_needs_the_pin_a_nickname_and_one_of_the_teams() -> None:
    room = make_room(FakeClock())
    with pytest.raises(RoomError) as refused:
        room.join("000000", "Ana", "Red")
    assert refused.value.code == "pin"
    with pytest.raises(RoomError, match="choose a nickname"):
        room.join("123456", "   ", "Red")
    with pytest.raises(RoomError) as refused:
        room.join("123456", "Ana", "Purple")
    assert refused.value.code == "team"
    player, token = room.join("123456", "  Ana \n", "red")
    assert (player.nickname, player.team_index, token) == ("Ana", 0, "token-0")
    assert player.token_hash == hash_token(token) != token
    with pytest.raises(RoomError) as refused:
        room.join("123456", "ANA", "Blue")
    assert refused.value.code == "name_taken"
    assert room.player(token) == player
    with pytest.raises(RoomError) as refused:
        room.player("token-999")
    assert refused.value.code == "token"


def test_names_and_answers_are_bounded_and_cleaned() -> None:
    room = started(make_room(FakeClock(), kind="open"))
    with pytest.raises(RoomError) as refused:
        room.join("123456", "x" * (MAX_NICKNAME + 1), "Red")
    assert refused.value.code == "too_long"
    _player, token = room.join("123456", "Bob\x1b[31m\u202e", "Red")
    assert room.player(token).nickname == "Bob [31m"
    with pytest.raises(RoomError) as refused:
        room.answer(token, text="y" * (MAX_ANSWER + 1))
    assert refused.value.code == "too_long"
    with pytest.raises(RoomError, match="type an answer"):
        room.answer(token, text=" \t ")


def test_a_night_without_teams_is_played_solo() -> None:
    room = make_room(FakeClock(), teams=[])
    player, _token = room.join("123456", "Solo")
    assert player.team_index is None
    assert room.team_standings() == []


def test_one_answer_per_player_only_while_the_timer_runs() -> None:
    clock = FakeClock()
    room = make_room(clock, kind="choice")
    _p, token = room.join("123456", "Ana", "Red")
    with pytest.raises(RoomError) as refused:
        room.answer(token, option=0)
    assert refused.value.code == "closed"  # still in the lobby
    room.start()
    with pytest.raises(RoomError, match="start the timer"):
        room.answer(token, option=0)
    room.toggle_timer()
    with pytest.raises(RoomError) as refused:
        room.answer(token, option=7)
    assert refused.value.code == "option"
    answer = room.answer(token, option=1)
    assert (answer.option, answer.text) == (1, room.night.question.options[1])
    with pytest.raises(RoomError) as refused:
        room.answer(token, option=2)
    assert refused.value.code == "twice"
    _q, late = room.join("123456", "Late", "Blue")
    room.toggle_timer()  # paused
    with pytest.raises(RoomError, match="start the timer"):
        room.answer(late, option=0)
    room.toggle_timer()
    clock.advance(31)
    with pytest.raises(RoomError) as refused:
        room.answer(late, option=0)
    assert refused.value.code == "late"
    assert room.answered_count() == (1, 2)


def test_no_answer_after_the_reveal() -> None:
    room = started(make_room(FakeClock(), kind="choice"))
    _p, token = room.join("123456", "Ana", "Red")
    room.reveal()
    with pytest.raises(RoomError) as refused:
        room.answer(token, option=0)
    assert refused.value.code == "late"


def test_choice_is_graded_exactly_with_the_spread_and_who_was_right() -> None:
    room = started(make_room(FakeClock(), kind="choice"))
    tokens = [room.join("123456", name, "Red")[1] for name in ("Ana", "Bo", "Cy")]
    right = right_option(room)
    room.answer(tokens[0], option=right)
    room.answer(tokens[1], option=(right + 1) % 4)
    spread = room.spread()
    assert (spread.answered, spread.players, spread.right) == (2, 3, ())
    room.reveal()
    spread = room.spread()
    assert spread.per_option[right] == 1 and sum(spread.per_option) == 2
    assert (spread.right, spread.wrong) == (("Ana",), 1)
    assert room.player_totals() == {1: 1.0, 2: 0.0, 3: 0.0}


def test_truefalse_is_graded_exactly() -> None:
    room = started(make_room(FakeClock(), kind="truefalse"))
    _a, ana = room.join("123456", "Ana", "Red")
    _b, bo = room.join("123456", "Bo", "Red")
    room.answer(ana, option=1)  # "False", the answer
    room.answer(bo, option=0)
    room.reveal()
    assert room.spread().per_option == (1, 1)
    assert room.spread().right == ("Ana",)


def test_open_answers_use_the_typed_answer_grader() -> None:
    room = started(make_room(FakeClock(), kind="open"))
    tokens = [room.join("123456", name, "Red")[1] for name in ("Ana", "Bo", "Cy", "Di")]
    answer = room.night.question.answer  # "Neil ArmstrongN"
    room.answer(tokens[0], text=answer.upper())
    room.answer(tokens[1], text=answer.replace("Neil", "Niel"))  # a typo is close: right
    room.answer(tokens[2], text=answer.split()[1])  # an accepted answer
    room.answer(tokens[3], text="Buzz Aldrin")
    room.reveal()
    assert set(room.spread().right) == {"Ana", "Bo", "Cy"}
    assert room.spread().per_option == ()


def test_speed_bonus_from_when_each_player_answered_and_double_final() -> None:
    clock = FakeClock()
    room = started(make_room(clock, kind="choice", speed_bonus=True))
    _a, fast = room.join("123456", "Fast", "Red")
    _b, slow = room.join("123456", "Slow", "Red")
    clock.advance(5)
    room.answer(fast, option=right_option(room))
    clock.advance(10)
    room.answer(slow, option=right_option(room))
    room.reveal()
    assert room.player_totals() == {1: 1.5, 2: 1.0}


def test_double_or_nothing_final_doubles_and_a_wrong_answer_loses_the_stake() -> None:
    room = make_room(FakeClock(), kind="choice", rounds=2, per_round=1, double_final=True)
    _a, ana = room.join("123456", "Ana", "Red")
    _b, bo = room.join("123456", "Bo", "Blue")
    room.start()
    room.next()  # round 1's only question, unanswered
    room.next()  # the final
    assert room.night.double_or_nothing
    room.toggle_timer()
    room.answer(ana, option=right_option(room))
    room.answer(bo, option=(right_option(room) + 1) % 4)
    room.reveal()
    assert room.player_totals() == {1: 2.0, 2: -2.0}


def test_team_scores_sum_their_players_and_the_hosts_hand_scores() -> None:
    room = started(make_room(FakeClock(), kind="choice", teams=["Red", "Blue", "Green"]))
    tokens = [room.join("123456", n, t)[1] for n, t in (("A", "Red"), ("B", "Red"), ("C", "Blue"))]
    for token in tokens:
        room.answer(token, option=right_option(room))
    room.reveal()
    room.award_team(2)
    assert room.team_totals() == [2.0, 1.0, 1.0]
    places = [(r.place, r.name, r.points) for r in room.team_standings()]
    assert places == [(1, "Red", 2.0), (2, "Blue", 1.0), (2, "Green", 1.0)]
    assert [r.place for r in room.player_standings()] == [1, 1, 1]


def test_host_awards_by_hand_and_undo_restores_the_grade() -> None:
    recorder = MemoryPlayerRecorder()
    room = started(make_room(FakeClock(), kind="open", recorder=recorder))
    _a, ana = room.join("123456", "Ana", "Red")
    room.join("123456", "Bo", "Red")
    room.answer(ana, text="something else")
    room.reveal()
    assert room.player_totals() == {1: 0.0, 2: 0.0}
    assert room.award(1).by_host
    room.award(2)  # never answered: awarded anyway
    assert room.player_totals() == {1: 1.0, 2: 1.0}
    assert room.undo() == "Bo"
    assert (2, room.night.current_asked_id) not in recorder.results
    assert room.undo() == "Ana"
    assert recorder.results[(1, room.night.current_asked_id)].by_host is False
    assert room.player_totals() == {1: 0.0, 2: 0.0}
    room.award_team(0)
    assert room.undo() == "Red"
    with pytest.raises(QuizNightError, match="no score to undo"):
        room.undo()


def test_pause_and_skip_stay_with_the_host() -> None:
    room = started(make_room(FakeClock(), kind="choice"))
    _a, ana = room.join("123456", "Ana", "Red")
    first = room.night.question
    assert room.skip() == first
    assert room.night.question != first
    room.toggle_timer()
    room.answer(ana, option=right_option(room))
    room.reveal()
    with pytest.raises(QuizNightError, match="points on this question"):
        room.skip()


def test_every_answer_and_result_reaches_the_recorder() -> None:
    recorder = MemoryPlayerRecorder()
    room = started(make_room(FakeClock(), kind="choice", recorder=recorder))
    _a, ana = room.join("123456", "Ana", "Red")
    room.answer(ana, option=right_option(room))
    room.reveal()
    assert recorder.players == [("Ana", 0)]
    assert [a.player_id for a in recorder.answers] == [1]
    assert [r.points for r in recorder.results.values()] == [1.0]


def test_a_phone_never_sees_the_answer_before_the_reveal() -> None:
    for kind in ("choice", "truefalse", "open"):
        room = started(make_room(FakeClock(), kind=kind))
        _a, ana = room.join("123456", "Ana", "Red")
        question = room.night.question
        view = room.player_view(ana)
        shown = dict(view, question=dict(view["question"], options=[]))
        assert "result" not in view
        assert json.dumps(question.answer) not in json.dumps(shown), kind
        room.reveal()
        assert room.player_view(ana)["result"]["answer"] == question.answer


def test_the_phone_view_has_score_rank_and_team() -> None:
    room = started(make_room(FakeClock(), kind="choice"))
    _a, ana = room.join("123456", "Ana", "Red")
    _b, bo = room.join("123456", "Bo", "Blue")
    room.answer(bo, option=right_option(room))
    assert room.player_view(bo)["answered"] == room.night.question.answer
    room.reveal()
    view = room.player_view(bo)
    assert (view["score"], view["rank"], view["team"], view["team_rank"]) == (1.0, 1, "Blue", 1)
    assert room.player_view(ana)["rank"] == 2
    assert view["result"] == {"answer": room.night.question.answer, "correct": True, "points": 1.0}
    room.next()
    room.next()
    room.next()
    assert room.night.phase is Phase.ROUND_END
    assert "question" not in room.player_view(bo)
