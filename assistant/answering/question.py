"""A question, parsed once: its parts, what each asks for (the intent), the councils and years it
is about, its words and the names it is specific about.

Everything downstream (retrieval, gates, features, composing the answer) reads a `Question`
instead of re-reading the text with its own patterns, so "what does this question want?" has one
answer per question and one place to change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from assistant.answering.events import asked_plural, asks_for_many, event_forms, is_setting
from assistant.answering.needs import GRADE, NO_GRADE_GIVEN, TYPED_LEAD, WHETHER_GRADED, Need, need_of
from assistant.answering.qualifiers import Qualifier, qualifiers_of
from assistant.answering.whether import asks_whether, proposition
from assistant.types import Scope
from indexer.words import STOPWORDS, stem_words, terms  # noqa: F401 (re-exported)
from indexer.vocabulary import ACT_REPORTING_VERBS, DOCUMENT_SPEAKERS, REPORTING_VERBS, SPEAKER_ROLES, SPEECH_ASKING_VERBS, TITLES, VIEW_GROUPS, alternation
from indexer.vocabulary import (
    ACRONYMS, BACK_POINTING_WORDS, MONTH_NAMES, MONTHS_ALTERNATION, ORDINALS, POINTED_OCCASION_NOUNS, TIME_POINTING_WORDS, WEEKDAYS, YEAR_PATTERN, expansions,
    spelt_out_forms,
)
from indexer.vocabulary import DOCUMENT_NAMING_WORDS, LATER_WORDS

@dataclass(frozen=True)
class Speaker:
    """Whose words a question asks for ("what did Councillor Taylor / the cabinet member say?"):
    the words of their name (lower case, "taylor") and the roles they are asked by ("cabinet
    member"). A sentence answers only if it attributes words to them (gates.SpeakerGate)."""

    names: tuple[str, ...]
    roles: tuple[str, ...]


# "What did X say / tell / argue ... (about Y)?": X is the speaker.
_SPEECH_ASKED = re.compile(
    rf"\bwhat\s+(?:did|does|do|has|have|had|would|will)\s+(?P<who>[^?]+?)\s+(?:(?:have|had)\s+to\s+|actually\s+|then\s+)?"
    rf"(?:{alternation(SPEECH_ASKING_VERBS)})\b",
    re.I,
)
_DOCUMENT_SPEAKER = re.compile(rf"\b(?:{alternation(DOCUMENT_SPEAKERS)})\b", re.I)
SPEAKER_ROLE = re.compile(rf"\b(?:{alternation(sorted(SPEAKER_ROLES, key=len, reverse=True))})(?:s\b|\b)", re.I)
_TITLE_WORDS = frozenset(t.lower() for t in TITLES)
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
_VIEW_GROUPS = frozenset(VIEW_GROUPS)
# Posts held by a group: their words stay plural, as minutes write them ("Members asked ...").
_GROUP_ROLES = frozenset({"members", "councillors", "officers", "directors", "leaders", "cabinet members", "co-chairs"})
# After a role, what it is of ("the cabinet member for young people", "the director of
# children's services", "head of commissioning"): the post's words, no one's name.
_ROLE_QUALIFIER = re.compile(r"^\s*(?:for|of|on|at|in|to)\b.*$", re.I)
_NAME_WORD = re.compile(r"[a-z][a-z'’-]+")


def speaker_of(asks: str, lead: str = "", councils: tuple[str, ...] = ()) -> Speaker | None:
    """The person or post whose words `asks` asks for, or None: a document or an inspecting body
    ("what did the 2019 report / inspectors / Ofsted say?") speaks through its own sentences; a
    pronoun ("what did she say?") is the person the lead names ("Jane Lee replied. What did she
    say?"), when it names one."""
    m = _SPEECH_ASKED.search(asks)
    if not m:
        return None
    who = re.sub(r"['’]s\b", "", m.group("who")).strip()
    if who.lower() in _PRONOUNS:
        # A pronoun is whoever the lead names; "they" naming no one there is the document or its
        # inspectors (DOCUMENT_SPEAKERS), as "what did they say about caseloads?" mostly means.
        names = [w.lower() for pair in re.findall(r"\b([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+)\b", lead) for w in pair.split()]
        names = [w for w in names if w not in GENERIC and w not in _TITLE_WORDS]
        return Speaker(tuple(names[-2:]), ()) if names else None
    if _DOCUMENT_SPEAKER.search(who):
        return None
    council = {w for c in councils for w in normal_words(c)}
    bare = " ".join(w for w in normal_words(who) if w not in council and w not in ("the", "its", "their", "our", "some", "most", "many"))
    if bare in _VIEW_GROUPS:
        return None  # "what did social workers tell inspectors?": the report's account of their views
    # A post asked by its acronym ("what did the DCS say?") is asked by its spelt-out name.
    who = re.sub(r"\b[A-Za-z]{2,6}\b", lambda w: (expansions(w.group(0)) or (w.group(0),))[0] if w.group(0).isupper() or w.group(0).upper() in ACRONYMS else w.group(0), who)
    roles, at = [], 0
    for r in SPEAKER_ROLE.finditer(who):
        role = r.group(0).lower()
        if role == "head of":  # "head of commissioning": the post is the head of that
            post = re.match(r"\s*([a-z'’-]+)", who[r.end():].lower())
            role, end = (f"head of {post.group(1)}", r.end() + post.end()) if post else (role, r.end())
        else:
            end = r.end()
            role = role if role in _GROUP_ROLES else role.rstrip("s")
        roles.append(role)
        at = end
    # Words before a post say whose post it is ("the council leader", "scrutiny members"); words
    # after it are what it is of ("the cabinet member for young people"), or the holder's name
    # ("the co-chair Dawn Dale").
    tail = who[at:]
    rest = _ROLE_QUALIFIER.sub("", tail) if roles else who
    names = [
        w for w in _NAME_WORD.findall(rest.lower())
        if w not in STOPWORDS and w not in GENERIC and w not in council and w not in _TITLE_WORDS and not YEAR_PATTERN.fullmatch(w)
    ]
    roles = [r for r in roles if r not in _TITLE_WORDS and r != "cllr"]
    if not names and not roles:
        return None
    return Speaker(tuple(names), tuple(dict.fromkeys(roles)))


def normal_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


class Intent(str, Enum):
    """What kind of thing an answer must be. `OPEN` is everything else ("what did inspectors
    say about …", "summarise …"): any sentence about the subject may answer."""

    COUNT = "count"  # how many …
    AMOUNT = "amount"  # how much …
    SHARE = "share"  # what percentage / proportion …
    DATE = "date"  # when …, on what date …
    DEADLINE = "deadline"  # by when …, what deadline …
    PERSON = "person"  # who …, which councillor …
    GRADE = "grade"  # what grade / rating / judgement …
    ITEMS = "items"  # what are the three areas …
    SUMMARY = "summary"  # summarise …, give an overview of …, the key points of …
    OPEN = "open"


# One fact about one event: a date, a deadline, a person, a count, an amount. Their answers must
# name the event asked about (assistant.answering.events), not a neighbouring one.
EVENT_INTENTS = frozenset({Intent.DATE, Intent.DEADLINE, Intent.PERSON, Intent.COUNT, Intent.AMOUNT})


# The score's soft preference for a sentence of the right type ("how many" wants a digit or a
# number word). Kept beside the hard needs (assistant.answering.needs) because the development
# figures were tuned with both; the need is the gate, this is a feature.
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|half|third|quarter)\b", re.I)
DATE = re.compile(rf"\b(19|20)\d\d\b|\b({MONTHS_ALTERNATION})\b", re.I)
# A person is named by a role or title; two capitalised words alone also match "Manchester City".
PERSON = re.compile(
    r"\b(cllr|councillor|mayor|director|chair|chairman|chairwoman|chief|executive member|member|officer|manager|"
    r"minister|inspector|head of|lead member|mr|mrs|ms|miss|dr|professor|social worker)s?\b",
    re.I,
)


