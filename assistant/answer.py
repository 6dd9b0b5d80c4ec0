"""The default, offline answer: the documents' own sentences that best answer the question, each cited.

No language model writes anything here. Each retrieved passage is cut into sentences (a
table row stays whole, with its column headers) and each sentence is scored on:
- meaning: the embedding model's cosine with the question (and, a little, its passage's);
- words: how much of the question's rarer vocabulary (IDF-weighted, stemmed) it contains,
  alone and with the sentence before it (which often holds the subject: "Social workers ... They valued");
- type: a "how many" question wants a number, "when" a date, "who" a person or role;
- names: the rarer names and years the question gives ("2014") that the sentence contains.
The best few are quoted with their sources, each with the next sentence when that one leans
on it ("They valued ..."). When the best is not close enough, or the
question names something the retrieved documents never mention, the answer says the
documents don't say, and lists the closest passages as related reading, not as an answer.
The weights and `min_score` were chosen on tests/qa/dev.jsonl (see `assistant.evaluate --sweep`).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import Stemmer

from assistant.retrieval import Retriever
from assistant.types import Answer, Citation, Filters, Hit, Scope
from indexer.sentences import split_sentences
from indexer.settings import Settings

log = logging.getLogger(__name__)

NOT_FOUND = "The indexed documents don't say."

# Near-ties with the best sentence are worth quoting too; anything further below is noise.
_KEEP_WITHIN = 0.12
# Feature weights, from a grid search on the development questions, then _W_NAMED tuned
# end to end (0.25-0.35 kept refusal at 1.00 and raised facts 0.49 -> 0.57; 0.5 let an
# unanswerable question through).
_W_SENTENCE, _W_PASSAGE, _W_WORDS, _W_WORDS_IN_CONTEXT, _TYPE_PENALTY = 0.5, 0.1, 0.35, 0.1, 0.15
_W_NAMED = 0.35
_STOPWORDS = set(
    "a an the of in on for to and or is are was were be been did does do what which who whom whose when where "
    "why how has have had it its this that these those with about from by at as into than then there their they "
    "them he she his her our we you your i me my any all can could should would will may might please tell give "
    "show get got say said make made".split()
)
_STEMMER = Stemmer.Stemmer("english")
_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|half|third|quarter)\b", re.I)
_DATE = re.compile(r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I)
# A person is named by a role or title; two capitalised words alone also match "Manchester City".
_PERSON = re.compile(
    r"\b(cllr|councillor|mayor|director|chair|chairman|chairwoman|chief|executive member|member|officer|manager|"
    r"minister|inspector|head of|lead member|mr|mrs|ms|miss|dr|professor|social worker)s?\b",
    re.I,
)
_MIN_WORDS = 4
# Capitalised words that name no particular thing: they don't make a question specific.
_GENERIC = {
    "cllr", "councillor", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "does", "do", "is", "are",
    "was", "were", "has", "have", "can", "could", "should", "would", "will", "the", "a", "an", "in", "on",
    "of", "for", "and", "or", "to", "tell", "give", "show", "list", "summarise", "summarize", "explain",
    "ofsted", "council", "councils", "city", "committee", "inspectors", "inspector", "inspection", "report",
    "minutes", "plan", "action", "children", "children's", "services", "service", "local", "authority",
    "ilacs", "send", "i", "we", "our", "my", "me", "please", "according", "member", "members", "chair",
}


@dataclass(frozen=True)
class Unit:
    """A quotable piece of a passage: one sentence, or one whole table row."""

    hit: Hit
    text: str  # what the answer shows
    quote: str  # the document's own words for it
    follow_on: str | None = None  # the next sentence, when it leans on this one ("They ...")


# A sentence opening with one of these continues the one before it ("They valued the support",
# "“Our latest rating is ...” he said"): quoted alone, the earlier one would miss its point.
_LEANS_ON_PREVIOUS = re.compile(r"^(?:[“\"‘']|(?:they|their|them|he|his|she|her|it|its|this|these|those|such)\b)", re.I)


def units_of(hit: Hit) -> list[Unit]:
    p = hit.passage
    if p.is_table_row:
        return [Unit(hit, p.text, p.verbatim or p.text)]
    units = []
    for line in p.text.split("\n"):
        sentences = split_sentences(line)
        for i, sentence in enumerate(sentences):
            if len(sentence.split()) < _MIN_WORDS:
                continue
            after = sentences[i + 1] if i + 1 < len(sentences) else ""
            follow_on = None
            if after and _LEANS_ON_PREVIOUS.match(after):
                # The exact slice of the line, so the pair is still verbatim.
                start = line.find(sentence)
                follow_on = line[start : line.find(after, start + len(sentence)) + len(after)]
            units.append(Unit(hit, sentence, sentence, follow_on))
    return units


def terms(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return set(_STEMMER.stemWords([w for w in words if w not in _STOPWORDS]))


def expected_type(question: str) -> re.Pattern | None:
    """What an answer to this question must contain, if the question says."""
    q = question.lower().strip()
    if re.search(r"\bhow (many|much)\b|\bwhat (share|percentage|proportion|number)\b|\bhow big\b", q):
        return _NUMBER
    if re.search(r"^when\b|\bwhat date\b|\bwhich (year|month|date)\b|\bdeadlines?\b|\bby when\b|\bdue date\b", q):
        return _DATE
    if re.search(r"^(who|whose)\b|\bwhich (officer|councillor|member|director|person)\b", q):
        return _PERSON
    return None


def salient_terms(question: str) -> list[str]:
    """Names and years a question is specifically about ("Stockport", "2019")."""
    found = re.findall(r"\b(?:19|20)\d\d\b", question)
    words = re.findall(r"[A-Za-z][\w'’-]*", question)
    for i, word in enumerate(words):
        bare = re.sub(r"['’]s$", "", word)
        if i > 0 and bare[:1].isupper() and bare.lower() not in _GENERIC and len(bare) > 2:
            found.append(bare)
    return found


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def scope_of(question: str, previous: Scope | None = None) -> Scope:
    """The councils and years the question names; when it names neither, the previous
    question's (a follow-up: "and what about care leavers?")."""
    from indexer import councils

    named = tuple(dict.fromkeys(councils.find(question)))
    years = tuple(dict.fromkeys(int(y) for y in _YEAR.findall(question)))
    if named or years:
        if previous and not named:
            named = previous.authorities  # "what about 2019?" keeps the council
        return Scope(named, years)
    if previous:
        return Scope(previous.authorities, previous.years, inherited=True)
    return Scope()


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _words(text: str) -> set[str]:
    return set(_normal(text).split())


