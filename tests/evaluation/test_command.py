"""``python -m assistant eval``: metrics on hand-made cases, dataset validation, the CLI."""

from __future__ import annotations

import argparse
import json
import sys

import pytest

from assistant.article.article import parse_article
from assistant.cli import main
from assistant.config import Config
from assistant.core.result import Citation, Passage, Result, Trace
from assistant.errors import AssistantError
from assistant.evaluation import command, metrics, report, scoring
from assistant.evaluation.dataset import Item, load_dataset
from assistant.wiring import IndexedArticle, Models

# Two paragraphs: [0, 41) and [43, 85).
TEXT = "The summit is in Samarkand. Xi will come.\n\nTrade grew 31 per cent. Putin will come."
SUPPORT = "The summit is in Samarkand"  # [0, 26), paragraph 0


@pytest.fixture(scope="module")
def art():
    return parse_article(TEXT)


def item(**kw) -> Item:
    base = {"id": "x", "question": "Where is the summit?", "answerable": True}
    base |= {"must_include": [["Samarkand"]], "support": [SUPPORT]}
    return Item.model_validate(base | kw, context={"article_text": TEXT})


def cite(n: int, start: int, end: int) -> Citation:
    return Citation(n, TEXT[start:end], start, end)


def passage(n: int, start: int, end: int) -> Passage:
    return Passage(n, TEXT[start:end], start, end)


def score(it, answer, answered, citations, passages=(), latency=0.1):
    result = Result(answer, answered, list(citations), "fake", trace=Trace("q", tuple(passages)))
    return scoring.score_item(it, result, parse_article(TEXT), latency)


def test_spans_overlap_only_when_they_share_a_character():
    assert metrics.overlaps((0, 5), (4, 9)) and not metrics.overlaps((0, 5), (5, 9))
    assert metrics.support_spans("ab ab", ["ab"]) == [(0, 2), (3, 5)]
    assert metrics.includes("In SAMARKAND’s centre", [["samarkand's"], ["x", "centre"]])
    assert not metrics.includes("In Samarkand", [["Samarkand"], ["2013"]])
    assert metrics.missing_groups("In Samarkand", [["Samarkand"], ["2013", "2014"]]) == ["2013"]
    assert metrics.first_relevant_rank([(0, 3), (5, 9)], [(3, 6)]) == 2


def test_a_citation_that_overlaps_the_support_passes_every_check():
    rec = score(item(), "In Samarkand [1].", True, [cite(1, 0, 27)], [passage(1, 0, 27)])
    assert rec["checks"] == {
        "passed": ["retrieved", "answered", "correct", "cited_support", "valid_markers"],
        "failed": [],
    }
    assert (rec["first_relevant_rank"], rec["cited_support"], rec["cited_support_paragraph"]) == (
        1,
        1,
        1,
    )


def test_a_citation_elsewhere_fails_recall_and_precision_but_not_its_own_paragraph():
    same_paragraph = cite(1, 28, 41)  # "Xi will come." : paragraph 0, not the quote
    other = cite(2, 43, 66)  # paragraph 1
    ps = [passage(1, 43, 66), passage(2, 0, 27)]
    rec = score(item(), "Samarkand [1][2].", True, [same_paragraph, other], ps)
    assert rec["checks"]["failed"] == ["cited_support"]
    assert (rec["first_relevant_rank"], rec["cited_support"], rec["cited_support_paragraph"]) == (
        2,
        0,
        1,
    )
    m = metrics.aggregate([rec], wall_s=1.0)
    assert (m["citation_recall"], m["citation_precision"], m["mrr"]) == (0.0, 0.5, 0.5)
    assert m["mean_citation_chars"] == (13 + 23) / 2


def test_an_invented_marker_lowers_marker_validity():
    rec = score(item(), "Samarkand [1] and [3].", True, [cite(1, 0, 27)])
    assert (rec["markers"], rec["valid_markers"]) == (2, 1)
    assert "valid_markers" in rec["checks"]["failed"]
    assert metrics.aggregate([rec], 1.0)["marker_validity"] == 0.5