def _expected(text: str, grade_context: bool) -> re.Pattern | None:
    """The type an answer's sentence should have, none where a grade only dates what is asked."""
    kind = expected_type(text)
    return None if grade_context and kind is GRADE else kind


def expected_type(question: str) -> re.Pattern | None:
    """The pattern an answer's sentence should match, if the question says what type it wants."""
    q = question.lower().strip()
    if re.search(r"\bhow (many|much)\b|\bwhat (share|percentage|proportion|number)\b|\bhow big\b", q):
        return NUMBER
    if re.search(r"^when\b|\bwhat (date|month|year)\b|\bwhich (year|month|date)\b|\bdates? of\b|\bdeadlines?\b|\bby when\b|\bdue date\b", q):
        return DATE
    if re.search(r"^(who|whose)\b|\bwhich (officer|councillor|member|director|person)\b", q):
        return PERSON
    if re.search(r"\b(grade[ds]?|graded|rated|rating|judge[ds]?|judgements?|judgments?)\b", q) and not re.search(r"\bwhy\b", q):
        # Whether a grade was given at all is answered by a grade, or by saying none is given.
        return _GRADE_OR_NONE if WHETHER_GRADED.search(q) else GRADE
    return None


# A grade, or a statement that none is given (needs.NO_GRADE_GIVEN).
_GRADE_OR_NONE = re.compile(rf"(?:{GRADE.pattern})|(?:{NO_GRADE_GIVEN.pattern})", re.I)


# Capitalised words that name no particular thing: they don't make a question specific.
GENERIC = {
    "cllr", "councillor", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "does", "do", "is", "are",
    "was", "were", "has", "have", "can", "could", "should", "would", "will", "the", "a", "an", "in", "on",
    "of", "for", "and", "or", "to", "tell", "give", "show", "list", "summarise", "summarize", "explain",
    "ofsted", "council", "councils", "city", "committee", "inspectors", "inspector", "inspection", "report",
    "minutes", "plan", "action", "children", "children's", "services", "service", "local", "authority",
    "ilacs", "send", "i", "we", "our", "my", "me", "please", "according", "member", "members", "chair",
}
_NOT_NAMES = set(MONTH_NAMES) | set(WEEKDAYS)
# A capitalised word opening a sentence is capitalised for that reason ("She was the one who
# ...?", "Ahead of Tuesday's meeting, ..."): it is no name the documents must contain.
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|\n)\W*$")


def salient_terms(question: str) -> list[str]:
    """Names and years a question is specifically about ("Stockport", "2019")."""
    found = YEAR_PATTERN.findall(question)
    for m in re.finditer(r"[A-Za-z][\w'’-]*", question):
        bare = re.sub(r"['’]s$", "", m.group(0))
        if (
            bare[:1].isupper() and len(bare) > 2 and bare.lower() not in GENERIC and bare.lower() not in _NOT_NAMES
            and not _SENTENCE_START.search(question[: m.start()])
        ):
            found.append(bare)
    return found


