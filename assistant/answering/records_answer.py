"""Answers from the inspection records (`indexer.records`), as a list with a citation on every value.

The sentence pipeline answers "what were the areas for improvement?" with one sentence *about* the
list; the records hold the list itself, each area linked to its plan rows and committee
discussions, and each grade with the words it was read from. This part answers these classes of
question from them (`classify` decides, part by part, from the parsed `Question`):

- `Route.GRADES`: one or more inspections' grades, every judgement ("what were Wirral's grades in
  2023?", "what grade did X get for each judgement?", "what grades did X get in 2018 and in 2023?");
- `Route.SELECTION`: which judgement had a grade ("which judgement was not outstanding?", "which two
  areas were graded outstanding?", "which judgement still required improvement?");
- `Route.HISTORY`: one council's grades over time, one line per inspection, oldest first ("how have
  X's grades changed since 2018?", "how did X's overall grade change between 2019 and 2024?",
  "... how does that compare with last time?");
- `Route.IMPROVEMENTS`: the areas for improvement, and with them (when asked: "what is the council
  doing about each", "who leads it", "when is it due", "when did the committee last look at it")
  each area's actions (action, lead, deadline, status) and its discussions; an area with no linked
  action says "no action recorded", a fact of the record;
- `Route.ACROSS`: councils with a grade ("which councils were judged inadequate for help and
  protection since 2022?").
- `Route.AMONG`: a grade question naming two or more councils ("which of X or Y got outstanding?",
  "did X or Y do better in 2023?", "X vs Y: which area did each get RI for?"): each named council's
  inspection of the year asked (or its latest), its grade for the area asked (overall when none is
  named), each cited, then which of them has the grade asked or the better grade. When a named
  council's documents grade no inspection at all while another's do, the answer refuses, naming it:
  half a comparison read as the whole is a confident wrong answer.

Single-area grade questions ("what grade did Leeds get for help and protection in 2022?") stay with
the sentence pipeline, which answers them with the report's own row (measured on the development set).

The grounded answer's rules hold: a value is shown only with a citation whose quote is verbatim in
an indexed passage of the cited source and page (one that cannot be found is dropped, never cited
loosely); a value the documents disagree on is shown with both values and their sources; and when the
records do not hold the answer for the council and year asked (no record, an undated record that
might be the one meant, a list not complete enough to select from) `answer` returns None and the
sentence pipeline answers as before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import Enum

import Stemmer

from assistant.answering.compose import NOT_FOUND
from assistant.answering.features import normal
from assistant.answering.frame import is_frame
from assistant.answering.question import Intent, Question, council_sides, forms_of, parse_parts
from assistant.citations import squash
from assistant.types import Answer, Citation, Filters, Scope
from indexer import councils
from indexer.records.types import Citation as RecordCitation
from indexer.records.types import InspectionRecord
from indexer.types import Passage
from indexer.vocabulary import (
    FRAMEWORK_YEARS,
    InspectionType,
    CHANGE_WORDS,
    DISCUSSION_WORDS,
    GRADE_PATTERN,
    IMPROVEMENT_LIST_NAMES,
    MONTH_NAMES,
    NUMBER_WORDS,
    OLD_GRADE_PATTERN,
    PLAN_WORDS,
    Grade,
    JudgementArea,
    alternation,
    areas_named,
    grade_of,
)

log = logging.getLogger(__name__)

SOURCE_NOTE = "From the inspection records (each value cited):"


def _words(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + alternation(words) + r")\b", re.I)


def _stemmed(phrases: tuple[str, ...]) -> re.Pattern:
    """The phrases with each word's ending free: the speller leaves "improvment" alone (its stem is
    "improvement"'s), so "areas for improvment" must still be the list."""
    stem = Stemmer.Stemmer("english").stemWord
    return re.compile(
        r"\b(?:" + "|".join(r"\s+".join(re.escape(stem(w)) + r"\w*" for w in p.split()) for p in phrases) + r")", re.I
    )


