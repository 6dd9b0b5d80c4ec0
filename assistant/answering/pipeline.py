"""The default, offline answer: the documents' own sentences that best answer the question, each cited.

No language model writes anything here. The pipeline, one named part a step:

1. `question.parse_parts`: the question, parsed once into its parts (`Question`: intent, scope,
   need, words, names).
2. `Retriever.run`: the passages, scoped to the councils and years asked about.
3. The names check: a question naming something its council's documents never mention
   ("2025") is refused.
4. `candidates.units_of`: each passage cut into quotable candidates (sentences, table rows, a
   list with its introduction).
5. `gates`: trust rules a candidate must pass (the question's need, its subject).
6. `features`: a row of named numbers per candidate, weighted by the preset's weights.
7. Selection: the best candidate above `min_score`, with near-ties, one per council for a
   comparison, near-duplicates dropped.
8. `compose`: the quotes with their citations.

`Answer.trace` keeps what each step found (for `evaluate --show-failures`). The weights and
`min_score` were chosen on tests/qa/dev.jsonl and the development set under benchmarks/devset
(see `assistant.evaluate --sweep`).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import zip_longest

import numpy as np

from assistant.answering.candidates import BULLET, Unit, units_of
from assistant.answering.compose import NOT_FOUND, compose
from assistant.answering.features import FEATURES, CorpusStats, Context, feature_rows, normal, scores
from assistant.answering.events import asks_what_inspection_found
from assistant.answering.frame import is_frame
from assistant.answering.lists import asks_improvements, sets_out_items, states_scope
from assistant.answering.gates import SENTENCE_END, PointGate, gates_for, of_year, refusal, run_gates, topic_words
from assistant.answering.needs import GRADE, SIGNATORY, judgement_line, signs_off
from assistant.answering.records_answer import RecordAnswers, Route, classify, route_of
from assistant.answering.question import (
    GENERIC, Intent, STOPWORDS, Question, asks_speaker, council_sides, forms_of, occasion_lead, parse_parts, salient_terms, scope_of, spelt_out_in,
    terms, with_successors,
)
from assistant.answering.sections import MOST_ITEMS, Leaning, leaning_asked, rank_documents, section_lines
from assistant.answering.speakers import authors_words, byline, whole_quotation, with_speakers
from assistant.answering.spelling import Speller
from assistant.answering.settings import AnswerSettings
from assistant.retrieval import Retriever
from assistant.types import Answer, Citation, Filters, Hit, Scope
from indexer.embedding import model_words
from indexer.sentences import split_sentences
from indexer.settings import Settings
from indexer.types import DocKind, Passage, year_of
from indexer.vocabulary import CHANGE_WORDS, GRADE_ALTERNATION, GRADE_PATTERN, Grade, JudgementArea, grade_of
from indexer.vocabulary import (
    ACRONYMS, HISTORY_WORDS, INSPECTION_ITEM_WORDS, SUMMARY_AUDIENCE, VISIT_NAMING_WORDS, DOCUMENT_EVENT_WORDS, GRADE_CHANGE_WORDS, DOCUMENT_KIND_WORDS, DOCUMENT_NAMING_WORDS, DOCUMENT_NOUNS, MONTH_NAMES, QUESTION_AREA_PHRASES, VERSUS_WORDS, WEEKDAYS, areas_named,
    spell_out_months,
)
from indexer.vocabulary import FRAMEWORK_YEARS, INSPECTOR_WORDS, alternation, expansions, initials_pattern
from indexer.councils import COUNCILS, question_spans
from indexer.records.improvements import is_improvement_heading

log = logging.getLogger(__name__)

# The records classes a part of a mixed question is answered from, as it would be asked alone.
_RECORD_PARTS = (Route.GRADES, Route.HISTORY, Route.SELECTION, Route.IMPROVEMENTS)

__all__ = ["Answerer", "NOT_FOUND", "PartTrace", "Unit", "salient_terms", "terms", "units_of"]


@dataclass
class PartTrace:
    """What the pipeline found for one part of a question: every candidate with its feature row,
    which gates it passed, its score, and what was chosen (or why nothing was)."""

    question: Question
    hits: list[Hit] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    features: np.ndarray | None = None
    gates: dict[str, np.ndarray] = field(default_factory=dict)
    scores: np.ndarray | None = None
    chosen: list[Unit] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    refusal: str = ""
    refused_by: str = ""  # the step that refused: "names", "gates", "threshold", "retrieval"
    anchor: str = ""  # a whole-document summary's document (Answerer._summary_document)
    # The documents a part that points back must be answered from: those that answered the part
    # it points to ("when was the visit and what did it find?": the visit's own letter).
    within: frozenset[str] = frozenset()
    # A part the inspection records answer ("... and what were the grades?"), as they answer it
    # asked alone (records_answer): their list, each value cited, stands for the part.
    from_records: Answer | None = None
    one_of_several: bool = False  # a part of a question asking two things or more
    # The byline of the document whose author's own words a candidate is, by the candidate's id
    # ("who wrote that ...?" of a column: speakers.byline), quoted before it when it is chosen.
    bylines: dict[int, Unit] = field(default_factory=dict)


# A sentence that leans on the one before it: "These areas ...", "This was ...", "As set out above".
POINTS_BACK = re.compile(
    r"^(?:these|those|such|both|the latter|the former)\s+(?!letters?\b|reports?\b|documents?\b|minutes\b|pages?\b)\w+|"
    r"^(?:as\s+)?(?:described|set out|noted|listed|mentioned|outlined)\s+above\b",
    re.I,
)


def _items(unit: Unit) -> list[Unit]:
    """A list chosen as an answer, as its introduction and its items, each quoted (and so cited)
    on its own: a member can check every item against its line in the document."""
    lines = [line for line in unit.quote.split("\n") if line.strip()]
    if len(lines) < 2 or not (lines[0].rstrip().endswith(":") or any(BULLET.match(line) for line in lines[1:])):
        return [unit]  # not a list: a sentence and the one it leans on stay one quote
    return [Unit(unit.hit, line.strip(), line) for line in lines]


# A line set out as a label and its value ("Circulation: all councillors", "Owner: Director of
# ...") or a few words ("Bolton Council – Children's Services."): a document's front matter, no
# finding for its headline.
_LABEL = re.compile(r"^[\w'’ ]{1,30}:\s")
_PROSE_MIN_WORDS = 6
# The lines of a "What needs to improve" section a whole-document summary quotes (a list is one).
_IMPROVE_POINTS = 2
# The passages a whole-document summary's opening is read over.
_OPENING_PASSAGES = 2


# Whose words a findings section is: the inspectors' ("what concerns did inspectors raise?").
_INSPECTOR_WORDS = frozenset(INSPECTOR_WORDS)


def _section_units(lines: list[tuple[Passage, str]], score: dict[str, float], floor: float) -> list[Unit]:
    """A section's lines as candidates, each quoted on its own: a line's own quotable pieces
    (a line of run-in bullets is several), only its marked items where some are marked (a letter's
    sign-off run into the last item is not one), at most `MOST_ITEMS`."""
    out: list[Unit] = []
    for p, line in lines:
        hit = Hit(p, score.get(p.id, floor))
        mine = [u for u in units_of(hit) if not u.is_list and u.quote in line]
        out.extend(mine or [Unit(hit, line, line)])
    if any(BULLET.match(u.quote) for u in out):
        out = [u for u in out if BULLET.match(u.quote)]
    seen: set[str] = set()
    return [u for u in out if not (u.quote in seen or seen.add(u.quote))][:MOST_ITEMS]


def _paragraph_of(unit: Unit, eligible: list[Unit]) -> list[Unit]:
    """The other eligible sentences of `unit`'s paragraph (its line of its passage's text), in
    their order; none for a list, a table row or a sentence quoted with the next."""
    p = unit.hit.passage
    if unit.is_list or unit.follow_on or p.is_table_row:
        return []
    line = next((line for line in p.text.split("\n") if unit.quote in line), None)
    if line is None:
        return []
    mates = [u for u in eligible if u.hit.passage.id == p.id and u is not unit and not u.is_list and not u.follow_on and u.quote in line]
    return sorted(mates, key=lambda u: line.index(u.quote))


def _passing(gates: dict[str, np.ndarray], n: int, but: tuple[str, ...]) -> np.ndarray:
    """Which of `n` candidates pass every gate in `gates` except those named in `but` (all of
    them when no other gate is set)."""
    return np.logical_and.reduce([v for k, v in gates.items() if k not in but] or [np.ones(n, dtype=bool)])


def _is_prose(text: str) -> bool:
    return not _LABEL.match(text) and len(text.split()) >= _PROSE_MIN_WORDS


# A line that ends as a sentence does (an item of a list ending ";" too), not an address or a heading.
def _only_other_years(text: str, passage) -> bool:
    """Whether `text` names years, none of them its document's own (its date's and its
    inspection's)."""
    named = {int(y) for y in _YEAR.findall(text)}
    return bool(named and passage.years and not named & passage.years)


def _of_another_year(unit: Unit) -> bool:
    """Whether `unit` is a grade row naming only years other than its document's own (its date's
    and its inspection's): a history table's row of an earlier inspection."""
    return bool(unit.hit.passage.is_table_row and GRADE.search(unit.text) and _only_other_years(unit.text, unit.hit.passage))


@lru_cache(maxsize=1)
def _council_stems() -> frozenset[str]:
    """The stemmed words of every council's name."""
    return frozenset(terms(" ".join(COUNCILS)))


def _names_other_years(unit: Unit) -> bool:
    """Whether `unit` names years, none of them its document's own ("In 2017, by contrast, ..." in
    a 2022 report): about an earlier inspection, whatever form it has."""
    return _only_other_years(unit.follow_on or unit.text, unit.hit.passage)


def _history_row(unit: Unit) -> bool:
    """Whether `unit` is a grade row naming a year: a row of an inspection history table."""
    return bool(unit.hit.passage.is_table_row and GRADE.search(unit.text) and _YEAR.search(unit.text))


# The words a summary of a whole document is asked with (indexer.vocabulary).
# A month however written ("feb 2023", "sept") says when, not what about.
_DOCUMENT_WORDS = frozenset(terms(" ".join(DOCUMENT_EVENT_WORDS + DOCUMENT_NOUNS + MONTH_NAMES))) | {
    m[:3] for m in MONTH_NAMES
} | {"sept"}
# A kind of document named ("the cabinet report", "the SEND revisit letter"): which one is asked,
# not what about (Answerer._summary_document picks the document by them).
_NAMING_STEMS = frozenset(terms(" ".join(DOCUMENT_NAMING_WORDS)))
_DOCUMENT_WORDS |= _NAMING_STEMS
_VISIT_STEMS = frozenset(terms(" ".join(VISIT_NAMING_WORDS)))
# A document named by what it is ("the report", "the letter", "the minutes", "the plan"), not by
# its event ("the 2019 inspection"): a summary of it is of that document alone.
_NOUN_STEMS = frozenset(terms(" ".join(n for n in DOCUMENT_NOUNS if n != "summary")))
_KIND_STEMS = {kind: frozenset(terms(" ".join(words))) for kind, words in DOCUMENT_KIND_WORDS.items()}


# An agenda item about the inspection, by its heading or, in run-on minutes, its own words.
_INSPECTION_ITEM = re.compile(rf"\b(?:{alternation(INSPECTION_ITEM_WORDS)})\b", re.I)
_INSPECTION_TEXT = re.compile(rf"\b(?:{alternation(INSPECTION_ITEM_WORDS)}|inspectors?)\b", re.I)
# A summary asking about the inspection ("summarise X's 2020 inspection", "the ILACS outcome"),
# not about a meeting's whole business ("summarise the May 2020 cabinet minutes").
_ASKS_INSPECTION = re.compile(
    rf"\b(?:{alternation(INSPECTION_ITEM_WORDS)}|visit|visits|outcome|result|results|judgements?|judgments?|grades?|rated|inspected|inspectors?)\b",
    re.I,
)


