"""The CLI, run in-process with a real (temporary) index and no key. Its commands load the
assistant through ``load``, here one that shares the models loaded once for all tests
(``shared_load``): what is tested is parsing and output, not loading."""

import json

import pytest

from assistant import cli


@pytest.fixture(scope="module")
def shared_load():
    from assistant.wiring import build_assistant, load_models, open_article

    models = {}

    def load(config, rebuild=False):
        key = (config.embedder, config.multilingual)
        if key not in models:
            models[key] = load_models(config)
        return build_assistant(models[key], open_article(models[key], config, rebuild), config)

    return load


@pytest.fixture()
def main(shared_load):
    return lambda argv: cli.main(argv, load=shared_load)


@pytest.fixture(autouse=True)
def offline_env(monkeypatch, index_dir):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index_dir))


G20 = (
    "The summits will also provide an out-of-practice Mr. Xi with plenty of opportunities "
    "for one-on-one diplomacy ahead of a meeting of G20 leaders in Bali in November."
)


ANSWER = f"Bali — “{G20}” [1]"


def test_ask_prints_the_answer_then_the_cited_passages(main, capsys):
    assert main(["ask", "Where will the G20 leaders meet in November?"]) == 0
    assert capsys.readouterr().out == f'{ANSWER}\n\n[1] "{G20}" (chars 5422-5586)\n'


