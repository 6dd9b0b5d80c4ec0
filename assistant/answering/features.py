"""Features: each candidate sentence gets a row of named numbers, and its score is their sum
weighted by `FeatureWeights` (from a preset file). Each feature is a small function with one job,
so `evaluate --show-failures` can say what each one thought of the sentence chosen and of the
one that should have been.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from assistant.answering.candidates import LABEL_LINE, Unit
from assistant.answering.lists import asks_scope, sets_out_items, states_scope
from assistant.answering.needs import GRADE, YEAR
from assistant.answering.question import Intent, Question, terms
from assistant.answering.settings import FeatureWeights
from assistant.answering.whether import in_one_word, states_polarity
from indexer.types import DocKind, Passage
from indexer.words import normal  # noqa: F401 (re-exported)


class CorpusStats:
    """How rare each word is across the indexed passages (IDF): a question's rare words say
    what it is about; the words in nearly every passage ("children", "council") don't."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        passages = list(passages)
        self._set(Counter(t for p in passages for t in terms(p.embed_text)), len(passages))

    @classmethod
    def from_counts(cls, df: dict[str, int], n: int) -> "CorpusStats":
        """From the document frequencies the indexer counted (indexer.serving), with the same words."""
        stats = cls.__new__(cls)
        stats._set(df, n)
        return stats

    def _set(self, df: dict[str, int], n: int) -> None:
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unseen_idf = math.log((n + 1) / 0.5)  # a word no document uses weighs most

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unseen_idf)

    def knows(self, term: str) -> bool:
        return term in self.idf


@dataclass
class Context:
    """What the features of one question's candidates are computed from, computed once."""

    question: Question
    units: list[Unit]
    unit_cos: np.ndarray  # each candidate's cosine with the question
    passage_cos: dict[str, float]  # each passage's cosine with the question
    stats: CorpusStats
    quote_match: float = 90.0  # Selection.quote_match: how closely quoted words must be held

    def __post_init__(self) -> None:
        q = self.question
        self.weight = {t: self.stats.weight(t) for t in q.words}
        self.total = sum(self.weight.values()) or 1.0
        # Names and years the question is about, weighted by rarity: "2014" singles out a
        # sentence, "Manchester" (in nearly every passage of a Manchester corpus) does not.
        self.named = {normal(t): max((self.stats.weight(w) for w in terms(t)), default=0.0) for t in q.salient}
        self.named_total = len(self.named) * self.stats.unseen_idf or 1.0
        self.years = set(q.scope.years)
        self.rank = {h.passage.id: i for i, h in enumerate(dict.fromkeys(u.hit for u in self.units))}
        self.n_hits = max(1, len(self.rank))
        self.own = [terms(f"{u.text} {u.hit.passage.heading}") for u in self.units]


Feature = Callable[[Context, int], float]


def _sentence(c: Context, i: int) -> float:
    """Meaning: the embedding model's cosine between the sentence and the question."""
    return float(c.unit_cos[i])


def _passage(c: Context, i: int) -> float:
    """Meaning, a little, of the passage the sentence stands in."""
    return float(c.passage_cos[c.units[i].hit.passage.id])


def _words(c: Context, i: int) -> float:
    """Share of the question's vocabulary (IDF-weighted, stemmed) the sentence has."""
    return sum(c.weight[t] for t in c.question.words & c.own[i]) / c.total


def _words_in_context(c: Context, i: int) -> float:
    """The same with the sentence before it, which often holds the subject ("Social workers ... They valued")."""
    unit = c.units[i]
    before = c.units[i - 1].text if i and c.units[i - 1].hit.passage.id == unit.hit.passage.id else ""
    return sum(c.weight[t] for t in c.question.words & (c.own[i] | terms(before))) / c.total


def _wrong_type(c: Context, i: int) -> float:
    """1 when the question wants a type (a number, a date, a person, a grade) the sentence lacks."""
    kind = c.question.expected
    return 1.0 if kind is not None and not kind.search(c.units[i].text) else 0.0


def _names(c: Context, i: int) -> float:
    """The rarer names and years the question gives ("2014") that the sentence contains."""
    text = f" {normal(c.units[i].text)} "
    return sum(w for t, w in c.named.items() if f" {t} " in text) / c.named_total


def _year(c: Context, i: int) -> float:
    """From a document of the year the question names: dated that year, or about that year's
    inspection (a report published in January on the November inspection). For a part naming
    no year, the years its question's other parts name (Question.near_years)."""
    years = c.years or set(c.question.near_years)
    return 1.0 if years and years & c.units[i].hit.passage.years else 0.0


def _report(c: Context, i: int) -> float:
    """From the inspection report itself, when the question asks what inspectors said."""
    return 1.0 if c.question.inspectors and c.units[i].hit.passage.kind is DocKind.INSPECTION_REPORT else 0.0


def _rank(c: Context, i: int) -> float:
    """Retrieval's fused rank (dense and keyword agreeing): evidence the sentence scores miss."""
    return 1 - c.rank[c.units[i].hit.passage.id] / c.n_hits


def _grade_row(c: Context, i: int) -> float:
    """A judgement table's row, for a question asking for a grade."""
    unit = c.units[i]
    return 1.0 if c.question.expected is GRADE and unit.hit.passage.is_table_row and GRADE.search(unit.text) else 0.0


def _unasked_label(c: Context, i: int) -> float:
    """A document's header line ("Council: Birmingham City Council") the question does not ask
    about: it shares the question's names, so scores well, but answers nothing."""
    unit = c.units[i]
    if unit.hit.passage.is_table_row:
        return 0.0
    label = LABEL_LINE.match(unit.text)
    if not label or len(unit.text.split()) > 15:
        return 0.0
    named = terms(label.group(1))
    # A question for a date asks what a date's label holds ("when was the report published?":
    # "Publication date: ...", whose word for publishing is another form of it).
    return 0.0 if named & c.question.words or (c.question.need is not None and "date" in c.question.need.what and named & _DATE_LABEL) else 1.0


