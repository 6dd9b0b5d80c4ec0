"""Gates: trust rules a candidate must pass before its score counts at all. A score trades one
signal against another; these must not be traded away ("how many inspectors" needs a number of
inspectors, however close "the inspection took three weeks" sounds). Each gate has a name and
the refusal it gives when no candidate passes, so a refusal can always say why.
"""

from __future__ import annotations

import math
from pathlib import Path
import re
from datetime import date
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant.answering import dates
from assistant.answering.candidates import BULLET, Unit
from assistant.answering.dates import Bound, YearRelation, after_document, is_dateline, stated_dates
from assistant.answering.events import event_words, generic_verb_stems, names_event
from assistant.answering.features import CorpusStats
from assistant.answering.needs import ATTENDANCE, GRADE, NAME_PAIR, NOT_NAMES, YEAR, names_a_person
from assistant.answering.question import GENERIC, SPEAKER_ROLE, Intent, Question, Speaker, stem_words, terms
from assistant.answering.settings import Selection
from assistant.answering.speakers import PRONOUN_LED, PRONOUN_SPEAKS
from assistant.answering.whether import FINDING_VERB_STEMS, asks_whether, poses_question
from assistant.retrieval import holds_quotes
from assistant.types import Hit
from indexer.councils import question_spans
from indexer.types import year_of
from indexer.sentences import split_sentences
from indexer.words import stem
from indexer.vocabulary import (
    ACRONYMS, COUNCIL_NAME_WORDS, EVENT_SYNONYMS, FRAMEWORK_ACRONYMS, FRAMEWORK_YEARS, INSPECTION_KIND_ACRONYMS, INSPECTION_OUTCOME_WORDS, MEETING_BODY_WORDS, MONEY_NOUNS, MONEY_VERBS, MONTH_NAMES, MONTHS, RELATIVE_FUTURE,
    PLACEHOLDER_NOUNS, RECENCY_WORDS, REPORTING_VERBS, SCOPE_VERBS, SUBJECT_SYNONYMS, SUMMARY_ASKING_WORDS, VISIT_NAMING_WORDS, WHICH_DOCUMENT_WORDS, WITHHELD_PHRASES, alternation,
)

# Words that are never what a question is about: how to answer (dates, counts, people's
# roles), when-questions' verbs (the event's timing, not its subject: "when did the inspection
# conclude?" is answered by "Inspection dates: ..., ending on 14 February 2020"), and how the
# answer should come ("I want the report's wording").
_NOT_SUBJECT_WORDS = stem_words((
    "date dates day deadline deadlines when year month published publish publication many much number share percentage "
    # "How long was the inspection?", "how often does the panel meet?": a length or a frequency
    # is how it is asked, as "how many" is ("over three weeks", "every six weeks").
    "long often "
    # The role's verb in each of its forms ("who led the inspection?": "Lead inspector ...").
    "proportion who whom whose lead leads led leading chair chairs chaired exact exactly inspector "
    # A negation says what holds, not what about ("what would have happened if it had not?").
    "not "
    "conclude concluded carried out take took place happen happened held hold start started begin began end "
    "ended finish finished visit visited inspect inspected "
    "find found describe described according came come "
    "wording words quote quotable line exact own"
).split())
# How a grade is asked for ("what grade did X get", "how was X rated"): not what a grade question
# is about, which is the body graded ("the safeguarding board", "the children's homes").
_GRADE_ASKING_WORDS = stem_words(
    "grade grades graded rating rated rate judgement judgements judgment judged judge get got receive received "
    "awarded given outcome result change changed changes improve improved improvement decline declined compare "
    "compared comparison between move moved downgrade downgraded upgrade upgraded before after previous "
    # "the grade for each area", "which areas were good", "all the judgements": the judgement
    # areas and how many of them, as grades are asked by.
    "area areas each every all "
    # "What was it rated before it went inadequate?": the change to a grade says which
    # inspection, as a year does.
    "went go goes gone became become becoming".split()
)
# A grade named by a grade question is met by any grade (`spelt_out`): "what was it rated before
# it went inadequate?" is answered by "services were judged good", "did it keep its outstanding
# grade?" by "Overall effectiveness: Good". Which grade is the need's to check, not the subject's.
_GRADE_STEMS = frozenset(stem_words("outstanding good inadequate requires require required improvement".split()))

# How a sum is asked for ("what was the budget for the plan?", "how much was invested in it?"):
# not what an amount question is about, which is what the money is for (the plan).
_MONEY_ASKING_WORDS = stem_words([w for phrase in (*MONEY_NOUNS, *MONEY_VERBS) for w in phrase.split()] + ["total", "overall", "amount"])
_GENERIC_STEMS = stem_words(sorted(GENERIC))
# How a summary is asked for: not what a summary is about, which is its document or a subject in it.
_SUMMARY_ASKING_WORDS = stem_words(list(SUMMARY_ASKING_WORDS))
# "Warrington 2015 SIF inspection dates" is answered by "Inspection date: 24 February to 20 March
# 2015", which names no framework: a framework says which inspection, as the year does.
_FRAMEWORK_STEMS = stem_words([a.lower() for a in FRAMEWORK_ACRONYMS])
# "When was the report on the November 2022 inspection published?" is answered by a January date:
# the question's months say which event, they are not what the answer must repeat.
_MONTH_STEMS = stem_words(sorted(MONTH_NAMES))
# "What three areas ...", "the first area": how many and which one, not what about.
_NUMBER_STEMS = stem_words(
    "one two three four five six seven eight nine ten first second third fourth fifth sixth seventh eighth ninth "
    "tenth last final".split()
)
# "When was the latest inspection?", "what did the recent visit find?": which one, by its time,
# never what about, whatever the question asks for.
_RECENCY_STEMS = stem_words(list(RECENCY_WORDS))
# "What three things did it look at?": the items, whatever they are (PLACEHOLDER_NOUNS).
_PLACEHOLDER_STEMS = stem_words(list(PLACEHOLDER_NOUNS))