# Small words an acronym gives no letter to ("education, health and care plan (EHCP)").
_NO_LETTER = frozenset({"and", "of", "the", "for", "in", "to", "on", "&"})


def spelt_out_in(question: str, acronym: str) -> str | None:
    """The words the question itself spells `acronym` out with, written just before it in
    brackets: "child sexual exploitation (CSE)" gives "child sexual exploitation". A document
    that says the words answers what the question asks, whether or not it uses the acronym."""
    m = re.search(rf"\(\s*{re.escape(acronym)}\s*\)", question)
    if not m:
        return None
    words = re.findall(r"[\w'’&-]+", question[: m.start()])
    letters, taken = acronym.lower().rstrip("s") if acronym.endswith("s") and acronym[:-1].isupper() else acronym.lower(), []
    for w in reversed(words):
        if not letters:
            break
        if w.lower() in _NO_LETTER and taken:
            taken.append(w)
            continue
        if w[0].lower() != letters[-1]:
            return None
        taken.append(w)
        letters = letters[:-1]
    return " ".join(reversed(taken)) if not letters else None


def forms_of(term: str) -> tuple[str, ...]:
    """The ways a document may write a term the question names: an acronym as itself or spelt
    out ("DCS", "director of children's services"; a plural "LAs", "local authorities"), in the
    singular or the plural ("IRO": "independent reviewing officers"); anything else as itself."""
    return (term,) + spelt_out_forms(term) if term.isupper() or term in ACRONYMS or re.fullmatch(r"[A-Z]{2,}s", term) else (term,)


def scope_of(question: str, previous: Scope | None = None) -> Scope:
    """The councils and years the question names; when it names neither, the previous
    question's (a follow-up: "and what about care leavers?")."""
    from indexer import councils

    named = tuple(dict.fromkeys(councils.find(question, question=True)))
    years = tuple(dict.fromkeys(int(y) for y in YEAR_PATTERN.findall(question)))
    if named or years:
        if previous and not named:
            named = previous.authorities  # "what about 2019?" keeps the council
        return Scope(named, years)
    if previous:
        return Scope(previous.authorities, previous.years, inherited=True)
    return Scope()


def with_successors(scope: Scope, indexed: set[str]) -> Scope:
    """The scope with each council abolished since, that no indexed document is about, read as
    the councils that took over its services and that documents are about: "northants' 2019
    areas for improvement" after 2021 are in North and West Northamptonshire's papers
    (indexer.councils.SUCCESSORS, which the indexer uses to file such papers)."""
    from indexer import councils

    named: list[str] = []
    for name in scope.authorities:
        later = [s for s in councils.SUCCESSORS.get(name, ()) if s in indexed] if name not in indexed else []
        named.extend(later or [name])
    return replace(scope, authorities=tuple(dict.fromkeys(named)))


def council_sides(text: str, scope: Scope) -> tuple[Scope, ...]:
    """Each council of a comparison with the years written after its name, as its own scope,
    when every council named has years of its own: "compare merton 2022 and hillingdon 2023",
    "sutton (2025) and hillingdon (2023) overall grades", "did X in 2019 and Y in 2021 get the
    same grade?". The years are then one side's each, not the whole question's: Y's documents
    are asked about 2021 only. Empty when any council has none, or a year comes before the first
    council ("in 2023, did X or Y do better?", "X's 2022 grade compared with Y's"): the years
    are shared. Only the scope's councils count, in the order written."""
    from indexer import councils

    if len(scope.authorities) < 2 or scope.inherited:
        return ()
    spans = [(name, start, end) for name, start, end in councils.question_spans(text) if name in scope.authorities]
    if len({name for name, _, _ in spans}) != len(scope.authorities):
        return ()
    years: dict[str, list[int]] = {name: [] for name in scope.authorities}
    for m in YEAR_PATTERN.finditer(text):
        before = [name for name, _, end in spans if end <= m.start()]
        if not before:
            return ()
        years[before[-1]].append(int(m.group(0)))
    if not all(years.values()):
        return ()
    return tuple(Scope((name,), tuple(dict.fromkeys(years[name]))) for name in scope.authorities)


# "..., not the Cabinet Member's summary", "rather than the council's press release": what the
# user does not want is not what to search for (and its names are not the question's subject).
_EXCLUSION = re.compile(r"[,;]?\s*\b(?:not|rather than|instead of|as opposed to)\s+(?:the|a|an|its|their)\s+[^,;?.]*", re.I)
# Where one question asks two things: "What grade did X get, and which action ...?"
_ASKING = r"(?:(?:on|in|by|at|for|from|with|to|through|under)\s+)?(?:what|which|who|whom|how|when|where|did|does|is|are|was|were)\b"
_CONTEXT = re.compile(r"^(?:according to|as for|regarding|with regard to|thinking of|looking at)\b", re.I)
_SECOND_QUESTION = re.compile(rf"(?:,\s*and|;|\?\s+|,\s*|\s+and)\s+(?={_ASKING})", re.I)
_QUESTION_WORD = r"\b(?:what|which|who|whom|how|when|where|why|did|does|do|is|are|was|were)\b"
_ASKS = re.compile(rf"{_QUESTION_WORD}|\?", re.I)  # a piece that asks something
# A lead ends at a full stop or colon, or at a dash set off by spaces, as people type one:
# "York 2022 - who was the lead inspector?", "staffs fostering – what did the report say?". A
# dash after a question word is an aside's ("which judgement - if any - was inadequate?").
_LEAD = re.compile(rf"^(.*?[.:]|(?:(?!{_QUESTION_WORD}).)*?\s[-–—])\s+(?={_ASKING})", re.I | re.S)


