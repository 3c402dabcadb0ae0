"""A room of players answering on their phones: the rules beside the night's engine, no I/O.

The host still runs a `QuizNight` (questions, rounds, the timer, the phase); the room adds the
players who join it and answer themselves:

- a player joins with the night's PIN, a nickname (unique in the room, at most
  `MAX_NICKNAME` characters) and a team, or solo when the night has no teams; the room hands
  back a secret token, and every later action is that token's (a reload keeps the player);
- one answer per player per question, accepted only while the timer runs (not in the lobby,
  not paused, not after it expires or after the reveal); choice and true/false answers are an
  option number, open and cloze answers are typed text of at most `MAX_ANSWER` characters;
- at the reveal every answer is graded: choice and true/false exactly, open and cloze with the
  typed-answer grader of type mode (a close answer counts as right, as it passes there);
- points follow the engine's rules: 1 for a right answer, `SPEED_BONUS` more within the first
  third of the timer (measured when that player answered), double in the double-or-nothing
  final where a wrong answer loses the stake; no answer is 0;
- a team's score is the sum of its players' points plus what the host awarded the team by hand;
- the host keeps pause, skip, undo and award by hand (a player or a whole team).

Every view a phone gets (`player_view`) leaves the correct answer out until the reveal.
The room is shared by the host's thread and the web server's, so every public method holds
one lock. Time comes from the night's injected clock; persistence goes through a
`PlayerRecorder` (the bank's is in `quizapp.quiznight.store`). The records it keeps, their
limits and the grading of one answer are in `quizapp.quiznight.records`.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizapp.quiznight.engine import SPEED_BONUS, Phase, QuizNight, ScoreEvent
from quizapp.quiznight.plan import QuizNightError, QuizQuestion
from quizapp.quiznight.records import (
    MAX_ANSWER,
    MAX_NICKNAME,
    MAX_PLAYERS,
    Answer,
    MemoryPlayerRecorder,
    Player,
    PlayerRecorder,
    Ranked,
    Result,
    RoomError,
    Spread,
    clean_text,
    hash_token,
    is_right,
    new_pin,
    new_token,
    ranked,
    shown_answer,
)
from quizapp.quiznight.timer import TimerState


@dataclass(frozen=True)
class _Action:
    """One undoable scoring action: a team's hand score, or a player's hand-set result."""

    team_event: ScoreEvent | None = None
    player_id: int | None = None
    asked_id: int | None = None
    before: Result | None = None


class Room:
    """The players of one night, their answers and results, around the host's `QuizNight`."""

    def __init__(
        self,
        night: QuizNight,
        *,
        recorder: PlayerRecorder | None = None,
        pin: str | None = None,
        token_factory: Callable[[], str] = new_token,
    ) -> None:
        self.night = night
        self.pin = pin if pin is not None else new_pin()
        self._recorder: PlayerRecorder = (
            recorder if recorder is not None else MemoryPlayerRecorder()
        )
        self._new_token = token_factory
        self._lock = threading.RLock()
        self.players: list[Player] = []
        self._by_token: dict[str, Player] = {}
        self._answers: dict[int, dict[int, Answer]] = {}  # asked id -> player id -> answer
        self._results: dict[int, dict[int, Result]] = {}  # asked id -> player id -> result
        self._actions: list[_Action] = []
        self.in_lobby = True
        self.version = 0  # grows with every change, so the server knows when to push
        self._listeners: list[Callable[[], None]] = []
        self._standings: tuple[list[Ranked], list[Ranked]] | None = None  # until a change

    # --- players

    @property
    def team_names(self) -> list[str]:
        return [team.name for team in self.night.teams]

    def join(self, pin: str, nickname: str, team: str | None = None) -> tuple[Player, str]:
        """A new player; returns them and their secret token (shown to no one else)."""
        with self._lock:
            if not hmac.compare_digest(pin.strip().encode(), self.pin.encode()):
                raise RoomError("pin", "wrong PIN: check the host's screen")
            if self.night.phase is Phase.FINISHED:
                raise RoomError("over", "the night is over")
            name = clean_text(nickname, MAX_NICKNAME, what="a nickname")
            if not name:
                raise RoomError("name", "choose a nickname")
            if any(p.nickname.casefold() == name.casefold() for p in self.players):
                raise RoomError("name_taken", f"{name!r} is taken: choose another nickname")
            if len(self.players) >= MAX_PLAYERS:
                raise RoomError("full", f"the room is full ({MAX_PLAYERS} players)")
            team_index = self._team_index(team)
            token = self._new_token()
            token_hash = hash_token(token)
            player_id = self._recorder.player_joined(name, team_index, token_hash)
            player = Player(player_id, name, team_index, token_hash)
            self.players.append(player)
            self._by_token[token_hash] = player
            self._changed()
            return player, token

    def _team_index(self, team: str | None) -> int | None:
        teams = self.night.teams
        if not teams:
            return None
        wanted = (team or "").strip().casefold()
        for candidate in teams:
            if candidate.name.casefold() == wanted:
                return candidate.index
        raise RoomError("team", "pick one of the night's teams")

    def player(self, token: str) -> Player:
        """The player holding this token (a reconnecting phone), or a refusal."""
        with self._lock:
            player = self._by_token.get(hash_token(token or ""))
            if player is None:
                raise RoomError("token", "unknown player: join again")
            return player

    # --- answering

    def answer(self, token: str, *, option: int | None = None, text: str | None = None) -> Answer:
        """A player's one answer to the current question, while its timer runs."""
        with self._lock:
            player = self.player(token)
            night = self.night
            if self.in_lobby:
                raise RoomError("closed", "the night has not started yet")
            if night.phase is not Phase.QUESTION:
                raise RoomError("late", "too late: answers are closed")
            state = night.timer.state
            if state is TimerState.EXPIRED:
                raise RoomError("late", "too late: time is up")
            if state is not TimerState.RUNNING:
                raise RoomError("closed", "wait for the host to start the timer")
            asked_id = night.current_asked_id
            answers = self._answers.setdefault(asked_id, {})
            if player.id in answers:
                raise RoomError("twice", "you have already answered this question")
            question = night.question
            options = question.options
            if options:
                if option is None or isinstance(option, bool) or not 0 <= option < len(options):
                    raise RoomError("option", "pick one of the options")
                label = options[option]
            else:
                if text is None:
                    raise RoomError("option", "type an answer")
                label = clean_text(text, MAX_ANSWER, what="an answer")
                if not label:
                    raise RoomError("option", "type an answer")
                option = None
            answer = Answer(player.id, asked_id, option, label, round(night.timer.elapsed, 3))
            self._recorder.answer_received(answer)  # saved first: a failed save accepts nothing
            answers[player.id] = answer
            # No other phone's view changes when someone answers: waking every phone for each
            # of a hundred answers would cost far more than the answers themselves.
            self._changed(notify=False)
            return answer

    def retract(self, answer: Answer) -> None:
        """Forget an accepted answer whose save failed, so the player may answer again."""
        with self._lock:
            answers = self._answers.get(answer.asked_id, {})
            if answers.get(answer.player_id) == answer:
                del answers[answer.player_id]
                self._changed()

    def answered_count(self) -> tuple[int, int]:
        """How many players answered the current question, of how many."""
        with self._lock:
            if self.in_lobby or self.night.phase not in (Phase.QUESTION, Phase.REVEALED):
                return 0, len(self.players)
            return len(self._answers.get(self.night.current_asked_id, {})), len(self.players)

    def answer_of(self, player_id: int) -> Answer | None:
        with self._lock:
            if self.night.phase not in (Phase.QUESTION, Phase.REVEALED):
                return None
            return self._answers.get(self.night.current_asked_id, {}).get(player_id)

    # --- grading and points

    def points(self, correct: bool, elapsed: float | None) -> float:
        """The engine's scoring for one player: speed bonus from when they answered."""
        night = self.night
        if not correct:
            return -2.0 if night.double_or_nothing else 0.0
        points = 1.0
        if night.setup.speed_bonus and elapsed is not None and elapsed <= night.timer.seconds / 3:
            points += SPEED_BONUS
        return points * 2 if night.double_or_nothing else points

    # --- the host's actions (the engine's, plus grading at the reveal)

    def start(self) -> None:
        """Leave the lobby: the first question goes up on the phones."""
        with self._lock:
            self.in_lobby = False
            self._changed()

    def toggle_timer(self) -> None:
        with self._lock:
            if self.in_lobby:
                self.in_lobby = False
            self.night.toggle_timer()
            self._changed()

    def reveal(self) -> list[Result]:
        """Close answers, grade them and score every answer; returns the new results."""
        with self._lock:
            self.in_lobby = False
            night = self.night
            already = night.revealed
            night.reveal()
            asked_id = night.current_asked_id
            if already:
                return []
            question = night.question
            known = self._results.setdefault(asked_id, {})
            results = [
                Result(a.player_id, asked_id, right, self.points(right, a.elapsed))
                for a in self._answers.get(asked_id, {}).values()
                if a.player_id not in known
                for right in (is_right(question, a),)
            ]
            if results:
                self._recorder.results_set(results)
            for result in results:
                known[result.player_id] = result
            self._changed()
            return results

    def award(self, player_id: int) -> Result:
        """Mark a player right by hand on the current question (the grader was too strict)."""
        return self._set_by_hand(player_id, correct=True)

    def mark_wrong(self, player_id: int) -> Result:
        return self._set_by_hand(player_id, correct=False)

    def _set_by_hand(self, player_id: int, *, correct: bool) -> Result:
        with self._lock:
            night = self.night
            if night.phase not in (Phase.QUESTION, Phase.REVEALED):
                raise QuizNightError("cannot score a player now")
            if not any(p.id == player_id for p in self.players):
                raise QuizNightError("no such player")
            asked_id = night.current_asked_id
            answer = self._answers.get(asked_id, {}).get(player_id)
            before = self._results.get(asked_id, {}).get(player_id)
            elapsed = answer.elapsed if answer is not None else None
            result = Result(player_id, asked_id, correct, self.points(correct, elapsed), True)
            self._recorder.results_set([result])
            self._results.setdefault(asked_id, {})[player_id] = result
            self._actions.append(_Action(player_id=player_id, asked_id=asked_id, before=before))
            self._changed()
            return result

    def award_team(self, team_index: int) -> ScoreEvent:
        """The engine's hand award to a whole team (its points add to its players')."""
        with self._lock:
            event = self.night.award(team_index)
            self._actions.append(_Action(team_event=event))
            self._changed()
            return event

    def mark_team_wrong(self, team_index: int) -> ScoreEvent:
        with self._lock:
            event = self.night.mark_wrong(team_index)
            self._actions.append(_Action(team_event=event))
            self._changed()
            return event

    def undo(self) -> str:
        """Take back the last hand-scoring action; returns what was undone, to show."""
        with self._lock:
            if self.night.phase is Phase.FINISHED:
                raise QuizNightError("the night is over: scores are final")
            if not self._actions:
                raise QuizNightError("no score to undo")
            action = self._actions[-1]
            if action.team_event is not None:
                event = self.night.undo()
                self._actions.pop()
                self._changed()
                return self.night.teams[event.team_index].name
            assert action.player_id is not None and action.asked_id is not None
            if action.before is not None:
                self._recorder.results_set([action.before])
                self._results[action.asked_id][action.player_id] = action.before
            else:
                self._recorder.result_removed(action.player_id, action.asked_id)
                self._results[action.asked_id].pop(action.player_id, None)
            self._actions.pop()
            self._changed()
            return self._nickname(action.player_id)

    def skip(self) -> QuizQuestion:
        """The engine's skip; refused once a player has points on the question."""
        with self._lock:
            if self.night.phase in (Phase.QUESTION, Phase.REVEALED):
                results = self._results.get(self.night.current_asked_id, {}).values()
                if any(r.points != 0 for r in results):
                    raise QuizNightError("players have points on this question: press n")
            skipped = self.night.skip()
            self._changed()
            return skipped

    def next(self) -> Phase:
        with self._lock:
            self.in_lobby = False
            phase = self.night.next()
            self._changed()
            return phase

    def finish(self) -> None:
        with self._lock:
            self.night.finish_early()
            self._changed()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call `listener` (from whichever thread made it) after every change."""
        with self._lock:
            self._listeners.append(listener)

    def _changed(self, *, notify: bool = True) -> None:
        self.version += 1
        self._standings = None
        if notify:
            for listener in self._listeners:
                listener()

    # --- totals and standings

    def player_totals(self) -> dict[int, float]:
        with self._lock:
            totals = {p.id: 0.0 for p in self.players}
            for results in self._results.values():
                for result in results.values():
                    totals[result.player_id] = totals.get(result.player_id, 0.0) + result.points
            return totals

    def team_totals(self) -> list[float]:
        """Each team's points: its players' plus the host's hand scores, by team index."""
        with self._lock:
            totals = list(self.night.scores())
            by_player = self.player_totals()
            for player in self.players:
                if player.team_index is not None:
                    totals[player.team_index] += by_player[player.id]
            return totals

    def player_standings(self) -> list[Ranked]:
        with self._lock:
            return list(self._ranks()[0])

    def team_standings(self) -> list[Ranked]:
        with self._lock:
            return list(self._ranks()[1])

    def _ranks(self) -> tuple[list[Ranked], list[Ranked]]:
        """Players' and teams' standings, computed once per change (every phone asks)."""
        if self._standings is None:
            totals = self.player_totals()
            order = sorted(self.players, key=lambda p: (-totals[p.id], p.nickname.casefold()))
            players = ranked([(p.nickname, totals[p.id], p.id, p.team_index) for p in order])
            team_totals = self.team_totals()
            teams = sorted(self.night.teams, key=lambda t: (-team_totals[t.index], t.index))
            self._standings = (
                players,
                ranked([(t.name, team_totals[t.index], None, t.index) for t in teams]),
            )
        return self._standings

    def spread(self) -> Spread:
        """The current question's answers: per option, and who was right (after the reveal)."""
        with self._lock:
            night = self.night
            if night.phase not in (Phase.QUESTION, Phase.REVEALED):
                return Spread(0, len(self.players), (), (), 0)
            asked_id = night.current_asked_id
            answers = self._answers.get(asked_id, {})
            counts = [0] * len(night.question.options)
            for answer in answers.values():
                if answer.option is not None and answer.option < len(counts):
                    counts[answer.option] += 1
            results = self._results.get(asked_id, {}) if night.revealed else {}
            right = tuple(
                p.nickname for p in self.players if (r := results.get(p.id)) and r.correct
            )
            wrong = sum(1 for r in results.values() if not r.correct)
            return Spread(len(answers), len(self.players), tuple(counts), right, wrong)

    # --- what a phone sees

    def player_view(self, token: str) -> dict[str, Any]:
        """The state one phone shows, as JSON-ready data. No correct answer before the reveal."""
        with self._lock:
            player = self.player(token)
            night = self.night
            team = None if player.team_index is None else self.team_names[player.team_index]
            players, teams = self._ranks()
            mine = next(r for r in players if r.player_id == player.id)
            view: dict[str, Any] = {
                "version": self.version,
                "night": night.setup.name,
                "nickname": player.nickname,
                "team": team,
                "score": mine.points,
                "rank": mine.place,
                "players": len(self.players),
                "phase": "lobby" if self.in_lobby else str(night.phase),
            }
            if player.team_index is not None:
                team_rank = next(r for r in teams if r.team_index == player.team_index)
                view["team_score"] = team_rank.points
                view["team_rank"] = team_rank.place
                view["teams"] = len(night.teams)
            if self.in_lobby or night.phase not in (Phase.QUESTION, Phase.REVEALED):
                return view
            question = night.question
            answer = self.answer_of(player.id)
            view["question"] = {
                "id": night.current_asked_id,
                "round": night.round_number,
                "rounds": night.round_count,
                "number": night.question_number,
                "of": night.round_size,
                "kind": question.kind,
                "prompt": question.prompt,
                "options": list(question.options),
                "double": night.double_or_nothing,
            }
            view["timer"] = {
                "state": str(night.timer.state),
                "remaining": round(night.timer.remaining, 1),
                "seconds": night.timer.seconds,
            }
            view["answered"] = None if answer is None else answer.text
            if night.revealed:
                result = self._results.get(night.current_asked_id, {}).get(player.id)
                view["result"] = {
                    "answer": shown_answer(question),
                    "correct": bool(result and result.correct),
                    "points": result.points if result else 0.0,
                }
            return view

    def _nickname(self, player_id: int) -> str:
        return next((p.nickname for p in self.players if p.id == player_id), "?")