class Gate(Protocol):
    name: str

    def passes(self, unit: Unit) -> bool: ...


@dataclass
class NeedGate:
    """The question's need (`assistant.answering.needs`): a number, a date, a person in the role
    asked about, the grade of the area asked about, the items asked for."""

    question: Question
    name: str = "need"

    def passes(self, unit: Unit) -> bool:
        need, scope = self.question.need, self.question.scope
        if need is None:
            return True
        text = unit.follow_on or unit.text
        if not need.met(text):
            return False
        # "When is Ofsted next due?" wants a date after the document's own, not the last inspection's.
        if need.what in ("a date", "a deadline") and self.question.future:
            doc_year = year_of(unit.hit.passage.date)
            # "Within the next six months", "later this year": after the document's own time too.
            # A day and month with no year ("on Friday 15 March") is of its document's year (dates.py).
            if not any(int(y) > doc_year for y in YEAR.findall(text)) and not RELATIVE_FUTURE.search(text) and not later_in_its_year(
                text, unit.hit.passage.date
            ) and not after_document(text, unit.hit.passage.date):
                return False
        # A grade is a grade at one inspection: a judgement row from another year's document
        # (a history table, last inspection's briefing) does not answer "what grade in 2023?".
        p = unit.hit.passage
        if scope.years and p.is_table_row and GRADE.search(unit.text):
            return bool((inspection_years(p.date) | p.years) & set(scope.years)) or any(str(y) in unit.text for y in scope.years)
        return True


# A month with its year: "by December 2019", "in July 2024".
_MONTH_OF_YEAR = re.compile(rf"\b({alternation(MONTHS)})\s+((?:19|20)\d\d)\b", re.I)


def later_in_its_year(text: str, date: str) -> bool:
    """Whether `text` names a month of its document's year after the document's own month: "the
    guide will be in place by December 2019" in minutes of July 2019 looks ahead, as a later
    year would."""
    if not date[5:7].isdigit():
        return False
    year, month = year_of(date), int(date[5:7])
    return any(int(y) == year and MONTHS.get(m.lower(), 0) > month for m, y in _MONTH_OF_YEAR.findall(text))


def inspection_years(date: str) -> set[int]:
    """The years whose inspection a document dated `date` may grade: its own, and the year before
    when it came out in January to March. An ILACS report is published about seven weeks after
    the inspection ends, so a report of January 2024 grades the November 2023 inspection users
    call "the 2023 inspection"; an inspection in the new year is not published before March.
    A date with no month (year only) keeps its own year alone: it could be either."""
    year = year_of(date)
    month = int(date[5:7]) if date[5:7].isdigit() else 0
    return {year, year - 1} if 1 <= month <= 3 else {year}


def shares_topic(topic: set[str], own: set[str]) -> bool:
    """Whether the stemmed words `own` have one of the question's subject words, or a compound
    ending in one ("Subgroup" for "group"; not "restates" for "rest")."""
    return bool(topic & own) or any(w.endswith(t) for t in topic if len(t) >= 4 for w in own)


@dataclass
class SubjectGate:
    """The answer must be about the question's subject: share one of its subject words (those
    the retrieved passages use at all; a word no passage has would refuse everything). Sentences
    that merely sound close ("It is not the Ofsted report itself" for "what were the fifth and
    sixth recommendations?") are not answers. A need that names the subject (a role, a judgement
    area) stands in for it."""

    topic: set[str]
    name: str = "subject"
    # An acronym among the subject words, by its spelt-out forms' stems: "the HMI" is named by
    # "His Majesty's Inspector" (indexer.vocabulary.ACRONYMS).
    spelt: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)

    # The documents that name the kind of inspection asked about, when that kind is all the
    # subject there is (`kind_documents`).
    documents: frozenset[str] = frozenset()

    def passes(self, unit: Unit) -> bool:
        if not self.topic:
            return True
        if unit.hit.passage.source in self.documents:
            return True
        own = terms(f"{unit.follow_on or unit.text} {unit.hit.passage.heading}")
        return shares_topic(self.topic, own) or any(
            form <= own for t in self.topic for form in self.spelt.get(t, ())
        )


# The inspection kinds a question may name its document by ("the JTAI report", "the joint
# targeted area inspection"), by their stems (indexer.vocabulary.INSPECTION_KIND_ACRONYMS).
_KIND_STEMS = frozenset(stem_words([a.lower() for a in INSPECTION_KIND_ACRONYMS]))


def kind_documents(topic: set[str], spelt: dict, hits: list[Hit]) -> frozenset[str]:
    """When a question's only subject is the kind of inspection ("when was the JTAI report
    published?"), the documents that say they are of that kind, anywhere in the passages
    retrieved: its sentences ("Ofsted published its report on 20 May") name the kind once, if
    at all. A question with any other subject word ("what did the JTAI say about missing
    children?") is answered by a sentence about that."""
    if not topic or not topic <= _KIND_STEMS | _VISIT_STEMS:
        return frozenset()
    found = set()
    for h in hits:
        # Its title and file name are the document's own words too ("calderdale-2025-jtai-news").
        p = h.passage
        named = f"{p.title} {re.sub(r'[^A-Za-z0-9]+', ' ', Path(p.source).stem)} {p.heading}"
        # A kind of visit ("the 2025 focused visit", "the fourth monitoring visit") by the words
        # the document names itself with, not any sentence mentioning one: its letter says "The
        # visit took place in April" without "focused". An acronym's kind by its text too.
        own = terms(named if topic <= _VISIT_STEMS else f"{named} {p.text}")
        if topic & own or any(form <= own for t in topic for form in spelt.get(t, ())):
            found.add(h.passage.source)
    return frozenset(found)


