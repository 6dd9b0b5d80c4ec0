"""Optional answers written by an LLM server you run, kept only where the cited passages support them.

`Generator` wraps the `Answerer`: it first builds the grounded answer (the documents' own
sentences), then gives the same retrieved passages, numbered, to an OpenAI-compatible server
(Ollama, vLLM, llama.cpp's server...) through llama-index's `OpenAILike`, and asks for an
answer that cites a passage after every sentence. Nothing the model writes reaches the user
unchecked: each sentence must cite a retrieved passage, every figure, date and grade in it
must be in the cited passage's supporting sentences, and it must say what those sentences say
(word overlap and embedding cosine, thresholds below). Sentences that fail are removed and the
answer says how many. When nothing survives, the model finds no answer, or the server is down,
slow or failing, the grounded answer is returned with a notice; `run` never raises.

The model never sees a question the grounded answer refused because the documents never
mention the council, year or name it asks about: it would answer from its own knowledge.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.answering import NOT_FOUND, Answerer
from assistant.answering.candidates import Unit, units_of
from assistant.answering.question import salient_terms, terms
from assistant.types import KIND_LABELS, Answer, Citation, Filters, Hit, Scope
from indexer.sentences import split_sentences
from indexer.settings import Settings

log = logging.getLogger(__name__)

SYSTEM_PROMPT = """\
You answer questions about council documents: Ofsted inspection reports, committee minutes and action plans.
Use ONLY the numbered passages you are given, never your own knowledge.
Rules:
- End every sentence with the number of the passage that says it, in square brackets, e.g. "... was judged good [2]."
  Cite only a passage that itself states what the sentence says.
- Copy figures, dates, names and grades exactly as the passage gives them. Do not add any that it does not give.
- If the passages do not answer the question, reply with exactly: The indexed documents don't say.
- At most {sentences} short sentences of plain text: no headings, lists, or notes about the passages."""

PROMPT = """\
Passages:

{passages}

Question: {question}