# A lead saying only when the answer is wanted, set off by a comma ("ahead of Thursday's scrutiny
# meeting, summarise ...", "in time for the board, who ..."): the occasion, not what is asked.
# Not "before": "before the 2019 inspection, ..." says when the thing asked about came.
# Typed without the comma, it ends where the request begins ("ahead of thursday's scrutiny can you
# summarise ...", "before ... please give me").
_REQUEST = r"(?:(?:can|could|would|will)\s+you|please|summari[sz]e|give\s+me|tell\s+me)\b"
_OCCASION_LEAD = re.compile(
    rf"^\s*(?:ahead of|in time for|in preparation for|to prepare for)\s+(?:[^,:;?]{{1,60}},\s*|(?:(?!{_REQUEST})[^,:;?]){{1,60}}?\s+(?={_REQUEST}))",
    re.I,
)


def occasion_lead(question: str) -> str:
    """The lead of `question` that says only when the answer is wanted ("ahead of Thursday's
    scrutiny meeting, "), naming no council and no year; "" when it has none. A lead naming a
    council or a year ("ahead of Bristol's audit committee, ...") says which, and is not one."""
    lead = _OCCASION_LEAD.match(question)
    if not lead or names_occasion(lead.group(0)):
        return ""
    return lead.group(0)


def without_exclusions(question: str) -> str:
    stripped = _EXCLUSION.sub("", question).strip()
    return stripped if len(stripped.split()) >= 3 else question


def split_question(question: str) -> list[str]:
    """The questions within `question`, each to be answered on its own: a two-part question
    otherwise gets the answer to its first part only. A context-setting lead ("Wirral 2023:
    ...", "Croydon ... required improvement in 2020.") stays with what follows."""
    lead = _LEAD.match(question)
    body = question[lead.end():] if lead else question
    pieces = [p.strip(" ,;") for p in _SECOND_QUESTION.split(body) if p.strip(" ,;")]
    parts: list[str] = []
    # "For Leeds in 2022, what ...": a short piece that asks nothing sets the next one's context. A
    # longer one is a claim ("In 2022 the Trust told scrutiny it hoped to ...") the answer should check.
    context = ""
    # The context set for a part is every later part's too, as a lead is ("for Leeds in 2022,
    # what did cabinet resolve and what were the grades?"), unless a part names its own council
    # or year: alone, "what were the grades" is about nothing in particular.
    shared = ""
    for piece in pieces:
        # A longer setting is one still when it is a phrase with no clause ("In the audit
        # committee report of July 2020, what ...": events.is_setting).
        if not _ASKS.search(piece) and (len(piece.split()) < 6 or _CONTEXT.match(piece) or is_setting(piece)):
            context = f"{context}{piece}, "
        elif parts and len(piece.split()) < 4:
            parts[-1] = f"{parts[-1]} and {piece}"  # "how ... and why" is one question
        else:
            if context:
                shared = context
            elif shared and not names_occasion(piece):
                context = shared
            parts.append(context + piece)
            context = ""
    if lead and parts:
        # The lead is every part's ("Wirral 2023: what grade did it get, and when was the report
        # published?"): a later part without it is searched, and its needs and gates read, as if
        # it were about nothing in particular. A part naming its own council has its own lead.
        from indexer import councils

        parts = [part if i and councils.find(part, question=True) else f"{lead.group(1)} {part}" for i, part in enumerate(parts)]
    return parts or [question]


def names_occasion(text: str) -> bool:
    """Whether `text` names a council or a year: says which inspection, so it is a context of its
    own (a lead, a part) and not one that only says when or points back."""
    from indexer import councils

    return bool(YEAR_PATTERN.search(text) or councils.find(text, question=True))


def asking(part: str) -> str:
    """The question itself, without a context-setting lead: in "Croydon's care leavers required
    improvement in 2020. What grade did they get in 2024?" the grade asked about is 2024's."""
    lead = _LEAD.match(part)
    return part[lead.end():] if lead else part


_LATER_DOCUMENT = re.compile(
    rf"\bthe\s+(?:{alternation(LATER_WORDS)})\s+(?:[\w'’-]+\s+){{0,2}}?(?:{alternation(DOCUMENT_NAMING_WORDS)})\b", re.I
)


def later_than(part: str, whole: Scope) -> int | None:
    """The year a part asks about a document after, when it names no year of its own and asks
    about "the later focused visit", "the subsequent monitoring letter", "the following report":
    the latest year the whole question names. None otherwise."""
    asked = asking(part)
    if not whole.years or YEAR_PATTERN.search(asked) or not _LATER_DOCUMENT.search(asked):
        return None
    return max(whole.years)