# The words a visit's kind is named by ("focused", "monitoring", "revisit"), by their stems; not
# "visit" nor "letter" alone, which every kind's document says, nor a JTAI's, whose documents
# may name it in their text only.
_VISIT_STEMS = frozenset(stem_words([w for w in VISIT_NAMING_WORDS if w not in ("visit", "visits", "letter", "jtai", "joint", "targeted")]))


_COUNCIL_NAME_STEMS = frozenset(stem_words(COUNCIL_NAME_WORDS))
# The words a question names its document or visit by ("the 2025 focused visit letter", "the
# recent JTAI", "the latest report"): which document, not what about (subject_words).
_WHICH_DOCUMENT_STEMS = frozenset(stem_words(list(WHICH_DOCUMENT_WORDS)))
_SYNONYM_STEMS = [frozenset(stem_words(group)) for group in SUBJECT_SYNONYMS]
_OUTCOME_STEMS = frozenset(stem_words(INSPECTION_OUTCOME_WORDS))
_SCOPE_STEMS = frozenset(stem_words(SCOPE_VERBS))
# A scope verb the question asks with; not the "focused" of "the focused visit", which names it.
_SCOPE_ASKED = re.compile(r"\b(" + "|".join(SCOPE_VERBS) + r")\b(?!\s+(?:visits?|inspections?|letters?))", re.I)


def spelt_out(topic: set[str], grades: bool = False) -> dict[str, tuple[frozenset[str], ...]]:
    """The stems of each acronym's spelt-out forms, for the topic words that are acronyms; and
    for a word for what a visit looked at ("cover", "focus", "evaluate"), each of the others."""
    found = {}
    for acronym, forms in ACRONYMS.items():
        key = next(iter(terms(acronym)), "")
        if key in topic:
            found[key] = tuple(frozenset(terms(f)) for f in forms if terms(f))
    for key in topic & _SCOPE_STEMS:
        found[key] = found.get(key, ()) + tuple(frozenset({s}) for s in sorted(_SCOPE_STEMS - {key}))
    if grades:
        for key in topic & _GRADE_STEMS:
            found[key] = found.get(key, ()) + tuple(frozenset({s}) for s in sorted(_GRADE_STEMS - {key}))
    for group in _SYNONYM_STEMS:
        for key in topic & group:
            found[key] = found.get(key, ()) + tuple(frozenset({s}) for s in sorted(group - {key}))
    return found


# The children's services named by another of their names.
_SERVICE_NAME = re.compile(r"\bchildren(?:['’]s|s['’]?)?\s+social\s+care(?:\s+services?)?\b|\bsocial\s+care\s+services?\b", re.I)


def topic_words(question: Question, stats: CorpusStats, max_share: float, words: frozenset[str] | None = None) -> set[str]:
    """The question's own subject words ("consistency", "written", "plans"), without the
    council's name, question words and words more than `max_share` of passages use; of
    `words` when given (the question without its lead), else of the whole question."""
    scope = question.scope
    words = question.words if words is None else words
    named = set().union(*(terms(a) for a in scope.authorities)) if scope.authorities else set()
    if scope.authorities:
        named |= _COUNCIL_NAME_STEMS
    # The council as the question writes it, which may be no word of its name ("bcp's fourth
    # visit", "rbwm's workforce", "herts"): what it names, not what it asks about.
    named |= set().union(*(terms(question.text[s:e]) for _, s, e in question_spans(question.text)))
    common = math.log(1 / max_share)  # idf of a word in that share of passages
    # The service by its name ("the Sutton children's social care report", "Ofsted's view of
    # its social care services"): what "children's services" names, which is generic. Its words
    # only where the question uses them nowhere else ("children in care" keeps "care").
    service = _SERVICE_NAME.findall(question.text)
    if service:
        named |= terms(" ".join(service)) - terms(_SERVICE_NAME.sub(" ", question.text))
    asking = {Intent.GRADE: _GRADE_ASKING_WORDS, Intent.AMOUNT: _MONEY_ASKING_WORDS, Intent.SUMMARY: _SUMMARY_ASKING_WORDS}.get(question.intent, set())
    if question.yes_no:
        asking = asking | FINDING_VERB_STEMS  # "did the visit set any priority actions?": how it is asked
    return {
        t for t in words - named - asking - _NOT_SUBJECT_WORDS - _GENERIC_STEMS - _MONTH_STEMS - _NUMBER_STEMS - _FRAMEWORK_STEMS
        - _RECENCY_STEMS - _PLACEHOLDER_STEMS - generic_verb_stems(question.text)
        if not t.isdigit() and len(t) > 2 and stats.weight(t) > common
    }


# A pronoun a question refers back to its lead by.
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her|this|these|those)\b", re.I)