def test_refusals_count_for_refusal_accuracy_and_against_answerable_items():
    refusal = "The article does not say."
    wrongly = score(item(), refusal, False, [], [passage(1, 43, 66)])
    rightly = score(item(id="y", answerable=False, support=[], must_include=[]), refusal, False, [])
    answered = score(item(id="z"), "Samarkand [1]", True, [cite(1, 0, 27)], [passage(1, 0, 27)])
    assert rightly["checks"] == {"passed": ["refused", "valid_markers"], "failed": []}
    m = metrics.aggregate([wrongly, rightly, answered], wall_s=2.0)
    assert (m["answer_accuracy"], m["refusal_accuracy"], m["false_refusal_rate"]) == (
        0.5,
        1.0,
        0.5,
    )
    assert (m["hit_rate"], m["citation_recall"], m["marker_validity"]) == (0.5, 1.0, 1.0)
    assert m["latency_p50_s"] == 0.1 and m["wall_s"] == 2.0


def test_a_wrong_answer_is_answered_but_not_correct():
    rec = score(item(must_include=[["Bali"]]), "In Samarkand [1].", True, [cite(1, 0, 27)])
    assert rec["checks"]["failed"] == ["retrieved", "correct"]
    assert metrics.aggregate([rec], 1.0)["answer_accuracy"] == 0.0


def test_a_question_that_raised_is_recorded_as_not_answered():
    rec = scoring.score_item(item(), None, parse_article(TEXT), 0.0)
    assert rec["answered"] is False and "answered" in rec["checks"]["failed"]


def test_metrics_without_items_to_average_are_missing_not_zero():
    m = metrics.aggregate([], wall_s=0.0)
    assert m["answer_accuracy"] is None and m["marker_validity"] == 1.0
    assert report.fmt("answer_accuracy", None) == "n/a"


def test_dataset_errors_name_their_line_and_the_rest_is_kept(tmp_path):
    good = {"id": "a", "question": "Where?", "answerable": True, "support": [SUPPORT]}
    lines = [
        json.dumps(good).encode(),
        b"",
        b"not json",
        json.dumps(good | {"id": "b", "support": ["not in the article"]}).encode(),
        json.dumps(good).encode(),  # same id again
        json.dumps({"id": "c", "question": "Where?"}).encode(),
        b'{"id": "d", "question": "\xff", "answerable": false}',
        json.dumps({k: v for k, v in good.items() if k != "support"} | {"id": "e"}).encode(),
        json.dumps(good | {"id": "f", "must_include": [[]]}).encode(),
        json.dumps(good | {"id": "g", "mustinclude": [["x"]]}).encode(),
        json.dumps({"id": "h", "question": "Why?", "answerable": False}).encode(),
    ]
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items, errors, _ = load_dataset(path, TEXT)
    assert [i.id for i in items] == ["a", "h"]
    assert [e["line"] for e in errors] == [3, 4, 5, 6, 7, 8, 9, 10]
    by_line = {e["line"]: e["error"] for e in errors}
    assert by_line[3].startswith("not valid JSON")
    assert by_line[4] == "support: support[0] is not found in the article: 'not in the article'"
    assert by_line[5] == "id 'a' is used by an earlier line"
    assert by_line[6] == "answerable: Field required"
    assert by_line[7] == "not UTF-8 text"
    assert by_line[8] == "an answerable item needs at least one support quote"
    assert "every group needs at least one non-empty string" in by_line[9]
    assert by_line[10].startswith("mustinclude: Extra inputs are not permitted")


def test_compare_specs_and_thresholds_are_checked():
    assert command.parse_spec("top_k=6, retriever=bm25,answerer=extractive") == {
        "top_k": 6,
        "retriever": "bm25",
        "answerer": "extractive",
    }
    assert command.parse_spec("backend=extractive") == {"answerer": "extractive"}  # before 0.2
    for bad in ("top_k=0", "retriever=magic", "colour=red", ""):
        with pytest.raises(AssistantError, match="--compare"):
            command.parse_spec(bad)
    assert command.parse_gate("refusal_accuracy=0.5") == ("refusal_accuracy", 0.5)
    for bad in ("accuracy=0.5", "answer_accuracy=high", "answer_accuracy"):
        with pytest.raises(AssistantError, match="METRIC=NUMBER"):
            command.parse_gate(bad)


