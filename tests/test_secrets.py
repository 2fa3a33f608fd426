"""A recognisable fake key must never appear in any output, whatever fails."""

import json
import logging

import pytest

from assistant.cli import main
from tests.conftest import FAKE_KEY

FAILURES = [
    {"status": 401},
    {"status": 429},
    {"status": 500},
    {"raw": b"{not json"},
    {"cut": ["Bali [1]"]},
    {"stream": ["Bali [1][77]."]},
]


@pytest.mark.parametrize("reply", FAILURES)
def test_the_key_never_leaks(reply, openai_server, monkeypatch, index_dir, capsys, caplog):
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index_dir))
    openai_server.replies = [reply]
    with caplog.at_level(logging.DEBUG):
        assert main(["-v", "ask", "--json", "Where will the G20 leaders meet in November?"]) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert "Bali" in result["answer"]
    everything = out + err + caplog.text + repr([r.__dict__ for r in caplog.records])
    assert FAKE_KEY not in everything
    assert FAKE_KEY[3:15] not in everything
    # ...while the key really was sent to the server
    assert openai_server.requests[0]["headers"]["Authorization"] == f"Bearer {FAKE_KEY}"


def test_unreachable_endpoint_message(monkeypatch, index_dir, capsys):
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index_dir))
    assert main(["ask", "Where will the G20 leaders meet in November?"]) == 0
    out, err = capsys.readouterr()
    assert "Note: Cannot reach the OpenAI endpoint: check OPENAI_BASE_URL and the network." in out
    assert FAKE_KEY not in out + err


@pytest.mark.slow
def test_the_key_never_reaches_the_page_the_api_or_the_next_question(openai_server, index_dir):
    """Every failure in turn through the running web app; then a good answer still comes."""
    import httpx
    from gradio_client import Client

    from assistant.config import Config
    from assistant.wiring import load_assistant
    from tests.conftest import running_app

    env = {"OPENAI_API_KEY": FAKE_KEY, "OPENAI_BASE_URL": openai_server.base_url}
    config = Config.from_env(env).with_(index_dir=index_dir, openai_max_retries=0, openai_timeout=2)
    bot = load_assistant(config)
    with running_app(bot) as url:
        client = Client(url, verbose=False)
        seen = [httpx.get(url).text, httpx.get(url.rstrip("/") + "/config").text]
        for reply in FAILURES:
            openai_server.replies = [reply]
            result = client.predict("Where will the G20 leaders meet in November?", api_name="/ask")
            assert "Bali" in result["answer"]
            seen.append(json.dumps(result))
        openai_server.replies = [{"stream": ["Bali [1]."]}]
        result = client.predict("Where will the G20 leaders meet in November?", api_name="/ask")
        assert (result["answer"], result["backend"]) == ("Bali [1].", "openai")
    assert all(FAKE_KEY not in text for text in seen)


def test_the_key_never_reaches_evaluation_reports(openai_server, index_dir, tmp_path, monkeypatch):
    from assistant.cli import main

    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index_dir))
    openai_server.replies = [{"status": 401}]
    data = tmp_path / "d.jsonl"
    item = {
        "id": "a",
        "question": "Where will the G20 leaders meet?",
        "answerable": True,
        "must_include": [["Bali"]],
        "support": ["G20 leaders in Bali"],
    }
    data.write_text(json.dumps(item) + "\n")
    reports = [tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.html"]
    argv = ["eval", str(data), "--json", str(reports[0]), "--markdown", str(reports[1])]
    assert main([*argv, "--html", str(reports[2])]) == 0
    for path in reports:
        assert FAKE_KEY not in path.read_text()