def subject_words(question: Question, hits: list[Hit], stats: CorpusStats, selection: Selection) -> set[str]:
    """The subject words an answer must share one of: the question's rarer words that the
    retrieved passages use; when there are none, its commoner ones ("help and protection"), so a
    sentence about nothing asked is still no answer."""
    found = terms(" ".join(f"{h.passage.heading} {h.passage.text}" for h in hits))
    # A context-setting lead says why the user asks, not what about ("Ahead of Wednesday's
    # corporate parenting panel: how many children in care ...?", "For the timeline slide: ..."):
    # the question itself gives the subject words; the lead only when the question has none of
    # its own ("Croydon's care leavers required improvement in 2020. What did they get in 2024?").
    sources = [frozenset(terms(question.asks)), question.words] if question.asks != question.text else [question.words]
    if question.asks != question.text and _PRONOUN.search(question.asks):
        # Unless the question stands for the lead by a pronoun ("The statutory direction: when was
        # it issued?", "The cabinet member spoke after the visit. Did he say ...?"): then the lead
        # says what it is about, as much as the question does.
        sources = [question.words]
    # What a document said or found ("what did the 2025 visit letter say about care leavers?",
    # "what theme did the recent JTAI look at?") is about its other words: the words naming the
    # document only say which one, and a sentence naming the visit says nothing about care
    # leavers. They are the subject only when the question has no other.
    narrowings = (_WHICH_DOCUMENT_STEMS, frozenset()) if question.intent in (Intent.OPEN, Intent.ITEMS) else (frozenset(),)
    # A council's name is never the subject, whether or not the question's scope read it as one
    # ("how did ofsted describe bedford's leaders?": "bedford" and "york" in lower case are also
    # words, so the scope may leave them): a sentence about the leaders need not say "Bedford".
    councils = set().union(*(terms(a) for a in {h.passage.authority for h in hits if h.passage.authority}))
    for source in sources:
        for naming, share in ((n, s) for n in narrowings for s in (selection.topic_max_share, selection.topic_fallback_share)):
            words = topic_words(question, stats, share, source - naming) - councils
            spelt = spelt_out(words, grades=question.intent is Intent.GRADE)
            topic = {t for t in words if shares_topic({t}, found) or any(f <= found for f in spelt.get(t, ()))}
            if topic:
                return topic
    return set()


@dataclass
class FormGate:
    """A whole list is a candidate only for a question asking for several things (the items of a
    list, "which services did it look at?", "what did cabinet resolve?"): for any other
    question, its items are candidates one by one, as sentences."""

    question: Question
    name: str = "form"

    def passes(self, unit: Unit) -> bool:
        return not unit.is_list or self.question.wants_list


# A line that ends as a sentence does (an item of a list ending ";" or ":" too).
SENTENCE_END = re.compile(r"[.!?;:][)”’\"']*\s*$")


@dataclass
class PointGate:
    """A question asking for several findings is answered by points: a sentence, a table row, a
    list or one of its items. Not the lines around them that name the document and share its
    council and year with the question (a dateline, "Published 4 May 2022", a title, a heading,
    an attachment's link: "Appendix 1 - Inspection Report 2023 pdf icon PDF 688 KB"), which
    outscore every finding on the names and the year and say none of them."""

    active: bool
    name: str = "point"

    def passes(self, unit: Unit) -> bool:
        if not self.active or unit.is_list or unit.hit.passage.is_table_row:
            return True
        text = unit.text.strip()  # a lead-in ("... included:") quoted with its items is a point too
        if SENTENCE_END.search(text) or BULLET.match(text):
            return True
        # An item shows without its marker; the passage's line holding it keeps it ("- planning ...").
        quote = unit.quote.strip()
        return any(BULLET.match(line.strip()) for line in unit.hit.passage.text.split("\n") if quote and quote in line)


@dataclass
class EventGate:
    """A date, a deadline, a person, a count or an amount is of one event: the answer must name
    the event the question asks about (its main verb, or a synonym: `indexer.vocabulary.
    EVENT_SYNONYMS`), in the sentence or its passage's heading. "When was the notice lifted?" is
    not answered by "The notice was issued on 3 May"; "who led the review?" not by "the chair,
    Cllr X, welcomed it"."""

    forms: frozenset[str]
    name: str = "event"

    def passes(self, unit: Unit) -> bool:
        if not self.forms:
            return True
        text = unit.follow_on or unit.text
        # A publication is dated by a line that is only its date ("Monday 2 March 2020"): dates.py.
        if self.forms & _PUBLICATION_STEMS and is_dateline(text):
            return True
        return names_event(self.forms, event_words(without_time_phrases(f"{text} {unit.hit.passage.heading}")))


# The stems a publication is asked by (indexer.vocabulary.EVENT_SYNONYMS), less "out".
_PUBLICATION_STEMS = frozenset(stem(w) for w in next(g for g in EVENT_SYNONYMS if "publish" in g) if w != "out")


# A point in time named by an event word: "before the end of March", "by the start of the
# year", "at the close of 2024" say when, they are no ending or starting. "When was the notice
# ended?" is not answered by "a full inspection is expected before the end of March".
_TIME_PHRASE = re.compile(
    rf"\b(?:the\s+)?(?:end|start|beginning|close)\s+of\s+(?:the\s+|this\s+|next\s+|that\s+)?"
    rf"(?:financial\s+|calendar\s+|school\s+|academic\s+)?(?:{alternation(MONTHS)}|year|month|week|quarter|term|spring|summer|autumn|winter|(?:19|20)\d\d)\b",
    re.I,
)


def without_time_phrases(text: str) -> str:
    """The text less its points in time named by an event word (`_TIME_PHRASE`)."""
    return _TIME_PHRASE.sub(" ", text)


def _body_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower()) if w in MEETING_BODY_WORDS)


@dataclass
class MeetingBodyGate:
    """An attendance list's chair ("Present: Councillor A (Chair), ...") chaired the meeting its
    minutes record, so it answers "who chaired the improvement board?" only from the board's own
    minutes: the scrutiny committee's or cabinet's list names their chair, not the board's. The
    body is read from the words that name one (`indexer.vocabulary.MEETING_BODY_WORDS`) in the
    question and in the document's title and heading; a question naming no body passes all."""

    asked: frozenset[str]
    name: str = "meeting_body"

    def passes(self, unit: Unit) -> bool:
        if not self.asked or not ATTENDANCE.match(unit.text):
            return True
        p = unit.hit.passage
        return bool(self.asked & _body_words(f"{p.title} {p.heading}"))


_WITHHELD = re.compile(rf"\b(?:{alternation(WITHHELD_PHRASES)})\b", re.I)