_IMPROVEMENTS = _stemmed(IMPROVEMENT_LIST_NAMES)
_PLAN = _words(PLAN_WORDS)
_DISCUSSION = _words(DISCUSSION_WORDS)
_CHANGE = _words(CHANGE_WORDS)
_GRADE_ASKED = re.compile(r"\b(?:grade[ds]?|graded|rated|ratings?|judged|judgements?|judgments?)\b", re.I)
# Every judgement at once: "grades" (plural), "each judgement", "all the judgements", "every area".
_ALL_GRADES = re.compile(
    r"\b(?:grades|ratings|judgements|judgments)\b|\b(?:each|every|all(?: the| of the| its| their)?)\s+(?:judgement|judgment|area|grade)s?\b",
    re.I,
)
# "Which judgement ...", "which two areas ...", "which of the five judgements ...", "which part ...".
_WHICH_AREA = re.compile(
    rf"\bwhich\s+(?:of\s+(?:the|its|their|\w+['’]s?)\s+)?(?:(?P<count>\d+|{alternation(NUMBER_WORDS)})\s+)?"
    r"(?:(?!(?:was|were|is|are|did|got|had|has|have)\b)[\w'’-]+\s+){0,2}?"  # "which Bristol judgement", "which two Salford areas"
    r"(?:judgement area|judgment area|judgements?|judgments?|areas?|parts?|grades?)\b",
    re.I,
)
_WHICH_COUNCILS = re.compile(r"\bwhich\s+(?:\w+\s+)?(?:councils|local authorities|authorities|las|council|local authority)\b", re.I)
# A grade the question excludes: "not outstanding", "wasn't good", "rather than outstanding".
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\brather than|\bother than|\binstead of|\bbelow)\s+(?:\w+\s+){0,3}$", re.I)
# A part that refers back to the list named in another part: "what does our plan do about each?",
# "who leads it?", "when is it due?", "how does that compare with last time?".
_REFERS_BACK = re.compile(r"\b(?:it|its|each|them|they|those|these|that|this|one)\b", re.I)
# A yes/no question about one item ("did Ofsted list X as an area for improvement?": the parsed
# question's `yes_no`, whether.asks_whether of what it asks), or one item by position ("the first
# area for improvement"), or a count: the sentence pipeline's.
_ONE_ITEM = re.compile(r"\b(?:first|second|third|fourth|fifth|last)\s+area\b|\barea for improvement\b", re.I)
_SINCE = re.compile(r"\bsince\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+(?:on|onwards)\b|\bafter\s+((?:19|20)\d\d)\b", re.I)
_BETWEEN = re.compile(r"\bbetween\b.*?\b((?:19|20)\d\d)\b.*?\band\b.*?\b((?:19|20)\d\d)\b", re.I)
# Words the question quotes ("who said \"the areas for improvement are clear\"?"): what it asks
# about someone's words, not the list it names.
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)['‘][^'’]*['’](?!\w)")
_MONTH = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\b", re.I)
# How a question sets named councils side by side: "which of X or Y", "X vs Y", "did X or Y do
# better", "compare X's and Y's grades", "both", "each".
_AMONG = re.compile(r"\bwhich\b|\bor\b|\bvs\.?|\bversus\b|\bcompar\w*|\bbetter\b|\bworse\b|\bhigher\b|\blower\b|\bboth\b|\beach\b", re.I)
# "Did X or Y do better?" asks the grades without naming one.
_DID_BETTER = re.compile(r"\b(?:do|did|does|done|fare|fared|come out)\s+(?:better|worse)\b|\b(?:rated|graded|judged)\s+(?:higher|lower|better|worse)\b|"
                         r"\b(?:better|worse|higher|lower)\s+(?:grade|rating|result|judgement|outcome)s?\b", re.I)
_BETTER = re.compile(r"\b(?:better|higher|best|highest|stronger)\b", re.I)
_WORSE = re.compile(r"\b(?:worse|lower|worst|lowest|weaker)\b", re.I)
# A council's grades over time ("since 2018", "between 2019 and 2024"), even with two named: not
# one inspection each.
_CHANGE_OVER_TIME = re.compile(r"\bsince\b|\bbetween\b|\bover time\b|\bchanged?\b|\bimproved?\b|\bdeclined?\b|\bmoved?\b", re.I)

# A full set of judgements: what a selection ("which judgement was not good?") needs to be sure.
_SUB_AREAS_OLD = {JudgementArea.IMPACT_OF_LEADERS, JudgementArea.HELP_AND_PROTECTION, JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS}
_SUB_AREAS_NEW = {JudgementArea.IMPACT_OF_LEADERS, JudgementArea.HELP_AND_PROTECTION, JudgementArea.CHILDREN_IN_CARE, JudgementArea.CARE_LEAVERS}
_AREA_ORDER = list(JudgementArea)


class Route(str, Enum):
    GRADES = "grades"
    SELECTION = "selection"
    HISTORY = "history"
    IMPROVEMENTS = "improvements"
    ACROSS = "across"
    AMONG = "among"  # the named councils, side by side
    FOLLOW_UP = "follow-up"  # refers back to another part's list ("who leads it?")


@dataclass
class Plan:
    """What the records answer must show, read from the question's parts."""

    routes: list[tuple[Route, Question]] = field(default_factory=list)
    actions: bool = False  # each area's plan rows
    discussions: bool = False  # each area's committee discussions
    compare_last: bool = False  # the grades beside the inspection before

    def has(self, route: Route) -> bool:
        return any(r is route for r, _ in self.routes)


def _asks_grades(q: Question) -> bool:
    return q.intent is Intent.GRADE or bool(_GRADE_ASKED.search(q.asks))


def route_of(q: Question) -> Route | None:
    """The record class one part of a question belongs to, or None (the sentence pipeline's)."""
    text = q.asks
    if q.intent in (Intent.COUNT, Intent.AMOUNT, Intent.SHARE) or re.search(r"\bwhy\b", text, re.I):
        return None
    if OLD_GRADE_PATTERN.search(text):
        # The records hold the current scale only (indexer.vocabulary.OldGrade): "which judgements
        # were adequate?" is answered by the sentence that states it, never by current grades.
        return None
    if _WHICH_COUNCILS.search(text) and not q.scope.authorities and _asks_grades(q):
        return Route.ACROSS
    if len(q.scope.authorities) >= 2 and _AMONG.search(text) and (_asks_grades(q) or GRADE_PATTERN.search(text) or _DID_BETTER.search(text)) \
            and not _IMPROVEMENTS.search(text) and not _CHANGE_OVER_TIME.search(text):
        return Route.AMONG
    if _IMPROVEMENTS.search(_QUOTED.sub(" ", text)):
        return None if q.yes_no or _ONE_ITEM.search(text) else Route.IMPROVEMENTS
    if _ONE_ITEM.search(text):
        return None
    if _WHICH_AREA.search(text) and GRADE_PATTERN.search(text) and not q.yes_no:
        return Route.SELECTION  # "which judgement still required improvement?" names the grade it asks for
    if _asks_grades(q) and not q.yes_no:
        if _CHANGE.search(text) and (_ALL_GRADES.search(text) or areas_named(text) or re.search(r"\bgrade\b", text, re.I)):
            return Route.HISTORY
        if _ALL_GRADES.search(text) and not areas_named(text):
            return Route.GRADES
        return None
    if len(text.split()) <= 12 and _REFERS_BACK.search(text) and (_PLAN.search(text) or _DISCUSSION.search(text) or _CHANGE.search(text)):
        return Route.FOLLOW_UP
    return None


def classify(question: str, scope: Scope) -> Plan | None:
    """Which record classes the question's parts ask, or None when any part is not one (then the
    whole question goes to the sentence pipeline, so a mixed question is never half-answered)."""
    parts = parse_parts(question, scope)
    plan = Plan()
    for q in parts:
        route = route_of(q)
        if route is None:
            return None
        plan.routes.append((route, q))
    follow_ups = [q for r, q in plan.routes if r is Route.FOLLOW_UP]
    if follow_ups and not any(r in (Route.IMPROVEMENTS, Route.GRADES) for r, _ in plan.routes):
        return None
    if (plan.has(Route.ACROSS) or plan.has(Route.AMONG)) and len(plan.routes) > 1:
        return None
    whole = question
    plan.actions = plan.has(Route.IMPROVEMENTS) and bool(_PLAN.search(whole))
    plan.discussions = plan.has(Route.IMPROVEMENTS) and bool(_DISCUSSION.search(whole))
    plan.compare_last = plan.has(Route.GRADES) and any(_CHANGE.search(q.asks) for q in follow_ups)
    if any(_CHANGE.search(q.asks) for q in follow_ups) and not plan.has(Route.GRADES):
        return None  # "how does that compare?" about a list of areas: not a record's
    return plan


# --- citing ----------------------------------------------------------------------------------


class Citer:
    """Record citations (source, page, quote) as the chat's `Citation`s, each pointing at the
    indexed passage that holds the quote verbatim; a quote no passage holds is not cited."""

    def __init__(self, of_source: Callable[[str], list[Passage]], filters: Filters) -> None:
        self.of_source = of_source
        self.filters = filters
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, str], int] = {}
        self.records: list[InspectionRecord] = []  # the records this answer reads

    def passage_for(self, c: RecordCitation) -> Passage | None:
        lines = [squash(line) for line in c.quote.split("\n") if line.strip()]
        if not lines:
            return None
        candidates = [p for p in self.of_source(c.source) if c.page is None or p.page == c.page]
        for p in candidates:
            if self.filters and not self.filters.allows(p):
                continue
            text = squash(p.text)
            if all(line in text for line in lines):
                return p
        return None

    def marks(self, cites: list[RecordCitation], answer_text: str = "", most: int = 2) -> str:
        """"[1][2]" for the citations that resolve (at most `most`), "" when none does."""
        numbers: list[int] = []
        for c in cites:
            if len(numbers) >= most:
                break
            p = self.passage_for(c)
            if p is None:
                log.debug("records answer: quote not found in any passage of %s p.%s: %r", c.source, c.page, c.quote)
                continue
            key = (p.id, c.quote)
            if key not in self._numbers:
                self._numbers[key] = len(self.citations) + 1
                self.citations.append(Citation.of(self._numbers[key], p, c.quote, answer_text))
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return "".join(f"[{n}]" for n in numbers)


