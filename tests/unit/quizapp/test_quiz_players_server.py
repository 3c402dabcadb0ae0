"""The players' web server through Starlette's TestClient: join, answer, reconnect, every
refusal, and no response before the reveal that gives the correct option away."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from quizapp.quiznight.limits import Limits
from quizapp.quiznight.players import PlayersApp
from quizapp.quiznight.room import Room
from tests.support.quiz_players import FakeClock, make_room


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_client(room: Room, clock: FakeClock, **limits: int) -> TestClient:
    app = PlayersApp(room, limits=Limits(**limits), clock=clock, allowed_hosts={"testserver"})
    return TestClient(app)


@pytest.fixture
def room(clock: FakeClock) -> Room:
    return make_room(clock, kind="choice")


@pytest.fixture
def client(room: Room, clock: FakeClock) -> Iterator[TestClient]:
    with make_client(room, clock) as client:
        yield client


def join(client: TestClient, nickname: str = "Ana", team: str | None = "Red") -> str:
    response = client.post("/api/join", json={"pin": "123456", "nickname": nickname, "team": team})
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def open_question(room: Room) -> None:
    room.start()
    room.toggle_timer()


def right_option(room: Room) -> int:
    return list(room.night.question.options).index(room.night.question.answer)


def test_the_pages_are_served_with_a_strict_policy_and_nothing_else(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "Game PIN" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/app.js").headers["content-type"].startswith("text/javascript")
    assert "textContent" in client.get("/app.js").text
    assert "innerHTML" not in client.get("/app.js").text
    for path in ("/index.html", "/web/app.js", "/../store.py", "/api/bank", "/docs", "/static"):
        assert client.get(path).status_code == 404, path
    assert client.post("/").status_code == 405
    assert client.get("/api/room").json() == {"night": "Quiz night", "teams": ["Red", "Blue"]}


def test_join_then_state_with_the_token(client: TestClient, room: Room) -> None:
    token = join(client)
    state = client.get("/api/state", headers=bearer(token)).json()
    assert (state["nickname"], state["team"], state["phase"]) == ("Ana", "Red", "lobby")
    assert [p.nickname for p in room.players] == ["Ana"]


def test_a_wrong_pin_is_refused(client: TestClient, room: Room) -> None:
    response = client.post("/api/join", json={"pin": "654321", "nickname": "Eve", "team": "Red"})
    assert (response.status_code, response.json()["error"]) == (403, "pin")
    assert "token" not in response.json()
    assert room.players == []


def test_a_taken_nickname_an_unknown_team_and_bad_fields_are_refused(client: TestClient) -> None:
    join(client)
    taken = client.post("/api/join", json={"pin": "123456", "nickname": "ana", "team": "Blue"})
    assert (taken.status_code, taken.json()["error"]) == (409, "name_taken")
    team = client.post("/api/join", json={"pin": "123456", "nickname": "Bo", "team": "Pink"})
    assert team.status_code == 422
    bad = client.post("/api/join", json={"pin": 123456, "nickname": ["Bo"]})
    assert bad.status_code == 422
    assert client.post("/api/join", content=b"not json").status_code == 400


def test_answer_then_a_second_answer_is_refused(client: TestClient, room: Room) -> None:
    token = join(client)
    open_question(room)
    first = client.post("/api/answer", json={"option": 2}, headers=bearer(token))
    assert first.status_code == 200 and first.json()["answered"] == room.night.question.options[2]
    second = client.post("/api/answer", json={"option": 1}, headers=bearer(token))
    assert (second.status_code, second.json()["error"]) == (409, "twice")
    assert room.answered_count() == (1, 1)


def test_a_late_answer_is_refused(client: TestClient, room: Room, clock: FakeClock) -> None:
    token = join(client)
    open_question(room)
    clock.advance(room.night.timer.seconds + 1)
    late = client.post("/api/answer", json={"option": 0}, headers=bearer(token))
    assert (late.status_code, late.json()["error"]) == (409, "late")
    room.next()
    room.toggle_timer()
    room.reveal()
    after_reveal = client.post("/api/answer", json={"option": 0}, headers=bearer(token))
    assert (after_reveal.status_code, after_reveal.json()["error"]) == (409, "late")
    assert room.answered_count() == (0, 1)


def test_an_answer_needs_a_players_own_token(client: TestClient, room: Room) -> None:
    ana = join(client, "Ana")
    join(client, "Bo", "Blue")
    open_question(room)
    for headers in ({}, bearer("token-999"), bearer("x" * 500), {"Authorization": ana}):
        refused = client.post("/api/answer", json={"option": 0}, headers=headers)
        assert refused.status_code == 401, headers
    assert room.answered_count() == (0, 2)
    # Ana's token answers as Ana, whatever the body claims.
    mine = client.post("/api/answer", json={"option": 0, "player": 2}, headers=bearer(ana))
    assert mine.status_code == 200
    assert room.answer_of(1) is not None and room.answer_of(2) is None


def test_oversized_input_is_refused(room: Room, clock: FakeClock) -> None:
    with make_client(make_room(clock, kind="open"), clock) as client:
        long_name = client.post(
            "/api/join", json={"pin": "123456", "nickname": "n" * 21, "team": "Red"}
        )
        assert (long_name.status_code, long_name.json()["error"]) == (413, "too_long")
        token = join(client)
        room = client.app.room  # type: ignore[attr-defined]
        open_question(room)
        long_answer = client.post("/api/answer", json={"text": "a" * 201}, headers=bearer(token))
        assert (long_answer.status_code, long_answer.json()["error"]) == (413, "too_long")
        huge = client.post(
            "/api/answer", content=b'{"text": "' + b"a" * 5000 + b'"}', headers=bearer(token)
        )
        assert huge.status_code == 413
        chunks = iter([b'{"text": "', b"a" * 3000, b'"}'])  # no Content-Length: read and cut
        streamed = client.post("/api/answer", content=chunks, headers=bearer(token))
        assert streamed.status_code == 413
        assert room.answered_count() == (0, 1)


def test_too_many_requests_are_refused(room: Room, clock: FakeClock) -> None:
    with make_client(room, clock, burst=5, rate=1) as client:
        token = join(client)
        codes = [client.get("/api/state", headers=bearer(token)).status_code for _ in range(6)]
        assert codes == [200] * 5 + [429]  # the player's own bucket (the join spent the address's)
        clock.advance(1)
        assert client.get("/api/state", headers=bearer(token)).status_code == 200
        # Guessing tokens spends the guesser's address, not the player's bucket.
        guesses = [
            client.get("/api/state", headers=bearer(f"guess{n}")).status_code for n in range(6)
        ]
        assert guesses[-1] == 429


def test_one_address_cannot_flood_the_room_with_players(room: Room, clock: FakeClock) -> None:
    with make_client(room, clock, joins_per_address=3) as client:
        for n in range(3):
            join(client, f"P{n}")
        refused = client.post("/api/join", json={"pin": "123456", "nickname": "P9", "team": "Red"})
        assert refused.status_code == 429


def test_reconnect_keeps_nickname_team_and_score(client: TestClient, room: Room) -> None:
    token = join(client, "Bo", "Blue")
    open_question(room)
    client.post("/api/answer", json={"option": right_option(room)}, headers=bearer(token))
    room.reveal()
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"token": token})
        view = socket.receive_json()
        assert (view["nickname"], view["team"], view["score"]) == ("Bo", "Blue", 1.0)
    # The phone dropped; it comes back (a reload) with the same token and finds the same player.
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"token": token})
        assert socket.receive_json()["score"] == 1.0
        room.next()  # the host moves on: the phone hears of it
        pushed = socket.receive_json()
        assert pushed["phase"] == "question" and pushed["answered"] is None
    assert client.get("/api/state", headers=bearer(token)).json()["score"] == 1.0


def test_a_socket_with_someone_elses_or_no_token_is_closed(client: TestClient) -> None:
    join(client)
    with client.websocket_connect("/ws") as socket:
        socket.send_text(json.dumps({"token": "token-999"}))
        message = socket.receive()
        assert message["type"] == "websocket.close" and message["code"] == 4401


def test_nothing_before_the_reveal_holds_the_correct_option(clock: FakeClock) -> None:
    for kind in ("choice", "truefalse", "open"):
        room = make_room(clock, kind=kind)
        with make_client(room, clock) as client:
            token = join(client)
            answer = json.dumps(room.night.question.answer)
            bodies: list[str] = [client.get("/api/room").text]
            open_question(room)
            bodies.append(client.get("/api/state", headers=bearer(token)).text)
            with client.websocket_connect("/ws") as socket:
                socket.send_json({"token": token})
                bodies.append(json.dumps(socket.receive_json()))
            sent = {"option": 0} if kind != "open" else {"text": "a guess"}
            bodies.append(client.post("/api/answer", json=sent, headers=bearer(token)).text)
            bodies.append(client.get("/api/state", headers=bearer(token)).text)
            for body in bodies:
                data = json.loads(body)
                if "question" in data:  # the options themselves are on every phone
                    data["question"]["options"] = []
                if kind == "truefalse":
                    data.pop("answered", None)  # "False" as this player's own pick
                assert answer not in json.dumps(data), (kind, body)
            room.reveal()
            revealed = client.get("/api/state", headers=bearer(token)).json()
            assert json.dumps(revealed["result"]["answer"]) == answer


def test_only_the_servers_own_address_is_served(room: Room, clock: FakeClock) -> None:
    """A rebound name (another site's page pointed at this address) gets nothing."""
    app = PlayersApp(room, clock=clock)  # the default: IP addresses and localhost
    with TestClient(app, base_url="http://192.168.1.20:8765") as client:
        assert client.get("/").status_code == 200
        assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
        assert client.get("/", headers={"host": "[::1]:8765"}).status_code == 200
        refused = client.get("/api/room", headers={"host": "evil.example:8765"})
        assert refused.status_code == 421 and "Friday" not in refused.text