Answer from the passages only, citing a passage number after every sentence."""

# One passage as the model sees it: what it is and where it is from, then its text.
PASSAGE = "[{n}] {title} ({kind}{where})\n{text}"

_GROUNDED = "this answer is built from the documents' own sentences."

# Long enough for a few cited sentences; a model that rambles past this is cut off, not waited for.
MAX_REPLY_TOKENS = 512

# --- the support check -----------------------------------------------------------------
# Calibrated on 71 sentences written against the sample corpus's passages, as a small model
# would write them (the cases are CALIBRATION in tests/test_llm.py, which checks them all):
# 38 faithful paraphrases (S), 12 with an invented or altered figure, date or grade (F), 9 citing
# the wrong passage (W), 12 stating what the cited passage does not say (U). For each sentence
# the best evidence span (one sentence or two consecutive ones of a cited passage) gives:
# - facts: every number, year, month and grade word of the sentence must be in the spans.
#   This alone removes 12/12 F and no S;
# - cosine (the index's all-MiniLM-L6-v2): S 0.44-1.00 (median 0.85), W 0.18-0.59 (0.39), U 0.36-0.84 (0.66);
# - overlap, the share of the sentence's content stems found in the span, its heading and title:
#   S 0.50-1.00 (median 0.96), W 0.00-0.29 (0.17), U 0.17-1.00 (0.72).
# Rule: cosine + 0.5 * overlap >= 0.94 and cosine >= 0.50. S scores 0.96-1.50 except one
# (0.75: "the plan does not state any actions", a statement about a table row's empty cells),
# W at most 0.74, so it keeps 37/38 S and removes 12/12 F, 9/9 W and 8/12 U (5 of them by
# score, 3 by the negation cue below). The 4 U it keeps reuse the passage's own words around
# one changed word ("had withdrawn from the Domestic Abuse Strategy", "put the council into
# special measures", "waited weeks"): the check is lexical and semantic, not logical.
_W_OVERLAP, _MIN_SUPPORT, _MIN_COSINE = 0.5, 0.94, 0.50
# A sentence that drops or adds a negation against its evidence ("no council was rated
# outstanding" -> "a council was rated outstanding") scores high on both; this catches it.
# ("No.: 4" numbers a table row; it denies nothing.)
_NEGATION = re.compile(r"\b(?:no(?![.:]\s*[:\d])|not|never|none|nor|neither|without|cannot|far from)\b|n[’']t\b", re.I)

_MARKERS = re.compile(r"\[\s*(?:passages?\s*)?(\d+(?:\s*[,;]\s*(?:passages?\s*)?\d+)*)\s*\]", re.I)
# "... good. [1] Next ..." -> "... good [1]. Next ...", so a marker stays with its sentence when split.
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\s*(?:passages?\s*)?\d+(?:\s*[,;]\s*(?:passages?\s*)?\d+)*\s*\])+)", re.I)
_LIST_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_LABEL = re.compile(r"^(?:answer|response)\s*:\s*", re.I)
_EMPHASIS = re.compile(r"\*\*|__|`")
_SAYS_NOTHING = re.compile(
    r"\b(?:documents?|passages?)\s+(?:provided\s+)?(?:don['’]t|do not|does not|doesn['’]t)\s+"
    r"(?:say|state|mention|contain|answer|include)",
    re.I,
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"hundred": "100", "thousand": "1000", "million": "1000000", "half": "50"})
# "one" is a pronoun as often as a number ("one of the areas"); it is not a figure here.
del _NUMBER_WORDS["one"]
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
# "may" the verb ("this may be looked at") is not the month: May counts only beside a day or a year.
_MONTH = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|(?<=\d )may|may(?= (?:19|20)\d\d))\b",
    re.I,
)
# Ofsted's grades. "Requires improvement to be good" is one grade: its "good" is not a Good.
_GRADE = re.compile(r"\brequir\w* improvement(?: to be good)?|\binadequate\b|\boutstanding\b|\bgood\b", re.I)


def facts(text: str) -> set[str]:
    """The figures, months and grades a sentence states, normalised ("three" is "3", "1,000" is
    "1000", "September" is "sep"): what small models invent, so what the evidence must hold."""
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {_NUMBER_WORDS[w.lower()] for w in _NUMBER_WORD.findall(text)}
    found |= {f"month:{m.lower()[:3]}" for m in _MONTH.findall(text)}
    for grade in _GRADE.findall(text):
        g = grade.lower()
        found.add("grade:requires improvement" if g.startswith("requir") else f"grade:{g}")
    return found


def _support(cosine: float, overlap: float) -> float:
    return cosine + _W_OVERLAP * overlap


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


@dataclass(frozen=True)
class Claim:
    """One sentence of the model's reply, without its [n] markers, and the passages it cites."""

    text: str
    cited: tuple[int, ...]


@dataclass(frozen=True)
class Span:
    """Evidence: one quotable unit of a passage, or two consecutive ones."""

    hit: Hit
    text: str  # what is compared with the claim (a table row's labelled cells)
    quote: str  # the document's own words for it, verbatim


@dataclass
class Verdict:
    claim: Claim
    supported: bool
    reason: str
    cosine: float = 0.0
    overlap: float = 0.0
    evidence: list[Span] = field(default_factory=list)  # one per passage to cite, best first


def parse_reply(reply: str) -> list[Claim]:
    """The reply's sentences, each with the passage numbers it cites."""
    claims: list[Claim] = []
    for line in reply.splitlines():
        line = _LABEL.sub("", _EMPHASIS.sub("", _LIST_BULLET.sub("", line)).strip())
        if not line:
            continue
        line = _MARKERS_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", line)
        for sentence in split_sentences(line):
            cited = tuple(int(n) for group in _MARKERS.findall(sentence) for n in re.findall(r"\d+", group))
            text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", _MARKERS.sub("", sentence))).strip()
            if not re.search(r"[A-Za-z]", text):
                if cited and claims:  # a marker left on its own after the full stop: it belongs to the sentence before
                    claims[-1] = Claim(claims[-1].text, claims[-1].cited + cited)
                continue
            claims.append(Claim(text, tuple(dict.fromkeys(cited))))
    return claims