def _report_first(cites: list[RecordCitation]) -> list[RecordCitation]:
    """The inspection report's words before a news page's or a minute's."""
    return sorted(cites, key=lambda c: ("inspection-report" not in c.source and "report" not in c.source.lower(), c.source))


# --- reading the records ---------------------------------------------------------------------


def _years_of(record: InspectionRecord) -> set[int]:
    return {int(f.value[:4]) for f in (record.fieldwork_start, record.fieldwork_end, record.published) if f and f.value[:4].isdigit()}


# The last month of a year a report of the year before's inspection is still published in: an
# inspection in November or December is reported six to eight weeks on.
REPORTED_BY_MONTH = 3


def _reported_years(record: InspectionRecord) -> set[int]:
    """A record's years, and for one with no fieldwork date published by REPORTED_BY_MONTH, the
    year before too: the year of the inspection it reports."""
    years = _years_of(record)
    published = record.published.value if record.published else ""
    if not (record.fieldwork_start or record.fieldwork_end) and len(published) >= 7 and published[:4].isdigit() \
            and published[5:7].isdigit() and int(published[5:7]) <= REPORTED_BY_MONTH:
        years.add(int(published[:4]) - 1)
    return years


def _graded(record: InspectionRecord) -> bool:
    return bool(record.grades) or any(c.field.startswith("grades.") for c in record.conflicts)