_TIME_POINTING = re.compile(
    rf"\b(?:{'|'.join(re.escape(w) for w in TIME_POINTING_WORDS)})\b"
    rf"|\b(?:that|this|those|these|the same)\s+(?:(?!(?:the|a|an)\b)[\w'’-]+\s+)?(?:{'|'.join(POINTED_OCCASION_NOUNS)})\b",
    re.I,
)


def of_its_own_time(part: str) -> bool:
    """Whether a part of a several-part question names no year and takes none from another part
    ("then", "that year": TIME_POINTING_WORDS). Such a part is about a document of its own, whose
    year it does not say: in "when was X's focused visit, and what grade did the 2025 minutes give?"
    the visit is not of 2025, and in "who signed the 2018 letter, and what was the grade at the
    next full inspection?" the grade is not 2018's. Scoped to another part's year, its retrieval
    ranks that year's documents first and its gates refuse the other years' answers. A year in
    the lead is the part's own (split_question puts the lead in every part)."""
    return not YEAR_PATTERN.search(part) and not _TIME_POINTING.search(asking(part))


def part_scope(part: str, whole: Scope) -> Scope:
    """The whole question's councils; the part's own years if it names any, else the whole's."""
    years = tuple(dict.fromkeys(int(y) for y in YEAR_PATTERN.findall(asking(part)) or YEAR_PATTERN.findall(part)))
    return Scope(whole.authorities, years or whole.years, whole.inherited)


# "What did inspectors say/find", "what did the inspection (or the visit) find", "Ofsted's own
# finding", "the report itself": the inspection report's words are wanted, not a minute's or a
# plan's account of them. The inspection or visit counts only before the verb, as its subject:
# "what did members say about the inspection" asks for the members' words.
ASKS_INSPECTORS = re.compile(
    r"\b(inspectors?|ofsted|hmi|inspection|visit)\b.{0,40}\b(say|said|says|find|found|finding|findings|write|wrote|describe|described|"
    r"own|account|words|identif\w*|recommend\w*|judge[ds]?|criticis\w*|prais\w*)\b|\breport itself\b|"
    r"\b(according to|in) (the|its|their) (ofsted|inspection) report\b|"
    r"\b(ofsted|inspectors?)['’]s? own\b|\binspection report\b",
    re.I,
)
# "When is Ofsted next due?" asks for a date after the document's; "when was a leader due to be
# appointed?" does not.
_FUTURE = re.compile(r"\b(next|upcoming|will|expected to|due to)\b", re.I)
# "When was the plan due to go to cabinet?" asks when it was due, in the past: its answer is a
# date of the document's own time ("ahead of its submission to Cabinet in October 2016"), not a
# later one. Only "due to" is read so: "when was it said the next inspection will come?" still
# looks ahead.
_PAST_DUE = re.compile(r"\b(?:was|were|had been)\b[^?]*?\bdue to\b", re.I)


def asks_future(text: str) -> bool:
    """Whether a question asks about something still to come ("when is Ofsted next due?")."""
    found = {m.group(1).lower() for m in _FUTURE.finditer(text)}
    if found == {"due to"} and _PAST_DUE.search(text):
        return False
    return bool(found)


def _event_of(asks: str, scope: Scope) -> frozenset[str]:
    """The question's event (events.event_forms), unless the "verb" parsed is a council's name
    typed in lower case ("how many cases will derbyshire audit?" is about auditing, and a name
    is no event any answer would repeat), or its short form ("how much did worcs spend?": the
    stem "worc" begins "worcestershir")."""
    forms = event_forms(asks)
    named = set().union(*(terms(a) for a in scope.authorities)) if scope.authorities else set()
    short = {f for f in forms if len(f) >= 3 and " " not in f and any(n.startswith(f) and n != f for n in named)}
    return frozenset() if forms & named or short else forms
_ORDINAL_ASKED = re.compile(rf"\bthe ({'|'.join(ORDINALS)}) (?!time\b)[a-z]+", re.I)


def numbered_item(question: str) -> re.Pattern | None:
    """What the item the question asks for by position looks like in a numbered list or table."""
    asked = _ORDINAL_ASKED.search(question)
    if not asked:
        return None
    n = ORDINALS[asked.group(1).lower()]
    return re.compile(rf"^(?:(?:No|Number|Item|Priority|Recommendation|Action|Ref)\.?\s*:?\s*{n}\b|{n}[.)]\s)", re.I)


_INTENT_OF_NEED = (
    ("a number", Intent.COUNT), ("an amount", Intent.AMOUNT), ("a share", Intent.SHARE),
    ("a deadline", Intent.DEADLINE), ("a date", Intent.DATE), ("who the", Intent.PERSON),
    ("a person", Intent.PERSON), ("the grade", Intent.GRADE), ("an area graded", Intent.GRADE), ("the ", Intent.ITEMS),
)