@dataclass
class WithheldGate:
    """A sentence that says it does not give what it mentions ("the other four areas are not
    reproduced here", "he said the council could not yet say what the changes would be":
    `indexer.vocabulary.WITHHELD_PHRASES`) answers no question about that thing but whether it
    was given: for any other question it fails, so the answer is the documents' silence, not
    their words about it."""

    asks: str
    # A summary gathers many sentences: a list whose introduction withholds its detail still
    # gives its items.
    summary: bool = False
    name: str = "withheld"

    def passes(self, unit: Unit) -> bool:
        # A yes-no question ("was the grade published?", "did the council say what would
        # change?") is answered by the sentence saying it was not.
        if self.summary or asks_whether(self.asks):
            return True
        # A withholding aside ("Inspection dates: May 2019 (the days are not stated)") leaves
        # what the rest of the sentence gives.
        return not _WITHHELD.search(_ASIDE.sub(" ", unit.text))


_ASIDE = re.compile(r"\([^()]*\)")


@dataclass
class PosesGate:
    """A sentence posing a yes-or-no question's question itself ("to decide whether sufficient
    progress had been made", "Members asked whether the report contained areas for
    improvement": whether.poses_question) holds every word of the proposition and decides
    nothing: for a yes-or-no question it is no answer (what was said in reply may be)."""

    yes_no: bool
    name: str = "poses"

    def passes(self, unit: Unit) -> bool:
        return not self.yes_no or not poses_question(unit.text)


def of_year(p, year: int) -> bool:
    """The passage's document is of `year`: dated then, or the year after (a report is published,
    a plan dated, the year after its inspection), or about that year's inspection."""
    return year in p.years or year_of(p.date) - 1 == year


@dataclass
class YearGate:
    """A grade or an office holder is of a time: "what grade did Hull get at its 2015
    inspection?" is not answered by a 2019 report's grade, nor "who was the cabinet member in
    2024?" by a 2020 news page. The sentence must come from a document of a year asked about (or
    the year after: reports and their news follow the inspection; or a document about that year's
    inspection, as the records say), name such a year itself, or come from a document whose year
    is unknown."""

    years: tuple[int, ...]
    name: str = "year"
    # Who held a post: a year the sentence names as an earlier inspection's ("since the previous
    # inspection in 2019") is not its own (`_EARLIER_EVENT`). A grade keeps it: "since the last
    # inspection in 2015, when services were judged good" gives the 2015 grade.
    earlier_is_other: bool = False

    def passes(self, unit: Unit) -> bool:
        if not self.years:
            return True
        text = unit.follow_on or unit.text
        framed = _FRAMED_BY_YEAR.match(text)
        if framed and not any(abs(int(framed["year"]) - y) <= 1 for y in self.years) and not any(
            int(y) in self.years for y in YEAR.findall(text)
        ):
            # "At the 2014 inspection, three areas were judged to require improvement", in a 2019
            # page: the sentence says whose year it is, and it is not the one asked.
            return False
        if not year_of(unit.hit.passage.date) or any(of_year(unit.hit.passage, y) for y in self.years):
            return True
        own = f"{unit.follow_on or unit.text} {unit.hit.passage.heading}"
        return any(int(y) in self.years for y in YEAR.findall(_EARLIER_EVENT.sub(" ", own) if self.earlier_is_other else own))


# A year the sentence gives as an earlier event than its own: "... since the previous inspection
# in 2019", "the last inspection, in 2016, had judged ...". A later document's sentence naming
# it is about a later inspection: its lead inspector is not the 2019 one's (YearGate).
_EARLIER_EVENT = re.compile(
    r"\b(?:since|than)\s+(?:the\s+|its\s+)?(?:previous|last|earlier|prior|first)?\s*(?:full\s+|ofsted\s+)?(?:inspection|visit|report)?,?\s*(?:in|of)?\s*(?:(?:19|20)\d\d)\b"
    r"|\b(?:previous|last|earlier|prior)\s+(?:full\s+|ofsted\s+|standard\s+)?(?:inspection|visit|report)s?,?\s+(?:in|of)\s+(?:[A-Za-z]+\s+)?(?:19|20)\d\d\b",
    re.I,
)


@dataclass
class QuotedGate:
    """A question asking whose words a quotation is ("who said 'we are not there yet'?", "which
    councillor called it "a turning point"?") is answered only by a sentence holding those words
    (fuzzily: `Selection.quote_match`), with the sentence naming its speaker when it does not
    (speakers.py): one with other words of the same person is no answer, and no sentence
    holding them means the documents don't say who said them."""

    quoted: tuple[str, ...]
    min_ratio: float
    name: str = "quoted"

    def passes(self, unit: Unit) -> bool:
        if not self.quoted:
            return True
        return holds_quotes(unit.follow_on or unit.text, self.quoted, self.min_ratio)