_DATE_LABEL = frozenset(terms("date dates day days"))


def _other_year(c: Context, i: int) -> float:
    """Names only other years than the question's: "In 2017, by contrast, ..." in a 2022 report."""
    if not c.years:
        return 0.0
    named = {int(y) for y in YEAR.findall(c.units[i].text)}
    return 1.0 if named and not any(y in c.years or y - 1 in c.years for y in named) else 0.0


def _bias(c: Context, i: int) -> float:
    """A constant: a fitted model's intercept (0 in the hand-set preset)."""
    return 1.0


def _numbered(c: Context, i: int) -> float:
    """The row or item numbered as the question asks ("the first area" is row 1)."""
    pattern = c.question.numbered
    return 1.0 if pattern and pattern.match(c.units[i].text) else 0.0


def _list_asked(c: Context, i: int) -> float:
    """A whole list, for a question asking for several things: the list answers it, a sentence
    about the list ("These areas sit alongside the plan") does not. So does a sentence giving
    the items itself ("... to improve A, B and C", "two areas: A, and B"), and, for a question
    asking what a visit looked at, the sentence saying what it looked at (lists.py)."""
    q, unit = c.question, c.units[i]
    if not q.wants_list:
        return 0.0
    if unit.holds_list:
        return 1.0
    # Not a summary's (its points are findings, whatever their form), nor where the need names
    # the list and says what holds it ("the areas for priority action themselves": a sentence
    # giving four areas looked at is no such list).
    if q.intent is Intent.SUMMARY or (q.need is not None and q.need.lists):
        return 0.0
    # A table row's cells ("Area: ... — Action: ...") are a record's fields, not a list run in.
    if unit.hit.passage.is_table_row:
        return 0.0
    return 1.0 if sets_out_items(unit.text) or (asks_scope(q.asks) and states_scope(unit.text)) else 0.0


def _in_role(c: Context, i: int) -> float:
    """Names a person (or, for a plan action, a post) beside the role the question asks for
    ("who was the DCS?": "Ann Graham, director of children's services, said ..."). Such a
    sentence is the answer however little else it shares with the question: its cosine with
    "who was X's DCS at the 2018 inspection?" is low, since the question's words are about when
    and the sentence's about what the person said."""
    need = c.question.need
    if need is None or not need.what.startswith("who the "):
        return 0.0
    unit = c.units[i]
    return 1.0 if need.met(unit.follow_on or unit.text) else 0.0


def _quoted(c: Context, i: int) -> float:
    """Holds the words the question quotes ("who said 'we are not there yet'?"), with its
    speaker's sentence when it does not name them (speakers.py): such a sentence is the answer
    however little else of the question it shares (its other words are the news page's)."""
    quoted = c.question.quoted
    if not quoted:
        return 0.0
    from assistant.retrieval import holds_quotes

    unit = c.units[i]
    return 1.0 if holds_quotes(unit.follow_on or unit.text, quoted, c.quote_match) else 0.0


def _decides(c: Context, i: int) -> float:
    """For a yes-or-no question, the share of its proposition (whether.proposition, IDF-weighted)
    the sentence holds: "did the visit find workloads had improved?" is decided by a sentence
    about workloads improving, not by the letter's frame naming the visit (whose words are not
    the proposition's)."""
    prop = c.question.proposition
    if not prop:
        return 0.0
    unit = c.units[i]
    own = in_one_word(c.own[i] | (terms(unit.follow_on) if unit.follow_on else set()))
    total = sum(c.stats.weight(t) for t in prop) or 1.0
    return sum(c.stats.weight(t) for t in prop & own) / total


def _polar(c: Context, i: int) -> float:
    """The same share, for a sentence stating a polarity or a quantity ("no aspect ... judged
    inadequate", "did not identify any new areas", "in 7 of the 9 areas"): it answers yes or
    no in its own words, as a bare mention of the subject does not."""
    share = _decides(c, i)
    return share if share and states_polarity(c.units[i].follow_on or c.units[i].text) else 0.0


# In the order the score adds them (kept, so scores are bit-for-bit those of the weighted sum
# this replaced, and no answer moved).
FEATURES: dict[str, Feature] = {
    "sentence": _sentence,
    "passage": _passage,
    "words": _words,
    "words_in_context": _words_in_context,
    "wrong_type": _wrong_type,
    "names": _names,
    "year": _year,
    "report": _report,
    "rank": _rank,
    "grade_row": _grade_row,
    "unasked_label": _unasked_label,
    "other_year": _other_year,
    "numbered": _numbered,
    "list_asked": _list_asked,
    "in_role": _in_role,
    "quoted": _quoted,
    "decides": _decides,
    "polar": _polar,
    "bias": _bias,
}


def feature_rows(context: Context) -> np.ndarray:
    """One row per candidate, one column per feature (FEATURES' order)."""
    fns = list(FEATURES.values())
    return np.array([[f(context, i) for f in fns] for i in range(len(context.units))], dtype=np.float64).reshape(
        len(context.units), len(fns)
    )


def scores(rows: np.ndarray, weights: FeatureWeights) -> np.ndarray:
    """The weighted sum of each row, added column by column in FEATURES' order."""
    w = weights.model_dump()
    total = np.zeros(rows.shape[0])
    for j, name in enumerate(FEATURES):
        total = total + w[name] * rows[:, j]
    return total