def spans_of(hit: Hit) -> list[Span]:
    """Each sentence (or table row) of a passage, and each two consecutive sentences: a
    model's sentence often merges two. Quotes stay verbatim: a pair on one line is the exact
    slice of that line; across lines it is the two quotes, one per line."""
    p = hit.passage
    units: list[Unit] = units_of(hit)
    if not units:  # only fragments ("1. Domestic abuse."): compare with whole lines
        units = [Unit(hit, line, line) for line in p.text.split("\n") if line.strip()]
    spans = [Span(hit, u.text, u.quote) for u in units]
    for a, b in zip(units, units[1:]):
        line = next((ln for ln in p.text.split("\n") if a.quote in ln and b.quote in ln), None)
        if line is not None and line.find(a.quote) < line.find(b.quote):
            start = line.find(a.quote)
            quote = line[start : line.find(b.quote, start + len(a.quote)) + len(b.quote)]
        else:
            quote = f"{a.quote}\n{b.quote}"
        spans.append(Span(hit, f"{a.text} {b.text}", quote))
    return spans


class Checker:
    """Decides whether a sentence is supported by the passages it cites, and finds the
    evidence to quote. Uses the answerer's embedding model; no other model."""

    def __init__(self, encode: Callable[[list[str]], np.ndarray]) -> None:
        self._encode_uncached = encode
        self._vectors: dict[str, np.ndarray] = {}

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings, remembered: the same passages come back question after question, and
        encoding their spans is most of the check's time on a CPU."""
        found = {t: self._vectors.get(t) for t in texts}
        missing = [t for t, v in found.items() if v is None]
        if missing:
            fresh = dict(zip(missing, self._encode_uncached(missing)))
            found.update(fresh)
            if len(self._vectors) > 20_000:
                self._vectors.clear()
            self._vectors.update(fresh)
        return np.stack([found[t] for t in texts])

    def check(self, claims: list[Claim], hits: list[Hit]) -> list[Verdict]:
        cited_ids = sorted({n for c in claims for n in c.cited if 1 <= n <= len(hits)})
        spans = {n: spans_of(hits[n - 1]) for n in cited_ids}
        flat = [s for n in cited_ids for s in spans[n]]
        vectors = self._encode([c.text for c in claims] + [s.text for s in flat])
        claim_vecs, span_vecs = vectors[: len(claims)], vectors[len(claims) :]
        offset, span_rows = 0, {}
        for n in cited_ids:
            span_rows[n] = span_vecs[offset : offset + len(spans[n])]
            offset += len(spans[n])
        return [self._verdict(c, v, hits, spans, span_rows) for c, v in zip(claims, claim_vecs)]

    def _verdict(self, claim: Claim, vec: np.ndarray, hits: list[Hit], spans: dict, span_rows: dict) -> Verdict:
        cited = [n for n in claim.cited if 1 <= n <= len(hits)]
        if not cited:
            why = f"cites passage {', '.join(map(str, claim.cited))}, which was not given" if claim.cited else "cites no passage"
            return Verdict(claim, False, why)
        wanted, words = facts(claim.text), terms(claim.text)
        best: list[tuple[float, float, Span]] = []  # per cited passage: (cosine, overlap, span)
        for n in cited:
            p = hits[n - 1].passage
            context = terms(f"{p.title} {p.heading}")
            scored = []
            for span, span_vec in zip(spans[n], span_rows[n]):
                cosine = float(span_vec @ vec)
                overlap = len(words & (terms(span.text) | context)) / max(1, len(words))
                covered = len(wanted & facts(span.text)) / max(1, len(wanted))
                # Prefer the span that holds the sentence's figures: it is the one to quote.
                scored.append((_support(cosine, overlap) + 0.5 * covered, cosine, overlap, span))
            _, cosine, overlap, span = max(scored, key=lambda s: s[0])
            best.append((cosine, overlap, span))
        best.sort(key=lambda b: -_support(b[0], b[1]))
        cosine, overlap, top = best[0]
        entailed = _support(cosine, overlap) >= _MIN_SUPPORT and cosine >= _MIN_COSINE
        # Facts come from the quoted spans only, not the title: "inadequate in 2022" must not pass
        # on a history passage because its document is dated 2022.
        evidence_facts = set().union(*(facts(s.text) for _, _, s in best))
        missing = wanted - evidence_facts
        if missing:
            shown = ", ".join(sorted(m.split(":", 1)[-1] for m in missing))
            return Verdict(claim, False, f"the cited passage does not give {shown}", cosine, overlap)
        if not entailed:
            why = f"the cited passage does not say this (cosine {cosine:.2f}, overlap {overlap:.2f})"
            return Verdict(claim, False, why, cosine, overlap)
        if _negated(claim.text) != _negated(top.text):
            return Verdict(claim, False, "the sentence and its evidence disagree on a negation", cosine, overlap)
        evidence = [top]
        for c, o, span in best[1:]:
            # A further cited passage is quoted too when it supports the sentence on its own or
            # holds one of its facts: "Inadequate in 2014 [1] and Good in 2022 [2]" keeps both.
            if _support(c, o) >= _MIN_SUPPORT or wanted & facts(span.text) - facts(top.text):
                evidence.append(span)
        return Verdict(claim, True, "supported", cosine, overlap, evidence)