def inspection_items(q: Question, units: list["Unit"], mine: list[int]) -> list[int]:
    """Of one document's candidates `mine`, those a summary of the inspection takes from it. In
    committee minutes (many items, most of them other business: declarations, the previous
    minutes, a budget), only the items about the inspection: the passages whose item heading
    names it, or, in minutes without such headings, whose text does. Any other document, a
    question about the meeting's whole business, or minutes naming the inspection nowhere: all."""
    if not mine or not _ASKS_INSPECTION.search(q.text):
        return mine
    first = units[mine[0]].hit.passage
    if first.kind is not DocKind.MINUTES:
        return mine
    headed = [i for i in mine if " > " in units[i].hit.passage.heading
              and _INSPECTION_ITEM.search(units[i].hit.passage.heading.rsplit(" > ", 1)[-1])]
    if headed:
        return headed
    # Run-on minutes: an item is a paragraph ("The board received a presentation on the Ofsted
    # inspection ... The Director said inspectors had found ..."), kept when it names the
    # inspection or its inspectors.
    said = [i for i in mine if _INSPECTION_TEXT.search(_line_of(units[i]))]
    return said or mine


def _line_of(unit: "Unit") -> str:
    """The paragraph (line of its passage's text) a candidate stands in, or its own text."""
    head = (unit.follow_on or unit.quote).split("\n")[0]
    return next((line for line in unit.hit.passage.text.split("\n") if head in line), unit.text)


# "Good in every area", "all five judgements were inadequate", "each judgement": a sentence
# that grades every judgement at once.
_EVERY_AREA = re.compile(r"\b(?:every|all|each|both)\b(?:\s+(?:of\s+)?(?:the|its|their|\w+))?\s+(?:judgement|judgment|area|grade)s?\b", re.I)


def _several_grades(text: str) -> bool:
    """Whether a sentence gives the grades of two judgement areas or more (the overall grade is
    no area's), or grades every area at once."""
    named = [a for a in areas_named(text) if a is not JudgementArea.OVERALL_EFFECTIVENESS]
    return bool(GRADE_PATTERN.search(text)) and (len(named) >= 2 or bool(_EVERY_AREA.search(text)))


def _several_areas_graded(units: list["Unit"]) -> bool:
    """Whether the chosen answers, each grading its own judgement area, grade two areas or more
    between them (the overall grade is no area's)."""
    graded = {a for u in units if GRADE_PATTERN.search(u.follow_on or u.text)
              for a in areas_named(u.follow_on or u.text) if a is not JudgementArea.OVERALL_EFFECTIVENESS}
    return len(graded) >= 2


def of_the_judgements(q: Question) -> bool:
    """The part asks for the council's own judgements, saying nothing but its council, years,
    the areas, grade words and how it wants them ("list all of X's 2017 judgements", "the grade
    for each area please"); not the grades of something else ("what grades had its children's
    homes received?")."""
    asked = GRADE_PATTERN.sub(" ", re.sub(r"\bri\b", " ", q.asks, flags=re.I))
    return not _other_words(asked, q.scope.authorities, _LISTING_WORDS)


def _other_words(text: str, councils: tuple[str, ...], also: frozenset[str] = frozenset()) -> list[str]:
    """The words of `text` besides its years, its judgement areas, grade filler, its councils'
    names and `also`: what a grade question asks beyond the grades themselves."""
    rest = _YEAR.sub(" ", text)
    # A council as the question wrote it ("b&nes", "iow", "cheshire w"): its letters are its name,
    # not words it asks besides the grades.
    for _, start, end in reversed(question_spans(rest)):
        rest = rest[:start] + " " + rest[end:]
    for _, pattern in QUESTION_AREA_PHRASES:
        rest = pattern.sub(" ", rest)
    council = set().union(*(normal(a).split() for a in councils)) if councils else set()
    # "wigans grade": a typed possessive without its apostrophe is the council's name still.
    return [
        w for w in re.findall(r"[a-z]+", rest.lower())
        if w not in _GRADE_FILLER and w not in also and w not in council and not (w.endswith("s") and w[:-1] in council)
    ]


# How a list of judgements is asked for, besides grade words: "list all the judgements please".
_LISTING_WORDS = frozenset(
    "list give me show tell please each every all area areas judgement judgements judgment judgments grade grades "
    "rating ratings came come out were was got get received receive ofsted sif ilacs inspection report".split()
)


# The longest line read as an item of a list whose markers are gone: a longer one is a paragraph.
_ITEM_MOST_WORDS = 45
# A grade the question excludes: "not outstanding", "wasn't good", "other than inadequate".
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\brather than|\bother than|\binstead of|\bbelow)\s+(?:\w+\s+){0,3}$", re.I)




def _words(text: str) -> set[str]:
    return set(normal(text).split())