@dataclass
class DateYearGate:
    """A date asked of a named year's event is a date in that year: "when was the 2016 monitoring
    visit?" is not answered by a 2022 visit's dates, nor by "the team appointed since 2016 ...
    the last inspection in 2013" (the question's own year is no date it did not know). The
    sentence must give a date (a month, a day) in a year asked, or early the next year (a report of
    the November inspection comes out by March: `inspection_years`); a month with no year is
    dated by its document, which must be of such a year (or undated)."""

    years: tuple[int, ...]
    name: str = "date_year"
    # The year is the report's ("the inspection reported in January 2018"): the inspection it
    # reports may have ended late the year before.
    reported: bool = False
    # Years the question names as bounds ("before the 2018 ILACS": dates.Bound), not as the
    # year asked: with no year asked, a date, or a year alone, on the asked side of every bound answers.
    bounds: dict[int, Bound] = field(default_factory=dict)

    def passes(self, unit: Unit) -> bool:
        text = unit.follow_on or unit.text
        if not self.years:
            if not self.bounds:
                return True
            stated = stated_dates(text, unit.hit.passage.date)
            return any(all(b.holds(y, m) for b in self.bounds.values()) for y, m in stated)
        asked = set(self.years)
        for m in _MONTH_DATE.finditer(text):
            year = m.group("year") or m.group("numeric") or m.group("iso")
            if m.group("month") == "may" and not year:
                continue  # the verb, not the month
            if not year:
                # "Year: 2021 (18 and 19 October)": a month's year may come just before it.
                before = list(YEAR.finditer(text[max(0, m.start() - 30):m.start()]))
                year = before[-1].group(0) if before else None
            if year:
                y = int(year) if len(year) == 4 else 2000 + int(year)
                month = int(m.group("num_month")) if m.group("num_month") else MONTHS.get((m.group("month") or "").lower(), 0)
                if y in asked or (y - 1 in asked and 1 <= month <= 3) or (self.reported and y + 1 in asked and month >= 10):
                    return True
            else:
                date = unit.hit.passage.date
                if not year_of(date) or inspection_years(date) & asked or unit.hit.passage.years & asked:
                    return True
        return False


@dataclass
class WrittenBeforeGate:
    """What happened in a year is not told by a document written before it: "what was the
    outcome of the 2026 inspection?" is not answered by a 2025 page's "the council expects a
    full inspection by March 2026", nor "who was appointed director in 2024?" by a 2023 letter's
    addressee. A sentence passes when its document is of the year asked or later (its own date or
    its inspection's: `Passage.years`), or is undated. Not for questions looking ahead ("when is
    the next inspection due?") nor deadlines, which plans give before their year."""

    years: tuple[int, ...]
    name: str = "written_before"

    def passes(self, unit: Unit) -> bool:
        if not self.years:
            return True
        own = unit.hit.passage.years
        return not own or max(own) >= min(self.years)


# Intents a document can answer before the year asked: a deadline set ahead, a plan's sum.
_AHEAD_INTENTS = (Intent.DEADLINE, Intent.AMOUNT)


# The question dates a report, not the event it reports: "the inspection reported in January 2018".
_REPORTED = re.compile(r"\b(?:reported|published|publication|report|letter)\b", re.I)
# A date finer than a year: a month with its year if it has one ("21 and 22 September 2016",
# "between 26 September and 20 October 2016", "March 2017", "in June"), or one in figures
# ("12/03/2017", "2017-03-12").
_MONTH_DATE = re.compile(
    rf"\b(?P<month>{alternation(MONTHS)})\b\.?"
    rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b,?)?(?:\s+(?P<year>(?:19|20)\d\d)\b)?"
    rf"|\b\d{{1,2}}/(?P<num_month>\d{{1,2}})/(?P<numeric>(?:19|20)?\d\d)\b|\b(?P<iso>(?:19|20)\d\d)-\d\d-\d\d\b",
    re.I,
)


_REPORTING = re.compile(rf"\b(?:{alternation(sorted(REPORTING_VERBS, key=len, reverse=True))})\b", re.I)
# A group speaking is named by either word minutes use for it.
_GROUP_FORMS = {
    "members": r"members|councillors|cllrs", "councillors": r"councillors|members|cllrs", "member": r"members?",
    "officers": r"officers?", "cabinet members": r"cabinet members?",
}
_OTHER_POST = "".join(rf"(?<!{w} )" for w in ("assistant", "deputy", "vice", "Assistant", "Deputy", "Vice", "ASSISTANT", "DEPUTY"))
_THEIR_DOCUMENT = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?(?:report|paper|letter|update|briefing|presentation|statement|plan)s?\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+(?:also\s+)?$", re.I)
# A speech verb set after what was said, its speaker after it: "'We will act,' said Cllr Lee".
_INVERTED = re.compile(r"[,”\"'’:–—-]\s*(?:said|says|added|adds|explained|commented|continued|wrote|stated|told)$", re.I)
# How far a speaker may stand before their reporting verb ("Councillor Lee, cabinet member for
# children, said ...") or after it ("..., said Councillor Lee").
_SUBJECT_WORDS, _AFTER_WORDS = 14, 4


