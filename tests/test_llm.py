"""Answers written by an LLM server, checked sentence by sentence against the passages they cite.

A real HTTP server on 127.0.0.1 speaks the OpenAI chat API and replies with completions each
test scripts; the Generator reaches it through llama-index's OpenAILike client, over the
sample corpus indexed with the real embedding model.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.answering import NOT_FOUND
from assistant.citations import quote_is_verbatim
from assistant.generate import Checker, Generator, facts, parse_reply
from assistant.types import Hit
from indexer.settings import Settings
from tests.conftest import free_port

# What the scripted server does with a request: reply with this text, or ("status", 500), or
# ("hang", text): hold the request until the test ends (past any client timeout).
Script = Callable[[dict], "str | tuple[str, object]"]


class ScriptedLLM:
    """POST /v1/chat/completions on a free port; every request is recorded."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.script: Script = lambda request: "The indexed documents don't say."
        self.released = threading.Event()
        llm = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": f"no route {self.path}"}})
                llm.requests.append(body)
                action = llm.script(body)
                if isinstance(action, tuple) and action[0] == "status":
                    return self._send(action[1], {"error": {"message": "scripted failure", "type": "server_error"}})
                if isinstance(action, tuple) and action[0] == "hang":
                    llm.released.wait(60)
                    action = action[1]
                self._send(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": body["model"],
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": action}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting: that is what the timeout test wants

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture
def llm():
    server = ScriptedLLM()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.released.set()
    server.server.shutdown()
    server.server.server_close()
    thread.join()


@pytest.fixture
def generator(corpus_settings, answerer, llm):
    def make(url: str | None = None, timeout_s: float = 30.0) -> Generator:
        settings = Settings(
            store=corpus_settings.store, llm_url=url or llm.url, llm_model="scripted-model", llm_timeout_s=timeout_s
        )
        return Generator(settings, answerer).warm_up()

    return make


def prompt_of(request: dict) -> str:
    return "\n".join(m["content"] for m in request["messages"])


def number_of(request: dict, snippet: str) -> int:
    """The [n] under which the prompt gave the model the passage containing `snippet`."""
    user = request["messages"][-1]["content"]
    for block in re.split(r"\n\n(?=\[\d+\] )", user):
        found = re.match(r"\[(\d+)\] ", block)
        if found and snippet in block:
            return int(found.group(1))
    raise AssertionError(f"no passage in the prompt contains {snippet!r}")


def numbers_without(request: dict, *snippets: str) -> list[int]:
    user = request["messages"][-1]["content"]
    blocks = [b for b in re.split(r"\n\n(?=\[\d+\] )", user) if re.match(r"\[\d+\] ", b)]
    return [int(re.match(r"\[(\d+)\]", b).group(1)) for b in blocks if not any(s in b for s in snippets)]


def assert_dense_and_verbatim(answer) -> None:
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert cited == {c.n for c in answer.citations}
    for c in answer.citations:
        assert quote_is_verbatim(c), c


# --- a supported answer -------------------------------------------------------------------


def test_a_supported_answer_is_kept_with_verbatim_quotes_from_the_cited_passages(generator, llm):
    def script(request):
        care = number_of(request, "Children come into care at a time that is right for them")
        return (
            f"Children come into care at a time that is right for them [{care}]. "
            f"Inspectors also found consistent practice for young people as they leave care. [{care}]"
        )

    llm.script = script
    answer = generator().run("What did inspectors say about care leavers?")
    assert answer.mode == "generated" and answer.answered
    assert answer.notice == ""
    assert answer.answer == (
        "Children come into care at a time that is right for them. [1] "
        "Inspectors also found consistent practice for young people as they leave care. [2]"
    )
    assert_dense_and_verbatim(answer)
    first, second = answer.citations
    assert first.source.endswith("manchester-ilacs-inspection-summary-2022.pdf") and first.page == 3
    assert first.quote == "Children come into care at a time that is right for them."
    assert second.quote.startswith("Inspectors also found consistent practice")
    assert first.answer_text == "Children come into care at a time that is right for them."
    assert answer.to_dict()["mode"] == "generated"


def test_the_model_is_sent_the_question_and_every_retrieved_passage(generator, llm, answerer):
    question = "What did inspectors say about care leavers?"
    generator().run(question)
    (request,) = llm.requests
    assert request["model"] == "scripted-model"
    assert [m["role"] for m in request["messages"]] == ["system", "user"]
    prompt = prompt_of(request)
    assert question in prompt and "ONLY" in prompt
    hits = answerer.run(question).hits
    assert hits
    for n, hit in enumerate(hits, 1):
        assert f"[{n}] {hit.passage.title}" in prompt
        assert hit.passage.text in prompt


# --- unsupported sentences are removed ---------------------------------------------------------


def test_a_sentence_with_an_invented_figure_is_removed_and_the_notice_says_so(generator, llm):
    def script(request):
        history = number_of(request, "nearly 500 children were found to be waiting")
        return (
            f"In 2014, Ofsted judged children's services in Manchester to be inadequate [{history}]. "
            f"At that inspection, nearly 700 children were found to be waiting for a social worker [{history}]."
        )

    llm.script = script
    answer = generator().run("How many children were waiting for a social worker in 2014?")
    assert answer.mode == "generated"
    assert "inadequate. [1]" in answer.answer
    assert "700" not in answer.answer
    assert answer.notice == "1 sentence the cited passages don't support was removed."
    assert_dense_and_verbatim(answer)


def test_a_sentence_citing_the_wrong_passage_is_removed_even_though_another_passage_supports_it(generator, llm):
    lyndene = "Lyndene had been developed through co-production"
    seen = {}

    def script(request):
        minutes = number_of(request, "Councillor Abdullatif declared a personal interest")
        seen["supporting"] = number_of(request, lyndene)  # the passage that does support it was retrieved
        wrong = numbers_without(request, "Lyndene", "co-production")[0]
        return (
            f"Councillor Abdullatif declared a personal interest as a former employee of Women’s Aid Federation England [{minutes}]. "
            f"Lyndene had been developed through co-production with parents and in consultation with children [{wrong}]."
        )

    llm.script = script
    answer = generator().run("Who declared an interest?")
    assert seen["supporting"]
    assert "Abdullatif" in answer.answer
    assert "Lyndene" not in answer.answer
    assert answer.notice == "1 sentence the cited passages don't support was removed."
    assert_dense_and_verbatim(answer)


def test_when_no_sentence_is_supported_the_grounded_answer_is_given(generator, llm, answerer):
    llm.script = lambda request: (
        "Manchester was rated outstanding in 2023 [1]. Inspectors praised the council's new youth zone [2]. "
        "Care leavers were all housed within a week."
    )
    question = "What did inspectors say about care leavers?"
    answer = generator().run(question)
    assert answer.mode == "grounded"
    assert answer.answer == answerer.run(question).answer
    assert "none of its 3 sentences is supported" in answer.notice
    assert "outstanding" not in answer.answer and "youth zone" not in answer.answer
    assert all(quote_is_verbatim(c) for c in answer.citations)


def test_when_the_model_finds_no_answer_the_grounded_answer_is_given(generator, llm, answerer):
    llm.script = lambda request: "The indexed documents don't say."
    question = "What did inspectors say about care leavers?"
    answer = generator().run(question)
    assert answer.mode == "grounded"
    assert answer.answer == answerer.run(question).answer
    assert "found no answer" in answer.notice


# --- the server failing -----------------------------------------------------------------------


def test_a_server_error_falls_back_to_the_grounded_answer_with_a_notice(generator, llm, answerer):
    llm.script = lambda request: ("status", 500)
    question = "Who declared an interest?"
    answer = generator().run(question)
    assert answer.mode == "grounded" and answer.answered
    assert answer.answer == answerer.run(question).answer
    assert answer.notice.startswith(f"The LLM server at {llm.url} did not answer (HTTP 500")
    assert answer.notice.endswith("this answer is built from the documents' own sentences.")
    assert len(llm.requests) == 1  # no retry doubling the wait


def test_a_server_slower_than_the_timeout_falls_back_to_the_grounded_answer(generator, llm, answerer):
    llm.script = lambda request: ("hang", "Too late to be used [1].")
    question = "Who declared an interest?"
    answer = generator(timeout_s=1.0).run(question)
    assert answer.mode == "grounded"
    assert answer.answer == answerer.run(question).answer
    assert answer.notice.startswith(f"The LLM server at {llm.url} did not answer (no reply within 1 s")
    assert "Too late" not in answer.answer


def test_a_server_that_is_not_running_falls_back_to_the_grounded_answer(generator, answerer):
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    question = "Who declared an interest?"
    answer = generator(url=url).run(question)
    assert answer.mode == "grounded"
    assert answer.answer == answerer.run(question).answer
    assert answer.notice.startswith(f"The LLM server at {url} did not answer (could not connect")


def test_the_model_is_not_asked_about_a_council_the_documents_never_mention(generator, llm):
    ask = generator()  # warm_up builds the client without contacting the server
    assert llm.requests == []
    answer = ask.run("What did Stockport's inspection find?")
    assert llm.requests == []
    assert answer.answered is False and answer.answer.startswith(NOT_FOUND) and "Stockport" in answer.answer
    assert answer.mode == "grounded"


def test_the_generator_offers_the_retriever_the_chat_reads(generator, answerer):
    assert generator().retriever is answerer.retriever


# --- reading the reply, and the support check on its own ------------------------------------------------


def test_markers_are_read_wherever_the_model_puts_them():
    claims = parse_reply("**Answer:** Rated good [1]. It was the first time. [2] [3]\n- Inadequate in 2014 [1, 4].\nNo citation here.")
    assert [(c.text, c.cited) for c in claims] == [
        ("Rated good.", (1,)),
        ("It was the first time.", (2, 3)),
        ("Inadequate in 2014.", (1, 4)),
        ("No citation here.", ()),
    ]


def test_facts_read_requires_improvement_to_be_good_as_one_grade_and_may_the_verb_as_no_month():
    assert facts("judged to require improvement to be good") == {"grade:requires improvement"}
    assert facts("This may be looked at on 25 May 2022 by three members; almost 60 per cent") == {"25", "month:may", "2022", "3", "60"}


# Support-check calibration: (label, a model's sentence with its [n], the passages given as [1], [2]... by a
# unique snippet of their text). S faithful paraphrase; F an invented or altered figure, date or grade;
# W cites the wrong passage; U says what the cited passage does not say.
HEADLINE = "Ofsted judged the overall effectiveness of children’s services in Manchester to be good"
HISTORY = "nearly 500 children were found to be waiting"
CARE = "Children come into care at a time that is right for them"
LEADERS = "Inspectors noted that social worker caseloads have improved"
MINUTES_60 = "He reported that almost 60% of the council’s social work staff"
MINUTES_END = "The Chair congratulated everyone involved in the work"
ROW_4 = "No.: 4 — Area for improvement"
ROW_3 = "No.: 3 — Area for improvement"
ROW_5 = "No.: 5 — Area for improvement"
HELP = "Inspectors found a stable and effective early help service"
NORTH_WEST = "At the time of the result, no local authority in the North West"
MARSHALL = "credited the hard work and dedication"
BRIDGES = "welcomed the result. “Our latest rating"
IMPROVE = "inspectors identified four areas where the local authority"
COPRODUCTION = "excellent co-production model"
ROW_CARE = "Judgement: The experiences and progress of children in care and care leavers — Grade"
ROW_HELP = "Judgement: The experiences and progress of children who need help and protection — Grade"
BRIEF_HISTORY = "have improved by one grade at each"
BRIEF_COMMITTEE = "On 25 May 2022, shortly after the report was published"

CALIBRATION = [
    ("S", "Ofsted rated the overall effectiveness of Manchester's children's services as good [1].", [HEADLINE]),
    ("S", "This was the first time the council's children's services had been graded good since Ofsted started inspecting them [1].", [HEADLINE]),
    ("S", "The full inspection was carried out in March 2022 and the report came out in May 2022 [1].", [HEADLINE]),
    ("S", "Inspectors found that services had improved significantly since the previous full inspection in 2017 [1].", [HEADLINE]),
    ("S", "Only the experiences and progress of children who need help and protection were judged to require improvement to be good [1].", [HEADLINE]),
    ("S", "In 2014 Ofsted found Manchester's children's services inadequate, with nearly 500 children waiting for a social worker [1].", [HISTORY]),
    ("S", "The 2017 re-inspection judged overall effectiveness to require improvement to be good, which took the council out of special measures [1].", [HISTORY]),
    ("S", "The re-inspection took place between 9 October and 2 November 2017 [1].", [HISTORY]),
    ("S", "Children come into care at the right time for them [1].", [CARE]),
    ("S", "Children in care make good progress in most areas of their lives [1].", [CARE]),
    ("S", "Inspectors found consistent practice for young people leaving care [1].", [CARE]),
    ("S", "Inspectors noted that caseloads for social workers have improved [1].", [LEADERS]),
    ("S", "Social workers valued their managers' support and described a change in culture [1].", [LEADERS]),
    ("S", "Almost 60% of the council's social work staff had qualified in the last two years [1].", [MINUTES_60]),
    ("S", "The Director of Education said item 4 of the action plan came from the local area SEND inspection in November 2021 [1].", [MINUTES_60]),
    ("S", "Councillor Abdullatif declared a personal interest as a former employee of Women's Aid Federation England [1].", [MINUTES_END]),
    ("S", "The Chair suggested that the Ofsted Subgroup could look at this in future [1].", [MINUTES_END]),
    ("S", "Action 4 will improve the role social workers play in EHCPs, including training, led by the Director of Education [1].", [ROW_4]),
    ("S", "The plan says the individual needs and identity issues of each child will continue to be prioritised [1].", [ROW_3]),
    ("S", "Inspectors found a stable and effective early help service that responds promptly to requests, including those from partner agencies [1].", [HELP]),
    ("S", "Children who are exploited or go missing are supported early through the city's complex safeguarding hub [1].", [HELP]),
    ("S", "No local authority in the North West was graded outstanding at the time [1].", [NORTH_WEST]),
    ("S", "Paul Marshall said the council welcomed the findings but was far from complacent [1].", [MARSHALL]),
    ("S", "Councillor Garry Bridges said the latest rating was a great achievement for the city [1].", [BRIDGES]),
    ("S", "Inspectors identified four areas where the local authority needs to do more [1].", [IMPROVE]),
    ("S", "The council has an excellent co-production model; Lyndene was developed through co-production with parents and in consultation with children [1].", [COPRODUCTION]),
    ("S", "The experiences and progress of children in care and care leavers were graded good [1].", [ROW_CARE]),
    ("S", "Manchester's children's services have improved by one grade at each of the two inspections since 2014 [1].", [BRIEF_HISTORY]),
    ("S", "Manchester's children's services were rated Good overall by Ofsted [1].", [HEADLINE]),
    ("S", "Political and senior leaders kept a strong focus on better practice [1].", [LEADERS]),
    ("S", "Ofsted said the council must better understand how domestic abuse affects children and their parents [1].", [IMPROVE]),
    ("S", "Inspectors said children's written records need to be better and more timely [1].", [IMPROVE]),
    ("S", "The committee decided to note the report [1].", [MINUTES_END]),
    ("S", "Officers said partners were considering how to better support children with the trauma of domestic abuse [1].", [COPRODUCTION]),
    ("S", "A Member raised parents who do not understand the EHCP process or have English as an Additional Language [1].", [MINUTES_60]),
    ("S", "Risks to children who are exploited are identified promptly [1].", [HELP]),
    ("S", "No council in the North West had an outstanding grade at that time [1].", [NORTH_WEST]),
    ("S", "The plan does not state any actions or a lead for practice with disabled children [1].", [ROW_5]),
    ("F", "In 2014, nearly 700 children were waiting for a social worker [1].", [HISTORY]),
    ("F", "Almost 80% of the council's social work staff had qualified within the last two years [1].", [MINUTES_60]),
    ("F", "The full inspection took place in April 2022 [1].", [HEADLINE]),
    ("F", "The report was published in June 2022 [1].", [HEADLINE]),
    ("F", "Services were re-inspected between 9 October and 2 November 2018 [1].", [HISTORY]),
    ("F", "Item 4 came from the local area SEND inspection in November 2020 [1].", [ROW_4]),
    ("F", "The experiences and progress of children in care and care leavers were judged outstanding [1].", [CARE]),
    ("F", "The experiences and progress of children who need help and protection were judged good [1].", [ROW_HELP]),
    ("F", "Inspectors identified five areas where the local authority needs to do more [1].", [IMPROVE]),
    ("F", "Almost 60% of social work staff had qualified within the last three years [1].", [MINUTES_60]),
    ("F", "On 27 May 2022 the committee heard about the result as urgent business [1].", [BRIEF_COMMITTEE]),
    ("F", "In 2014 Ofsted judged children's services in Manchester to require improvement to be good [1].", [HISTORY]),
    ("W", "Councillor Abdullatif declared a personal interest as a former employee of Women's Aid Federation England [2].", [MINUTES_END, CARE]),
    ("W", "Almost 60% of the council's social work staff had qualified in the last two years [2].", [MINUTES_60, LEADERS]),
    ("W", "Inspectors found a stable and effective early help service [2].", [HELP, CARE]),
    ("W", "Councillor Garry Bridges said the latest rating was a great achievement for the city [2].", [BRIDGES, MARSHALL]),
    ("W", "Item 4 came from the local area SEND inspection in November 2021 [2].", [ROW_4, ROW_3]),
    ("W", "Inspectors noted that social worker caseloads have improved [2].", [LEADERS, HELP]),
    ("W", "No local authority in the North West was graded outstanding at the time [2].", [NORTH_WEST, HISTORY]),
    ("W", "Lyndene was developed through co-production with parents and in consultation with children [2].", [COPRODUCTION, MINUTES_END]),
    ("W", "Children in care make good progress in most areas of their lives [2].", [CARE, LEADERS]),
    ("U", "Inspectors found that care leavers lacked suitable accommodation [1].", [CARE]),
    ("U", "Social workers complained about high caseloads and poor support from their managers [1].", [LEADERS]),
    ("U", "Requests for early help often waited weeks for a response [1].", [HELP]),
    ("U", "The Chair criticised officers for the slow pace of improvement [1].", [MINUTES_END]),
    ("U", "A local authority in the North West was graded outstanding at the time [1].", [NORTH_WEST]),
    ("U", "Paul Marshall said the council was complacent about the findings [1].", [MARSHALL]),
    ("U", "The Deputy Strategic Director said Children's Services had withdrawn from the Domestic Abuse Strategy [1].", [COPRODUCTION]),
    ("U", "The action plan sets out detailed actions for disabled children, led by the Director of Education [1].", [ROW_5]),
    ("U", "The Executive Member promised a new EHCP helpline for parents with English as an Additional Language [1].", [MINUTES_60]),
    ("U", "Inspectors said political and senior leaders had lost focus on improving practice [1].", [LEADERS]),
    ("U", "The 2017 re-inspection put the council into special measures [1].", [HISTORY]),
    ("U", "Councillor Garry Bridges criticised the investment the council had put in [1].", [BRIDGES]),
]


@pytest.fixture(scope="module")
def verdicts(answerer):
    passages = list(answerer.retriever.passages.values())

    def passage(snippet: str):
        (found,) = [p for p in passages if snippet in p.text]
        return found

    checker = Checker(answerer.retriever.embedder.encode)
    results = []
    for label, reply, snippets in CALIBRATION:
        hits = [Hit(passage(s), 0.0) for s in snippets]
        (verdict,) = checker.check(parse_reply(reply), hits)
        results.append((label, verdict))
    return results


def test_the_check_removes_every_invented_figure_and_every_wrong_citation_of_the_calibration_set(verdicts):
    wrongly_kept = [(label, v.claim.text) for label, v in verdicts if label in "FW" and v.supported]
    assert wrongly_kept == []


def test_the_check_keeps_faithful_paraphrases_and_removes_most_unsupported_claims(verdicts):
    """The figures in assistant/generate.py's comment: 37/38 paraphrases kept, 8/12 unsupported removed."""
    paraphrases = [v for label, v in verdicts if label == "S"]
    unsupported = [v for label, v in verdicts if label == "U"]
    assert sum(v.supported for v in paraphrases) >= len(paraphrases) - 1, [v.claim.text for v in paraphrases if not v.supported]
    assert sum(not v.supported for v in unsupported) >= 8, [v.claim.text for v in unsupported if v.supported]
    for v in paraphrases:
        if v.supported:
            assert all(quote_is_verbatim_in_passage(span) for span in v.evidence)


def quote_is_verbatim_in_passage(span) -> bool:
    p = span.hit.passage
    source = p.verbatim if p.is_table_row and p.verbatim else p.text
    return all(line in source for line in span.quote.split("\n"))
