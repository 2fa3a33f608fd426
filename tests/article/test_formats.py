"""Any article: plain text, Markdown or HTML, through the CLI's --article and a dataset
that names its article; citations resolve into the text that is shown."""

import json

import pytest

from assistant.article.formats import read_article_text, text_from_html, text_from_markdown
from assistant.cli import main
from assistant.errors import ArticleError

SECOND = "tests/data/second_article.txt"


def test_markdown_keeps_its_text_and_drops_its_markup():
    md = "# The vote\n\nThe council **approved** the [line](http://x) on *Tuesday*.\n\n- one\n"
    assert (
        text_from_markdown(md) == "The vote\n\nThe council approved the line on Tuesday.\n\none\n"
    )


def test_html_keeps_the_main_text():
    body = "<p>" + "The council approved the new light-rail line after a long debate. " * 3
    page = f"<html><body><nav>Home | Sports</nav><article>{body}</p></article></body></html>"
    text = text_from_html(page)
    assert "light-rail line" in text and "Home | Sports" not in text


def test_unreadable_files_say_what_is_wrong(tmp_path):
    latin = tmp_path / "a.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_article_text(latin)
    with pytest.raises(ArticleError, match="larger than 3 bytes"):
        read_article_text(latin, max_bytes=3)
    with pytest.raises(ArticleError, match="Cannot read the article"):
        read_article_text(tmp_path / "missing.txt")


def _within(seconds: float, read, *args):
    """``read(*args)``'s outcome (its value or exception), or "hung" if it took longer."""
    import threading

    outcome = ["hung"]

    def attempt():
        try:
            outcome[0] = read(*args)
        except Exception as exc:  # handed to the test
            outcome[0] = exc

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(seconds)
    return outcome[0]


def test_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    import os

    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero", tmp_path):
        outcome = _within(10, read_article_text, path)
        assert isinstance(outcome, ArticleError), (path, outcome)
        assert "not a regular file" in str(outcome) or "Cannot read" in str(outcome)


def test_the_size_is_counted_as_read_not_taken_from_the_file_system(tmp_path):
    outcome = _within(10, read_article_text, "/proc/self/status", 100)  # says size 0
    assert isinstance(outcome, ArticleError) and "larger than 100 bytes" in str(outcome)


def test_a_byte_order_mark_is_not_text(tmp_path):
    from assistant.article.article import load_article

    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffXi went to Samarkand. The summit was there.".encode("utf-8"))
    article = load_article(path)
    assert article.text.startswith("Xi went") and article.sentences[0].start == 0


@pytest.fixture()
def offline(monkeypatch, tmp_path):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    return tmp_path


def test_ask_another_article_cites_exact_spans_of_it(offline, capsys):
    article = open(SECOND, encoding="utf-8").read()
    question = "How much is the light-rail line expected to cost?"
    assert main(["ask", "--json", "--article", SECOND, question]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["citations"]
    for c in out["citations"]:
        assert article[c["start"] : c["end"]] == c["text"]
    cached = list((offline / "index-articles").iterdir())
    assert len(cached) == 1 and (cached[0] / "manifest.json").is_file()
    assert not (offline / "index").exists()  # the default index is never written


def test_eval_a_dataset_that_names_its_article(offline, tmp_path, capsys):
    item = {
        "id": "s",
        "question": "How much is the light-rail line expected to cost?",
        "answerable": True,
        "article": "second_article.txt",
        "must_include": [["412"]],
        "support": ["$412 million"],
    }
    data = tmp_path / "data" / "d.jsonl"
    data.parent.mkdir()
    (data.parent / "second_article.txt").write_text(open(SECOND, encoding="utf-8").read())
    data.write_text(json.dumps(item) + "\n")
    assert main(["eval", str(data), "--json", str(tmp_path / "r.json")]) == 0
    report = json.loads((tmp_path / "r.json").read_text())
    record = report["runs"][0]["items"][0]
    assert record["checks"]["failed"] == [] and "412" in record["answer"]