# --- with the real assistant (temporary index, offline) ------------------------------------

DEV_LIKE = [
    {
        "id": "g20",
        "question": "Where will the G20 leaders meet in November?",
        "answerable": True,
        "reference_answer": "In Bali.",
        "must_include": [["Bali"]],
        "support": ["a meeting of G20 leaders in Bali in November"],
    },
    {
        "id": "trade",
        "question": "How much did trade between China and Russia grow in the first half of 2022?",
        "answerable": True,
        "must_include": [["31"]],
        "support": ["Trade between China and Russia increased 31 per cent year-over-year"],
    },
    {
        "id": "capital",
        "question": "What is the capital of Kazakhstan?",
        "answerable": False,
        "must_include": [],
        "support": [],
    },
]


@pytest.fixture()
def dataset(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in DEV_LIKE), encoding="utf-8")
    return path


@pytest.fixture()
def parts(monkeypatch, article, embed_model, index_dir, digest):
    """Models and the indexed article from the session fixtures, so ``run`` loads nothing."""
    from assistant.index.store import open_index

    index, _ = open_index(article, embed_model, index_dir)
    models = Models(Config.from_env({}).with_(index_dir=index_dir), embed_model)
    indexed = IndexedArticle(article, index, "loaded", digest=digest)
    monkeypatch.setattr(command, "load_models", lambda config: models)
    monkeypatch.setattr(command, "open_article", lambda models, config: indexed)
    return models


def args(dataset, **kw) -> argparse.Namespace:
    base = dict(json=None, markdown=None, html=None, compare=None, min=[], max=[], judge=None)
    return argparse.Namespace(dataset=str(dataset), **(base | kw))


def config(tmp_path) -> Config:
    return Config.from_env({}).with_(index_dir=tmp_path / "index")


def test_compare_gives_one_column_and_one_run_per_configuration(parts, dataset, tmp_path, capsys):
    specs = ["top_k=3", "top_k=6,retriever=dense", "retriever=bm25"]
    out = tmp_path / "r.json"
    assert command.run(args(dataset, compare=specs, json=str(out)), config(tmp_path)) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[2].split() == ["metric", *specs]
    assert all(len(line.split()) == 4 for line in table[3:])
    report = json.loads(out.read_text())
    assert [r["config"]["retriever"] for r in report["runs"]] == ["hybrid", "dense", "bm25"]
    assert [r["config"]["top_k"] for r in report["runs"]] == [3, 6, 6]
    assert [len(r["items"]) for r in report["runs"]] == [3, 3, 3]


def test_thresholds_set_the_exit_code_and_say_which_failed(parts, dataset, tmp_path, capsys):
    ok = args(dataset, min=["hit_rate=1", "refusal_accuracy=0.5"], max=["false_refusal_rate=0"])
    assert command.run(ok, config(tmp_path)) == 0
    bad = args(dataset, min=["answer_accuracy=1.01", "hit_rate=1"])
    assert command.run(bad, config(tmp_path)) == 1
    captured = capsys.readouterr()
    assert "FAIL answer_accuracy 1.000 < 1.01 (default)" in captured.out.splitlines()
    assert "ok   hit_rate 1.000 >= 1 (default)" in captured.out.splitlines()
    assert "1 threshold(s) not met." in captured.err


def test_openai_backend_or_judge_without_a_key_fails_clearly(parts, dataset, tmp_path, monkeypatch):
    with pytest.raises(AssistantError, match="ASSISTANT_ANSWERER=openai needs OPENAI_API_KEY"):
        command.run(args(dataset, compare=["answerer=openai"]), config(tmp_path))
    with pytest.raises(AssistantError, match="--judge openai needs OPENAI_API_KEY"):
        command.run(args(dataset, judge="openai"), config(tmp_path))
    monkeypatch.setitem(sys.modules, "llama_index.llms.openai", None)  # not installed
    keyed = config(tmp_path).with_(openai_api_key="sk-test")
    with pytest.raises(AssistantError, match="pip install llama-index-llms-openai"):
        command.run(args(dataset, judge="openai"), keyed)