@dataclass(frozen=True)
class Question:
    """One part of what the user asked, parsed once.

    `text` is the part as split from the user's question (a lead included); `asks` is the part
    without its context-setting lead, which is what the intent and the need are read from."""

    text: str
    asks: str
    scope: Scope
    intent: Intent
    need: Need | None
    expected: re.Pattern | None  # the soft type preference (a feature), see `expected_type`
    salient: tuple[str, ...]  # names and years it is specifically about
    words: frozenset[str]  # its stemmed content words
    numbered: re.Pattern | None  # "the first area": what row 1 looks like
    future: bool  # asks about something still to come ("when is Ofsted next due?")
    inspectors: bool  # the whole question asks for the inspectors' own words
    # The stems naming the event asked about ("lift", "remove", ...), for the intents that ask
    # for one fact about one event (assistant.answering.events); empty for any other.
    event: frozenset[str] = frozenset()
    # The ordinals and months that pick which of several like events it is about ("the sixth
    # monitoring visit", "the July 2022 visit"): assistant.answering.qualifiers.
    qualifiers: tuple[Qualifier, ...] = ()
    # Asks for several things ("which services did it look at?", "what did cabinet resolve?"):
    # a list with its introduction may answer it (assistant.answering.events.asks_for_many).
    wants_list: bool = False
    # Asks for every judgement of one inspection, or those of a grade ("all its judgements",
    # "the grade for each area", "which judgements were good?"): answered by the grade table's
    # rows, not by its one closest row (`asks_every_grade`).
    every_grade: bool = False
    # Words the question quotes ("who said 'we are not there yet'?"): the answer must hold them
    # (`quotations`; gates.QuotedGate, Answerer's look for the passages that hold them).
    quoted: tuple[str, ...] = ()
    # The index of the earlier part this one points back to ("... and what did it find?"): it is
    # answered about that part's subject, from the document that answered it, or not at all.
    leans_on: int | None = None
    # Whose words it asks for ("what did Councillor Taylor say about ...?"), when a person's.
    speaker: Speaker | None = None
    # The year it asks about a document after ("... and what did the later focused visit say?",
    # `later_than`): its documents are those dated after it, and the year is not its scope.
    after: int | None = None
    # Asks yes or no ("did the visit find workloads had improved?", "any areas for
    # improvement?"): answered by the sentence deciding it, and `proposition` is what it asks
    # holds, by its stems (assistant.answering.whether). The intent stays the need's: "were any
    # parts rated inadequate?" still needs a grade, or a sentence saying none was given.
    yes_no: bool = False
    proposition: frozenset[str] = frozenset()
    # An elliptical part as the user wrote it ("how many did the 2012 one make?"), when `text` is
    # it completed from the part before (`completed_ellipsis`): asked as written when the
    # completed part finds no answer (its document may be as elliptical: "The 2012 one made 34.").
    written: str = ""
    # The years the question's other parts name, for a part naming none of its own
    # (`of_its_own_time`): not its scope (its search does not rank their documents first, its
    # gates do not require them), but a document of theirs is still credited as near the time
    # asked about (features' `year`), as the same meeting's or report's often is.
    near_years: tuple[int, ...] = ()

    @classmethod
    def parse(cls, text: str, whole: Scope, inspectors: bool, own_years: bool = False) -> "Question":
        """`own_years`: the part is scoped to the years it names itself (none, when it names
        none), not to the whole question's (`parse_parts`, `of_its_own_time`)."""
        after = later_than(text, whole)
        scope = part_scope(text, whole) if after is None and not own_years else Scope(whole.authorities, (), whole.inherited)
        asks = asking(text)
        need = need_of(asks, scope.years, comparison=len(scope.authorities) > 1)
        # "What measures did the council announce after the inadequate judgement?", "what
        # strengths did inspectors find despite the rating?": the grade says when or despite
        # what; what is asked is the plural noun, a list, not the grade (nor a sentence with a
        # grade word: no grade is the expected type). The needs may have read the grade as a time
        # already (no need at all).
        # "Which councils were rated outstanding?" asks the councils too: the grade picks them,
        # and an answer may name them by other words ("joins X and Y in holding the top grade"),
        # so the grade is no need there either. "Which judgements were outstanding?" asks by a
        # grade noun, and keeps it.
        grade_context = (need is None or need.lists or need.what == "the grade asked about") and asked_plural(asks) not in (None, *_GRADE_NOUNS)
        if grade_context:
            need = None
        intent = _intent(need, asks)
        every_grade = intent is Intent.GRADE and len(scope.years) < 2 and asks_every_grade(asks)
        yes_no = asks_whether(asks)
        return cls(
            text=text, asks=asks, scope=scope, intent=intent, need=need, expected=_expected(text, grade_context),
            salient=tuple(salient_terms(text)), words=frozenset(terms(text)), numbered=numbered_item(text),
            future=asks_future(text), inspectors=inspectors,
            # "Who said the visit reflected staff's hard work?" asks who said it: the verb of what
            # was said ("reflected") is no event the answer must name, the saying is (any
            # reporting verb: "credited the hard work").
            event=_event_of(asks, scope) if intent in EVENT_INTENTS and not (intent is Intent.PERSON and asks_speaker(asks)) else frozenset(),
            # A comparison's month is one side's ("Salford's November 2023 inspection compared
            # with Liverpool's", "hull's grade in 2019 with the one after the November 2022
            # inspection"): it picks nothing for the other side's documents.
            # A lead naming the document ("Herefordshire's first monitoring visit in 2023 - what had
            # improved?") picks it as the question itself would; a lead that is a sentence of its own
            # ("... required improvement in 2020.") says what came before, and picks nothing.
            qualifiers=qualifiers_of(asks, months_too=len(scope.authorities) < 2 and len(scope.years) < 2)
            or (qualifiers_of(text[: len(text) - len(asks)], months_too=len(scope.authorities) < 2 and len(scope.years) < 2)
                if asks != text and not text[: len(text) - len(asks)].rstrip().endswith(".") else ()),
            # A summary is several points, and a list is several points: a document whose findings
            # on the subject are a list is summarised by it, its items each quoted and cited.
            wants_list=intent in (Intent.ITEMS, Intent.SUMMARY) or every_grade or (intent is Intent.OPEN and asks_for_many(asks)),
            every_grade=every_grade,
            quoted=quotations(text),
            speaker=speaker_of(asks, text[: len(text) - len(asks)], scope.authorities) if intent in (Intent.OPEN, Intent.SUMMARY, Intent.ITEMS) else None,
            after=after,
            yes_no=yes_no,
            proposition=proposition(asks, scope.authorities, frozenset(GENERIC)) if yes_no else frozenset(),
            near_years=whole.years if own_years and after is None else (),
        )

    @property
    def comparison(self) -> bool:
        return len(self.scope.authorities) > 1


