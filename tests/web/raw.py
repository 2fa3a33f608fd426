"""A raw Gradio client, as a red team uses one: it finds the page's own events in the app's
``/config`` and calls them by ``fn_index`` with whatever data it likes, through the queue
(``/gradio_api/queue/join`` then the event stream) or around it (``/gradio_api/run/predict``).
No browser and no heartbeat: the server never sees its page close."""

from __future__ import annotations

import json
import secrets

import httpx

EVENTS = {  # what the tests call: (the component's elem_id or type, its event)
    "restore": ("load", "load"),
    "vote": ("vote-send", "click"),
    "paste": ("Use the pasted text", "click"),
    "upload": ("file", "upload"),
    "take": ("question", "submit"),
}


class Raw:
    """One raw client: its own session unless told otherwise."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = url.rstrip("/") + "/"
        self.http = httpx.Client(timeout=timeout)
        self.session = secrets.token_hex(8)
        self.config = self.http.get(self.url + "config").json()
        self.ids = self._events()

    def _events(self) -> dict[str, tuple[int, int]]:
        """Each event's ``fn_index`` and trigger id, found by what triggers it."""
        components = {c["id"]: c for c in self.config["components"]}

        def names(cid: int) -> set[str]:
            c = components.get(cid, {})
            props = c.get("props", {})
            return {str(props.get("elem_id")), str(props.get("value")), c.get("type", "")}

        found = {}
        for index, dep in enumerate(self.config["dependencies"]):
            for target, event in dep["targets"]:
                for key, (name, kind) in EVENTS.items():
                    if event != kind or key in found:
                        continue
                    if kind == "load" and dep["inputs"]:  # the one load that takes input
                        found[key] = (dep.get("id", index), target)
                    elif kind != "load" and name in names(target):
                        found[key] = (dep.get("id", index), target)
        take = found["take"][0]
        answer = next(d for d in self.config["dependencies"] if d.get("trigger_after") == take)
        found["answer"] = (answer["id"], found["take"][1])  # what follows a question taken
        return found

    def queued(self, event: str, data: list, event_data=None, session: str | None = None):
        """Call ``event`` through the queue: (success, the output data or the error)."""
        fn_index, trigger = self.ids[event]
        session = session or self.session
        body = {"data": data, "fn_index": fn_index, "trigger_id": trigger}
        body.update(session_hash=session, event_data=event_data)
        joined = self.http.post(self.url + "gradio_api/queue/join", json=body)
        if joined.status_code != 200:
            return False, f"HTTP {joined.status_code}: {joined.text[:300]}"
        stream = self.url + f"gradio_api/queue/data?session_hash={session}"
        with self.http.stream("GET", stream) as response:
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    output = message.get("output") or {}
                    if message.get("success"):
                        return True, output.get("data")
                    return False, output.get("error") or output
        return False, "the stream ended without a result"

    def outputs(self, event: str, data: list) -> dict:
        """``event``'s outputs by the elem_id of their component (``saved``: what the browser
        keeps; the server's own states are not sent, and are left out)."""
        dep = next(d for d in self.config["dependencies"] if d["id"] == self.ids[event][0])
        components = {c["id"]: c for c in self.config["components"]}
        named = {}
        for cid, value in zip(dep["outputs"], data, strict=False):
            kind = components[cid].get("type")
            name = "saved" if kind == "browserstate" else components[cid]["props"].get("elem_id")
            if kind != "state":
                named[name or cid] = value
        return named

    def restore(self, saved) -> tuple[bool, dict]:
        """Restore ``saved`` as the page does on load: (success, outputs by elem_id); the
        last of the updates it streams (an own article comes back in two)."""
        ok, out = self.queued("restore", [saved, None])
        return ok, self.outputs("restore", out) if ok else out

    @property
    def article_sha(self) -> str:
        """The SHA-256 of the page's article, as a restore of nothing gives it back."""
        if not hasattr(self, "_sha"):
            _, out = self.restore(None)
            self._sha = out["saved"]["article"]
        return self._sha

    def question(self, text: str):
        """Ask in the chat as the page does: take the question, then answer it."""
        taken = self.direct("take", [text, "", None, None, None])
        assert taken.status_code == 200, taken.text[:300]
        return self.queued("answer", [None, None, None, None])

    def vote(self, index: int, liked, session: str | None = None):
        """A vote as the page's buttons send it."""
        data = liked if isinstance(liked, str) and liked.startswith("{") else None
        text = data or json.dumps({"index": index, "liked": liked})
        return self.queued("vote", [text, None, None, None], session=session)

    def direct(self, event: str, data: list, event_data=None) -> httpx.Response:
        """Call ``event`` around the queue, as the red team did."""
        fn_index, trigger = self.ids[event]
        body = {"data": data, "fn_index": fn_index, "trigger_id": trigger}
        body.update(session_hash=self.session, event_data=event_data)
        return self.http.post(self.url + "gradio_api/run/predict", json=body)

    def ask(self, question: str, history=""):
        """``/ask`` over raw HTTP: (success, the result or the error)."""
        posted = self.http.post(
            self.url + "gradio_api/call/ask", json={"data": [question, history]}
        )
        if posted.status_code != 200:
            return False, f"HTTP {posted.status_code}: {posted.text[:300]}"
        event_id = posted.json()["event_id"]
        kind = None
        with self.http.stream("GET", self.url + f"gradio_api/call/ask/{event_id}") as response:
            for line in response.iter_lines():
                if line.startswith("event:"):
                    kind = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    data = json.loads(line[5:])
                    return kind == "complete", data
        return False, "the stream ended without a result"

    def close(self) -> None:
        self.http.close()