def test_ask_json_prints_exactly_one_object(main, capsys):
    assert main(["ask", "--json", "Where will the G20 leaders meet in November?"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "answer": ANSWER,
        "answered": True,
        "citations": [{"id": 1, "text": G20, "start": 5422, "end": 5586}],
        "answerer": "extractive",
        "backend": "extractive",  # its name before 0.2, kept for scripts that read it
        "claims": [{"text": ANSWER, "citations": [1], "supported": True}],
    }


def test_ask_with_history_file(main, tmp_path, capsys):
    history = tmp_path / "h.json"
    history.write_text(json.dumps([{"role": "user", "content": "Who is Raffaello Pantucci?"}]))
    assert main(["ask", "--json", "--history", str(history), "What book did he write?"]) == 0
    assert "Sinostan" in json.loads(capsys.readouterr().out)["answer"]


def test_batch_keeps_order_and_ids_and_reports_bad_lines(main, tmp_path, capsys):
    batch = tmp_path / "q.jsonl"
    batch.write_bytes(
        b'{"id": "a", "question": "Where will the G20 leaders meet in November?"}\n'
        b"not json\n"
        b'{"id": "c", "question": ""}\n'
        b'{"question": "Who wrote Sinostan?"}\n'
        b'{"question": "\xff\xfe"}\n'
        b'{"id": 6}\n'
    )
    assert main(["ask", "--batch", str(batch)]) == 1
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line.get("id") for line in lines] == ["a", None, "c", None, None, 6]
    assert lines[4] == {"error": "line 5: not UTF-8 text"}
    assert lines[5] == {"id": 6, "error": 'line 6: needs a "question" string (keys given: id)'}
    assert lines[0]["answered"] and "Bali" in lines[0]["answer"]
    assert lines[1] == {"error": "line 2: not valid JSON (Expecting value)"}
    assert lines[2] == {
        "id": "c",
        "error": "line 3: The question is empty: type a question about the article.",
    }
    assert "Sinostan" in lines[3]["answer"]
    assert captured.err == '4 line(s) could not be answered; see their "error".\n'


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask", ""], "Error: The question is empty: type a question about the article.\n"),
        (["ask", "q?", "--article", "/nonexistent.txt"], "Error: Cannot read the article at"),
        (["ask", "--batch", "/nonexistent.jsonl"], "Error: Cannot read the batch file"),
        (["ask", "--history", "/nonexistent.json", "q?"], "Error: Cannot read the history file"),
    ],
)
def test_user_mistakes_go_to_stderr_without_a_traceback(main, argv, message, capsys):
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message)
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    "turns", [[{"role": "user"}], [{"role": "bot", "content": "x"}], [{"content": 5}]]
)
def test_a_history_turn_without_role_or_content_is_an_error(main, tmp_path, capsys, turns):
    history = tmp_path / "h.json"
    history.write_text(json.dumps(turns))
    assert main(["ask", "--history", str(history), "Who is he?"]) == 1
    assert capsys.readouterr().err == (
        f'Error: Turn 1 of the history file {history} needs a "role" of "user" or "assistant"'
        ' and a "content" text.\n'
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask"], 'give a question: python -m assistant ask "Where is the summit?"'),
        (["ask", "q?", "--batch", "b.jsonl"], "give a question or --batch FILE, not both"),
    ],
)
def test_usage_mistakes_show_the_subcommands_usage_and_exit_2(main, argv, message, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m assistant ask ")
    assert err.endswith(f"python -m assistant ask: error: {message}\n")


def test_bad_configuration_is_reported(main, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_TOP_K", "lots")
    assert main(["ask", "q?"]) == 1
    assert (
        capsys.readouterr().err
        == "Error: ASSISTANT_TOP_K='lots' is not a number: use a number from 1 to 50.\n"
    )


def test_index_command_rebuilds_into_the_configured_folder(main, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "idx"))
    assert main(["index"]) == 0
    assert capsys.readouterr().out == (
        f"Index rebuilt (rebuild requested) in {tmp_path / 'idx'}.\n"
    )
    assert (tmp_path / "idx" / "manifest.json").is_file()


def test_chat_remembers_the_conversation(main, monkeypatch, capsys):
    answers = iter(["Who is Raffaello Pantucci?", "What book did he write?", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Chatting about the article (offline, extractive).")
    assert "Sinostan" in out.split("Raffaello Pantucci, a senior fellow", 1)[1]


@pytest.mark.parametrize("command", ["ask", "chat", "index", "eval"])
def test_every_command_explains_itself_with_an_example(main, command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert f"example:\n  python -m assistant {command}" in out and "--article PATH" in out


def test_verbose_logs_the_query_and_the_timing(main, capsys, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="assistant"):
        assert main(["-v", "ask", "Where will the G20 leaders meet in November?"]) == 0
    assert "query 'Where will the G20 leaders meet in November?' -> passages" in caplog.text
    assert " ms" in caplog.text


def test_an_index_folder_that_is_not_ours_is_refused(main, tmp_path, monkeypatch, capsys):
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", "work")  # ("." is no folder of its own at all)
    assert main(["ask", "Where will the G20 leaders meet in November?"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"Error: The folder {work} holds files that are not the assistant's (notes.txt), "
        "so the index is not written there: set ASSISTANT_INDEX_DIR to an empty or new "
        "folder, or unset it to use the default.\n"
    )
    assert [p.name for p in work.iterdir()] == ["notes.txt"]  # nothing left behind
    assert [p.name for p in tmp_path.iterdir()] == ["work"]


def test_index_command_fails_when_it_cannot_save(main, tmp_path, monkeypatch, capsys):
    (tmp_path / "blocker").write_text("a file where the index's parent folder should be")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "blocker" / "index"))
    assert main(["index"]) == 1
    err = capsys.readouterr().err
    assert f"Error: The index could not be saved in {tmp_path / 'blocker' / 'index'}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("json_mode", [False, True])
def test_a_lone_surrogate_in_the_history_file(main, tmp_path, capsys, json_mode):
    history = tmp_path / "h.json"
    history.write_text('[{"role": "user", "content": "Who is \\ud800 Raffaello Pantucci?"}]')
    argv = ["ask", *(["--json"] if json_mode else []), "--history", str(history)]
    assert main([*argv, "What book did he write?"]) == 0
    out = capsys.readouterr().out
    assert "Sinostan" in out and "Traceback" not in out


def test_a_deeply_nested_history_file_is_an_error_message(main, tmp_path, capsys):
    history = tmp_path / "h.json"
    history.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["ask", "--history", str(history), "Where?"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: The history file {history} is not valid JSON")
    assert "Traceback" not in err


def test_bad_batch_lines_never_stop_the_batch(main, tmp_path, capsys):
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "question": "Where will the G20 leaders meet?", "history": 5}\n'
        '{"id": "\\ud800", "question": "Where will the G20 leaders meet?"}\n'
        '{"id": 3, "qestion": "Where?"}\n'
        '{"id": "d", "question": "Where?", "history": ' + "[" * 50_000 + "]" * 50_000 + "}\n"
        '{"id": "e", "question": "Where will the G20 leaders meet in November?"}\n'
    )
    assert main(["ask", "--batch", str(batch)]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("id") for r in rows] == ["a", "\ud800", 3, None, "e"]
    assert rows[0]["error"] == 'line 1: The history must be a list of {"role", "content"} turns.'
    assert "Bali" in rows[1]["answer"] and "Bali" in rows[4]["answer"]
    assert rows[2]["error"] == 'line 3: needs a "question" string (keys given: id, qestion)'
    assert rows[3] == {"error": "line 4: not valid JSON (nested too deeply)"}


def test_terminal_escapes_in_a_model_answer_are_not_printed(
    main, openai_server, monkeypatch, capsys
):
    openai_server.replies = [{"stream": ["\x1b\x07In Bali", " [1].\r\x9b"]}]
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    assert main(["ask", "Where will the G20 leaders meet in November?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("In Bali [1].")
    assert not any(ch in out for ch in "\x1b\x07\r\x9b")


def test_chat_goes_on_after_a_line_that_is_not_utf8(main, monkeypatch, capsys):
    import io
    import sys

    typed = b"Who is Raffaello Pantucci?\n\xff\xfe Who?\nWhat book did he write?\n\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(typed), encoding="utf-8"))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n> ") == 4 and "Sinostan" in out