@dataclass
class SpeakerGate:
    """A question asking what someone said ("what did Councillor Taylor / the cabinet member /
    councillors say about ...?") is answered only by a sentence giving them words: a reporting
    verb (indexer.vocabulary.REPORTING_VERBS) with the speaker, by name or by the post asked
    about, as its subject ("The Cabinet Member said ...", "..., said Cllr Taylor"), or a sentence
    led by a pronoun ("She added ...") after one naming them in its passage. A sentence where
    they are only present ("Present: Councillor Taylor (Chair)") or mentioned ("The Cabinet
    Member receives a monthly briefing") says nothing of theirs."""

    speaker: Speaker | None
    name: str = "speaker"

    def __post_init__(self) -> None:
        forms = []
        if self.speaker is not None:
            if self.speaker.names:
                forms.append(re.escape(self.speaker.names[-1]))  # the surname
            # "The Assistant Director presented ..." is not the director asked about, nor the
            # deputy leader the leader: a post under the one asked is someone else.
            forms += [_GROUP_FORMS.get(r, _OTHER_POST + re.escape(r) + "s?") for r in self.speaker.roles]
        self._named = re.compile(rf"\b(?:{'|'.join(forms)})\b", re.I) if forms else None

    def passes(self, unit: Unit) -> bool:
        if self._named is None:
            return True
        named = self._named_in(unit.hit.passage.text)
        text = unit.follow_on or unit.text
        if self.attributes(text, named):
            return True
        if unit.follow_on:
            # A sentence quoted with the one it leans on: "Councillor Lee welcomed the plan. She
            # said ..." gives her words in its second sentence.
            sentences = split_sentences(unit.follow_on)
            if any(PRONOUN_SPEAKS.match(b) and named.search(a) for a, b in zip(sentences, sentences[1:])):
                return True
        earlier = _sentences_before(unit)
        if not earlier:
            return False
        before = earlier[-1]
        if PRONOUN_SPEAKS.match(unit.text):
            # "The Director told members ... She had expected ... She said ...": the pronouns
            # go back to the last sentence naming someone.
            # A sentence naming no one ("At the last inspection, services were good.") is passed over.
            for sentence in reversed(earlier[-_PRONOUN_CHAIN:]):
                if named.search(sentence):
                    return True
                if not PRONOUN_LED.match(sentence) and (names_a_person(sentence) or SPEAKER_ROLE.search(sentence)):
                    return False  # someone else, nearer
            return False
        # Minutes go on reporting a speaker's points in the sentences after the one that names
        # them ("Members asked about outcomes. Children who came into care later faced harder
        # challenges."): a sentence giving no one else words, after one giving the speaker words.
        return not _REPORTING.search(text) and self.attributes(before, named)

    def _named_in(self, passage: str) -> re.Pattern:
        """The speaker's forms, with the surname of whoever the passage names in the post asked
        about ("In attendance: Jill Lee (Corporate Director)", "the Director, Jill Lee"): minutes
        name a post's holder once, then speak of them by name."""
        if self.speaker is None or not self.speaker.roles:
            return self._named
        holders = set()
        for role in self._named.finditer(passage):
            near = passage[max(0, role.start() - 40):role.end() + 40]
            holders |= {b for a, b in NAME_PAIR.findall(near) if a not in NOT_NAMES and b not in NOT_NAMES}
        if not holders:
            return self._named
        return re.compile(rf"{self._named.pattern}|\b(?:{'|'.join(map(re.escape, sorted(holders)))})\b", re.I)

    def attributes(self, text: str, forms: re.Pattern | None = None) -> bool:
        """Whether `text` has a reporting verb whose subject (or, set after it, whose speaker) is
        the one asked about."""
        # "The Director's report was noted": the speaker's document, not the speaker.
        named = [m for m in (forms or self._named).finditer(text) if not _THEIR_DOCUMENT.match(text, m.end())]
        if not named:
            return False
        for verb in _REPORTING.finditer(text):
            if _PASSIVE.search(text[:verb.start()]):
                continue  # "was noted", "were reported": said of, not by, the subject
            for m in named:
                if m.end() <= verb.start():
                    between = text[m.end():verb.start()]
                    # "Jill Lee, who is also the director, said:" is hers; "Cllr Lee noted that
                    # the Director said ..." is not.
                    if len(between.split()) <= _SUBJECT_WORDS and not re.search(r"[.;:]\s|\bthat\b", between):
                        return True
                elif (
                    m.start() >= verb.end() and len(text[verb.end():m.start()].split()) <= _AFTER_WORDS
                    and _INVERTED.search(text[:verb.end()])
                ):
                    return True  # "'...,' said Cllr Lee": not "The Chair thanked Cllr Lee"
        return False


def _sentences_before(unit: Unit) -> list[str]:
    """The sentences before `unit` in its passage, in order."""
    sentences = split_sentences(unit.hit.passage.text)
    at = next((k for k, t in enumerate(sentences) if unit.text[:60] in t), None)
    return sentences[:at] if at else []


# How many sentences led by a pronoun (speakers.PRONOUN_LED) may run back to the one naming whom.
_PRONOUN_CHAIN = 4


# A sentence that opens by dating itself: "At the 2014 inspection, ...", "In March 2016, ...".
_FRAMED_BY_YEAR = re.compile(
    r"^\W*(?:at|in|during|after|following|by)\s+(?:the\s+|its\s+|an?\s+|their\s+)?(?:[A-Za-z]+\s+){0,2}?(?P<year>(?:19|20)\d\d)\b", re.I
)

# What a speaker is asked to have said something about: "... say about caseloads at the June meeting?".
_SAID_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning)\s+(.+?)(?:\s+(?:at|in|to|when|before|after)\s+(?:the|a|its|their|\d)|[?.]|$)", re.I)

# Intents whose answer holds at one time only (a grade, who held a post).
_TIME_BOUND = (Intent.GRADE, Intent.PERSON)


# What a person asked for by role spoke or wrote about: "which minister wrote to the council about
# its fostering strategy?" names the subject the role alone does not.
_ABOUT = re.compile(r"\b(?:about|regarding|on the subject of)\s+(?P<what>[^?]+)", re.I)


# An inspection framework a question names, by its acronym or spelt out ("the SIF", "the single
# inspection framework"); the years it ran (FRAMEWORK_YEARS), up to today's for one still running.
_FRAMEWORK_NAMED = {
    name: re.compile(rf"\b(?:{alternation([name, *ACRONYMS.get(name, ())])})\b", re.I) for name in FRAMEWORK_YEARS
}


def framework_years(text: str) -> tuple[int, ...]:
    """The years of the one inspection framework `text` names, none when it names none or both."""
    named = [name for name, pattern in _FRAMEWORK_NAMED.items() if pattern.search(text)]
    if len(named) != 1:
        return ()
    start, end = FRAMEWORK_YEARS[named[0]]
    # A framework that has ended shares its last year with the next one's first (SIF to 2018,
    # ILACS from 2018): its inspections are of the years before, and a document of the year after
    # one of them (`of_year`) is then still of it; a document of the year after the shared year
    # is of the next framework's inspections.
    last = end - 1 if any(s == end for n, (s, _) in FRAMEWORK_YEARS.items() if n != named[0]) else min(end, date.today().year)
    return tuple(range(start, last + 1))