# A quotation in a question, in double or single quotes, straight or curly. A straight single
# quote opens only after a space or bracket and closes only before one or punctuation, so an
# apostrophe inside the words ("'we're not done'") or a plural possessive does neither.
_QUOTATION = re.compile(
    r"“(?P<a>[^”]{3,}?)”|\"(?P<b>[^\"]{3,}?)\"|‘(?P<c>(?:[^’]|(?<=\w)’(?=\w)){3,}?)’(?!\w)"
    r"|(?<![\w’'])'(?P<d>(?:[^']|(?<=\w)'(?=\w)){3,}?)'(?!\w)"
)


# "Who said ...", "which councillor told members ...", "whose words were ...": the speaker asked for.
_WHO_SAID = re.compile(
    # "Who in Oakshire talked about ...?", "who at the panel said ...?": the setting typed after "who".
    rf"^\W*(?:who\s+(?:(?:in|at|from|on)\s+(?:[\w'’&.-]+\s+){{1,4}}?)?|whose\s+|which\s+(?:[\w'’-]+\s+){{0,3}}?)"
    rf"(?:(?:had|has|have|then|also|first|publicly)\s+)?(?:{alternation(REPORTING_VERBS)})\b",
    re.I,
)


def asks_speaker(text: str) -> bool:
    """Whether the question asks who said or wrote something: a reporting verb that is no act
    done to a paper or decision ("who agreed the plan?" asks who did it: ACT_REPORTING_VERBS)."""
    m = _WHO_SAID.search(TYPED_LEAD.sub("", text, count=1))
    return m is not None and m.group(0).split()[-1].lower() not in ACT_REPORTING_VERBS


def quotations(text: str) -> tuple[str, ...]:
    """The words `text` quotes, each as written between its quote marks."""
    found = []
    for m in _QUOTATION.finditer(text):
        words = next(g for g in m.groups() if g is not None).strip(" ,.?!")
        if re.search(r"[A-Za-z]{2}", words):
            found.append(words)
    return tuple(found)


# The nouns a grade is asked by ("which judgements were good?", "what grades did it get?").
_GRADE_NOUNS = ("grade", "rating", "judgement", "judgment", "area", "result", "outcome", "score", "mark", "verdict")


# Every judgement at once: grade nouns in the plural ("grades", "judgements", "ratings"), or one
# with each/every/all ("each area", "all the judgements", "every judgement"), or "which
# judgements/areas" (those of a grade). "What grades did it get in 2018 and in 2023?" asks two
# inspections' grades: a part with two years is not this (Question.parse).
_EVERY_GRADE = re.compile(
    r"\b(?:grades|ratings|judgements|judgments)\b"
    r"|\b(?:each|every|all(?:\s+(?:the|of the|its|their|of its|of their))?)\s+(?:judgement|judgment|area|grade|rating)s?\b"
    r"|\bwhich\s+(?:\w+\s+){0,2}?(?:areas|judgement areas|judgment areas)\b",
    re.I,
)


def asks_every_grade(text: str) -> bool:
    """Whether a grade question asks for every judgement (or every one of a grade), not one."""
    return bool(_EVERY_GRADE.search(text))


# Asking for the gist: several points from different passages, not the one closest sentence.
_SUMMARY = re.compile(
    r"\b(summari[sz]e|summary of|sum up|overview|key (?:points|findings|messages)|main (?:points|findings|messages)|"
    r"in (?:a )?nutshell|headlines?|brief (?:me|us|members|councillors) (?:on|about))\b",
    re.I,
)


def _intent(need: Need | None, text: str = "") -> Intent:
    if need is None:
        return Intent.SUMMARY if _SUMMARY.search(text) else Intent.OPEN
    return next((intent for prefix, intent in _INTENT_OF_NEED if need.what.startswith(prefix)), Intent.OPEN)


_POINTING_STEMS = frozenset(stem_words(BACK_POINTING_WORDS)) | frozenset(stem_words(sorted(GENERIC)))
# The question words an earlier part opens with: what is left of it is its subject ("when was
# X's 2016 visit" is about "X's 2016 visit").
_QUESTION_OPENING = re.compile(
    r"^\W*(?:(?:and|so|also)\s+)?(?:(?:when|what|which|who|whom|where|why|how(?:\s+(?:many|much|long|often))?)\b"
    r"(?:\s+(?:was|were|is|are|did|does|do|has|have|had|will|would|can|could))?|(?:was|were|is|are|did|does|do|has|have|had))\s+",
    re.I,
)