def _conflict(record: InspectionRecord, area: JudgementArea):
    return next((c for c in record.conflicts if c.field == f"grades.{area.value}"), None)


def _has_area(record: InspectionRecord, area: JudgementArea) -> bool:
    return area in record.grades or _conflict(record, area) is not None


def _single_framework(record: InspectionRecord) -> bool:
    """An inspection under the single inspection framework (SIF, before ILACS began)."""
    if record.type is not None:
        return record.type is InspectionType.SIF
    years = _years_of(record)
    return bool(years) and max(years) < FRAMEWORK_YEARS["ILACS"][0]


def _complete(record: InspectionRecord) -> bool:
    have = {a for a in JudgementArea if _has_area(record, a)}
    return JudgementArea.OVERALL_EFFECTIVENESS in have and (_SUB_AREAS_OLD <= have or _SUB_AREAS_NEW <= have)


def _asked_area(record: InspectionRecord, area: JudgementArea) -> JudgementArea | None:
    """The area as this record grades it: before 2023 care leavers were graded with children in care."""
    if _has_area(record, area):
        return area
    if area in (JudgementArea.CHILDREN_IN_CARE, JudgementArea.CARE_LEAVERS) and _has_area(record, JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS):
        return JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS
    return None


def _date_words(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = MONTH_NAMES[int(parts[1]) - 1].capitalize()
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 and parts[2].isdigit() else f"{month} {parts[0]}"
    return iso


# --- the answerer ----------------------------------------------------------------------------


class RecordAnswers:
    """The records, loaded once (at the Answerer's warm-up), and the passages to cite them by."""

    def __init__(self, records: list[InspectionRecord], passages: "list[Passage] | Callable[[str], list[Passage]] | None" = None) -> None:
        self.by_council: dict[str, list[InspectionRecord]] = defaultdict(list)
        for r in records:
            self.by_council[r.authority.lower()].append(r)
        for rs in self.by_council.values():
            rs.sort(key=lambda r: r.date)
        # A document's passages by source: the serving index's reader (read when a record is
        # cited, never all at once), or for tests a list held here.
        if callable(passages):
            self.of_source = passages
        else:
            held: dict[str, list[Passage]] = defaultdict(list)
            for p in passages or []:
                held[p.source].append(p)
            self.of_source = lambda source: held.get(source, [])

    @classmethod
    def load(cls, settings, passages) -> "RecordAnswers":
        """The store's records; none (an older store, or one whose records cannot be read) is
        not an error: every question then goes to the sentence pipeline."""
        from assistant.records import load_records

        try:
            records = load_records(settings)
        except Exception as e:  # noqa: BLE001 - a records problem must never stop the chat
            log.warning("inspection records not loaded (%s): questions are answered from sentences only", e)
            records = []
        return cls(records, passages)

    def __bool__(self) -> bool:
        return bool(self.by_council)

    # -- entry point --

    def answer(self, question: str, scope: Scope, filters: Filters) -> Answer | None:
        """The records' answer to `question`, or None when it is not a record class or the
        records do not hold its answer (the sentence pipeline answers instead)."""
        if not self:
            return None
        plan = classify(question, scope)
        if plan is None:
            return None
        citer = Citer(self.of_source, filters)
        try:
            lines = self._lines(plan, scope, filters, citer)
        except _Unsupported as why:
            return Answer(question, f"{NOT_FOUND} {why}", False)
        except _NotHeld as why:
            log.debug("records answer declined: %s", why)
            return None
        if not lines or not citer.citations:
            return None
        unknown = self._unmentioned(question, scope, citer)
        if unknown:
            log.debug("records answer declined: the records' documents never mention %s", unknown)
            return None  # the sentence pipeline's names check says what the documents never mention
        answer = Answer(question, "\n".join([SOURCE_NOTE, *lines]), True, citer.citations)
        # No hits: the LLM Generator (assistant.generate) returns an answer without hits as it is,
        # so the records' list is never reworded into prose.
        answer.hits, answer.trace = [], []
        return answer

    def _unmentioned(self, question: str, scope: Scope, citer: Citer) -> list[str]:
        """Names and years the question is specific about that none of the documents the answer
        reads contains ("... led by Smith"): such a question is not the records' to answer."""
        sources = {s for r in citer.records for s in r.sources} | {c.source for c in citer.citations}
        text = " " + normal(" ".join(f"{p.title} {p.source} {p.text}" for s in sorted(sources) for p in self.of_source(s))) + " "
        named = normal(" ".join(scope.authorities))
        missing = []
        for q in parse_parts(question, scope):
            for term in q.salient:
                if any(f" {normal(f)} " in text for f in forms_of(term)) or normal(term) in named:
                    continue
                missing.append(term)
        return missing

    def _council(self, scope: Scope, filters: Filters) -> list[InspectionRecord]:
        named = scope.authorities or filters.authorities
        if len(named) != 1:
            raise _NotHeld("not one council")
        wanted = (councils.canonical(named[0]) or named[0]).lower()
        records = [r for r in self.by_council.get(wanted, []) if _graded(r) or r.areas_for_improvement]
        if not records:
            raise _NotHeld(f"no record of {named[0]}")
        return records

    def _lines(self, plan: Plan, scope: Scope, filters: Filters, citer: Citer) -> list[str]:
        lines: list[str] = []
        for route, q in plan.routes:
            if route is Route.ACROSS:
                lines += self._across(q, filters, citer)
            elif route is Route.AMONG:
                lines += self._among(q, filters, citer)
            elif route is Route.GRADES:
                records = self._inspections(q, self._council(scope, filters), graded=True)
                if plan.compare_last and len(records) == 1:
                    try:
                        pair = self._with_previous(records[0], scope, filters)
                    except _NotHeld as why:
                        lines += self._grades(records[0], citer)
                        lines.append(f"Compared with the inspection before: not shown, because {why}.")
                    else:
                        lines += self._history(q, pair, None, citer)
                elif len(records) == 1:
                    lines += self._grades(records[0], citer)
                else:
                    lines += self._history(q, records, None, citer)
            elif route is Route.SELECTION:
                (record,) = self._inspections(q, self._council(scope, filters), graded=True, one=True)
                lines += self._selection(q, record, citer)
            elif route is Route.HISTORY:
                records = self._council(scope, filters)
                lines += self._history(q, self._over_time(q, records), areas_named(q.asks) or None, citer)
            elif route is Route.IMPROVEMENTS:
                (record,) = self._inspections(q, self._council(scope, filters), improvements=True, one=True)
                lines += self._improvements(record, plan, citer)
        return lines

    # -- which inspections --

    def _inspections(self, q: Question, records: list[InspectionRecord], graded: bool = False,
                     improvements: bool = False, one: bool = False) -> list[InspectionRecord]:
        def holds(r: InspectionRecord) -> bool:
            return (not graded or _graded(r)) and (not improvements or bool(r.areas_for_improvement))

        pool = [r for r in records if holds(r)]
        if not pool:
            raise _NotHeld("no record holds it")
        if q.scope.years:
            found = []
            for year in q.scope.years:
                matches = [r for r in pool if year in self._years(r, improvements)]
                if len(matches) != 1:
                    raise _NotHeld(f"{len(matches)} records for {year}")
                found.append(matches[0])
            found = [r for r in pool if any(r is f for f in found)]  # once each, oldest first
        else:
            # The latest: only when every record that could be it is dated.
            if any(not r.date for r in pool):
                raise _NotHeld("an undated record might be the latest")
            found = [pool[-1]]
        if one and len(found) != 1:
            raise _NotHeld("not one inspection")
        months = {MONTH_NAMES.index(m.lower()) + 1 for m in _MONTH.findall(q.asks)}
        for r in found:
            held = {int(f.value[5:7]) for f in (r.fieldwork_start, r.fieldwork_end, r.published) if f and len(f.value) >= 7}
            if months and not months & held:
                raise _NotHeld("the month asked is not the inspection's")
        return found

    def _years(self, record: InspectionRecord, improvements: bool) -> set[int]:
        """The years of the inspection a record is of: its fieldwork and publication dates; for
        a list of areas for improvement whose record has none (a plan and the minutes that
        respond to a report, which name no fieldwork date), the years of the documents it was
        read from, when they agree on one. Such a record then answers only a question naming that
        year, and only when it is the one record of the council that year holds."""
        found = _years_of(record)
        if found or not improvements or len(record.areas_for_improvement) < 2:
            # One area read from such a document is a sentence about the list ("They include
            # X"), not the list: shown as the list, it would read as complete.
            return found
        dated = {p.date[:4] for s in record.sources for p in self.of_source(s)[:1] if p.date[:4].isdigit()}
        return {int(y) for y in dated} if len(dated) == 1 else set()

    def _with_previous(self, record: InspectionRecord, scope: Scope, filters: Filters) -> list[InspectionRecord]:
        graded = [r for r in self._council(scope, filters) if _graded(r)]
        if any(not r.date for r in graded):
            raise _NotHeld("the records hold an earlier inspection without a date, so which came before cannot be told")
        at = next(i for i, r in enumerate(graded) if r is record)
        if at == 0:
            raise _NotHeld("the records hold no earlier inspection")
        return graded[at - 1: at + 1]

    def _over_time(self, q: Question, records: list[InspectionRecord]) -> list[InspectionRecord]:
        graded = [r for r in records if _graded(r)]
        if any(not r.date for r in graded):
            raise _NotHeld("an undated record cannot be put in order")
        since, between = _SINCE.search(q.asks), _BETWEEN.search(q.asks)
        if between:
            low, high = sorted(int(y) for y in between.groups())
            chosen = [r for r in graded if any(low <= y <= high for y in _years_of(r))]
            if not all(any(y in _years_of(r) for r in chosen) for y in (low, high)):
                raise _NotHeld("an end of the range has no record")
        elif since:
            start = int(next(g for g in since.groups() if g))
            chosen = [r for r in graded if max(_years_of(r), default=0) >= start]
        elif q.scope.years:
            chosen = [r for r in graded if _years_of(r) & set(q.scope.years)]
            if not all(any(y in _years_of(r) for r in chosen) for y in q.scope.years):
                raise _NotHeld("a year asked has no record")
        else:
            chosen = graded
        if len(chosen) < 2:
            raise _NotHeld("fewer than two inspections to compare")
        return chosen

    # -- the lines --

    def _heading(self, record: InspectionRecord, citer: Citer, what: str, undated: bool = False) -> str:
        citer.records.append(record)
        kind = record.type.value if record.type else "inspection"
        for label, fact in (("fieldwork ended", record.fieldwork_end), ("report published", record.published),
                            ("fieldwork began", record.fieldwork_start)):
            if fact:
                marks = citer.marks(fact.citations, what)
                if marks:
                    return f"{record.authority}, {kind} ({label} {_date_words(fact.value)} {marks}), {what}:"
        if undated and not _years_of(record) and self._years(record, improvements=True):
            # A list read from a plan or a news page that names no fieldwork date: it is matched
            # to the question's year by its documents' dates, and says it holds no date (a value
            # it could not cite); each item below is cited.
            return f"{record.authority}, {kind} (no date recorded in its documents), {what}:"
        raise _NotHeld("the inspection's date cannot be cited")

    def _grade_text(self, record: InspectionRecord, area: JudgementArea, citer: Citer) -> str:
        """"Good [1][2]", or both sides of a disagreement with their sources; "" when uncitable."""
        conflict = _conflict(record, area)
        if conflict is not None:
            sides = []
            for v in conflict.values:
                marks = citer.marks(_report_first(v.citations), f"{area.label}: {v.value}")
                if not marks:
                    raise _NotHeld("one side of a conflict cannot be cited")  # never show half a disagreement
                sides.append(f"{v.value} {marks}")
            return "the documents disagree: " + " / ".join(sides)
        value = record.grades.get(area)
        if value is None:
            return ""
        marks = citer.marks(_report_first(value.citations), f"{area.label}: {value.grade.value}")
        return f"{value.grade.value} {marks}" if marks else ""

    def _grades(self, record: InspectionRecord, citer: Citer, areas: list[JudgementArea] | None = None) -> list[str]:
        if areas is None and _single_framework(record):
            # A SIF report's judgements include some no ILACS area holds (adoption performance,
            # the safeguarding board's review): "all the judgements" from the record would leave
            # them out, so its own judgement table answers, quoted with its own names.
            raise _NotHeld("a SIF inspection's judgements are not all held as ILACS areas")
        head = self._heading(record, citer, "grades")
        rows = []
        for area in areas or _AREA_ORDER:
            shown = self._grade_text(record, area, citer)
            if shown:
                rows.append(f"- {area.label}: {shown}")
        if not rows:
            raise _NotHeld("no grade can be cited")
        return [head, *rows]

    def _history(self, q: Question, records: list[InspectionRecord], areas: list[JudgementArea] | None, citer: Citer) -> list[str]:
        lines = [f"{records[0].authority}'s grades at each inspection, oldest first:"]
        for record in records:
            when = self._heading(record, citer, "grades").split(", ", 1)[1].rstrip(":")  # first: [n]s in reading order
            wanted = [a for a in (_asked_area(record, a) for a in areas) if a] if areas else _AREA_ORDER
            cells = [f"{a.label}: {t}" for a in wanted if (t := self._grade_text(record, a, citer))]
            if not cells:
                raise _NotHeld(f"no grade asked for at {record.date}")
            lines.append(f"- {when.removesuffix(', grades')}: {'; '.join(cells)}")
        return lines

    def _selection(self, q: Question, record: InspectionRecord, citer: Citer) -> list[str]:
        if not _complete(record):
            raise _NotHeld("the record lacks some judgements: a selection could miss one")
        wanted, excluded = set(), set()
        for m in GRADE_PATTERN.finditer(q.asks):
            (excluded if _NEGATED.search(q.asks[: m.start()]) else wanted).add(grade_of(m.group(0)))
        named = areas_named(q.asks)
        pool = [a for a in _AREA_ORDER if _has_area(record, a) and a is not JudgementArea.OVERALL_EFFECTIVENESS]
        if named:
            pool = [a for a in pool if a in named]
        chosen, disputed = [], []
        for area in pool:
            conflict = _conflict(record, area)
            values = {grade_of(v.value) for v in conflict.values} if conflict else {record.grades[area].grade}
            fits = {g for g in values if (not wanted or g in wanted) and g not in excluded}
            if fits and conflict:
                disputed.append(area)
            elif fits:
                chosen.append(area)
        asked = _WHICH_AREA.search(q.asks)
        count = asked.group("count") if asked else None
        if count and (int(count) if count.isdigit() else NUMBER_WORDS[count.lower()]) != len(chosen) + len(disputed):
            raise _NotHeld("the records' count differs from the question's")
        if not chosen and not disputed:
            raise _NotHeld("no judgement fits")  # "none" is not said from records that may be incomplete
        grade_words = " or ".join(g.value for g in wanted) if wanted else f"other than {' or '.join(g.value for g in excluded)}"
        head = self._heading(record, citer, f"judgements graded {grade_words}")
        rows = [f"- {a.label}: {t}" for a in chosen + disputed if (t := self._grade_text(record, a, citer))]
        if len(rows) != len(chosen) + len(disputed):
            raise _NotHeld("a chosen grade cannot be cited")
        return [head, *rows]

    def _improvements(self, record: InspectionRecord, plan: Plan, citer: Citer) -> list[str]:
        what = "areas for improvement" + (", what the plan does about each" if plan.actions else "")
        lines = [self._heading(record, citer, what, undated=True)]
        for i, area in enumerate(record.areas_for_improvement, 1):
            if is_frame(area.text):
                continue  # a page's navigation or byline read as an item ("Related news: ...") is none
            marks = citer.marks(area.citations, area.text)
            if not marks:
                continue
            lines.append(f"{area.number or i}. {area.text} {marks}")
            if plan.actions:
                shown = 0
                for link in area.actions:
                    row = link.row
                    row_marks = citer.marks([row.citation], row.action or row.area)
                    if not row_marks:
                        continue
                    cells = [f"Action: {row.action or 'not stated'}", f"lead: {row.lead or 'not recorded'}",
                             f"deadline: {row.deadline or 'not recorded'}"]
                    status = row.status or (row.rag.value if row.rag else "")
                    cells.append(f"status: {status or 'not recorded'}")
                    if link.overdue:
                        cells.append("overdue (deadline passed, no completion recorded)")
                    if link.by == "meaning":
                        cells.append(f"matched to this area by meaning, score {link.score:.2f}")
                    lines.append(f"   - {'; '.join(cells)} {row_marks}")
                    shown += 1
                if not shown:
                    lines.append("   - No action recorded for this area in the indexed plans.")
            if plan.discussions:
                talks = sorted(area.discussions, key=lambda d: d.date, reverse=True)
                cited = [(d, m) for d in talks if (m := citer.marks([d.quote], d.item or d.committee))]
                if cited:
                    d, m = cited[0]
                    lines.append(f"   - Last discussed: {_date_words(d.date)}, {d.committee} {m}")
                else:
                    lines.append("   - No committee discussion of it recorded.")
        if len(lines) == 1:
            raise _NotHeld("no area for improvement can be cited")
        return lines

    def _across(self, q: Question, filters: Filters, citer: Citer) -> list[str]:
        grades = {grade_of(m.group(0)) for m in GRADE_PATTERN.finditer(q.asks) if not _NEGATED.search(q.asks[: m.start()])}
        if len(grades) != 1:
            raise _NotHeld("not one grade asked for")
        (grade,) = grades
        areas = areas_named(q.asks) or [JudgementArea.OVERALL_EFFECTIVENESS]
        if len(areas) != 1:
            raise _NotHeld("not one judgement asked about")
        since = _SINCE.search(q.asks)
        start = int(next(g for g in since.groups() if g)) if since else None
        years = set(q.scope.years) if not since else set()
        rows = []
        for council, records in sorted(self.by_council.items()):
            if filters.authorities and records[0].authority not in filters.authorities:
                continue
            for record in records:
                ys = _years_of(record)
                if (start is not None or years) and not ys:
                    continue  # undated: cannot say it falls in the years asked
                if start is not None and max(ys) < start or years and not ys & years:
                    continue
                area = _asked_area(record, areas[0])
                if area is None:
                    continue
                conflict = _conflict(record, area)
                values = {grade_of(v.value) for v in conflict.values} if conflict else {record.grades[area].grade}
                if grade not in values:
                    continue
                try:
                    when = self._heading(record, citer, "x").split(", ", 1)[1].rsplit(", x:", 1)[0]
                except _NotHeld:
                    when = "inspection (undated in the records)"
                shown = self._grade_text(record, area, citer)
                if shown:
                    rows.append(f"- {record.authority}, {when}: {area.label}: {shown}")
        if not rows:
            raise _NotHeld("no council's record fits")
        span = f" ({start} on)" if start else (f" ({', '.join(map(str, sorted(years)))})" if years else "")
        return [f"Councils whose records show {grade.value} for {areas[0].value}{span}, among the indexed documents:", *rows]


    def _among(self, q: Question, filters: Filters, citer: Citer) -> list[str]:
        """Each named council's grade (or, for "which area did each get RI for?", its judgements
        with that grade) at its inspection of the year asked, or its latest; then which of them has
        the grade asked, or the better grade. A council the records hold no such inspection of
        refuses the answer once another's is held (`_Unsupported`); none held: the sentence pipeline."""
        named = q.scope.authorities
        # "Compare X (2025) and Y (2023)": each council's inspection of its own year.
        own = {side.authorities[0]: replace(q, scope=side) for side in council_sides(q.text, q.scope)}
        found: list[tuple[str, InspectionRecord | None]] = []
        never_graded = []
        for council in named:
            records = [r for r in self.by_council.get((councils.canonical(council) or council).lower(), []) if _graded(r)]
            if filters.authorities and council not in filters.authorities:
                records = []
            if not records:
                never_graded.append(council)
            record = self._one_inspection(own.get(council, q), records)
            if record is None and council in own:
                # "Norfolk in 2022": its report, published in January 2023, with no fieldwork date read.
                record = self._one_inspection(own[council], records, reported_after=True)
            found.append((council, record))
        missing = [c for c, r in found if r is None]
        if len(missing) == len(found):
            raise _NotHeld("no named council's record of the time asked")
        years = tuple(dict.fromkeys(y for c in (missing or named) for y in own.get(c, q).scope.years))
        when = f" of {' or '.join(map(str, years))}" if years else ""
        if missing and not (not _WHICH_AREA.search(q.asks) and self._has_grade_asked(q, [r for _, r in found if r])):
            # Half a comparison is no answer. A council whose documents grade no inspection at all
            # refuses it, named; one whose records lack only the time asked may be a record the
            # indexer missed (a grade in a news page's prose): the sentence pipeline reads its
            # documents, every gate applying. Measured on F: refusing those too lost two answers
            # the sentences gave right. Only "which of them got G?", answered "X" by X's own cited
            # grade, stands with a council unrecorded, and says that it is.
            if set(missing) <= set(never_graded):
                raise _Unsupported(f"The inspection records hold no graded inspection{when} of {' or '.join(missing)}, "
                                   "so the councils cannot be compared.")
            raise _NotHeld(f"no record{when} of {' or '.join(missing)}")
        one = Question.parse(q.asks, Scope((named[0],), q.scope.years, q.scope.inherited), q.inspectors)
        if _WHICH_AREA.search(q.asks):
            lines = []
            for council, record in found:
                lines += self._selection(one, record, citer)
            return lines
        areas = areas_named(q.asks) or [JudgementArea.OVERALL_EFFECTIVENESS]
        lines, graded = [], []
        for council, record in found:
            if record is None:
                of = own.get(council, q).scope.years
                its_when = f" of {' or '.join(map(str, of))}" if of else ""
                lines.append(f"- {council}: no graded inspection{its_when} in the inspection records.")
                continue
            wanted = [a for a in (_asked_area(record, a) for a in areas) if a]
            if len(wanted) != len(areas):
                raise _NotHeld(f"{council}'s record lacks a judgement asked about")
            head = self._heading(record, citer, "grades")
            cells = [f"{a.label}: {t}" for a in wanted if (t := self._grade_text(record, a, citer))]
            if len(cells) != len(wanted):
                raise _NotHeld("a grade asked for cannot be cited")
            lines.append(f"- {head.removesuffix(', grades:')}: {'; '.join(cells)}")
            graded.append((record.authority, [record.grades[a].grade if a in record.grades else None for a in wanted]))
        lines.insert(0, f"{', '.join(named[:-1])} and {named[-1]}, side by side:")
        if len(areas) == 1 and all(g[0] is not None for _, g in graded):
            lines.append(self._verdict(q, areas[0], [(c, g[0]) for c, g in graded]))
        return [line for line in lines if line]

    @staticmethod
    def _has_grade_asked(q: Question, records: list[InspectionRecord]) -> bool:
        """Whether the question asks which council had one grade and a held record has it."""
        asked = {grade_of(m.group(0)) for m in GRADE_PATTERN.finditer(q.asks) if not _NEGATED.search(q.asks[: m.start()])}
        areas = areas_named(q.asks) or [JudgementArea.OVERALL_EFFECTIVENESS]
        if len(asked) != 1 or len(areas) != 1:
            return False
        (grade,) = asked
        return any((a := _asked_area(r, areas[0])) and a in r.grades and r.grades[a].grade is grade for r in records)

    def _one_inspection(self, q: Question, records: list[InspectionRecord], reported_after: bool = False) -> InspectionRecord | None:
        """The council's one graded inspection of the years asked (any of them: "in 2018/2019"), or
        its latest when none is asked and every record is dated; None when not exactly one.
        `reported_after`: a year asked also matches a record with no fieldwork date published early
        the next year (REPORTED_BY_MONTH), as reports of autumn inspections are."""
        if not records:
            return None
        if q.scope.years:
            matches = [r for r in records if (_reported_years(r) if reported_after else _years_of(r)) & set(q.scope.years)]
        else:
            matches = [] if any(not r.date for r in records) else [records[-1]]
        months = {MONTH_NAMES.index(m.lower()) + 1 for m in _MONTH.findall(q.asks)}
        if months and len(matches) > 1:
            matches = [r for r in matches if months & {int(f.value[5:7]) for f in (r.fieldwork_start, r.fieldwork_end, r.published)
                                                       if f and len(f.value) >= 7}]
        return matches[0] if len(matches) == 1 else None

    @staticmethod
    def _verdict(q: Question, area: JudgementArea, grades: list[tuple[str, Grade]]) -> str:
        """Which council has the grade asked ("which got outstanding?"), or the better or worse
        grade ("did X or Y do better?"), from the grades shown above (Ofsted's order, Grade.rank)."""
        asked = {grade_of(m.group(0)) for m in GRADE_PATTERN.finditer(q.asks) if not _NEGATED.search(q.asks[: m.start()])}
        if len(asked) == 1:
            (grade,) = asked
            having = [c for c, g in grades if g is grade]
            return (f"Graded {grade.value} for {area.value}: {' and '.join(having)}." if having
                    else f"Neither is graded {grade.value} for {area.value} at these inspections.")
        if _BETTER.search(q.asks) or _WORSE.search(q.asks):
            ranks = {g.rank for _, g in grades}
            if len(ranks) == 1:
                return f"Both are graded the same for {area.value}."
            pick = min if _BETTER.search(q.asks) else max
            chosen = pick(grades, key=lambda cg: cg[1].rank)
            word = "Better" if _BETTER.search(q.asks) else "Worse"
            return f"{word} graded for {area.value}: {chosen[0]} ({chosen[1].value})."
        return ""


class _NotHeld(Exception):
    """The records do not hold this answer: the sentence pipeline answers instead."""


class _Unsupported(Exception):
    """The records hold part of a comparison and not the rest: the answer refuses, saying why."""