_VERSUS = re.compile(r"(?<!\w)(?:" + alternation(VERSUS_WORDS) + r")(?!\w)", re.I)
# Asks whether a grade moved: a yes or no opening the part or its clause after a lead ("cheshire
# west 2019 vs 2024 - did the grade go down?", "X, 2018 to 2022: did it improve?"), or two ways it
# may have moved set against each other ("2018 vs 2023 - better or worse?").
_CHANGE = r"(?:better|worse|up|down|higher|lower)"
_ASKS_MOVED = re.compile(
    r"(?:^|[.:;,?!–—]\s*|\s-\s*)\W*(?:did|was|were|is|are|has|have|does|do)\b"
    rf"|\b{_CHANGE}\s+or\s+{_CHANGE}\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# What else a grade-over-time question may say besides its council, years, areas and "vs".
_GRADE_FILLER = (GENERIC | STOPWORDS | {
    "grade", "grades", "graded", "rating", "ratings", "rated", "judgement", "judgements", "judgment", "judgments", "judged",
    "result", "results", "outcome", "outcomes", "much", "it", "its", "they", "their", "get", "got", "reinspection",
    "inspections", "full", "overall", "effectiveness", "s",
    # The framework an inspection was under names the inspection ("the 2016 SIF vs the 2019 ILACS").
    *(name.lower() for name in FRAMEWORK_YEARS),
}) - {"say", "said", "says", "about", "find", "found", "finds", "think", "thought", "describe", "described"}  # what was said, not a grade


# "What dates was the visit?", "dorset focused visit may 2021 dates": when, however asked.
_WHEN_WORDS = r"\b(?:dates?|dated|days?|months?|how long|took place)\b"
# Questions a frame line may answer: "which visit was the July one?", "did it happen on site?".
_NOT_FINDINGS = re.compile(
    rf"^\W*(?:[\w ,'’-]{{0,40}}?(?:-|:)\s*)?(?:which|when|where|who|whose|did|was|were|is|are|has|have|does|do)\b|{_WHEN_WORDS}",
    re.I,
)
_ASKS_WHEN = re.compile(rf"^\W*(?:when|where)\b|{_WHEN_WORDS}", re.I)


def asks_findings(q: Question) -> bool:
    """The part asks what a document found, looked at or said (an open question, a list), not
    for one fact a frame line may carry."""
    # A summary is left out: its frame says which document is asked about, and the summary's
    # points leave the frame out themselves (Answerer._summary_points).
    return q.intent in (Intent.OPEN, Intent.ITEMS) and not _NOT_FINDINGS.search(q.asks)


def gathers_points(q: Question) -> bool:
    """The part asks for several findings of one subject ("what concerns did Ofsted raise
    about X?", "what weaknesses did it find?", "what did cabinet resolve?", "list the points
    the director made"): its answer is the points of the best document (Answerer._list_points),
    not the one sentence closest to the question. Not a comparison (one point a side), not every
    grade of an inspection (its grade table), not two years side by side."""
    # "Which services did it single out?" asks for findings too: a plural noun is no visit that a
    # frame line names (asks_findings leaves every "which" out), though a date still is not.
    # "What did inspectors say about X?" asks for the inspection's points on X as well
    # (events.asks_what_inspection_found), without asking for a list (no list is preferred).
    return (
        q.intent in (Intent.OPEN, Intent.ITEMS) and (q.wants_list or asks_what_inspection_found(q.asks)) and not _ASKS_WHEN.search(q.asks)
        and not q.comparison and not q.every_grade and not year_sides(q)
    )


# A summary over time: a word for a history ("X's Ofsted history", "its journey", "over the
# years"), a span of years ("from 2015 to 2019", "since 2022", "between 2016 and 2021", "2016-2021")
# or of grades ("how X got from inadequate to outstanding"). "From" and one year alone is not a
# span: "the key findings from the 2023 ILACS" is one inspection's summary.
_HISTORY = re.compile(
    rf"\b(?:{alternation(HISTORY_WORDS)})\b"
    r"|\b(?:since|between)\s+(?:the\s+)?(?:19|20)\d\d\b|\bfrom\s+(?:the\s+)?(?:19|20)\d\d\s+onwards?\b"
    r"|\b(?:19|20)\d\d\s*(?:-|–|to|until|till)\s*(?:the\s+)?(?:(?:19|20)\d\d|latest|last|current|now|today|present)\b"
    rf"|\bfrom\s+(?:{GRADE_ALTERNATION})\b.*\bto\s+(?:{GRADE_ALTERNATION})\b",
    re.I,
)
# The words a summary over time is asked with besides its span: how it moved and between which
# grades ("how X's position changed from inadequate to good"). With the document's words, no subject.
# A sentence about the inspection before its document's own: "the previous inspection", "at the
# last full inspection", "six years ago", "previous full inspection (2011)".
_EARLIER = re.compile(
    r"\b(?:previous|last|earlier|prior|former)\s+(?:full\s+|ofsted\s+|standard\s+|single\s+)?(?:inspections?|visits?|reports?|judgements?)\b"
    r"|\b(?:\w+|\d+)\s+years?\s+(?:ago|earlier|before)\b",
    re.I,
)
_HISTORY_STEMS = frozenset(terms(" ".join((*HISTORY_WORDS, *CHANGE_WORDS, *VERSUS_WORDS, *GRADE_CHANGE_WORDS, *(g.value for g in Grade)))))
# How a question bounds the span from above only ("its history up to 2019", "until 2019", "before
# the 2019 ILACS"): every earlier year.
_CLOSED_SPAN = re.compile(r"\b(?:up\s+to|until|till|before|by)\s+(?:the\s+)?(?:19|20)\d\d\b", re.I)
# How a question bounds the span from below only ("since 2022", "from 2015 to the latest"): every later year.
_OPEN_SPAN = re.compile(r"\b(?:since|after|from)\s+(?:the\s+)?(?:19|20)\d\d\b(?!\s*(?:-|–|to|until|till|and)\s*(?:the\s+)?(?:19|20)\d\d)", re.I)


def spans_time(q: Question) -> bool:
    """The part asks for a summary of one council's inspections over time, not of one inspection
    or one document: its points are each inspection's, oldest first (Answerer._history_points).
    Not a comparison of councils, whose sides are each one council's."""
    return q.intent is Intent.SUMMARY and len(q.scope.authorities) == 1 and not q.comparison and bool(_HISTORY.search(q.text))


def history_years(q: Question, years: list[int]) -> list[int]:
    """Of the years of a council's documents, those a summary over time reads: from the first
    year the question names to the last (and the year after it, when a report of an inspection
    is published and discussed), or on from a year the span opens at ("since 2022"); every year
    when it names none."""
    asked = sorted(set(q.scope.years))
    if not asked:
        return sorted(set(years))
    if len(asked) == 1 and _CLOSED_SPAN.search(q.text) and not _OPEN_SPAN.search(q.text):
        return sorted({y for y in years if y <= asked[0]})
    low = asked[0]
    high = None if _OPEN_SPAN.search(q.text) or len(asked) == 1 else asked[-1] + 1
    return sorted({y for y in years if y >= low and (high is None or y <= high)})


# Two years joined as one phrase: "the 2014 and 2023 inspections", "2019 & 2022".
_YEARS_JOINED = re.compile(r"\b(?:19|20)\d\d\s*(?:and|&)\s*(?:the\s+)?(?:19|20)\d\d\b", re.I)
# Years listed as the years asked about, set side by side as a "vs" sets them: "grades 2016, 2019,
# 2022, 2025", "the 2019 and 2024 overall grades".
_YEARS_LISTED = re.compile(r"\b(?:19|20)\d\d(?:\s*(?:,|and|&)\s*(?:the\s+)?(?:19|20)\d\d)+\b", re.I)


def grade_over_time(q: Question) -> list[Question]:
    """A part that sets grades at two or more inspections side by side, as one part per
    inspection, each asking that council's grade of that year: one council's inspections ("herts
    overall effectiveness 2018 vs 2023?", "how did X's grade change between 2019 and 2022",
    "wigan 2017 v 2022 overall", "halton 2014 vs 2021 overall - how much did it improve"), or
    councils each with its own year ("compare merton 2022 and hillingdon 2023 overall grades",
    "sutton (2025) vs hillingdon (2023)": question.council_sides). Asked as one, the best
    sentence names one year's grade (often the latest report's grade table) and the comparison
    reads as answered by half of it. Only a part that says nothing but its councils, its years,
    the areas, grade words and a "vs" word: "what did inspectors say about care leavers from 2019
    to 2022" is no grade question. The records answer these first when they hold every
    inspection (records_answer); this is for the grades only sentences give ("in 2015 ...
    judged inadequate")."""
    years = q.scope.years
    # The part's whole text: its lead ("what did inspectors say about ...") says what it asks too.
    text = q.text
    sides = council_sides(text, q.scope)
    if sides:
        asked = [(side.authorities[0], year) for side in sides for year in side.years]
    elif len(q.scope.authorities) == 1 and len(years) >= 2 and (_VERSUS.search(text) or _YEARS_LISTED.search(text)):
        asked = [(q.scope.authorities[0], year) for year in years]
    else:
        return [q]
    # "Did X's grade go up or down between 2018 and 2024?" is answered by both grades; a yes or no
    # asking anything else ("did X improve its practice from 2019 to 2023?") is left whole.
    also = GRADE_CHANGE_WORDS if _ASKS_MOVED.search(text) else frozenset()
    left = _other_words(_VERSUS.sub(" ", _YEAR.sub(" ", text)), q.scope.authorities, also)
    # The areas asked about, in what it asks or else in its lead ("durham overall grades 2016,
    # 2019, 2022 - how has it changed?": its lead names the grades, its question the change).
    named = areas_named(q.asks) or areas_named(text)
    # Nothing asked but councils, years and a "vs" word or whether it moved ("bexley 2012 vs 2018 -
    # what changed", "did X improve between the 2016 SIF and the 2019 ILACS?"): the overall grade.
    if left or not (named or q.intent is Intent.GRADE or _VERSUS.search(_YEAR.sub(" ", text)) or also):
        return [q]
    what = " and ".join(a.label.lower() for a in named) if named else "overall effectiveness"
    return [
        Question.parse(f"What was {council}'s {what} grade in {year}?", Scope((council,), (year,), q.scope.inherited), q.inspectors)
        for council, year in asked
    ]


def year_sides(q: Question) -> tuple[int, ...]:
    """The years a part sets side by side, when it asks about one council's documents of two
    years or more together: "compare X's help and protection in 2019 and 2023", "did caseloads
    get better between the 2018 and 2022 visits?", "what did the 2014 and 2023 inspections
    say?". Each year's document must answer its side, as each council's does in a comparison of
    councils: one retrieval over both years lets the year with more passages crowd the other
    out. Empty for anything else (one year, two councils, a grade over time: grade_over_time)."""
    years = tuple(dict.fromkeys(q.scope.years))
    if len(q.scope.authorities) > 1 or len(years) < 2 or q.intent is Intent.GRADE:
        return ()
    return years if _VERSUS.search(q.text) or _YEARS_JOINED.search(q.text) else ()


class Answerer:
    def __init__(self, settings: Settings, retriever: Retriever | None = None, answer: AnswerSettings | None = None) -> None:
        self.settings = settings
        # IA_ANSWER_PRESET: "default" (hand-set), "fitted" (assistant.answering.fit) or a file.
        self.answer_settings = answer or AnswerSettings.load(os.environ.get("IA_ANSWER_PRESET", "default"))
        self.retriever = retriever or Retriever(settings)
        self._vectors: dict[str, np.ndarray] = {}
        self.stats: CorpusStats | None = None
        self.records = RecordAnswers([])

    def warm_up(self, load_model: bool = True) -> "Answerer":
        self.retriever.warm_up(load_model)
        # Word counts the indexer made (indexer.serving): nothing here reads every passage.
        counts = self.retriever.index.word_counts
        self.stats = CorpusStats.from_counts(counts["df"], counts["n"])
        self.speller = Speller.from_counts(counts["words"], extra=[*GENERIC, *STOPWORDS, *MONTH_NAMES, *WEEKDAYS, *ACRONYMS],
                                           dictionary=model_words(self.settings.embedding_model))
        self.records = RecordAnswers.load(self.settings, self.retriever.passages.of_source)
        return self

    def run(self, question: str, filters: Filters | None = None, previous: Scope | None = None) -> Answer:
        """Answer `question` from the documents `filters` allow. `previous` is the scope of the
        question before in the same conversation: a follow-up that names no council or year
        is taken to be about the same ones."""
        if self.stats is None:
            self.warm_up()
        asked = question.strip()
        if not asked:
            return Answer(asked, "Ask a question about the indexed documents.", False)
        # "Sept 2024" is read as "September 2024" before anything else reads the question
        # (names check, months qualifier, retrieval): documents spell months out.
        question = self.speller.correct(spell_out_months(asked))
        scope = with_successors(scope_of(question, previous), self.retriever.authorities)
        answer = self._answer(question, filters or Filters(), scope)
        answer.question, answer.scope = asked, scope
        return answer

    def _answer(self, question: str, filters: Filters, scope: Scope) -> Answer:
        unknown = [a for a in scope.authorities if a not in self.retriever.authorities]
        if unknown:
            return Answer(question, f"{NOT_FOUND} No indexed document is about {' or '.join(unknown)}.", False)
        # Grades, grades over time, areas for improvement with their actions, councils by grade:
        # answered from the inspection records when they hold the answer (records_answer.py).
        from_records = self.records.answer(question, scope, filters)
        if from_records is not None:
            return from_records
        answer = self._from_sentences(question, filters, scope)
        if answer.answered and self._half_comparison(question, scope, answer):
            # A grade comparison of named councils the records could not answer, answered by one
            # council's sentences only, reads as the whole comparison: refused, saying which.
            cited = {c.authority for c in answer.citations}
            lacking = [a for a in scope.authorities if a not in cited]
            refused = Answer(question, f"{NOT_FOUND} The passages found give no grade of {' or '.join(lacking)} to compare.",
                             False, related=answer.hits[:3], hits=answer.hits)
            refused.trace = answer.trace
            return refused
        return answer

    @staticmethod
    def _half_comparison(question: str, scope: Scope, answer: Answer) -> bool:
        """A grade question setting named councils side by side (records_answer.Route.AMONG)
        whose answer cites the documents of only some of them."""
        if len(scope.authorities) < 2:
            return False
        plan = classify(question, scope)
        if plan is None or not plan.has(Route.AMONG):
            return False
        cited = {c.authority for c in answer.citations}
        return not all(a in cited for a in scope.authorities)

    def _from_sentences(self, question: str, filters: Filters, scope: Scope) -> Answer:
        parts: list[PartTrace] = []
        of_part: list[PartTrace] = []  # each parsed part's trace, by its index (Question.leans_on)
        parsed = parse_parts(question, scope)
        for q in parsed:
            if len(parsed) > 1 and q.leans_on is None:
                # A part of a mixed question that is a records class asked alone ("for X 2017,
                # what did cabinet resolve, and what were the grades?"): the records answer it
                # as they would the part on its own; the whole question was no records class.
                record = self.records.answer(q.text, q.scope, filters) if route_of(q) in _RECORD_PARTS else None
                if record is not None and record.answered:
                    parts.append(PartTrace(q, from_records=record))
                    of_part.append(parts[-1])
                    continue
            if q.leans_on is not None:
                # "... and what did it find?": about what the part before asked, from the document
                # that answered it. With that part unanswered, it has nothing to be about.
                before = of_part[q.leans_on]
                part = PartTrace(q, one_of_several=True, within=frozenset(u.hit.passage.source for u in before.chosen))
                if before.chosen:
                    self._answer_part(part, filters)
                else:
                    part.refusal = "It asks about the part before it, which the documents don't answer."
                    part.refused_by = "antecedent"
                parts.append(part)
                of_part.append(part)
                continue
            by_year = grade_over_time(q)
            if len({p.scope.authorities for p in by_year}) > 1:
                # Councils each with its own year: each side asked on its own, scoped to its
                # council and year. Asked whole, one retrieval over every council and year gives
                # each council's sentence of the wrong year as readily as of its own.
                for p in by_year:
                    parts.append(PartTrace(p))
                    self._answer_part(parts[-1], filters)
                of_part.append(parts[-1])
                continue
            if len(by_year) > 1:
                # Asked whole first: a sentence may give every year's grade ("judged inadequate in
                # 2014 ... upgraded to requires improvement to be good in 2017"). A year its answer
                # does not name is then asked on its own, its own part.
                whole = PartTrace(q)
                self._answer_part(whole, filters)
                said = " ".join(u.follow_on or u.quote for u in whole.chosen)
                missing = [p for p in by_year if str(p.scope.years[0]) not in said]
                if whole.chosen or not missing:
                    parts.append(whole)
                for p in missing:
                    parts.append(PartTrace(p))
                    self._answer_part(parts[-1], filters)
                of_part.append(whole if whole.chosen else parts[-1])
                continue
            parts.append(PartTrace(q, one_of_several=len(parsed) > 1))
            self._answer_part(parts[-1], filters)
            if not parts[-1].chosen and q.written:
                # An elliptical part completed from the one before, unanswered so: asked as written.
                alone = PartTrace(Question.parse(q.written, scope, q.inspectors), one_of_several=True)
                self._answer_part(alone, filters)
                if alone.chosen:
                    parts[-1] = alone
            of_part.append(parts[-1])
        answered = [p for p in parts if p.chosen or p.from_records]
        hits = list(dict.fromkeys(h for p in parts for h in p.hits))
        if not answered:
            # One reason is enough; the first part's is about the question's main point.
            answer = Answer(question, f"{NOT_FOUND} {parts[0].refusal}".strip(), False, related=parts[0].related, hits=hits)
            answer.trace = parts
            return answer
        # The parts' answers in the question's order: the sentences of consecutive parts composed
        # together (grouped by document kind), a records part's list between them.
        pieces: list[Answer] = []
        chosen: list[Unit] = []
        # A summary over time labels each point with its document's date too.
        dated = any(spans_time(p.question) for p in answered)
        for part in answered:
            if part.from_records is not None:
                if chosen:
                    pieces.append(compose(question, chosen, dated))
                    chosen = []
                pieces.append(part.from_records)
                continue
            chosen.extend(u for u in part.chosen if not any(u.quote == c.quote for c in chosen))
        if chosen:
            pieces.append(compose(question, chosen, dated))
        answer = pieces[0] if len(pieces) == 1 else _one_after_another(question, pieces)
        unanswered = [p.question.text for p in parts if not p.chosen and not p.from_records]
        if unanswered:
            answer.answer += " " + " ".join(f"On “{t}”, the indexed documents don't say." for t in unanswered)
        answer.hits = hits
        answer.trace = parts
        return answer

    def _answer_part(self, part: PartTrace, filters: Filters) -> None:
        """Fill in `part.chosen` (the candidates that answer it) or `part.refusal` (why none do)."""
        q = part.question = self._spelt_out(part.question, filters)
        if q.after is not None and not filters.date_from:
            # "... and what did the later focused visit say?": documents dated after the year the
            # rest of the question is about, as a date filter would have them.
            filters = replace(filters, date_from=str(q.after + 1))
        q_vec = self.retriever.embedder.encode([q.text])[0]
        hits = self.retriever.run(q.text, embedding=q_vec, filters=filters, scope=q.scope, prefer_reports=q.inspectors)
        if q.quoted:
            # The passages holding the words the question quotes, first: whose words they are is
            # asked, and the sentence holding them may rank low (its other words are not asked).
            holding = [h for words in q.quoted for h in self.retriever.holding(words, filters, q.scope, self.answer_settings.selection.quote_match)]
            have = {h.passage.id for h in holding}
            hits = list({h.passage.id: h for h in holding}.values()) + [h for h in hits if h.passage.id not in have]
        sides = year_sides(q)
        if sides and not (filters.date_from or filters.date_to):
            # Each year's documents searched on their own, their best passages taken in turn with
            # the whole search's: neither year is crowded out (as Retriever.run does for councils).
            per_year = [
                self.retriever.run(q.text, embedding=q_vec, filters=replace(filters, date_from=str(y), date_to=str(y + 1)), scope=q.scope,
                                   prefer_reports=q.inspectors)[: self.answer_settings.selection.side_passages]
                for y in sides
            ]
            merged = list(hits)
            for group in zip_longest(*per_year):
                merged.extend(h for h in group if h is not None)
            hits = list({h.passage.id: h for h in merged}.values())
        if hits and q.need is not None and q.need.what == SIGNATORY:
            hits = hits + self._sign_offs(hits)
        part.hits = hits
        if not hits:
            part.refusal = "None of the documents your filters allow match." if filters else ""
            part.refused_by = "retrieval"
            return
        missing = self._unmentioned(q, hits, filters)
        if missing:
            absent = [t for t in missing if not terms(t) <= self.stats.idf.keys()]
            part.refusal = (
                f"They don't mention {', '.join(absent)}."
                if absent
                else f"The passages closest to the question don't mention {', '.join(missing)}."
            )
            part.related = [] if absent else hits
            part.refused_by = "names"
            return
        part.related = hits
        section = self._findings_section(q, hits, filters)
        if section:
            # A set of findings of one leaning asked for ("what concerns did inspectors raise?"):
            # the section the inspection's document sets them out in, as the list (sections.py).
            part.units = part.chosen = section
            return
        summary = q.intent is Intent.SUMMARY and self._of_document(q)
        if (summary or part.one_of_several) and not q.comparison and not filters.kinds:
            # A summary of a document named by its kind ("summarise the 2023 ILACS report", "the
            # cabinet minutes") is of a document of that kind: one the whole search ranked out
            # (a plan titled "Ofsted ILACS improvement plan" shares more words) is searched for
            # on its own, its best passages joining the hits. So is a part of a question asking
            # two things ("what did the report find, and what did the minutes say?"): each part
            # names its own document, which the other part's words may rank out.
            have = {h.passage.kind.value for h in hits}
            for kind, stems in _KIND_STEMS.items():
                if q.words & stems and kind not in have:
                    found = self.retriever.run(q.text, embedding=q_vec, filters=replace(filters, kinds=(kind,)), scope=q.scope, prefer_reports=q.inspectors)
                    known = {h.passage.id for h in hits}
                    # Of the years asked about: another year's document of that kind is another document.
                    found = [h for h in found if h.passage.id not in known and (not q.scope.years or any(of_year(h.passage, y) for y in q.scope.years))]
                    hits = hits + found[: self.answer_settings.selection.side_passages]
            part.hits = hits
        if spans_time(q) and not (filters.date_from or filters.date_to):
            # A summary over time: each year's documents searched on their own, their best passages
            # joining the hits, so the inspections of the years the question's words rank out (the
            # one asked from, "since 2022"; the one between) have their points too.
            hits = part.hits = hits + self._history_hits(q, q_vec, hits, filters)
        eligible = self._judge(part, q_vec, hits)
        if eligible is None:
            return
        if eligible.any() and q.intent is Intent.SUMMARY and not q.comparison and self._of_document(q):
            # A summary of a whole document reads the whole document, not only the passages
            # retrieval ranked first among every document's: its other passages join the hits
            # (ranked last), and the candidates are judged again.
            best = part.anchor = self._summary_document(q, part.units, np.where(eligible, part.scores, -np.inf))
            eligible = self._judge_with_document(part, q_vec, hits, best, eligible)
            if eligible is None:
                return
        elif eligible.any() and gathers_points(q):
            # So does a question for several findings: the best document's list ("Resolved: a)
            # ... b) ...", "She drew out these points: ...") may sit in a passage retrieval ranked
            # below other documents' (its items share few words with the question).
            # The subject is still read from what retrieval found (more passages would move the
            # subject words); should the wider read leave nothing eligible, the part is judged on
            # what retrieval found.
            before = (part.units, part.features, part.scores, part.gates, eligible)
            best = part.units[int(np.argmax(np.where(eligible, part.scores, -np.inf)))].hit.passage.source
            eligible = self._judge_with_document(part, q_vec, hits, best, eligible, same_subject=True)
            if eligible is None or not eligible.any():
                part.units, part.features, part.scores, part.gates, eligible = before
        # "Who said ...?" is asked in the words said: a news page's passage holding them among
        # other quotations may rank out, and the top passages' candidates that pass the gates
        # then answer it too far off (refused by the threshold).
        far_off = q.intent is Intent.PERSON and asks_speaker(q.asks) and eligible.any() and self._below_floor(part, eligible)
        if (not eligible.any() or far_off) and self.settings.wider_look:
            # Nothing the top passages hold passes the gates: look again within the same scope,
            # by single sentence, before refusing. Every gate still applies to what it finds.
            wider = self.retriever.closest_pieces(q_vec, self.settings.wider_look, filters, q.scope, exclude={h.passage.id for h in hits})
            if wider:
                first = len(part.units)
                eligible = self._judge(part, q_vec, hits + wider)
                if eligible is None:
                    return
                # The top passages' candidates failed the gates once: more context must not pass
                # them now. What the wider look finds was ranked below the top by retrieval, so
                # it must answer more closely than a top candidate would need to.
                sel = self.answer_settings.selection
                floor = self.settings.min_score - (sel.need_met_slack if q.need is not None or q.speaker is not None else 0.0) + sel.wider_look_margin
                # And it must be closer to the question, as a sentence, than every top candidate:
                # what the wider look is for is a sentence retrieval ranked down with its passage.
                closeness = part.features[:, list(FEATURES).index("sentence")]
                eligible[:first] = False
                eligible &= (part.scores >= floor) & (closeness > closeness[:first].max())
        if not eligible.any():
            part.refusal = refusal(q)
            part.refused_by = "gates"
            return
        self._select(part, np.where(eligible, part.scores, -np.inf))

    def _section_points(self, source: str, units: list[Unit], chosen: list[Unit]) -> list[Unit]:
        """A whole-document summary's points from the document's own sections of findings by
        leaning (its strengths, its concerns: sections.py), up to `summary_section_points` items of
        each, in the document's order; none saying a point already chosen."""
        most = self.answer_settings.selection.summary_section_points
        passages = self.retriever.passages.of_source(source) if most else []
        score = {u.hit.passage.id: u.hit.score for u in units}
        floor = min(score.values()) if score else 0.0
        found: list[Unit] = []
        for leaning in Leaning:
            items = _section_units(section_lines(passages, leaning), score, floor)
            found += [u for u in items if not any(u.quote.strip() in c.quote or self._same_point(u, c) for c in chosen + found)][:most]
        order = {p.id: i for i, p in enumerate(passages)}
        return sorted(found, key=lambda u: (order.get(u.hit.passage.id, 0), u.hit.passage.text.find(u.quote)))

    def _findings_section(self, q: Question, hits: list[Hit], filters: Filters) -> list[Unit]:
        """The items of the section setting out the findings of the leaning `q` asks for, from the
        first of its council's documents (of the year asked) that has one; none when the part asks
        for no such set, names no one council, or asks someone's words (a speaker other than the
        inspectors, whose words the section is)."""
        leaning = leaning_asked(q)
        if leaning is None or len(q.scope.authorities) != 1 or q.leans_on is not None:
            return []
        if q.speaker is not None and not set(q.speaker.names + q.speaker.roles) <= _INSPECTOR_WORDS:
            return []
        authority = q.scope.authorities[0]
        index = self.retriever.index
        mask = self.retriever.document_mask(filters, authority)
        documents = [
            (d.source, d.kind, d.title, self.retriever.passages.of_source(d.source))
            for i, d in enumerate(index.documents) if mask[i] and d.authority == authority and d.state == "indexed"
        ]
        score = {h.passage.id: h.score for h in hits}
        floor = min(score.values()) if score else 0.0
        for source in rank_documents(q, documents, [h.passage.source for h in hits]):
            passages = next(ps for s, _, _, ps in documents if s == source)
            lines = section_lines(passages, leaning)
            if lines:
                return _section_units(lines, score, floor)
        return []

    def _sign_offs(self, hits: list[Hit]) -> list[Hit]:
        """The passages holding the sign-off of the letters among the first documents retrieved
        (ranked last): "who signed the letter?" shares no word with "Yours sincerely / Jane Roe /
        Her Majesty's Inspector" at a letter's end, which retrieval then ranks out. Each is ranked
        as its letter's best passage: the sign-off is the letter's answer to who signed it."""
        index, have = self.retriever.index, {h.passage.id for h in hits}
        best: dict[str, float] = {}
        for h in hits:
            best.setdefault(h.passage.source, h.score)
        sources = list(best)[: self.answer_settings.selection.side_passages]
        return [
            Hit(p, best[s]) for s in sources for p in (index.passage(r) for r in index.rows_of(s)) if p.id not in have and signs_off(p.text)
        ]

    def _judge_with_document(
        self, part: PartTrace, q_vec: np.ndarray, hits: list[Hit], source: str, eligible: np.ndarray, same_subject: bool = False
    ) -> np.ndarray | None:
        """The candidates judged again with every passage of the document `source` among the
        hits (those retrieval did not rank, ranked last); `eligible` as it was when the hits
        already hold them all. With `same_subject`, the gates read the subject from the hits
        retrieval found, as before: the added passages only add candidates."""
        index, have = self.retriever.index, {h.passage.id for h in hits}
        extra = [Hit(p, min(h.score for h in hits)) for p in (index.passage(r) for r in index.rows_of(source)) if p.id not in have]
        return self._judge(part, q_vec, hits + extra, gate_hits=hits if same_subject else None) if extra else eligible

    def _judge(self, part: PartTrace, q_vec: np.ndarray, hits: list[Hit], gate_hits: list[Hit] | None = None) -> np.ndarray | None:
        """The candidates of `hits`, their features, scores and gates, into `part`; which pass
        every gate (None when the passages give no candidate at all)."""
        q = part.question
        # A sentence whose speaker is a pronoun or an earlier sentence's quotation is a candidate
        # with the sentence naming them (speakers.py): a "who said" need is met by the name.
        units = [u for h in hits for u in with_speakers(units_of(h))]
        part.units = units
        if not units:
            part.refused_by = "candidates"
            return None
        context = self._context(q, q_vec, units)
        part.features = feature_rows(context)
        part.scores = scores(part.features, self.answer_settings.weights)
        part.gates = run_gates(gates_for(q, gate_hits or hits, self.stats, self.answer_settings.selection), units)
        if q.intent is Intent.PERSON and asks_speaker(q.asks) and "need" in part.gates:
            self._authors(part)
        if q.qualifiers:
            part.gates["which"] = self._which(q, units)
        if part.within:
            part.gates["antecedent"] = np.array([u.hit.passage.source in part.within for u in units], dtype=bool)
        if q.wants_list and asks_improvements(q.asks) and (q.need is None or q.need.lists):
            # "What needs to improve?", "what were the recommendations?": a report's section headed
            # "What needs to improve?" (or "Recommendations") is that list, whatever words its
            # items use ("The quality of plans remains variable").
            # A heading is stored with the headings above it ("Report > What needs to improve?").
            under = np.array([is_improvement_heading(u.hit.passage.heading.split(" > ")[-1]) for u in units], dtype=bool)
            for name in ("subject", "need"):
                if name in part.gates:
                    part.gates[name] = part.gates[name] | under
        if asks_findings(q) or gathers_points(q):
            # "What did the visit look at / find / say had improved?", "list the points": what
            # a document found. Its frame ("This letter summarises the findings of the focused
            # visit to X on ...") names the visit and the findings, so it is often the closest
            # sentence, and says none of them (frame.py). A question for a date, a person, a
            # grade or yes or no may still be answered by one, so only these are gated. "Which
            # services did it look at?" asks for several findings too (a plural noun no frame names).
            # A table row's cells ("Date: October 2024 — Event: ...") are data, not a frame.
            # A frame line giving items itself ("This letter sets out the findings of a JTAI ...
            # carried out by Ofsted, the CQC and HMICFRS") carries them, though.
            part.gates["frame"] = np.array(
                [u.hit.passage.is_table_row or not is_frame(u.text) or (q.wants_list and sets_out_items(u.text)) for u in units], dtype=bool
            )
        if gathers_points(q) and q.need is None:
            # A need says what the items are ("which two inspections fed the plan?": a plan's
            # subtitle "Drawn from the short inspection (April 2019) and ..." names them); with
            # none, a line that is no sentence is the document's furniture.
            part.gates.update(run_gates([PointGate(True)], units))
        if q.intent is Intent.SUMMARY and self._of_document(q):
            # "Summarise the 2024 focused visit letter": its subject is the document, and its
            # findings seldom repeat "focused visit" or "letter". A candidate is about the
            # subject when its document is (any of that document's candidates passes the gate).
            passed = part.gates["subject"]
            docs = {u.hit.passage.source for u, ok in zip(units, passed) if ok}
            # So is a document of the kind the question names it by ("the December 2021 ILACS
            # report", "the committee minutes"): its opening lines (title, dates, lead inspector)
            # may be all that retrieval found of it, and they share no subject word. Every other
            # gate (its year among them) still applies; Answerer._summary_document prefers it.
            named = q.words & _NAMING_STEMS
            docs |= {u.hit.passage.source for u in units if named & _KIND_STEMS.get(u.hit.passage.kind.value, frozenset())}
            # Its subject words are words for a document or its event ("the 2022 Ofsted outcome",
            # "X's 2023 result"): a news story of the outcome need not say "outcome". With no
            # document holding one, they pick no document out; every other gate (council, year)
            # still does.
            others = _passing(part.gates, len(units), but=("subject",))
            if not any(u.hit.passage.source in docs for u, ok in zip(units, others) if ok):
                docs = {u.hit.passage.source for u in units}
            part.gates["subject"] = np.array([u.hit.passage.source in docs for u in units], dtype=bool)
            # A letter whose findings are a bulleted list is summarised by that list (one point,
            # its items each quoted and cited).
            part.gates["form"] = np.ones(len(units), dtype=bool)
        if spans_time(q) and "subject" in part.gates and self._of_document(q, also=_HISTORY_STEMS):
            # "Summarise X's Ofsted journey since 2019": its subject is the council's inspections,
            # which its words ("journey", "history") never name; every other gate still applies.
            part.gates["subject"] = np.ones(len(units), dtype=bool)
        return np.logical_and.reduce(list(part.gates.values()))

    def _history_hits(self, q: Question, q_vec: np.ndarray, hits: list[Hit], filters: Filters) -> list[Hit]:
        """The best passages of each year of the council's documents a summary over time reads
        (`history_years`), up to `side_passages` a year, not among `hits`."""
        index, council = self.retriever.index, q.scope.authorities[0]
        dated = [year_of(d.date) for d in index.documents if d.authority == council and d.state == "indexed" and year_of(d.date)]
        have, found = {h.passage.id for h in hits}, []
        for year in history_years(q, dated):
            ranked = self.retriever.run(q.text, embedding=q_vec, filters=replace(filters, date_from=str(year), date_to=str(year)), scope=q.scope)
            for h in ranked[: self.answer_settings.selection.side_passages]:
                if h.passage.id not in have:
                    have.add(h.passage.id)
                    found.append(h)
        return found

    def _below_floor(self, part: PartTrace, eligible: np.ndarray) -> bool:
        """Whether every candidate passing the gates scores below what a met need may (`_select`)."""
        floor = self.settings.min_score - self.answer_settings.selection.need_met_slack
        return bool(part.scores[eligible].max() < floor)

    def _authors(self, part: PartTrace) -> None:
        """"Who wrote / said ...?" of a column, a blog or a staff message: its sentences are its
        author's words, whom its byline names (speakers.byline), though they name no one: such a
        sentence meets the need for a person, and is quoted after the byline."""
        index, found = self.retriever.index, {}
        for i, u in enumerate(part.units):
            source = u.hit.passage.source
            if source not in found:
                rows = index.rows_of(source)
                found[source] = byline(units_of(Hit(index.passage(rows[0]), u.hit.score))) if len(rows) else None
            by = found[source]
            if by is not None and by.quote not in u.quote and authors_words(u.text):
                part.gates["need"][i] = True
                part.bylines[id(u)] = by

    def _select(self, part: PartTrace, scores: np.ndarray) -> None:
        """The best candidate if it is close enough, its near-ties, one per council for a comparison."""
        q, units, sel = part.question, part.units, self.answer_settings.selection
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        log.debug("best sentence %.3f: %s", best, units[order[0]].text)
        floor = self.settings.min_score - (sel.need_met_slack if q.need is not None or q.speaker is not None else 0.0)
        chosen: list[Unit] = []
        summary = q.intent is Intent.SUMMARY
        if spans_time(q):
            # A summary over time: each inspection's point, oldest first. Its words ("journey",
            # "history") are no inspection's, so no sentence is close to them as the threshold
            # asks; that the council's documents of those years are what it asks is enough.
            chosen = self._history_points(q, units, scores, order)
            if chosen:
                part.chosen = [item for u in chosen for item in _items(Unit(u.hit, u.follow_on, u.follow_on) if u.follow_on else u)]
                return
        if q.comparison:
            # A comparison: the best sentence about each council, each judged on its own, since
            # the second council's passages compete with the first's for every feature.
            for council in q.scope.authorities:
                best_here = next((i for i in order if units[i].hit.passage.authority == council), None)
                if best_here is not None and scores[best_here] >= floor - sel.comparison_slack:
                    chosen.append(units[best_here])
            if len(chosen) < len(q.scope.authorities):
                chosen = []  # half a comparison reads as a whole one
        elif best < floor:
            part.refusal = "No passage answers this closely enough."
            part.refused_by = "threshold"
            return
        elif year_sides(q):
            # One council's documents of two years side by side: the best sentence of each year's
            # documents, each answering closely enough (a comparison's second side may be a
            # little less close). With a year unanswered, the part is answered as any other.
            sides = []
            for year in year_sides(q):
                # A document dated that year before one about that year's inspection or dated the
                # year after (a later letter recalls "the inspection in 2019").
                close = [i for i in order if scores[i] >= floor - sel.comparison_slack and not any(units[i] is c for c in sides)]
                here = next((i for i in close if year_of(units[i].hit.passage.date) == year), None)
                here = here if here is not None else next((i for i in close if of_year(units[i].hit.passage, year)), None)
                if here is None:
                    break
                sides.append(units[here])
            else:
                chosen = sides
        if summary and not q.comparison:
            whole = self._of_document(q)
            chosen = self._summary_points(units, scores, order, whole=whole, source=part.anchor, q=q)
            if chosen and whole:
                # The other documents' candidates need not share the summary's subject words
                # ("the 2021 inspection": a news story says "visit"); every other gate applies.
                loose = _passing(part.gates, len(units), but=("subject", "form"))
                chosen += self._other_document_points(q, units, np.where(loose, part.scores, -np.inf), chosen)
                chosen += self._section_points(part.anchor or chosen[0].hit.passage.source, units, chosen)
            if chosen:
                items = [
                    item
                    for u in chosen
                    for item in [*_items(Unit(u.hit, u.follow_on, u.follow_on) if u.follow_on else u), *self._list_goes_on(u)]
                ]
                # A point quoted again inside a list item already quoted ("c) Members asked ...
                # Officers said ...", then "Officers said ..." alone) is said once.
                part.chosen = [
                    u for k, u in enumerate(items)
                    if not any(o.hit.passage.id == u.hit.passage.id and u.quote.strip() in o.quote for o in items[:k])
                ]
                return
        most = (sel.summary_sentences if summary else self.settings.answer_sentences) + max(0, len(q.scope.authorities) - 1, len(chosen) - 1)
        within = sel.summary_keep_within if summary else sel.keep_within
        for i in order:
            if len(chosen) >= most:
                break
            if scores[i] < max(floor, best - within):
                break
            if any(units[i] is c or self._same_point(units[i], c) for c in chosen):
                continue
            if summary and any(units[i].hit.passage.id == c.hit.passage.id for c in chosen):
                continue  # a summary's points come from different passages
            chosen.append(units[i])
        if not chosen:
            part.refusal = "No passage answers this closely enough."
            part.refused_by = "threshold"
        if summary:
            # The judgement first: a summary of an inspection leads with its grades.
            chosen.sort(key=lambda u: not GRADE.search(u.text))
        chosen = [c for c in (self._with_antecedent(u, units) for u in chosen) if c is not None] if not q.comparison else chosen
        if q.speaker is not None and not q.comparison:
            # "What did Cllr Lee say ...?": her words are the whole quotation, not its first sentence.
            passing = [u for u, s in zip(units, scores) if s > -np.inf]
            chosen = list({id(w): w for w in (whole_quotation(u, passing) for u in chosen)}.values())
        if part.bylines and chosen:
            # An author's words after the byline naming them, once.
            chosen = list({w.quote: w for u in chosen for w in ([part.bylines[id(u)]] if id(u) in part.bylines else []) + [u]}.values())
        if q.wants_list and chosen and not q.comparison and not q.every_grade:
            # "What were the points for members?": the best answer is one item of a list set out
            # under a heading (no lead-in line of its own, so no list candidate): the answer is
            # the whole run of items, each quoted and cited, not its one or two closest items.
            run = self._list_run(chosen[0])
            if len(run) > 1:
                chosen = run
        if gathers_points(q) and chosen and not any(u.holds_list for u in chosen):
            chosen = self._list_points(units, scores, order, chosen, best_first=not q.wants_list, on=self._points_on(q))
        # A lead-in ("The points for members are:") is quoted with the items it introduces, or not
        # at all: alone it answers nothing.
        expanded: list[Unit] = []
        for u in chosen:
            expanded += [x for x in self._lead_in_items(u) if not any(x.quote.strip() == e.quote.strip() for e in expanded)]
        chosen = expanded
        if not chosen:
            part.refusal = "No passage answers this closely enough."
            part.refused_by = "threshold"
        if q.every_grade and chosen and not q.comparison and of_the_judgements(q):
            # "All its judgements", "which judgements were good?": the grade table the best
            # answer is a row of, every row (of the grade asked), not its one closest row.
            # The closest answer may be a sentence about the grades ("the first time it has been
            # graded good") in a report whose table gives them all: each chosen answer's document
            # is looked in, best first, for its grade table.
            # One look per document: near-ties from one document share its table.
            firsts: dict[str, Unit] = {}
            for u in chosen:
                firsts.setdefault(u.hit.passage.source, u)
            table = next((t for t in (self._grade_table(q, u) for u in firsts.values()) if len(t) > 1), [])
            if len(table) > 1:
                chosen = table
            else:
                # No table: only a sentence giving several judgements ("judged good in every
                # area", "help and protection and care leavers were both inadequate") answers it.
                # One naming the overall grade alone would read as every judgement's.
                # "Which judgements were good?" may be answered by the one area that was (the need
                # gate has it say the grade asked).
                # Rows of a table the grade-table reader does not take for one (each row led by
                # the report's headline) answer it too, when two areas or more are among them.
                if not GRADE_PATTERN.search(q.asks) and not _several_areas_graded(chosen):
                    chosen = [u for u in chosen if _several_grades(u.follow_on or u.text)]
                if not chosen:
                    part.refusal = "The passages found don't give each judgement's grade."
                    part.refused_by = "gates"
        if not chosen:
            part.refusal = "No passage answers this closely enough."
            part.refused_by = "threshold"
        part.chosen = [
            item for u in chosen for item in [*_items(Unit(u.hit, u.follow_on, u.follow_on) if u.follow_on else u), *self._list_goes_on(u)]
        ]

    def _points_on(self, q: Question) -> frozenset[str]:
        """What every gathered point of "what did inspectors say about X?" must name: X's most
        specific word (its rarest subject word: "leaver" of "care leavers", not "care"; never a
        word of any council's name, which a question may hold unrecognised: "in sutton", a name
        that is also a word, scopes nothing). The subject gate passes a sentence holding any
        subject word, so a paragraph's other sentences about children in care joined a care
        leavers answer. None for a list asked for: its items need
        not repeat the list's subject ("what were the areas for improvement?")."""
        if q.wants_list:
            return frozenset()
        # Nor a word naming which document or event ("the 2021 monitoring letter"): which, not what about.
        subject = topic_words(q, self.stats, self.answer_settings.selection.topic_fallback_share) - _council_stems() - _DOCUMENT_WORDS
        return frozenset({max(subject, key=self.stats.weight)}) if subject else frozenset()

    def _list_points(
        self, units: list[Unit], scores: np.ndarray, order: np.ndarray, chosen: list[Unit], best_first: bool = False,
        on: frozenset[str] = frozenset(),
    ) -> list[Unit]:
        """The points answering a question for several findings: `chosen` (the best answer and
        its near-ties) and the best document's other eligible candidates within
        `list_keep_within` of the best, none repeating another, up to `list_points`. A list's
        items sit in different sentences of a report or a story ("Inspectors found that
        supervision ... Caseloads remain high ..."), each one far less like the question than
        the sentence about the list; they are quoted each on its own (and so cited), the best
        document first, each document's in its reading order."""
        sel = self.answer_settings.selection
        best, source = float(scores[order[0]]), chosen[0].hit.passage.source
        most = max(sel.list_points, len(chosen))
        points = list(chosen)
        eligible = [units[i] for i in order if np.isfinite(scores[i])]

        def add(u: Unit | None) -> None:
            if u is None or (on and not on & terms(u.follow_on or u.text)):
                return
            same = next((k for k, c in enumerate(points) if u is c or self._same_point(u, c)), None)
            if same is None:
                if len(points) < most:
                    points.append(u)
                return
            # The same finding twice, once as a heading or list item ("The management of risk to
            # unborn babies.") and once as the sentence that says what was found of it ("... are
            # poor."): the one that says more is quoted.
            c = points[same]
            wu, wc = _words(u.follow_on or u.text), _words(c.follow_on or c.text)
            if u is not c and wc < wu and not c.is_list and not u.is_list:
                points[same] = u

        for u in list(chosen):
            for mate in _paragraph_of(u, eligible):
                add(mate)
        for i in order:
            if len(points) >= most or scores[i] < best - sel.list_keep_within:
                break
            u = units[i]
            # A fragment of a list without its lead-in, or another document's sentence.
            if u.hit.passage.source != source or u.is_list or u.text[:1].islower():
                continue
            u = self._with_antecedent(u, units)
            if u is None:
                continue
            add(u)
            # A paragraph of findings ("Inspectors found that supervision ... Caseloads remain high
            # ..."): the other sentences of a point's paragraph give the next points, however few
            # of the question's words they share.
            for mate in _paragraph_of(u, eligible):
                add(mate)
        documents = list(dict.fromkeys(u.hit.passage.source for u in points))

        def reading_order(u: Unit) -> tuple[int, int, int]:
            p = u.hit.passage
            return documents.index(p.source), p.ordinal, p.text.find((u.follow_on or u.quote).split("\n")[0])

        if best_first:
            # Asked what inspectors said (no list asked for): the closest answer first, then the
            # other points in their reading order.
            # The judgement first, as a summary gives it: a point giving a grade leads.
            first = [u for u in points if any(u is c for c in chosen)]
            ordered = first + sorted((u for u in points if not any(u is c for c in first)), key=reading_order)
            # Not an earlier inspection's grade ("In 2017, by contrast, ... required improvement").
            return sorted(ordered, key=lambda u: not GRADE.search(u.follow_on or u.text) or _names_other_years(u))
        return sorted(points, key=reading_order)

    @staticmethod
    def _lead_in_items(unit: Unit) -> list[Unit]:
        """A sentence introducing a list ("Inspectors asked the council to improve:") as itself
        and the lines that follow it in its passage, each quoted on its own: the items, marked or
        not (a loader may drop the markers). The run stops at a line that is no item (one that
        introduces something of its own, ending ":", or a long paragraph). With no line after it,
        the lead-in is not quoted at all. Anything else is itself."""
        p = unit.hit.passage
        if unit.is_list or p.is_table_row or unit.follow_on or not unit.text.rstrip().endswith(":"):
            return [unit]
        lines = p.text.split("\n")
        at = next((k for k, line in enumerate(lines) if line.strip().endswith(unit.quote.strip())), None)
        if at is None:
            return [unit]
        items = []
        for line in lines[at + 1:]:
            text = line.strip()
            if not text or text.endswith(":") or len(text.split()) > _ITEM_MOST_WORDS:
                break
            items.append(Unit(unit.hit, text, line))
        return [unit, *items] if items else []

    @staticmethod
    def _list_run(unit: Unit) -> list[Unit]:
        """The marked items ("- ...", "2. ...") around `unit` in its passage, when `unit` is one:
        the list it is an item of, in the document's order; empty otherwise."""
        p = unit.hit.passage
        if unit.is_list or unit.follow_on or p.is_table_row:
            return []
        lines = p.text.split("\n")
        at = next((k for k, line in enumerate(lines) if BULLET.match(line) and unit.quote in line), None)
        if at is None:
            return []
        start, end = at, at + 1
        while start > 0 and BULLET.match(lines[start - 1]):
            start -= 1
        while end < len(lines) and BULLET.match(lines[end]):
            end += 1
        return [Unit(unit.hit, line.strip(), line) for line in lines[start:end]]

    def _grade_table(self, q: Question, best: Unit) -> list[Unit]:
        """Every judgement line of the document `best` is from, in its order: a grade table's
        rows ("Judgement: Help and protection — Grade: Good"), or lines a report or a page sets
        its grades out in ("2. Children looked after: Inadequate.", "- Impact of
        leaders: good"), each quoted and cited on its own. Only those of the grades the question
        names, when it names any ("which judgements were inadequate?"; not those it excludes:
        "which were not good?"). Lines naming a year other than the question's are another
        inspection's. Empty when its document sets out no judgement line."""
        wanted, excluded = set(), set()
        for m in GRADE_PATTERN.finditer(q.asks):
            (excluded if _NEGATED.search(q.asks[: m.start()]) else wanted).add(grade_of(m.group(0)))
        index, source = self.retriever.index, best.hit.passage.source
        passages = sorted((index.passage(r) for r in index.rows_of(source)), key=lambda p: p.ordinal)
        lines: list[Unit] = []
        for p in passages:
            for u in units_of(Hit(p, best.hit.score)):
                for item in _items(u) if u.is_list else [u]:
                    grade = judgement_line(item.text, p.is_table_row)
                    if grade is None or (wanted and grade not in wanted) or grade in excluded:
                        continue
                    if any(int(y) not in q.scope.years for y in _YEAR.findall(item.text)) and q.scope.years:
                        continue
                    if not any(item.text == c.text or item.quote == c.quote for c in lines):
                        lines.append(item)
        return lines

    def _list_goes_on(self, unit: Unit) -> list[Unit]:
        """The items of a chosen list that the chunker put in the next passage: a list whose
        lead-in ("The weaknesses listed by inspectors included:") and first items end their passage
        goes on at the start of the next one, and the answer is the whole list. Each further item is
        quoted (and cited) from the passage that holds it; the run stops at the first line that is
        not an item (a marked line, or one carrying on the lead-in's sentence: lower case or ending
        ";"), so the paragraph after the list is not quoted as part of it."""
        quote = unit.follow_on or unit.quote
        p = unit.hit.passage
        lines = [line for line in quote.split("\n") if line.strip()]
        if p.is_table_row or len(lines) < 2 or not lines[0].rstrip().endswith(":") or not p.text.rstrip().endswith(lines[-1].rstrip()):
            return []
        index = self.retriever.index
        following = next((index.passage(r) for r in index.rows_of(p.source) if index.passage(r).ordinal == p.ordinal + 1), None)
        if following is None or following.is_table_row or (following.page or 0) - (p.page or 0) not in (0, 1):
            return []
        marked = any(BULLET.match(line) for line in lines[1:])
        items = []
        for line in following.text.split("\n"):
            text = line.strip()
            if not text or not (BULLET.match(text) if marked else (text[:1].islower() or text.endswith(";"))):
                break
            items.append(Unit(Hit(following, unit.hit.score), text, line))
        return items

    def _of_document(self, q: Question, also: frozenset[str] = frozenset()) -> bool:
        """The summary asks for a whole document ("summarise the Lancashire 2023 inspection",
        "summarise what Ofsted found in Blackpool in 2019"), not for one subject in it: its
        subject words are all words for a document or the event it reports."""
        # Who it is for ("... for a new councillor", "for the partnership board") and when it is
        # wanted ("ahead of Thursday's scrutiny meeting, summarise ...") are no subject.
        audience = SUMMARY_AUDIENCE.search(q.text)
        said = [audience.group(0) if audience else "", occasion_lead(q.text)]
        # Nor is the council, however the question writes it: a short form ("the BCP visit",
        # "rbwm's report") is no word of its canonical name, which topic_words leaves out.
        said += [q.text[s:e] for _, s, e in question_spans(q.text)]
        said = [t for t in said if t]
        words = q.words - terms(" ".join(said)) if said else None
        return topic_words(q, self.stats, self.answer_settings.selection.topic_fallback_share, words) <= _DOCUMENT_WORDS | also

    @staticmethod
    def _summary_document(q: Question, units: list[Unit], scores: np.ndarray) -> str:
        """The document a whole-document summary is of: of those holding an eligible candidate,
        the one whose title or file name names most of the kinds of document the question names
        ("the stoke 2022 inspection findings": the inspection report, not the monitoring letter
        whose one sentence on the inspection ranks first; "the warrington cabinet report": the
        cabinet's report, not the news page), then the one with the best candidate. A question
        naming no kind of document is of the best candidate's."""
        asked = q.words & _NAMING_STEMS
        best: dict[str, float] = {}
        named: dict[str, tuple[bool, int, int]] = {}
        for u, score in zip(units, scores):
            if not np.isfinite(score):
                continue
            p = u.hit.passage
            if p.source not in named:
                own = terms(f"{p.title} {re.sub(r'[-_.]', ' ', os.path.basename(p.source))}")
                # Its kind's words first, then its title's: a cabinet paper or an action plan
                # titled "response to the Ofsted ILACS report" names the inspection, but is no
                # inspection report ("summarise the 2023 ILACS report" is of the report).
                # Then a title naming no visit or letter the question does not name: "the 2023
                # ILACS" is the inspection's report, not the focused visit letter of that year.
                # Then one dated a year asked ("summarise X's 2023 Ofsted result": the 2023 story
                # of it, not the 2024 minutes or a 2025 briefing recalling it).
                dated = bool(q.scope.years) and year_of(p.date) in q.scope.years
                named[p.source] = (bool(asked & _KIND_STEMS.get(p.kind.value, frozenset())), len(asked & own), -len((own & _VISIT_STEMS) - q.words), dated)
            best[p.source] = max(best.get(p.source, -np.inf), float(score))
        return max(best, key=lambda s: (named[s], best[s]))

    def _summary_points(self, units: list[Unit], scores: np.ndarray, order: np.ndarray, whole: bool, source: str = "", q: Question | None = None) -> list[Unit]:
        """A summary: the findings of the document the best candidate is from (the best may be
        its frame, "This letter summarises the findings of ...", which says the document is the
        one asked about, but is no finding: `frame.is_frame`). Its best points, each from a
        different passage, none repeating another, judgements first. A table of grades is one
        point however many rows it has. A summary of a whole document (`whole`) takes its best
        points wherever they rank, since each is the document's own; a summary of one subject
        only those close to its best (`summary_keep_within`). Points that lean on a sentence
        before them are quoted with it, or not at all; a line that is no sentence (an address,
        a heading: "London Borough of X") is no point."""
        sel = self.answer_settings.selection
        source = source or units[order[0]].hit.passage.source
        mine = [
            i for i in order
            if np.isfinite(scores[i]) and units[i].hit.passage.source == source
            and not any(is_frame(line) for line in split_sentences(units[i].follow_on or units[i].text))
            and (units[i].hit.passage.is_table_row or SENTENCE_END.search(units[i].text))
        ]
        if whole and q is not None:
            mine = inspection_items(q, units, mine)
        if not mine:
            return []
        top, points = float(scores[mine[0]]), 0
        chosen: list[Unit] = []
        headline = self._headline(units, mine) if whole else []
        for i in headline:
            u = self._with_antecedent(units[i], units)
            if u is not None and not u.text[:1].islower() and not any(self._same_point(u, c) for c in chosen):
                chosen.append(u)
        lead = len(chosen)
        # Then the points ranked closest, wherever they are (the headline's again are dropped).
        # Points spread over the passages: each passage's best first, then each one's second
        # best, and so on (a subject's summary takes one from each): a long report gives one
        # point a section, a short letter or news story, all in one or two passages, several.
        rank_in_passage: dict[str, int] = {}
        rounds = []
        # A passage that is a list of findings ("Headline findings: • ... • ...") gives the list as
        # its point, each item quoted and cited, rather than its best item alone.
        # A grade row naming its year (a history table's: "Year of inspection: 2022; overall
        # effectiveness: Good") comes after the judgements table's rows: the same grade given by
        # both is quoted once (_same_point), from the table of this inspection's judgements.
        for i in sorted(mine, key=lambda i: (not units[i].is_list, _history_row(units[i]))):
            pid = units[i].hit.passage.id
            rounds.append((rank_in_passage.get(pid, 0), len(rounds), i))
            rank_in_passage[pid] = rank_in_passage.get(pid, 0) + 1
        for turn, _, i in sorted(rounds):
            row = units[i].hit.passage.is_table_row and GRADE.search(units[i].text)
            if (not row and points >= sel.summary_sentences) or (turn and not whole):
                continue
            if not whole and scores[i] < top - sel.summary_keep_within:
                continue
            u = self._with_antecedent(units[i], units)
            if u is None or any(self._same_point(u, c) for c in chosen) or u.text[:1].islower():
                continue  # the same point again, or a fragment of a list without its lead-in
            chosen.append(u)
            points += 0 if row else 1
        # The judgement first: a summary of an inspection leads with its grades (its grade table's
        # rows, then a sentence giving a grade), the document's own headline kept in its order.
        own, rest = chosen[:lead], chosen[lead:]
        # A history table's row of another inspection ("Year of inspection: 2014; overall
        # effectiveness: Inadequate" in a 2022 report) is no judgement of the one summarised.
        rest = [u for u in rest if not _of_another_year(u)]
        rows = [u for u in rest if u.hit.passage.is_table_row and GRADE.search(u.text)]
        rest = sorted((u for u in rest if not any(u is r for r in rows)), key=lambda u: not GRADE.search(u.text))
        if not whole:
            return rows + own + rest
        # A whole document's summary is kept to a read's length: the headline, then the points
        # ranked closest, up to `summary_points` (the grade rows are one table, not points).
        return rows + (own + rest)[: sel.summary_points]

    def _history_points(self, q: Question, units: list[Unit], scores: np.ndarray, order: np.ndarray) -> list[Unit]:
        """A summary over time ("X's Ofsted history", "its journey since 2019"): each of the
        council's documents of the years asked, oldest first, with its own judgement (its sentence
        or row giving a grade, overall before an area's) and its first finding in reading order (a
        news story's lead, a letter's first paragraph); the best document of each year gives up to
        `summary_history_points`, another of that year one. A year no document of its own tells
        ("its previous inspection, in July 2016, ...") is told by the best sentence naming it. A
        history is the inspections one after another: one document's points, however close, say
        one year of it."""
        sel = self.answer_settings.selection
        council = q.scope.authorities[0]
        # The years the span reads (an undated document may be of any).
        span = set(history_years(q, [year_of(u.hit.passage.date) for u in units if year_of(u.hit.passage.date)])) | {0}
        by_source: dict[str, list[int]] = {}
        best_of_year: dict[int, str] = {}
        for i in order:
            if not np.isfinite(scores[i]):
                break
            u = units[i]
            p = u.hit.passage
            # The council's own documents' sentences and grade rows; not a list's item without its
            # lead-in, a plan's row of actions or a document's frame.
            if p.authority != council or year_of(p.date) not in span or u.is_list or u.text[:1].islower() or BULLET.match(u.text) or is_frame(u.text):
                continue
            if not (GRADE.search(u.text) if p.is_table_row else SENTENCE_END.search(u.text)):
                continue
            best_of_year.setdefault(year_of(p.date), p.source)
            by_source.setdefault(p.source, []).append(i)
        # A later document's sentence about an earlier year only ("The last full inspection, in
        # January 2022, judged ...") says again what that year's own document says; with none of
        # that year among them, it is how the history tells that year.
        told = {y for y in best_of_year if y}

        def named(u: Unit) -> set[int]:
            return {int(y) for y in _YEAR.findall(u.follow_on or u.text)}

        def retold(u: Unit) -> bool:
            return bool(named(u)) and all(y < year_of(u.hit.passage.date) and y in told for y in named(u))

        def own_judgement(i: int) -> tuple[bool, bool]:
            # Not the one before it ("The previous inspection, six years ago, judged services good").
            u = units[i]
            return bool(_EARLIER.search(u.text)) or _names_other_years(u), JudgementArea.OVERALL_EFFECTIVENESS not in areas_named(u.text)

        def finding(i: int) -> bool:
            # A finding is prose, not what the visit looked at ("Inspectors looked at ...").
            return _is_prose(units[i].text) and not states_scope(units[i].text)

        chosen: list[Unit] = []
        points: dict[str, list[Unit]] = {}

        def take(source: str, i: int) -> bool:
            u = self._with_antecedent(units[i], units)
            if u is None or any(self._same_point(u, c) or u.quote in c.quote for c in chosen):
                return False
            chosen.append(u)
            points.setdefault(source, []).append(u)
            return True

        for source, mine in by_source.items():
            mine = [i for i in mine if not retold(units[i])]
            graded = sorted((i for i in mine if GRADE.search(units[i].text) and not _of_another_year(units[i])), key=own_judgement)
            rest = sorted((i for i in mine if i not in graded[:1] and finding(i)),
                          key=lambda i: (units[i].hit.passage.ordinal, units[i].hit.passage.text.find(units[i].quote)))
            most, taken = (sel.summary_history_points if source in best_of_year.values() else 1), 0
            for i in graded[:1] + rest:
                if taken >= most:
                    break
                taken += take(source, i)
        # The years the documents name that none of their own tells, from the first asked.
        low = min(q.scope.years) if q.scope.years else 0
        said = set().union(*(named(u) for u in chosen)) if chosen else set()
        untold = sorted({y for mine in by_source.values() for i in mine for y in named(units[i])} - told - said)
        for year in (y for y in untold if y >= low):
            best = next((i for mine in by_source.values() for i in mine if year in named(units[i]) and GRADE.search(units[i].text) and finding(i)), None)
            if best is not None:
                take(units[best].hit.passage.source, best)
        # The documents oldest first (undated last), each year's best before the others of its year.
        dated = sorted(points, key=lambda s: (not year_of(points[s][0].hit.passage.date), year_of(points[s][0].hit.passage.date),
                                              s not in best_of_year.values()))
        return [u for s in dated for u in points[s]]

    def _other_document_points(self, q: Question, units: list[Unit], scores: np.ndarray, chosen: list[Unit]) -> list[Unit]:
        """A whole-event summary's points from a second document about it ("summarise X's 2019
        inspection" answered from a members' briefing, when the council's news story of it gives
        the grades; the committee minutes and the news page of one inspection): the best
        eligible other document of the same council, its best `summary_other_points` sentences,
        those giving a grade first, none repeating a point already chosen. None when the
        summarised document is of a kind the question names ("summarise the focused visit
        letter", "the report", "the minutes" ask for that document alone)."""
        most = self.answer_settings.selection.summary_other_points
        if not most or not chosen:
            return []
        anchor = chosen[0].hit.passage
        asked = q.words & _NAMING_STEMS
        if asked & _KIND_STEMS.get(anchor.kind.value, frozenset()) or q.words & _NOUN_STEMS:
            return []
        have = {u.hit.passage.source for u in chosen}
        # Of the same council, and dated the year asked or the next (the minutes of a meeting after
        # an autumn inspection): a later year's document is of a later inspection.
        years = set(q.scope.years) | {y + 1 for y in q.scope.years}
        other = [i for i in np.argsort(-scores) if np.isfinite(scores[i]) and units[i].hit.passage.source not in have
                 and units[i].hit.passage.authority == anchor.authority
                 and (not years or year_of(units[i].hit.passage.date) in years)]
        if not other:
            return []
        source = units[other[0]].hit.passage.source
        mine = [
            i for i in other
            if units[i].hit.passage.source == source and not units[i].is_list and not units[i].follow_on
            and not units[i].hit.passage.is_table_row and _is_prose(units[i].text) and SENTENCE_END.search(units[i].text)
            and not units[i].text[:1].islower() and not BULLET.match(units[i].text) and not is_frame(units[i].text)
        ]
        mine = inspection_items(q, units, mine)
        # The judgement first: a sentence giving a grade, then the closest.
        mine.sort(key=lambda i: not GRADE.search(units[i].text))
        points: list[Unit] = []
        for i in mine:
            u = units[i]
            if any(self._same_point(u, c) or u.quote in c.quote or c.quote in u.quote for c in [*chosen, *points]):
                continue
            points.append(u)
            if len(points) >= most:
                break
        return points

    def _headline(self, units: list[Unit], mine: list[int]) -> list[int]:
        """The document's own summary, as candidates in its order: of the eligible candidates
        `mine` (one document's), those of its first passage of findings in reading order (not a
        grade table's row: the paragraph under the table, "Services have declined since ...";
        a letter's or a news story's opening sentences), up to `summary_lead_sentences`. A
        summary of the whole document quotes its own headline first, wherever the question's
        words happen to rank it: "summarise the report" shares no subject with any sentence."""
        sel = self.answer_settings.selection
        most = min(sel.summary_lead_sentences, sel.summary_points)
        prose = [i for i in mine if not units[i].hit.passage.is_table_row and not units[i].is_list and _is_prose(units[i].text)]
        if not prose or not most:
            return []
        passages = {units[i].hit.passage.id: units[i].hit.passage for i in mine if not units[i].hit.passage.is_table_row}
        lead = min((units[i].hit.passage for i in prose), key=lambda p: p.ordinal)
        # And what it says must improve: the passage under its "What needs to improve?" heading
        # (or opening with that line), the first after the headline.
        improve = next((
            p for p in sorted(passages.values(), key=lambda p: p.ordinal)
            if p.id != lead.id and (is_improvement_heading(p.heading) or is_improvement_heading(p.text.split("\n")[0]))
        ), None)
        # A letter's first passage often says only what the visit looked at; its findings open
        # the next: the opening is read over the first passages of prose, up to `most` sentences.
        opening = sorted({units[i].hit.passage.id: units[i].hit.passage for i in prose if units[i].hit.passage.ordinal >= lead.ordinal
                          and (improve is None or units[i].hit.passage.id != improve.id)}.values(), key=lambda p: p.ordinal)
        # What must improve keeps its share of the summary's points (`summary_points`): the
        # opening gives at most what is left of them.
        if improve is not None:
            most = max(1, min(most, sel.summary_points - _IMPROVE_POINTS))
        found: list[int] = []
        for p, k in [*((p, most) for p in opening[:_OPENING_PASSAGES]), (improve, _IMPROVE_POINTS)]:
            if p is None:
                continue
            here = [i for i in mine if units[i].hit.passage.id == p.id and (units[i].is_list or _is_prose(units[i].text) or p is improve)]
            # Their order in the passage; a list (its lead-in and items) sits where its lead-in does.
            here.sort(key=lambda i: (p.text.find((units[i].follow_on or units[i].quote).split("\n")[0]), not units[i].is_list))
            found += here[: k if p is improve else max(0, most - len(found))]
        return found

    def _which(self, q: Question, units: list[Unit]) -> np.ndarray:
        """The qualifier gate (assistant.answering.qualifiers): a candidate's document must name
        the ordinal or month the question picks its event by, and the candidate must not name
        another ordinal for the same thing. Documents are read through the keyword index, one
        look-up per distinct document among the hits."""
        named: dict[tuple[str, int], bool] = {}
        index = self.retriever.index

        def document_names(p, k: int, qual) -> bool:
            if qual.in_text(f"{p.title} {p.heading} {p.text}"):
                return True
            if qual.month and p.date[5:7].isdigit() and int(p.date[5:7]) == qual.month:
                return True
            key = (p.source, k)
            if key not in named:
                doc = index.doc_index(p.source)
                mask = np.zeros(len(index.documents), dtype=bool)
                if doc is not None:
                    mask[doc] = True
                named[key] = doc is not None and any(self.retriever.mentioned(f, mask) for f in qual.forms)
            return named[key]

        return np.array([
            all(document_names(u.hit.passage, k, qual) and not qual.contradicted_by(u.follow_on or u.text) for k, qual in enumerate(q.qualifiers))
            for u in units
        ], dtype=bool)

    @staticmethod
    def _with_antecedent(unit: Unit, units: list[Unit]) -> Unit | None:
        """A sentence that points back ("These areas sit alongside ...", "As described above,
        ...") quoted with the sentence it points to, the one before it in its passage, as one
        verbatim quote; with none before it there, it is not quoted at all."""
        if unit.is_list or unit.hit.passage.is_table_row or not POINTS_BACK.match(unit.text):
            return unit
        p = unit.hit.passage
        i = next((k for k, u in enumerate(units) if u is unit), None)
        before = next((u for u in reversed(units[:i]) if u.hit.passage.id == p.id and not u.is_list), None) if i else None
        if before is None:
            return None
        start, end = p.text.find(before.quote), p.text.find(unit.quote)
        if start < 0 or end < start:
            return None
        quote = p.text[start : end + len(unit.quote)]
        return Unit(unit.hit, quote, quote)

    def _context(self, q: Question, q_vec: np.ndarray, units: list[Unit]) -> Context:
        unit_vecs = self._unit_vectors(units)
        index = self.retriever.index
        passages = list({u.hit.passage.id: u.hit.passage for u in units}.values())
        rows = [index.row_of(p.id) for p in passages]
        passage_vecs = [np.asarray(index.vectors[r], dtype=np.float32) if r is not None else None for r in rows]
        if any(v is None for v in passage_vecs):
            fresh = iter(self._encode([p.embed_text for p, v in zip(passages, passage_vecs) if v is None]))
            passage_vecs = [v if v is not None else next(fresh) for v in passage_vecs]
        passage_cos = {p.id: float(v @ q_vec) for p, v in zip(passages, passage_vecs)}
        unit_cos = np.array([float(v @ q_vec) for v in unit_vecs])
        return Context(q, units, unit_cos, passage_cos, self.stats, self.answer_settings.selection.quote_match)

    def _unit_vectors(self, units: list[Unit]) -> list[np.ndarray]:
        """Each candidate's vector, as the indexer stored it with its passage (indexer.serving):
        a question costs one encode. A piece the store does not have (indexed by an older
        version) is encoded now and remembered."""
        index = self.retriever.index
        by_passage: dict[str, list[int]] = {}
        for i, u in enumerate(units):
            by_passage.setdefault(u.hit.passage.id, []).append(i)
        vectors: list[np.ndarray | None] = [None] * len(units)
        for pid, members in by_passage.items():
            row = index.row_of(pid)
            if row is None:
                continue
            for i, v in zip(members, index.piece_vectors(row, [units[i].text for i in members])):
                vectors[i] = v
        missing = [i for i, v in enumerate(vectors) if v is None]
        if missing:
            log.debug("%d candidate vectors not in the serving index: encoding them", len(missing))
            for i, v in zip(missing, self._encode([units[i].text for i in missing])):
                vectors[i] = v
        return vectors

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings of texts the serving index lacks, remembered. Results are read from a
        local mapping so a concurrent request clearing the cache cannot break this one."""
        found = {t: self._vectors.get(t) for t in texts}
        missing = [t for t, v in found.items() if v is None]
        if missing:
            fresh = dict(zip(missing, self.retriever.embedder.encode(missing)))
            found.update(fresh)
            if len(self._vectors) > 50_000:
                self._vectors.clear()
            self._vectors.update(fresh)
        return np.stack([found[t] for t in texts])

    def _unmentioned(self, q: Question, hits: list[Hit], filters: Filters) -> list[str]:
        """Names and years in the question that the documents it is about never contain:
        answering about Manchester when asked about Stockport is the worst failure. When the
        question names a council, its documents are searched whole (a year may be named only on
        a page retrieval did not rank first); otherwise the retrieved passages are."""
        scope = q.scope
        # Words spent on naming a council ("IoW", the "NES" of "B&NES") are the scope's to check:
        # its documents are about that council whether or not they use the short form.
        # An acronym the question spells out itself ("child sexual exploitation (CSE)") is no
        # name the documents must hold: its words say what is asked, and the subject gate reads them.
        named = [t for t in q.salient if not _names_council(t, q.text) and not spelt_out_in(q.text, t)]
        if scope.authorities:
            # "bedford 2017 SIF": the council's documents of that year are of the framework the
            # year says; a news page about the inspection seldom names it.
            named = [t for t in named if not _framework_of_years(t, scope.years)]
            docs = np.logical_or.reduce([self.retriever.document_mask(filters, a) for a in scope.authorities])
            return [t for t in named if not any(self.retriever.mentioned(f, docs) for f in forms_of(t))]
        haystack = normal(" ".join(f"{h.passage.title} {h.passage.source} {h.passage.text}" for h in hits))
        return [t for t in named if not any(f" {normal(f)} " in f" {haystack} " for f in forms_of(t))]

    def _spelt_out(self, q: Question, filters: Filters) -> Question:
        """The part read with its acronyms as the documents write them: one no vocabulary knows
        and the documents never write, by the words its initials stand for in the documents it
        is about ("what does the CAST do?" → "what does the Children's Assessment and
        Safeguarding Team do?"); a known one in the plural by its plural ("how many LAs …" →
        "how many local authorities …"), so that a count's noun is the documents' noun too.
        Retrieval, the gates and the features then read the words the documents use."""
        text = q.text
        for t in q.salient:
            if re.fullmatch(r"[A-Z]{2,}s", t) and expansions(t):
                spelt = expansions(t)[0]
            elif not expansions(t) and initials_pattern(t) is not None and not terms(t) <= self.stats.idf.keys():
                authorities = q.scope.authorities or (None,)
                docs = np.logical_or.reduce([self.retriever.document_mask(filters, a) for a in authorities])
                spelt = self.retriever.spelling(t, docs)
            else:
                spelt = None
            if spelt:
                text = re.sub(rf"(?<![\w-]){re.escape(t)}(?![\w-])", lambda m: spelt, text)
        return q if text == q.text else replace(Question.parse(text, q.scope, q.inspectors), after=q.after)

    @staticmethod
    def _same_point(a: Unit, b: Unit) -> bool:
        """The two say the same: most words shared, or one's quote holds the other's (a sentence
        quoted with the one it leans on, and that sentence again on its own)."""
        qa, qb = a.follow_on or a.quote, b.follow_on or b.quote
        if qa in qb or qb in qa:
            return True
        # Two rows of a grade table share most of their words ("The experiences and progress of
        # children in care — Outstanding", "… of care leavers — Outstanding") and grade two areas.
        if a.hit.passage.is_table_row and b.hit.passage.is_table_row:
            areas_a, areas_b = set(areas_named(a.text)), set(areas_named(b.text))
            if areas_a != areas_b:
                return False
            # Two tables of one document grading the same area the same ("Year of inspection:
            # 2022; overall effectiveness: Good" in its history table, "Overall effectiveness:
            # Good" in its judgements) say one thing in other words.
            if areas_a and a.hit.passage.source == b.hit.passage.source and grade_of(a.text) is not None and grade_of(a.text) == grade_of(b.text):
                return True
        wa, wb = _words(a.text), _words(b.text)
        return len(wa & wb) / max(1, min(len(wa), len(wb))) > 0.8


def _one_after_another(question: str, pieces: list[Answer]) -> Answer:
    """The answers of a question's parts one after another, their citations numbered on."""
    lines: list[str] = []
    citations: list[Citation] = []
    for piece in pieces:
        offset = len(citations)
        lines.append(re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", piece.answer))
        citations += [replace(c, n=c.n + offset) for c in piece.citations]
    answer = Answer(question, "\n".join(lines), True, citations)
    answer.notice = next((p.notice for p in pieces if p.notice), "")
    return answer


def _framework_of_years(term: str, years: tuple[int, ...]) -> bool:
    """`term` names an inspection framework (FRAMEWORK_YEARS) that every year asked was in."""
    span = FRAMEWORK_YEARS.get(term.upper())
    return span is not None and bool(years) and all(span[0] <= y <= span[1] for y in years)


def _names_council(term: str, question: str) -> bool:
    """Every time the question writes `term`, it is inside a council's name or short form."""
    spans = [(s, e) for _, s, e in question_spans(question)]
    found = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", question)]
    return bool(found) and all(any(a <= s and e <= b for a, b in spans) for s, e in found)