def leans_back(text: str) -> bool:
    """A part with nothing of its own to be about: no council, no year and no content word
    but question words, pronouns and words for what came of something (BACK_POINTING_WORDS):
    "what did it find?", "and what was the outcome?"."""
    asked = asking(text)
    if names_occasion(asked):
        return False
    return terms(asked) <= _POINTING_STEMS


def subject_of(part: Question) -> str:
    """What a part asks about, as a phrase to set before a part that points back to it."""
    return _QUESTION_OPENING.sub("", part.asks, count=1).strip(" ?.,;:")


# What picks one event among like ones, each kind on its own: an ordinal ("the 4th", "the
# fifth"), a month, a year. An elliptical part swaps one for another of the same kind.
_PICKERS = (
    re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)|{alternation(tuple(ORDINALS))}|final|last|latest)\b", re.I),
    re.compile(rf"\b(?:{MONTHS_ALTERNATION})\b", re.I),
    YEAR_PATTERN,
)
# The words an elliptical part stands for the repeated noun with ("the november one").
_STAND_INS = frozenset({"one", "ones"})
_ELLIPSIS_WORDS = 2


def completed_ellipsis(text: str, before: Question) -> str | None:
    """A part that repeats the part before it with one event swapped for another, its own words
    all the earlier part's but for what picks the event: "who was named director on the 4th
    visit decision, and who on the 5th?", "which visit number was the August one, and which
    was the November one?", "how many recommendations did the 2016 inspection make, and how many
    did the 2012 one make?". Asked as written it names nothing to be about; it is the part before
    it with its pickers of that kind ("4th", "August", "2016") replaced by its own. None for a
    part with words of its own ("who was the DCS by 2020?" asks about the DCS)."""
    asked = asking(text)
    swaps = [(kind, kind.findall(asked)) for kind in _PICKERS]
    swaps = [(kind, found) for kind, found in swaps if found]
    if not swaps:
        return None
    rest = asked
    for kind, _ in swaps:
        rest = kind.sub(" ", rest)
    # Its other words are the earlier part's, and few: an ellipsis leaves its noun out ("who on
    # the 5th?"); "what overall grade after the February 2022 inspection?" says what it asks.
    own = terms(rest) - _STAND_INS
    if not own <= terms(before.asks) or len(own) > _ELLIPSIS_WORDS:
        return None
    completed = before.text
    for kind, found in swaps:
        held = kind.findall(before.asks)
        if len(held) != len(found):
            return None  # which of its events each replaces cannot be told
        values = iter(found)
        completed = kind.sub(lambda m: next(values) if m.group(0) in held else m.group(0), completed)
    return completed if completed != before.text else None


# What an earlier part asks about, when it ends on it: "what did inspectors say about the
# consistency of practice", "did the visit find anything about private fostering". A time or a
# place after it ("... about kinship care in 2026") is no part of a subject this reads.
_ABOUT_TOPIC = re.compile(
    r"\b(?:about|regarding|on)\s+(?P<topic>(?:(?!\b(?:in|at|from|by|since|during|for|and|or)\b)[^,;:?.])+?)\s*[?.]?\s*$", re.I
)
# A later part that ends on a pronoun for it: "what does the plan do about it?", "what action
# does the plan set against it?", "what did the plan promise on it?", "... put in place for them?".
_ABOUT_PRONOUN = re.compile(r"\b(?P<prep>about|against|on|for|to)\s+(?P<pronoun>it|them|this|that)(?P<end>\s*[?.]?\s*)$", re.I)


def with_topic(text: str, before: Question) -> str:
    """A part ending on a pronoun for what the part before it asks about, with the pronoun
    replaced by that subject: "what did inspectors say about private fostering, and what does
    the plan say the council will do about it?" asks what the plan does about private fostering.
    Asked as written, its words name the plan and nothing of the subject, so it is answered by the
    plan's title line. `text` as it is when the part before ends on no subject."""
    pronoun, topic = _ABOUT_PRONOUN.search(asking(text)), _ABOUT_TOPIC.search(before.asks)
    if not pronoun or not topic:
        return text
    subject = topic.group("topic").strip()
    return _ABOUT_PRONOUN.sub(lambda m: f"{m.group('prep')} {subject}{m.group('end')}", text, count=1)


def parse_parts(question: str, scope: Scope) -> list[Question]:
    """The user's question as the parts to answer, each parsed. A later part that only points
    back ("when was X's 2016 visit and what did it find?") carries its antecedent's subject as a
    lead ("X's 2016 visit: what did it find?"), so it is retrieved, scoped and gated by it, and
    answered from the antecedent's document (pipeline)."""
    inspectors = bool(ASKS_INSPECTORS.search(question))
    parts: list[Question] = []
    texts = split_question(without_exclusions(question))
    several = len(texts) > 1
    for text in texts:
        text = with_topic(text, parts[-1]) if parts else text
        completed = completed_ellipsis(text, parts[-1]) if parts else None
        if completed:
            parts.append(replace(Question.parse(completed, scope, inspectors), written=text))
            continue
        if parts and leans_back(text):
            at = parts[-1].leans_on if parts[-1].leans_on is not None else len(parts) - 1
            subject = subject_of(parts[at])
            if subject:
                part = Question.parse(f"{subject}: {text}", scope, inspectors)
                parts.append(replace(part, leans_on=at))
                continue
        parts.append(Question.parse(text, scope, inspectors, own_years=several and of_its_own_time(text)))
    return parts