def test_cli_eval_prints_the_table_and_writes_three_reports(
    dataset, tmp_path, monkeypatch, index_dir, capsys
):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_BACKEND", "ASSISTANT_TOP_K"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index_dir))
    with dataset.open("a") as f:
        f.write('{"id": "broken"}\n')
    files = [tmp_path / n for n in ("r.json", "r.md", "r.html")]
    argv = ["eval", str(dataset), "--json", str(files[0]), "--markdown", str(files[1])]
    assert main([*argv, "--html", str(files[2]), "--min", "hit_rate=1"]) == 1  # the broken line
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith(
        f"3 items (2 answerable, 1 unanswerable) from {dataset}; 1 invalid line(s); "
    )
    for line in [
        "metric                      default",
        "hit_rate                      1.000",
        "answer_accuracy               1.000",
        "refusal_accuracy              1.000",
        "false_refusal_rate            0.000",
        "citation_recall               1.000",
        "citation_precision            1.000",
        "marker_validity               1.000",
        "invalid line 4: question: Field required; answerable: Field required",
        "ok   hit_rate 1.000 >= 1 (default)",
    ]:
        assert line in lines
    assert "[default] 3/3 capital: ok" in captured.err
    assert f"{dataset}: line 4: question: Field required" in captured.err
    report = json.loads(files[0].read_text())
    assert report["invalid"] == [
        {"line": 4, "error": "question: Field required; answerable: Field required"}
    ]
    first = report["runs"][0]["items"][0]
    assert {"id", "question", "answer", "answered", "citations", "checks"} <= set(first)
    assert first["checks"]["failed"] == [] and "Bali" in first["answer"]
    assert "| answer_accuracy | 1.000 |" in files[1].read_text()
    page = files[2].read_text()
    assert page.startswith("<!doctype html>") and "src=" not in page and "href=" not in page


def test_judge_openai_scores_answered_items_through_the_endpoint(
    parts, dataset, tmp_path, openai_server
):
    pytest.importorskip("llama_index.llms.openai")
    openai_server.replies = [{"text": "YES"}, {"text": "4.5\nRight place."}] * 2
    endpoint = {"openai_api_key": "sk-test", "openai_base_url": openai_server.base_url}
    keyed = config(tmp_path).with_(answerer="extractive", **endpoint)  # the judge's endpoint
    out = tmp_path / "r.json"
    assert command.run(args(dataset, judge="openai", json=str(out)), keyed) == 0
    run = json.loads(out.read_text())["runs"][0]
    assert run["items"][0]["judge"] == {"faithful": True, "correctness": 4.5}
    assert "judge" not in run["items"][2]  # unanswerable: not judged
    assert (run["metrics"]["judge_faithfulness"], run["metrics"]["judge_correctness"]) == (1.0, 4.5)


def test_an_openai_run_against_a_scripted_server_is_scored_like_a_real_one(
    parts, dataset, tmp_path, openai_server
):
    openai_server.replies = [
        {"stream": ["The leaders meet in Bali in November [1]. ", "Xi will sign a gas deal [1]."]}
    ]
    endpoint = config(tmp_path).with_(openai_base_url=openai_server.base_url)
    out = tmp_path / "r.json"
    assert command.run(args(dataset, compare=["answerer=openai"], json=str(out)), endpoint) in (
        0,
        1,
    )
    run = json.loads(out.read_text())["runs"][0]
    assert run["config"]["answerer"] == "openai"
    first = run["items"][0]
    assert first["claims"] == 2 and first["claims_unsupported"] == 1
    assert run["metrics"]["unsupported_claim_rate"] > 0
    assert run["metrics"]["answered_precision"] is not None