class Generator:
    """The Answerer's interface (`run`, `retriever`), answering through an LLM server."""

    def __init__(self, settings: Settings, answerer: Answerer) -> None:
        self.settings = settings
        self.answerer = answerer
        self._llm = None
        self._checker: Checker | None = None

    @property
    def retriever(self):
        return self.answerer.retriever

    def warm_up(self) -> "Generator":
        # Builds the client only: nothing is sent until a question comes, so the server may start later.
        from llama_index.llms.openai_like import OpenAILike

        self._llm = OpenAILike(
            model=self.settings.llm_model or "",
            api_base=self.settings.llm_url,
            api_key=self.settings.llm_api_key,
            is_chat_model=True,
            timeout=self.settings.llm_timeout_s,
            # A retry would double the wait before the fallback; a user asked a question.
            max_retries=0,
            temperature=0.0,
            max_tokens=MAX_REPLY_TOKENS,
        )
        self._checker = Checker(self.answerer.retriever.embedder.encode)
        return self

    def run(self, question: str, filters: Filters | None = None, previous: Scope | None = None) -> Answer:
        grounded = self.answerer.run(question, filters, previous)
        if not grounded.hits or _names_missing(grounded):
            # No passages, or the question is about a council, year or name the passages never
            # mention: the model could only answer from its own knowledge.
            return grounded
        if self._llm is None:
            self.warm_up()
        try:
            reply = self._ask(grounded.question, grounded.hits)
        except Exception as exc:  # noqa: BLE001 - whatever the server does, the user gets an answer
            reason = _why_failed(exc, self.settings.llm_timeout_s)
            log.warning("LLM server at %s did not answer: %s", self.settings.llm_url, reason)
            return _fallback(grounded, f"The LLM server at {self.settings.llm_url} did not answer ({reason}); {_GROUNDED}")
        return self._checked(grounded, reply)

    def prompt(self, question: str, hits: list[Hit]) -> tuple[str, str]:
        """The system and user messages for `question` over `hits`, numbered [1]..[k]."""
        passages = "\n\n".join(_passage_block(n, h) for n, h in enumerate(hits, 1))
        return (
            SYSTEM_PROMPT.format(sentences=max(3, self.settings.answer_sentences)),
            PROMPT.format(passages=passages, question=question),
        )

    def _ask(self, question: str, hits: list[Hit]) -> str:
        from llama_index.core.llms import ChatMessage

        system, user = self.prompt(question, hits)
        messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        response = self._llm.chat(messages)
        reply = (response.message.content or "").strip()
        if not reply:
            raise ValueError("an empty reply")
        log.debug("LLM reply: %s", reply)
        return reply

    def _checked(self, grounded: Answer, reply: str) -> Answer:
        claims = parse_reply(reply)
        # "The documents don't say who led it.": nothing to check against a passage, so never shown.
        claims = [c for c in claims if not _SAYS_NOTHING.search(c.text)]
        if not claims:
            log.info("LLM found no answer in the passages: %r", reply)
            return _fallback(grounded, f"The LLM found no answer in the passages; {_GROUNDED}")
        verdicts = self._checker.check(claims, grounded.hits)
        for v in verdicts:
            state = "kept" if v.supported else "removed"
            log.info("%s (%s, cosine %.2f, overlap %.2f): %s", state, v.reason, v.cosine, v.overlap, v.claim.text)
        kept = [v for v in verdicts if v.supported]
        removed = len(verdicts) - len(kept)
        if not kept:
            which = "its only sentence is" if len(verdicts) == 1 else f"none of its {len(verdicts)} sentences is"
            return _fallback(grounded, f"The LLM's answer was not used: {which} supported by the passages it cites; {_GROUNDED}")
        answer = _compose(grounded, kept)
        if removed == 1:
            answer.notice = "1 sentence the cited passages don't support was removed."
        elif removed:
            answer.notice = f"{removed} sentences the cited passages don't support were removed."
        return answer


