// The players' page: join, answer, see the result. Every text goes in with textContent,
// never as HTML, so a nickname or a question can't become markup.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const KEY = "quizapp-player";
  const VIEWS = ["join", "wait", "question", "result"];
  const SHAPES = ["▲", "◆", "●", "■"];
  let token = localStorage.getItem(KEY);
  let socket = null;
  let retry = 0;
  let view = null;
  let shownQuestion = null;
  let deadline = 0;
  let chosen = null;

  const show = (id) => VIEWS.forEach((name) => { $(name).hidden = name !== id; });
  const say = (text) => { $("message").textContent = text || ""; };
  const points = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  const ordinal = (n) => {
    const tens = n % 100;
    const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
    return n + suffix;
  };

  async function api(method, path, body) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    const options = { method, headers };
    if (body !== undefined) options.body = JSON.stringify(body);
    try {
      const response = await fetch(path, options);
      let data = {};
      try { data = await response.json(); } catch (error) { data = {}; }
      return { ok: response.ok, status: response.status, data };
    } catch (error) {
      return { ok: false, status: 0, data: { message: "No connection to the host." } };
    }
  }

  function forget() {
    token = null;
    localStorage.removeItem(KEY);
    if (socket) { socket.onclose = null; socket.close(); socket = null; }
  }

  function connect() {
    if (!token) return;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.onopen = () => { retry = 0; say(""); socket.send(JSON.stringify({ token })); };
    socket.onmessage = (event) => render(JSON.parse(event.data));
    socket.onclose = (event) => {
      socket = null;
      if (event.code === 4401) { forget(); show("join"); say("Please join again."); return; }
      if (!token) return;
      say("Reconnecting…");
      const wait = Math.min(5000, 500 * 2 ** retry);
      retry += 1;
      setTimeout(refresh, wait);
    };
  }

  async function refresh() {
    const state = await api("GET", "/api/state");
    if (state.ok) { render(state.data); connect(); return; }
    if (state.status === 401) { forget(); show("join"); say("Please join again."); return; }
    say("Reconnecting…");
    setTimeout(refresh, Math.min(5000, 500 * 2 ** retry++));
  }

  function header(v) {
    $("who").textContent = v.team ? v.nickname + " · " + v.team : v.nickname;
    $("score").textContent = points(v.score) + " pts · " + ordinal(v.rank) + " of " + v.players;
  }

  function standing(v) {
    const unit = v.score === 1 ? " point." : " points.";
    let text = "You are " + ordinal(v.rank) + " of " + v.players + " with " + points(v.score) + unit;
    if (v.team) text += " " + v.team + " is " + ordinal(v.team_rank) + " of " + v.teams + ".";
    return text;
  }

  function render(v) {
    view = v;
    header(v);
    if (v.phase === "lobby") {
      show("wait");
      $("wait-title").textContent = "You're in, " + v.nickname + "!";
      $("wait-text").textContent = "Waiting for the host to start.";
    } else if (v.phase === "question") {
      renderQuestion(v);
    } else if (v.phase === "revealed") {
      renderResult(v);
    } else if (v.phase === "round_end") {
      show("wait");
      $("wait-title").textContent = "End of the round";
      $("wait-text").textContent = standing(v);
    } else {
      show("wait");
      $("wait-title").textContent = "That's the night!";
      $("wait-text").textContent = standing(v);
      forget();
    }
  }

  function renderQuestion(v) {
    show("question");
    const q = v.question;
    if (shownQuestion !== q.id) {
      shownQuestion = q.id;
      chosen = null;
      $("q-prompt").textContent = q.prompt;
      const box = $("q-options");
      box.replaceChildren();
      q.options.forEach((label, index) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = (q.kind === "truefalse" ? "tf" : "o") + index;
        const mark = document.createElement("span");
        mark.className = "mark";
        mark.textContent = q.kind === "truefalse" ? "" : SHAPES[index % 4];
        const text = document.createElement("span");
        text.textContent = label;
        button.append(mark, text);
        button.addEventListener("click", () => send({ option: index }, index));
        box.append(button);
      });
      $("q-typed").hidden = q.options.length > 0;
      $("q-text").value = "";
    }
    let meta = "Round " + q.round + " · Question " + q.number + " of " + q.of;
    if (q.double) meta += " · double or nothing";
    $("q-meta").textContent = meta;
    const open = v.timer.state === "running" && v.answered === null;
    deadline = v.timer.state === "running" ? performance.now() + v.timer.remaining * 1000 : 0;
    $("q-timer").textContent = Math.ceil(v.timer.remaining) + " s";
    setOpen(open);
    if (v.answered !== null) {
      $("q-status").textContent = "Answer sent: " + v.answered + ". Wait for the reveal.";
    } else if (v.timer.state === "expired") {
      $("q-status").textContent = "Time is up.";
    } else if (v.timer.state !== "running") {
      $("q-status").textContent = "Wait for the host to start the timer.";
    } else {
      $("q-status").textContent = "";
    }
  }

  function setOpen(open) {
    document.querySelectorAll("#q-options button").forEach((button, index) => {
      button.disabled = !open;
      button.classList.toggle("chosen", index === chosen);
    });
    $("q-text").disabled = !open;
    $("q-send").disabled = !open;
  }

  async function send(body, index) {
    if (!view || view.answered !== null) return;
    chosen = index === undefined ? null : index;
    setOpen(false);
    const reply = await api("POST", "/api/answer", body);
    if (reply.ok) {
      view.answered = reply.data.answered;
      $("q-status").textContent = "Answer sent: " + reply.data.answered + ". Wait for the reveal.";
      setOpen(false);
    } else {
      say(reply.data.message || "The answer did not go through.");
      if (reply.status !== 409) { chosen = null; renderQuestion(view); }
    }
  }

  function renderResult(v) {
    show("result");
    const r = v.result;
    const section = $("result");
    section.className = "view " + (r.correct ? "right" : "wrong");
    $("r-verdict").textContent = r.correct ? "Right!" : (v.answered === null ? "No answer" : "Wrong");
    $("r-points").textContent = (r.points > 0 ? "+" : "") + points(r.points);
    $("r-answer").textContent = "The answer: " + r.answer;
    $("r-rank").textContent = standing(v);
  }

  setInterval(() => {
    if (!deadline || !view || view.phase !== "question") return;
    const left = Math.max(0, (deadline - performance.now()) / 1000);
    $("q-timer").textContent = Math.ceil(left) + " s";
    if (left <= 0) {
      deadline = 0;
      setOpen(false);
      if (view.answered === null) $("q-status").textContent = "Time is up.";
    }
  }, 250);

  $("q-typed").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("q-text").value.trim();
    if (text) send({ text });
  });

  $("join-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    say("");
    $("join-button").disabled = true;
    const team = $("team-label").hidden ? null : $("team").value;
    const reply = await api("POST", "/api/join", {
      pin: $("pin").value.trim(), nickname: $("nickname").value, team,
    });
    $("join-button").disabled = false;
    if (!reply.ok) { say(reply.data.message || "Could not join."); return; }
    token = reply.data.token;
    localStorage.setItem(KEY, token);
    render(reply.data.view);
    connect();
  });

  async function start() {
    $("link").textContent = location.host;
    const room = await api("GET", "/api/room");
    if (room.ok) {
      $("night-name").textContent = room.data.night;
      const select = $("team");
      room.data.teams.forEach((name) => {
        const option = document.createElement("option");
        option.value = name;
        option.textContent = name;
        select.append(option);
      });
      $("team-label").hidden = room.data.teams.length === 0;
    }
    if (token) {
      const state = await api("GET", "/api/state");
      if (state.ok) { render(state.data); connect(); return; }
      forget();
    }
    show("join");
    const pin = new URLSearchParams(location.search).get("pin");
    if (pin) $("pin").value = pin;
  }

  start();
})();
