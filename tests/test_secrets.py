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