def gates_for(question: Question, hits: list[Hit], stats: CorpusStats, selection: Selection) -> list[Gate]:
    need = question.need
    topic = set() if need is not None and need.names_subject else subject_words(question, hits, stats, selection)
    about = _ABOUT.search(question.asks) if need is not None and need.names_subject and need.roles else None
    # (A year there says which too: the scope's.)
    if about and not {t for t in terms(about["what"]) if not t.isdigit()} - _WHICH_DOCUMENT_STEMS - _COUNCIL_NAME_STEMS - _OUTCOME_STEMS:
        # "Who is the lead member quoted about the monitoring visit?", "... about the 2022 Ofsted
        # result?": what they spoke about is only which document or inspection quotes them; the
        # role still stands in for the subject.
        about = None
    if about:
        # The role stands in for the subject (a lead inspector is named beside no topic), except
        # where the question says what the person was about: a minister's letter on the
        # council's outcome is no answer to whom wrote about its placements.
        found = terms(" ".join(f"{h.passage.heading} {h.passage.text}" for h in hits))
        topic = {t for t in topic_words(question, stats, selection.topic_fallback_share, frozenset(terms(about["what"]))) if t in found}
        topic -= terms(" ".join(need.roles))
        if not topic:
            topic = topic_words(question, stats, selection.topic_fallback_share, frozenset(terms(about["what"])))
    # "What did the monitoring visit focus on?": "focus" asked as a verb is what the visit looked
    # at (the subject), not the kind of visit (`kind_documents` is not asked then).
    # Not a yes-or-no question's: "were the votes on the scrutiny review unanimous?", "did the
    # visit look at care leavers?" are about the votes and the care leavers.
    scope_asked = set() if question.yes_no else topic & stem_words(_SCOPE_ASKED.findall(question.asks))
    if scope_asked:
        # "What did the December visit look at / cover?": what it looked at is the subject; the
        # visit and its month only say which (every sentence of its letter names the visit).
        topic = scope_asked
    about = _SAID_ABOUT.search(question.asks) if question.speaker is not None else None
    if about and topic & terms(about.group(1)):
        # "What did the director say to the scrutiny panel about caseloads?": what was said is
        # about caseloads; the panel and the meeting only say where (every line of its minutes
        # names them).
        topic &= terms(about.group(1))
    if need is not None and need.roles:
        # The role asked about is the need's to check ("who is the lead officer for the audit
        # action?"): its words are not the subject too, or any row naming a lead officer passes.
        topic -= terms(" ".join(need.roles))
    if not topic and need is not None and not need.names_subject and (question.intent is Intent.GRADE or need.roles):
        # A grade asked of something no retrieved passage mentions ("the youth offending
        # service", "the LSCB"): the council's own grade is not its answer. Nor is another
        # action's lead the lead of an action no passage mentions ("who leads the respite
        # review?"). Its subject words stay the gate, which then passes nothing.
        topic = topic_words(question, stats, selection.topic_fallback_share)
    # A person asked for by role ("which cabinet member responded ...?") is found by the role
    # (the need); the verb only places them ("The Cabinet Member ... was Councillor X").
    by_role = question.intent is Intent.PERSON and need is not None and need.names_subject
    # A year the question names itself (not one carried over from the question before), and not
    # a comparison over time, whose years are each one side's.
    scope = question.scope
    years = scope.years if question.intent in _TIME_BOUND and not scope.inherited and len(scope.years) == 1 else ()
    # A year the question bounds the answer by ("before the 2018 ILACS") is not the year asked,
    # and one a span away from ("five years before 2019") is the year the span reaches (dates.py).
    bounds = dates.bounds(question.asks) if not scope.inherited else {}
    asked = dates.asked_years(question.asks, scope.years)
    years = asked if years else ()
    if not years and question.intent is Intent.PERSON:
        # "Who was the lead inspector for the inadequate SIF?": the framework names the time the
        # post was held, as a year would; a later inspection's lead inspector is another person.
        years = framework_years(question.asks)
    spelt = spelt_out(topic, grades=question.intent is Intent.GRADE)
    return [
        NeedGate(question), SubjectGate(topic, spelt=spelt, documents=frozenset() if scope_asked else kind_documents(topic, spelt, hits)), FormGate(question), EventGate(frozenset() if by_role else question.event),
        YearGate(years, earlier_is_other=question.intent is Intent.PERSON), QuotedGate(question.quoted if question.intent is Intent.PERSON else (), selection.quote_match),
        SpeakerGate(question.speaker),
        WrittenBeforeGate(
            asked + tuple(y for y, b in bounds.items() if b.relation is not YearRelation.BEFORE) if not scope.inherited and not question.future and not question.comparison and question.intent not in _AHEAD_INTENTS else ()
        ),
        WithheldGate(question.asks, summary=question.intent is Intent.SUMMARY),
        PosesGate(question.yes_no),
        MeetingBodyGate(_body_words(question.asks) if need is not None and "chair" in need.roles else frozenset()),
        # A date of an event the question dates by its year ("the 2016 visit"), asked by the part
        # itself, not looking ahead ("when is the next inspection due after 2023?").
        *([DateYearGate(asked, reported=bool(_REPORTED.search(question.asks)), bounds=bounds)]
          if question.intent is Intent.DATE and not scope.inherited and not question.future and not question.comparison else [DateYearGate(())]),
    ]


def run_gates(gates: list[Gate], units: list[Unit]) -> dict[str, np.ndarray]:
    """For each gate, which candidates pass it."""
    return {g.name: np.array([g.passes(u) for u in units], dtype=bool) for g in gates}


def refusal(question: Question) -> str:
    """Why no candidate passed the gates."""
    need = question.need
    return f"The passages found don't give {need.what}." if need else "No passage is about what the question asks."