def _passage_block(n: int, hit: Hit) -> str:
    p = hit.passage
    parts = (p.authority, p.date, f"page {p.page}" if p.page else "", p.heading.split(" > ")[-1])
    where = "".join(f", {part}" for part in parts if part)
    return PASSAGE.format(n=n, title=p.title, kind=KIND_LABELS.get(p.kind.value, p.kind.value), where=where, text=p.text)


def _names_missing(grounded: Answer) -> bool:
    """The grounded answer refused because the question names something no passage mentions."""
    if not grounded.answered and grounded.answer.startswith(NOT_FOUND) and not grounded.related:
        return True
    haystack = _plain(" ".join(f"{h.passage.title} {h.passage.source} {h.passage.text}" for h in grounded.hits))
    return any(f" {_plain(t)} " not in f" {haystack} " for t in salient_terms(grounded.question))


def _plain(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _compose(grounded: Answer, kept: list[Verdict]) -> Answer:
    """The kept sentences, each followed by its citations, numbered densely in order of first use."""
    citations: list[Citation] = []
    numbers: dict[tuple[str, str], int] = {}
    parts = []
    for verdict in kept:
        marks = []
        for span in verdict.evidence:
            p = span.hit.passage
            key = (p.id, span.quote)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(Citation.of(numbers[key], p, span.quote, verdict.claim.text))
            else:  # a second sentence resting on the same quote: highlight both
                i = numbers[key] - 1
                citations[i] = replace(citations[i], answer_text=f"{citations[i].answer_text} {verdict.claim.text}")
            if f"[{numbers[key]}]" not in marks:
                marks.append(f"[{numbers[key]}]")
        parts.append(f"{verdict.claim.text} {''.join(marks)}")
    return Answer(
        grounded.question, " ".join(parts), True, citations, scope=grounded.scope, mode="generated", hits=grounded.hits
    )


def _fallback(grounded: Answer, notice: str) -> Answer:
    grounded.notice = f"{grounded.notice} {notice}".strip()
    return grounded


def _why_failed(exc: Exception, timeout_s: float) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return f"no reply within {timeout_s:g} s (IA_LLM_TIMEOUT_S / --llm-timeout)"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc
        return f"could not connect: {cause}" if str(cause) else "could not connect"
    if isinstance(exc, openai.APIStatusError):
        detail = re.sub(r"\s+", " ", str(exc.message))[:120]
        return f"HTTP {exc.status_code}: {detail}"
    return f"{type(exc).__name__}: {str(exc)[:120]}" if str(exc) else type(exc).__name__