class Answerer:
    def __init__(self, settings: Settings, retriever: Retriever | None = None) -> None:
        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self._vectors: dict[str, np.ndarray] = {}
        self._idf: dict[str, float] | None = None

    def warm_up(self) -> "Answerer":
        self.retriever.warm_up()
        self._learn_vocabulary()
        return self

    def _learn_vocabulary(self) -> None:
        passages = self.retriever.passages.values()
        df = Counter(t for p in passages for t in terms(p.embed_text))
        n = len(self.retriever.passages)
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._unseen_idf = math.log((n + 1) / 0.5)  # a word no document uses weighs most

    def run(self, question: str, filters: Filters | None = None, previous: Scope | None = None) -> Answer:
        """Answer `question` from the documents `filters` allow. `previous` is the scope of the
        question before in the same conversation: a follow-up that names no council or year
        is taken to be about the same ones."""
        if self._idf is None:
            self.warm_up()
        question = question.strip()
        if not question:
            return Answer(question, "Ask a question about the indexed documents.", False)
        scope = scope_of(question, previous)
        answer = self._answer(question, filters or Filters(), scope)
        answer.scope = scope
        return answer

    def _answer(self, question: str, filters: Filters, scope: Scope) -> Answer:
        embedder = self.retriever.embedder
        q_vec = embedder.encode([question])[0]
        hits = self.retriever.run(question, embedding=q_vec, filters=filters, scope=scope)
        if not hits:
            return Answer(question, NOT_FOUND, False)

        missing = self._unmentioned(question, hits)
        if missing:
            absent = [t for t in missing if not terms(t) <= self._idf.keys()]
            reason = (
                f"They don't mention {', '.join(absent)}."
                if absent
                else f"The passages closest to the question don't mention {', '.join(missing)}."
            )
            return Answer(question, f"{NOT_FOUND} {reason}", False, related=hits if not absent else [], hits=hits)

        units = [u for h in hits for u in units_of(h)]
        if not units:
            return Answer(question, NOT_FOUND, False, related=hits)
        scores = self.score(question, q_vec, units)
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        log.debug("best sentence %.3f: %s", best, units[order[0]].text)
        if best < self.settings.min_score:
            return Answer(question, f"{NOT_FOUND} No passage answers this closely enough.", False, related=hits)

        chosen: list[Unit] = []
        for i in order:
            if len(chosen) >= self.settings.answer_sentences or scores[i] < max(self.settings.min_score, best - _KEEP_WITHIN):
                break
            if any(self._same_point(units[i], c) for c in chosen):
                continue
            unit = units[i]
            if unit.follow_on:
                unit = Unit(unit.hit, unit.follow_on, unit.follow_on)
            chosen.append(unit)
        answer = self.compose(question, chosen)
        answer.hits = hits
        return answer

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings of sentences and passages, remembered: the same passages come back for
        question after question, and encoding them is most of an answer's time. Results are
        read from a local mapping so a concurrent request clearing the cache cannot break this one."""
        found = {t: self._vectors.get(t) for t in texts}
        missing = [t for t, v in found.items() if v is None]
        if missing:
            fresh = dict(zip(missing, self.retriever.embedder.encode(missing)))
            found.update(fresh)
            if len(self._vectors) > 50_000:
                self._vectors.clear()
            self._vectors.update(fresh)
        return np.stack([found[t] for t in texts])

    def score(self, question: str, q_vec: np.ndarray, units: list[Unit]) -> np.ndarray:
        unit_vecs = self._encode([u.text for u in units])
        passages = list({u.hit.passage.id: u.hit.passage for u in units}.values())
        passage_cos = dict(zip((p.id for p in passages), self._encode([p.embed_text for p in passages]) @ q_vec))

        wanted = terms(question)
        weight = {t: self._idf.get(t, self._unseen_idf) for t in wanted}
        total = sum(weight.values()) or 1.0
        kind = expected_type(question)
        # Names and years the question is about, weighted by rarity: "2014" singles out a
        # sentence, "Manchester" (in nearly every passage of a Manchester corpus) does not.
        named = {_normal(t): max((self._idf.get(w, self._unseen_idf) for w in terms(t)), default=0.0) for t in salient_terms(question)}
        named_total = len(named) * self._unseen_idf or 1.0
        scores = []
        for i, (unit, vec) in enumerate(zip(units, unit_vecs)):
            own = terms(f"{unit.text} {unit.hit.passage.heading}")
            before = units[i - 1].text if i and units[i - 1].hit.passage.id == unit.hit.passage.id else ""
            with_context = own | terms(before)
            scores.append(
                _W_SENTENCE * float(vec @ q_vec)
                + _W_PASSAGE * float(passage_cos[unit.hit.passage.id])
                + _W_WORDS * sum(weight[t] for t in wanted & own) / total
                + _W_WORDS_IN_CONTEXT * sum(weight[t] for t in wanted & with_context) / total
                - (_TYPE_PENALTY if kind is not None and not kind.search(unit.text) else 0.0)
                + _W_NAMED * sum(w for t, w in named.items() if f" {t} " in f" {_normal(unit.text)} ") / named_total
            )
        return np.array(scores)

    def _unmentioned(self, question: str, hits: list[Hit]) -> list[str]:
        """Names and years in the question that none of the retrieved passages contains:
        answering about Manchester when asked about Stockport is the worst failure."""
        haystack = _normal(" ".join(f"{h.passage.title} {h.passage.source} {h.passage.text}" for h in hits))
        return [t for t in salient_terms(question) if f" {_normal(t)} " not in f" {haystack} "]

    @staticmethod
    def _same_point(a: Unit, b: Unit) -> bool:
        wa, wb = _words(a.text), _words(b.text)
        return len(wa & wb) / max(1, min(len(wa), len(wb))) > 0.8

    @staticmethod
    def compose(question: str, units: list[Unit]) -> Answer:
        citations: list[Citation] = []
        numbers: dict[tuple[str, str], int] = {}
        parts = []
        for unit in units:
            p = unit.hit.passage
            key = (p.id, unit.quote)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(
                    Citation(
                        n=numbers[key], source=p.source, title=p.title, kind=p.kind.value,
                        page=p.page, quote=unit.quote, heading=p.heading, passage_id=p.id,
                        authority=p.authority, date=p.date, answer_text=unit.text,
                    )
                )
            parts.append(f"{unit.text} [{numbers[key]}]")
        return Answer(question, " ".join(parts), True, citations)
