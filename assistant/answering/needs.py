"""What a sentence must contain to answer a question at all.

"How many inspectors ...?" is not answered by "the inspection took three weeks"; "who was the
lead inspector?" is not answered by a sentence naming the chief executive; "what grade for
help and protection?" is not answered by the overall grade; "what deadline?" is not answered
by an action-plan row whose deadline cell says "Not stated". Scoring alone let such sentences
through whenever they were the closest there was: on the development set most wrong answers to
unanswerable questions were of this shape. A sentence that fails a need is never quoted as an
answer, and when no sentence meets it the answer says the documents don't give it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import Stemmer

# ONE_OF: "One of the three areas is X", one item of a list, named (shared with the candidates).
from assistant.answering.dates import asked_years, is_dateline
from indexer.quotable import ONE_OF
from indexer.sentences import CONTRAST
from indexer.vocabulary import BODY_NOUNS, GRADE_PATTERN, LSCB_PATTERN, ON_ITS_OWN, ROW_AREA_HEADERS, ROW_GRADE_HEADERS, SIF_TITLE, Grade, Rag, expansions, grade_of
from indexer.vocabulary import GRADE_WORDS as GRADE
from indexer.vocabulary import MONTHS as MONTH_NUMBERS
from indexer.vocabulary import MONTHS_ALTERNATION as MONTHS
from indexer.vocabulary import YEAR_PATTERN as YEAR
from indexer.vocabulary import WORD_ACRONYMS
from indexer.vocabulary import ADDRESS_WORDS, BODY_ROLES, COUNCIL_AFTER_WORDS, EVENT_SYNONYMS, FIGURE_NOUNS, MONEY_NOUNS, MONEY_SUM, MONEY_VERBS, NAMED_THING_NOUNS, NUMBER_WORDS, PEOPLE_KINDS, PEOPLE_NOUNS, PLACEHOLDER_NOUNS, PLAN_NAMES, POSTCODE, RELATIVE_FUTURE, REPORTING_VERBS, ROLE_TITLES, ROLES, ROLE_VERBS, SPEECH_ASKING_VERBS, SUBJECT_SYNONYMS, TITLES, alternation

_MONTH = re.compile(rf"\b({MONTHS})\b", re.I)
_FULL_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b",
    re.I,
)
# A deadline is a date said to be one: "Deadline: March 2023", "by the end of 2024", "due in May".
_DEADLINE = re.compile(
    rf"\b(?:deadline|due|target(?: date)?|timescale|complete(?:d)?(?: by)?|by|no later than|until)\b[:\s]+"
    rf"(?:the\s+)?(?:end of\s+|start of\s+|beginning of\s+)?(?:\d{{1,2}}\s+)?(?:{MONTHS}|(?:19|20)\d\d|q[1-4]|spring|summer|autumn|winter)\b",
    re.I,
)
# A deadline's cell or label with a date in figures or in full: "Call-in deadline date:
# 27/12/2024", "Due date: 31 March 2025".
_DEADLINE_LABEL = re.compile(
    rf"\b(?:deadline|due|target|completion|review|timescales?|by when)(?: date)?\s*:\s*(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS}))",
    re.I,
)
# A deadline cell that gives no date but a standing timescale: "Timescale: Ongoing",
# "Deadline: immediate". It is the plan's answer to "what is the action's deadline?".
_DEADLINE_STANDING = re.compile(
    r"\b(?:deadline|due|target|completion|timescales?|by when)(?: date)?\s*:\s*(?:ongoing|continuous|immediate(?:ly)?|with immediate effect)\b",
    re.I,
)
# A deadline named before its date, with what it is for between: "with a deadline for
# implementation of August 2020", "the target for completion is March 2025".
_DEADLINE_OF = re.compile(
    rf"\b(?:deadline|target date|timescale)\b(?:\s+(?:for|to)\s+[\w’' -]{{1,40}}?)?\s+(?:of|is|was|will be|set at|set for)\s+"
    rf"(?:the\s+)?(?:end of\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTHS}|(?:19|20)\d\d)\b",
    re.I,
)
# A question about what is still to come (not "when was it due to ...": question.asks_future).
_AHEAD = re.compile(r"\b(?:next|upcoming|will|expected|expect|due|planned|scheduled)\b", re.I)
# A publication asked or stated in any of its words (`EVENT_SYNONYMS`): "the findings, released
# on Tuesday, February 16" dates the report as "published on" would. Not the particle "out" of
# "came out", which a sentence also uses for "carried out".
_PUBLICATION_WORDS = tuple(w for w in next(g for g in EVENT_SYNONYMS if "publish" in g) if w != "out")
_PUBLISHED = re.compile(rf"\b(?:{alternation(_PUBLICATION_WORDS)})", re.I)
_GENERIC_ROLES = {"councillor", "member", "officer", "lead"}
_NUMBER_WORDS = alternation(NUMBER_WORDS)
_UNIT = re.compile(r"^(?:years?|months?|weeks?|days?|hours?|minutes?|times|per|percent|%)$")
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
# (A year is no count: "what was the 2024 focused visit looking at?" asks no 2024 items.)
_ITEMS_ASKED = re.compile(
    rf"\b(?:what|which) (?:(?:are|were|is|was) (?:the|its|their) )?(?:(?!(?:19|20)\d\d\b)\d+|{_NUMBER_WORDS}|{_ORDINALS})"
    rf"(?: and (?:{_ORDINALS}))? (?P<noun>[a-z]+)\b"
)
_COUNT = re.compile(rf"^(?:\d[\d,.]*%?|£[\d,.]+\w*|{_NUMBER_WORDS})$", re.I)
# Fractions in words, plural too ("three-quarters", "two-thirds", "one in five").
_SHARE = re.compile(
    r"\d\s*%|\bper ?cent\b|\b(halves|half|thirds?|quarters?|fifths?|tenths?|majority|minority)\b|"
    r"\b(?:one|two|three|four|\d+) in (?:two|three|four|five|six|ten|\d+)\b|"
    # A share as a count of a whole: "nine out of ten", "3 out of 4", "seven out of every ten".
    rf"\b(?:\d+|{_NUMBER_WORDS}) out of (?:every )?(?:\d+|{_NUMBER_WORDS})\b",
    re.I,
)
# "How much did early help grow?", "by how much did the number rise?": a change is answered by
# the change in whatever is counted ("from 200 in 2011-12 to 2,700", "rose by a third").
_CHANGE_ASKED = re.compile(
    r"\bhow much\b[^?]*\b(?:grow|grew|grown|rise|rose|risen|increase[ds]?|fall|fell|fallen|drop(?:ped)?|decrease[ds]?|"
    r"decline[ds]?|reduce[ds]?|go up|went up|go down|went down|change[ds]?)\b",
    re.I,
)
_CHANGE_AMOUNT = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+)?£?\d[\d,.]*\b.{0,60}?\bto\s+(?:about\s+|around\s+)?£?\d[\d,.]*|"
    r"\bby\s+(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+)?(?:£?\d[\d,.]*|a\s+(?:third|quarter|half|fifth|tenth)|"
    r"(?:one|two|three|four)[- ](?:thirds?|quarters?|fifths?)|half)\b|\b(?:doubled|tripled|trebled|halved)\b",
    re.I,
)
# "How much earlier than planned did Ofsted come back?", "how much longer did the visit last?": a
# length of time, answered by a number of days, weeks, months or years ("four months earlier").
_TIME_GAP_ASKED = re.compile(r"\bhow much (?:earlier|later|sooner|longer|more time|less time)\b", re.I)
_TIME_GAP = re.compile(rf"\b(?:\d+|an?|{_NUMBER_WORDS}|(?:a\s+)?few|several|half\s+an?)[\s-]+(?:calendar\s+|working\s+)?(?:days?|weeks?|months?|years?|hours?)\b", re.I)
_AMOUNT = re.compile(r"£\s?\d|\d[\d,.]*\s*(million|m|bn|billion|k|thousand)\b|\bper ?cent\b|%", re.I)
# A question asking for a sum of money (indexer.vocabulary.MONEY_NOUNS, MONEY_VERBS): "what's the
# total cost of the plan?", "what was the budget for ...?", "what will the plan cost?", "how much
# money has X set aside?", "what amount of funding ...?". Its answer must state a sum (MONEY_SUM):
# a sentence about the plan that gives none is no answer.
_MONEY_ASKED = re.compile(
    rf"\bhow much\b[^?]*\b(?:{alternation(MONEY_NOUNS)}|{alternation(MONEY_VERBS)})\b"
    rf"|\bwhat (?:amount|sum|level) of (?:money|funding|investment|spending|budget)\b"
    rf"|\b(?:what|which)(?:['’]?s|\s+(?:is|was|were|are|will|would|has|had))\s+(?:[\w'’-]+\s+){{0,8}}?(?:the|its|their)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{alternation(MONEY_NOUNS)})\b(?!\s+(?:pressures?|figures?|savings?|and|report|reports|papers?|setting|process|position))"
    rf"|\bwhat\b[^?]*\b(?:will|would|did|does|is|was|expected to|going to|likely to)\s+(?:[\w'’-]+\s+){{0,8}}?cost\b"
    rf"|\bwhat\b[^?]*\b(?:set aside|put aside|earmarked|allocated|budgeted)\b",
    re.I,
)
# Money words that ask for no sum: what was said of the budget, what the money paid for, time spent.
_NOT_MONEY = re.compile(
    r"\b(?:say|said|says|tell|told|think|thought|describe|described|find|found|discuss\w*|explain\w*|mean|means)\b"
    r"|\bspen[dt]\w*\s+(?:\w+\s+){0,2}?(?:time|days?|weeks?|hours?)\b|\bused for\b|\bspent on\b|\bon what\b|\bwhat (?:did|has|have) [^?]*\bfund(?:ed)?\b",
    re.I,
)


def asks_money(question: str) -> bool:
    """Whether the question asks for a sum of money (`_MONEY_ASKED`, less `_NOT_MONEY`)."""
    return bool(_MONEY_ASKED.search(question)) and not _NOT_MONEY.search(question)


# Ofsted's judgement areas, as questions and documents name them.
AREAS = {
    "help and protection": re.compile(r"\bhelp and protection\b", re.I),
    "children in care": re.compile(r"\bchildren in care\b|\blooked[- ]after\b|\bchildren looked after\b", re.I),
    "care leavers": re.compile(r"\bcare leavers?\b|\bleaving care\b", re.I),
    # Not "leaders" alone: "senior leaders had not had good enough oversight of inadequate practice"
    # grades nothing.
    "impact of leaders": re.compile(r"\bimpact of leaders\b|\bleadership\b", re.I),
    # A single inspection framework (2013-2017) sub-judgement, graded on its own.
    "adoption performance": re.compile(r"\badoption performance\b", re.I),
    "overall effectiveness": re.compile(r"\boverall\b", re.I),
}
# What a grade may be asked of: the areas, and the bodies judged beside the council. The SIF
# reviewed the local safeguarding children board and judged it separately: its grade is stated of
# the board, never the council's ("what did the LSCB get?" is not answered by "good in every area"),
# and it is no answer to "which judgement was good?" (AREAS alone).
GRADED = {**AREAS, "the LSCB": LSCB_PATTERN}
# The roles of `indexer.vocabulary.ROLES`, longest first: "lead officer" is one post, not a
# "lead" and an "officer" (each generic alone, so either would take any officer or any lead).
_ROLE = re.compile(rf"\b({alternation(ROLES)})(?:s|ed|ing)?\b", re.I)
_TITLED = re.compile(r"\b(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame)\.?\s+[A-Z]")
# A name's word may have a capital inside ("McEvoy", "O'Brien", "DeSouza") and a hyphenated
# second half ("McEvoy-Carr", "Coakley-Webb").
_NAME_WORD = r"[A-Z][a-z’']*[A-Z]?[a-z’']+(?:-[A-Z][a-z’']*[A-Z]?[a-z’']+)?"
# Pairs overlap (a lookahead): "Her Majesty's Inspector Dominic Stevens" holds the pair
# "Dominic Stevens", which a left-to-right scan misses once it has taken "Inspector Dominic".
NAME_PAIR = re.compile(rf"\b(?=({_NAME_WORD}) ({_NAME_WORD})\b)")
# Capitalised words that are organisations, places' roles or headings, not people's names.
NOT_NAMES = set(
    "Children Children's Council Councils Services Service Trust Board Borough City County Metropolitan Social Care "
    "Ofsted Inspection Inspector Inspectors Report Scrutiny Committee Panel Commission Cabinet Member Members "
    "Director Chair Chief Executive Officer Lead Area Areas Improvement Plan Action Partnership Safeguarding "
    "Local Authority Government Department Education Her His Majesty The This That In On For And Of At By "
    "January February March April May June July August September October November December Meeting Date Item "
    "Judgement Grade Overall Year Framework Leader Leaders Executive Head Manager Group Team Front Door "
    # Departments' and posts' words: "Strategic Director for Children and Young People" names a
    # post, not a person called Young People. ("Young" alone is a surname too, "chief executive
    # Stephen Young": the departments' phrases are refused by their other word, People, Carers.)
    "People Persons Person's Person’s Carers Offenders Families Adults Education Health Schools Skills Learning Community Communities Corporate "
    "Strategic Assistant Deputy Interim Principal Senior Work Workers Quality Assurance Performance "
    "Commissioning Early Help Protection Leavers Partnerships Resources Wellbeing "
    # "Her Majesty's Inspectorate of Probation" is a body.
    "Majesty's Majesty’s Inspectorate Inspectorates".split()
)


# Two capitalised words before a council's or a street's word name a place, not a person: a
# letter's addressee block ("Director of Children's Services, Milton Keynes City Council, Civic
# Offices", "Westfields, Middlewich Road") gives the post and the address, not who holds it.
_PLACE_AFTER = re.compile(rf"\s*(?:(?:{'|'.join(COUNCIL_AFTER_WORDS)})\s+)*(?:Council|{'|'.join(ADDRESS_WORDS)})\b")
_ADDRESS_WORDS = frozenset(ADDRESS_WORDS)
_THING_AFTER = re.compile(rf"\s+(?:{'|'.join(NAMED_THING_NOUNS)})\b")


def person_pairs(text: str) -> list[re.Match]:
    """The two-word names in `text` that may be people's: neither word an organisation's or a
    heading's (NOT_NAMES), no place (`_PLACE_AFTER`) and no named thing ("the Brighter Futures
    strategy": `_THING_AFTER`)."""
    return [
        m for m in NAME_PAIR.finditer(text)
        if m.group(1) not in NOT_NAMES and m.group(2) not in NOT_NAMES and m.group(2) not in _ADDRESS_WORDS
        # The pair is read by a lookahead (pairs overlap: "Inspector Jane Roe"), so the match ends
        # where it starts: what follows the pair is after its second word.
        and not _PLACE_AFTER.match(text, m.end(2)) and not _THING_AFTER.match(text, m.end(2))
    ]


def names_a_person(text: str) -> bool:
    """A person's name: a title and a capitalised word, or two capitalised words neither of
    which is an organisation or heading word ("Gerald Meehan", not "Sandwell Children") nor a
    place ("Milton Keynes City Council")."""
    if _TITLED.search(text):
        return True
    return bool(person_pairs(text))


# A post that speaks, named by its title where minutes name no one: "The Director of Children's
# Services said the judgement was a team effort", "The Interim Assistant Director told members".
# The document's answer to "who said ...?" is the post (its capitalised words, a role among them).
_POST_SPEAKS = re.compile(
    rf"(?:^|[.;:!?]\s+|\bthat\s+)[\W\d.]*(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur)\s+"
    rf"(?P<post>(?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|&)\s+)?){{1,7}}?)(?:(?:also|then|later|further|had|has)\s+)?(?:{alternation(REPORTING_VERBS)})\b"
)
_ROLE_WORD = re.compile(rf"\b(?:{alternation(ROLES)})\b", re.I)


def post_speaks(text: str) -> bool:
    """Whether `text` gives words said by a post named by its title (`_POST_SPEAKS`)."""
    return any(_ROLE_WORD.search(m.group("post")) for m in _POST_SPEAKS.finditer(text))


def _named_in_role(text: str, roles: set[str], window: int = 5) -> bool:
    """A person named beside the role asked about ("Chair: Cllr Mary Smith", "the director of
    children's services, Helen Lincoln"): "The Chair told the Board that the Director, Sal
    Tariq, ..." names the director, not the chair."""
    at = lambda i: len(text[:i].split())  # noqa: E731 - word position of a character offset
    if "chair" in roles and ATTENDANCE.match(text):
        return _chair_in_attendance(text)
    names = [at(m.start()) for m in _TITLED.finditer(text)] + [at(m.start()) for m in person_pairs(text)] + [
        at(m.start()) for m in _INITIAL_NAME.finditer(text) if m.group(1) not in NOT_NAMES
    ]
    places = [at(m.start()) for r in roles for m in re.finditer(rf"\b{re.escape(r)}", text, re.I)]
    # An office's title, with the brief it is for ("Under-Secretary of State for Children and
    # Families, Jane Roe MP"): the name comes after the brief, so the title ends there.
    # Or the name before the title, with the politician's "MP" between ("received from Jane Roe
    # MP, Parliamentary Under-Secretary of State for Children and Families"): the title starts
    # beside the name.
    titled = [m for r in roles for m in _TITLE_OF.get(r, _NO_TITLE).finditer(text)]
    places += [at(m.end()) - 1 for m in titled] + [at(m.start()) for m in titled]
    places += [at(m.start()) for r in roles if r in _ROLE_DONE for m in _ROLE_DONE[r].finditer(text)]
    if any(abs(n - r) <= window for n in names for r in places):
        return True
    # A person given the role as what they were made: "appointed Jane Roe as the Department for
    # Education's improvement adviser", "named Sam Lee as interim director of children's
    # services": the role's word may be further from the name than the window, past its brief.
    given = (_AS_ROLE.match(text, m.end(2)) for m in person_pairs(text))
    if any(g and g.group("role").lower() in roles for g in given):
        return True
    for r in roles & _ROLE_DONE.keys():
        # "The board, chaired by the Chief Executive, meets monthly": the post that holds it is
        # the answer the document gives, where it names no one ("Councillors (Chair)" is no post).
        if any(_HELD_BY_POST.match(text, m.end()) for m in _ROLE_DONE[r].finditer(text)):
            return True
    if roles & _POST_ROLES and _POST_CELL.search(text):
        # "Who owns the plan?" is answered by its Owner cell, not an action's Lead cell; "who
        # leads the action?" by either (plans name the column either way).
        if "owner" not in roles or roles & {"lead", "lead officer"} or _OWNER_CELL.search(text):
            return True
    for role in roles:
        # "Chief Executive of Birmingham Children's Trust: Andy Couldrick"; "The Cabinet Member
        # ... at the time of publication was Councillor Beverley Egan".
        label = re.match(rf"^[^:]*\b{re.escape(role)}[^:]*:\s*(.+)$", text, re.I)
        if label and names_a_person(label.group(1)):
            return True
        said = re.search(rf"\b{re.escape(role)}\b[^.;:]*?\b(?:was|is)\s+((?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr|Professor)\.?\s+)?[A-Z][\w’'-]+ [A-Z][\w’'-]+)", text, re.I)
        if said and names_a_person(said.group(1)):
            return True
        # The holder set after the post in apposition, past what the post is of and when: "the
        # director of children's services at the time, Carol Tozer, said ...". Past a verb ("The
        # Chair told the Board that the Director, Sal Tariq, ...") the name is another post's.
        apposed = re.search(rf"\b{re.escape(role)}\b(?:\s+(?:of|for|at|in|on|to)\b(?:(?!\b(?:and|that|who|which)\b)[^,.;:()]){{0,50}})?,\s*(?-i:((?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr|Professor)\.?\s+)?[A-Z][\w’'-]+ [A-Z][\w’'-]+))\s*[,)]", text, re.I)
        if apposed and names_a_person(apposed.group(1)):
            return True
    return False


# A meeting's attendance list ("Present: Councillor A (Chair), Councillors B, C and D"): its
# chair is the name the "(Chair)" follows. "Present: the Chair (in the chair), Councillor B, ..."
# names members, not who chaired.
ATTENDANCE = re.compile(r"^\W*(?:members\s+)?(?:present|attendance|in attendance)\s*:", re.I)
_CHAIRED_MARK = re.compile(r"(?-i:([A-Z][\w’'.-]*)(?:\s+(?:[A-Z]{2,5}))*)\s*\((?:(?:joint|co-?)\s*)?(?:chair(?:man|woman|person)?|in the chair)\)", re.I)


# A title with no name after it is no one: "Present: Councillors (Chair) and nine members" says
# a councillor chaired, not who.
_TITLE_WORDS = frozenset(t for title in TITLES for t in (title, f"{title}s"))


def _chair_in_attendance(text: str) -> bool:
    return any(m.group(1) not in NOT_NAMES and m.group(1).rstrip(".") not in _TITLE_WORDS for m in _CHAIRED_MARK.finditer(text))


# The titles of `ROLE_TITLES`, each with the capitalised words of its brief after it.
_BRIEF = r"(?: (?:for|of) [A-Z][\w’'-]*(?:(?:,| and| &) [A-Z][\w’'-]*|(?: [A-Z][\w’'-]*))*)?"
_TITLE_OF = {
    # Whole words: "Her Majesty's Inspectorate of Probation" is a body, not an inspector.
    role: re.compile(rf"\b(?i:{'|'.join(re.escape(t) for t in titles)})(?![\w’'-]){_BRIEF}") for role, titles in ROLE_TITLES.items()
}
_NO_TITLE = re.compile(r"(?!)")


# A role told by what its holder did, not by its name: "The inspection ... was led by Andy
# Waugh, His Majesty's Inspector" names the lead inspector; "chaired by Cllr Lee" the chair.
_ROLE_DONE = {
    "lead inspector": re.compile(r"\bled by\b", re.I),
    "chair": re.compile(r"\bchaired by\b", re.I),
}
# A post named as who does it: "chaired by the Chief Operating Officer", "led by its Director of
# Children's Services" (a capitalised post, ending in a role's word).
_HELD_BY_POST = re.compile(
    r"\s+(?:the|its|their|our|an?)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:director|chief executive|executive|officer|leader|mayor|manager|commissioner|minister|member|advis[eo]r|head of [\w’' ]+)\b(?!['’]s)",
    re.I,
)
# A name followed by the role it was given: "Jane Roe as the DfE's improvement adviser".
_AS_ROLE = re.compile(
    rf"\s+as\s+(?:the\s+|its\s+|their\s+|our\s+|an?\s+)?(?:[\w’'-]+\s+){{0,6}}?(?P<role>{alternation(ROLES)})s?\b", re.I
)
# A letter's sign-off and the name under it.
# "Yours sincerely His Majesty's Inspector", the name left out, signs nobody.
_SIGN_OFF = re.compile(r"\byours (?:sincerely|faithfully)\b[\s,]*(.{0,60})", re.I | re.S)


SIGNATORY = "who the signatory was"


def signs_off(text: str) -> bool:
    """Whether `text` holds a letter's sign-off with a name under it."""
    return _signed_by_someone(text)


def _signed_by_someone(text: str) -> bool:
    sign_off = _SIGN_OFF.search(text)
    return bool(sign_off and names_a_person(sign_off.group(1)))
# Minutes name members by initial and surname: "Present: Councillors P. Ashworth (Chair), D. Byrne".
_INITIAL_NAME = re.compile(r"\b[A-Z]\.\s?(?:[A-Z]\.\s?)?([A-Z][a-z’']+(?:-[A-Z][a-z’']+)?)\b")


# An action's lead or owner in a plan is a post as often as a person ("Lead officer: Head of
# Service, Children in Care", "Owner: Principal Social Worker"): a filled "Lead:"/"Owner:" cell
# answers "who leads the X action?"; one saying "Not stated" or "TBC" does not.
_POST_ROLES = {"lead", "owner", "lead officer"}
_POST_CELL = re.compile(
    r"(?:^|[—|;]\s*)(?:(?:plan|action|document|project)\s+)?(?:lead|owner|responsible)(?: officers?| members?| managers?| person)?\s*:\s*"
    r"(?!(?:not stated|not given|tbc|tbd|n/?a|none|-)\s*(?:$|[—|;.]))\w",
    re.I,
)


# A question put with "who" last, as people type them: "the review was led by who?", "the plan
# went to whom?". It asks for a person as "who led the review?" does.
_WHO_LAST = re.compile(r"\b(?:who|whom)\s*\?*\s*$")
# A role's words naming an occasion, not the person asked for: "who sent apologies to the
# cabinet member meeting?" asks for a person at the meeting, not who the cabinet member was.
_ROLE_NAMES_OCCASION = re.compile(r"(?:['’]s)?\s+(?:meetings?|briefings?|decisions?|sessions?|agendas?|papers?|portfolio)\b", re.I)
# "Who owns the PLO tracker?": what a plan's action is owned by is its lead's cell ("Lead
# officer: Head of Service"); only the plan itself ("who owns the improvement plan?") is owned
# by its Owner cell.
_OWNED = re.compile(r"\bown(?:s|ed)?\s+(?:the\s+|this\s+|its\s+|their\s+|that\s+)?(?P<owned>[^?,;]*)")
# The plan itself, by a name plans go by (indexer.vocabulary.PLAN_NAMES) after at most five
# words of its own ("the improvement plan", "the council's 2024 ofsted improvement plan", "the
# statement of action"), none a preposition
# ("the audit in the plan" owns an action of the plan).
_PLAN_ITSELF = re.compile(
    rf"^(?:(?!(?:in|of|on|for|from|under|within)\b)[\w'’/-]+\s+){{0,5}}?(?:{alternation(PLAN_NAMES)})\b", re.I
)


def _action_owner_roles(low: str, roles: set[str]) -> set[str]:
    """The lead roles an owner asked of an action stands for (`_OWNED`); none for the plan's own
    owner, or a question asking no owner."""
    if roles != {"owner"}:
        return set()
    owned = _OWNED.search(low)
    if owned is None or _PLAN_ITSELF.search(owned.group("owned").strip()):
        return set()
    return {"lead", "lead officer"}


# "Who monitors the plan?", "who delivers the services?", "who is progress reported to?": a body
# answers as a person would, named as the question's verb's agent ("monitored by a Safeguarding
# Improvement Board", "delivered on behalf of the council by Anytown Children First") or the
# object of its "to" ("reported quarterly to the Corporate Parenting Board"). The body is
# capitalised words, a body's noun among them or two of them at least.
_QUESTION_STOP = frozenset("who whom whose what which is are was were has have had will would does do did the a an of in on to for by and at with".split())
_AGENT = re.compile(
    r"\b(?P<verb>[A-Za-z][a-z]+(?:ed|en))\b(?:(?!\b(?:by|to)\b)[^.;:—|]){0,60}?\b(?P<prep>by|to)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?P<body>[A-Z][\w’'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w’'-]*){0,6})"
)
_BODY_WORDS = frozenset(
    "Board Boards Panel Committee Cabinet Council Trust Partnership Group Team Forum Service Department Company "
    "Commissioner Court Assembly Executive".split()
)
# (The words between the verb and its "by" hold no other "by": each verb has its own agent,
# "agreed by the DfE and overseen by a board".)
# The same in lower case, as reports write a body they do not name: "overseen by an
# independently chaired improvement board", "provided by an independent local authority trading
# company" (an organisation that delivers a service is who provides it). Read at every verb (a
# lookahead): "has led to the creation of a service, provided by a company" is "led" and
# "provided", and a scan from "led" would take its "by" and miss "provided".
_AGENT_NOUN = re.compile(
    r"\b(?=(?P<verb>[a-z]+(?:ed|en|wn))\b(?:(?!\bby\b)[^.;:—|]){0,60}?\bby\s+(?:an?\s+|the\s+|its\s+)?(?:[a-z][\w’'-]*\s+){0,4}?"
    r"(?:board|panel|committee|cabinet|partnership|trust|forum|commissioner|company|companies|charity|charities|provider|organisation)s?\b)"
)


# A role a body holds (indexer.vocabulary.BODY_ROLES) asked with "who": "who is Anytown's
# improvement partner?", "who was the DfE partner in practice?". Not "who did the partners say
# ...?", whose answer is a person.
_BODY_ROLE_ASKED = re.compile(rf"^(?:who|which (?:council|authority|organisation|body))\b\s+(?:is|was|are|were|has been|had been)\b[^?]*\b(?:{alternation(BODY_ROLES)})\b", re.I)
_BODY_ROLE = re.compile(rf"\b(?:{alternation(BODY_ROLES)})\b", re.I)
# A body by its name: capitalised words ending in a body's noun ("Othertown Council", "Anyshire
# County Council", "the Anytown Children's Trust"), or a borough by its full name ("the London
# Borough of Anyville").
_BODY_NAME = re.compile(
    rf"\b[A-Z][\w’'-]+(?:\s+(?:and\s+)?[A-Z][\w’'-]+){{0,4}}\s+(?:{'|'.join(sorted(_BODY_WORDS))})\b|\b(?:London\s+|Royal\s+)?Borough\s+of\s+[A-Z]"
)


def _names_body_in_role(text: str) -> bool:
    """One sentence of `text` names the role asked (`_BODY_ROLE_ASKED`) and a body, or a person,
    holding it."""
    return any(_BODY_ROLE.search(s) and (_BODY_NAME.search(s) or names_a_person(s)) for s in re.split(r"(?<=[.;!?])\s+", text))


def _agent_check(low: str):
    """A check that a text names a body as the agent of the question's verb (`_AGENT`); "to" only
    for a question ending on it ("who ... report progress to?")."""
    asked = [w for w in re.findall(r"[a-z]{4,}", low) if w not in _QUESTION_STOP]
    # The verb's other forms and synonyms too ("oversaw": "overseen", "oversight").
    asked += [w for group in EVENT_SYNONYMS if set(group) & set(asked) for w in group if " " not in w]
    verbs = {_PORTER.stemWord(w) for w in asked}
    to_asked = bool(re.search(r"\bto\s*\??\s*$", low))

    def check(text: str) -> bool:
        for m in _AGENT.finditer(text):
            if m.group("prep") == "to" and not to_asked:
                continue
            if _PORTER.stemWord(m.group("verb").lower()) not in verbs:
                continue
            words = [w for w in m.group("body").split() if w not in ("of", "for", "and")]
            if MONTH_NUMBERS.get(words[0].lower()) is not None:
                continue
            if len(words) >= 2 or words[-1] in _BODY_WORDS:
                return True
        return any(_PORTER.stemWord(m.group("verb").lower()) in verbs for m in _AGENT_NOUN.finditer(text))

    return check


# A verb whose object is the role that follows (`_need_of`): "who told the inspectors", "who
# wrote to the chief executive".
_TOLD = re.compile(
    r"\b(?:told|tell|tells|asked|ask|asks|informed|inform|wrote to|write to|writes to|thanked|thank|briefed|brief|"
    r"urged|urge|questioned|challenged|praised|criticised|criticized|contacted|emailed|called on|met|meet|meets|"
    # "Who gave councillors a presentation?", "who sent the director the letter?": the role is whom to.
    r"gave|give|gives|given|showed|show|shows|sent|send|sends)"
    r"\s+(?:the\s+|its\s+|their\s+|an?\s+)?(?:[\w'’-]+\s+)?$",
    re.I,
)
# A postcode, as an address block ends: "RM17 6SL", "DE4 3AG".
_POSTCODE = re.compile(rf"{POSTCODE}\b")


def _addressee(text: str) -> bool:
    """An addressee block: a person's name, then an address ("Jane Roe Director of Children's
    Services Anytown Council Civic Offices AB1 2CD"), or a greeting ("Dear Jane Roe"). An
    address alone names nobody, however many capitalised words it has ("Town Hall")."""
    if re.search(r"^\s*dear\b", text, re.I):
        return names_a_person(text)
    first = re.match(rf"\s*(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor)\.?\s+)?({_NAME_WORD})\s+({_NAME_WORD})\b", text)
    return bool(first and first.group(1) not in NOT_NAMES and first.group(2) not in NOT_NAMES and _POSTCODE.search(text))


_OWNER_CELL = re.compile(r"(?:^|[—|;]\s*)(?:(?:plan|action|document|project)\s+)?(?:owner|responsible(?: officers?| person)?)\s*:\s*(?!(?:not stated|tbc|tbd|n/?a|none|-)\s*(?:$|[—|;.]))\w", re.I)


def _words(text: str) -> list[str]:
    return re.findall(r"£?[\w%’']+(?:-[\w%’']+)*", text.lower())


def _stem(word: str) -> str:
    word = word.lower().strip("'’")
    for suffix in ("'s", "’s", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@dataclass(frozen=True)
class Need:
    what: str  # for the refusal message: "a number of inspectors", "a date"
    checks: tuple = field(default=(), repr=False)
    # The need names what the answer is about (a role, a judgement area), so the question's
    # other words need not appear in it: "who was the lead inspector for the inspection whose
    # report came out in January?" is answered by "Lead inspector: Pauline Higham".
    names_subject: bool = False
    # The roles a person is asked for by ("lead officer"): the need checks them, so their words
    # are not the subject as well (every plan row naming a lead officer would share "officer").
    roles: frozenset[str] = frozenset()
    # The need is for the items of a list the question names ("what strengths did inspectors
    # find?"): a grade word beside it only says when (Question.parse).
    lists: bool = False

    def met(self, text: str) -> bool:
        return all(check(text) for check in self.checks)


# The things inspections, plans and minutes list. "What were the areas for improvement?" asks for
# the list itself, so a sentence that only mentions it ("These areas for improvement sit
# alongside the plan", "inspectors identified four areas") is no answer.
LIST_NOUNS = (
    "areas for improvement", "areas for development", "areas for priority action", "areas of improvement",
    "recommendations", "priorities", "actions", "themes", "strengths", "weaknesses", "findings",
    "improvements", "next steps",
)
_PORTER = Stemmer.Stemmer("english")
# Asked as "what were the areas for improvement?" or "what areas for improvement did Ofsted
# set?", "which recommendations has the letter made?".
_LIST_ASKED = re.compile(
    rf"\b(?:what|which) (?:(?:are|were) (?:the|its|their|those|these) (?:main |key |)(?P<noun>{'|'.join(LIST_NOUNS)})\b"
    rf"|(?:main |key |)(?P<asked>{'|'.join(LIST_NOUNS)}) (?:did|does|do|has|have|had)\b)"
)
# A list set out as one: items on lines of their own.
_LAID_OUT = re.compile(r"\n.*\n")
_COLON_AFTER = re.compile(r"[^.:]*:\s*\S")
# What a list's noun says its items are about, two of them: "relating to X and Y", "including X and Y".
_NAMED_AFTER = re.compile(r"\W+(?:\w+\W+){0,2}?(?:relating to|related to|concerning|around|about|including)\s+[^.;]+\band\b", re.I)
# The words of a list's noun that say what it lists ("areas for improvement": areas, improvement).
_LIST_NOUN_STOP = frozenset(("for", "of"))
# A candidate that holds several items: an introduction with its bulleted list (quoted together),
# a colon or semicolons between items, or three comma-separated parts.
_ENUMERATES = re.compile(r"\n.*\n|:\s*\S|;|,[^,]+,[^,]+(?:,|\band\b)")


def need_of(question: str, years: tuple[int, ...] = (), comparison: bool = False) -> Need | None:
    """The need a question states, if any; `years` are those the question names (a year it
    names itself does not answer "when")."""
    need = _need_of(question, years, comparison)
    need = _to_the_day(question, need)
    need = need or _figure_of(question)
    items = _ITEMS_ASKED.search(question.lower())
    if not items and need is None and (listed := _LIST_ASKED.search(question.lower())):
        noun = listed.group("noun") or listed.group("asked")
        # The Porter stems, so "priorit" finds "priority" and "priorities" alike (its "i" for
        # "y" dropped).
        stems = [re.escape(_PORTER.stemWord(w).removesuffix("i")) for w in noun.split() if w not in _LIST_NOUN_STOP]
        head = re.compile(rf"\b{stems[0]}", re.I)
        # A noun of several words as a phrase ("areas for improvement", "areas of improvement",
        # "areas requiring improvement") where the items run on in prose: "the top grade in
        # three of the four areas, and ..." lists no area for improvement. A list set out as
        # one ("four areas where the council must do more:\n1. ...") needs its head word only.
        named = re.compile(r"\b" + r"\w*(?:\W+\w+){0,3}?\W+".join(stems), re.I)

        def lists_them(t: str) -> bool:
            at = head.search(t)
            # Its items on lines of their own, or after a colon that follows the noun ("four
            # areas where it must do more: ..."; not "Resolved: That the plan for the areas ...").
            if at and (_LAID_OUT.search(t) or _COLON_AFTER.match(t, at.end())):
                return True
            # "... areas for improvement, relating to services for care leavers and to the
            # response to homeless 16- and 17-year-olds" names two after the noun.
            m = named.search(t)
            return bool(m and (_ENUMERATES.search(t) or _NAMED_AFTER.search(t, m.end())))

        return Need(f"the {noun} themselves", (lists_them,), lists=True)
    if not items:
        return need
    # "What are the six themes?" is not answered by "It is structured around six themes" (it only
    # counts them), nor by a row about something else: the answer names the thing asked for.
    if items.group("noun") in PLACEHOLDER_NOUNS:
        # "What three things did the visit look at?": the items, as a list or a sentence's run of
        # them ("its front door, its emergency responses and its support for teenagers").
        def enumerates(t: str) -> bool:
            return bool(_ENUMERATES.search(t))

        if need is None:
            return Need("the things asked for", (enumerates,))
        return Need(need.what, need.checks + (enumerates,), need.names_subject)
    noun = _stem(items.group("noun"))
    counted = re.compile(rf"\b(?:\d+|{_NUMBER_WORDS}|{_ORDINALS})\s+(?:\w+\s+)?{re.escape(noun)}", re.I)
    named = re.compile(rf"\b{re.escape(noun)}", re.I)
    judgements = noun in ("area", "judgement", "judgment")

    def names_item(t: str) -> bool:
        count = counted.search(t)
        if count and not (ONE_OF.search(t) or re.search(r":|•|\binclud", t, re.I)):
            # "The other two areas are X and Y" names them; "it contained six recommendations" doesn't.
            if not re.match(r"\w*(?:\s+(?:for|of|to)\s+\w+)?\s+(?:are|were|was|is)\b", t[count.end():], re.I):
                return False
        return bool(named.search(t)) or (judgements and any(p.search(t) for p in AREAS.values()))

    if need is None:
        return Need(f"the {items.group('noun')} asked for", (names_item,))
    return Need(need.what, need.checks + (names_item,), need.names_subject)


# A date asked to the day: "what were the exact dates of the visit?", "when exactly was she
# appointed?", "the start and end dates", "what days were inspectors on site?". A month or a year
# alone ("Inspection dates: May 2023", "at the end of July", "after the 2016 report") is a date,
# but not the one asked: the documents do not say the day.
_DAY_ASKED = re.compile(
    r"\bexact(?:ly)?\b|\bprecise(?:ly)?\b|\bspecific (?:date|day)s?\b|\bstart and end (?:date|day)s?\b|"
    r"\b(?:first|last|start|end|closing|opening) (?:date|day)s? and\b|\b(?:what|which) days\b",
    re.I,
)


# Dates asked by a word the date branches do not read ("what were the exact start and end dates
# of the inspection?"): the day's check alone.
_DAYS_NOUN = re.compile(r"\b(?:start|end|first|last|closing|opening) (?:and (?:start|end|first|last|closing|opening) )?(?:date|day)s?\b", re.I)
# The date asked is an inspection's or a visit's own ("the inspection dates", "when was the
# ILACS inspection?", "when did Ofsted inspect ...?"), not its report's publication.
_INSPECTION_DATE_ASKED = re.compile(
    r"\b(?:inspection|visit)s?\b|\binspect(?:ed|s)?\b|\bvisited\b", re.I
)
_NOT_INSPECTION_DATE = re.compile(r"\b(?:publish\w*|publication|report(?:ed)?|letter|sent|issued|meeting|discuss\w*|deadline|due|next)\b", re.I)
# A sentence dating an inspection or a visit names it ("Inspection dates: ...", "inspectors were
# on site from ...", "the visit took place on ..."): a meeting's date, a page's date or a plan's
# timescale in the same year is the date of something else.
_NAMES_INSPECTION = re.compile(r"\binspect|\bvisit|\bon[- ]site\b|\bfieldwork\b|\bHMI\b", re.I)
# ... and a date of its own, not its report's: "Inspection: ILACS (report published 19 November
# 2018)" dates the publication; "inspected in October 2018 and published in December" dates both.
_PUBLISHED_BEFORE = re.compile(r"\b(?:publish\w*|publication|release[ds]?|issued|sent|dated)\b[^.;,()]{0,15}$", re.I)
# ... nor a meeting's: "the action plan be brought to the meeting on 17 March 2020" dates the
# meeting, not the inspection the minutes speak of.
_MEETING_BEFORE = re.compile(r"\b(?:meeting|committee|cabinet|panel|board|council)\s+(?:(?:held|due|scheduled)\s+)?(?:on|of)\s+(?:\w+day,?\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?$", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:{MONTHS})\s+(?:19|20)\d\d\b", re.I)
_IN_YEAR = re.compile(r"\b(?:in|during)\s+(?:19|20)\d\d\b(?![-/–])", re.I)


def _dated_not_as_published(text: str, to_the_day: bool = False) -> bool:
    """Whether `text` has a date that is not said to be a publication's (or a letter's sending);
    a date with its day, when `to_the_day`."""
    # A month alone counts: "inspectors who visited in June", "four weeks in May and June".
    dates = list(_FULL_DATE.finditer(text))
    if not to_the_day:
        # A year alone as the time of the event: "were last inspected in 2014" (not "the 2014
        # report", which names the document).
        dates += list(_MONTH_YEAR.finditer(text)) + list(_MONTH.finditer(text)) + list(_IN_YEAR.finditer(text))
    return any(
        not _PUBLISHED_BEFORE.search(text[max(0, m.start() - 30):m.start()]) and not _MEETING_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        for m in dates
    )


# "What was the social worker turnover in 2022?", "what were average caseloads?": a measure
# that is a figure (`indexer.vocabulary.FIGURE_NOUNS`), asked for as one.
_FIGURE_ASKED = re.compile(rf"\bwhat (?:was|were|is|are)\b[^?]*?\b({alternation(FIGURE_NOUNS)})\b", re.I)
_FIGURE = re.compile(rf"\d|\bper ?cent\b|\b(?:{alternation(NUMBER_WORDS)})\b", re.I)


def _figure_of(question: str) -> Need | None:
    """A figure for the measure the question asks for: the measure's first word and a number."""
    asked = _FIGURE_ASKED.search(question)
    if not asked:
        return None
    measure = re.compile(rf"\b{re.escape(_stem(asked.group(1).split()[0].lower()))}", re.I)
    return Need(f"a figure for {asked.group(1).lower()}", (lambda t: bool(measure.search(t) and _FIGURE.search(YEAR.sub(" ", t))),))


# The month a question dates its event by ("in March 2025", "the October 2019 visit"), not one it
# bounds it by ("before the March 2020 report").
_MONTH_NAMED = re.compile(rf"(?<!before )(?<!after )(?<!since )(?<!before the )(?<!after the )(?<!since the )\b({MONTHS})\b(?=\s+(?:19|20)\d\d\b)", re.I)


def _to_the_day(question: str, need: Need | None) -> Need | None:
    """A date need that also wants the day, when the question asks for the date to the day; and
    that names the inspection, when the date asked is an inspection's."""
    if need is None and _DAY_ASKED.search(question) and _DAYS_NOUN.search(question):
        need = Need("a date", ())
    if need is None or need.what != "a date":
        return need
    checks = need.checks
    to_the_day = bool(_DAY_ASKED.search(question))
    if to_the_day:
        checks += (lambda t: bool(_FULL_DATE.search(t)),)
        # "What were the exact dates of the visit in October 2019?": a day of that month. A
        # question that knows only the month is not answered by a day of another month.
        month = _MONTH_NAMED.search(question)
        if month:
            in_month = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:and|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+{month.group(1)}\b|\b{month.group(1)}\s+\d{{1,2}}\b", re.I)
            checks += (lambda t: bool(in_month.search(t)),)
    if _INSPECTION_DATE_ASKED.search(question) and not _NOT_INSPECTION_DATE.search(question):
        # Asked to the day, the day must be the inspection's own: "carried out in March 2019 and
        # published on 8 May 2019" gives the month of one and the day of the other.
        checks += (lambda t: bool(_NAMES_INSPECTION.search(t)) and _dated_not_as_published(t, to_the_day),)
    # Still "a date" (the intent and the refusal read it so), with the checks added.
    return Need(need.what, checks, need.names_subject, need.roles)


# "Which HMI led the visit?", "what DCS was in post?": a role asked by its acronym, spelt out
# (indexer.vocabulary.ACRONYMS) to a role, is a person asked for in that role.
_WHICH_WORD = re.compile(r"\b(?:which|what)\s+([a-z]{2,6})\b")


def _role_acronym_asked(low: str) -> bool:
    return any(_ROLE.search(form) for m in _WHICH_WORD.finditer(low) for form in expansions(m.group(1)))


# A person asked for by their name's noun: "what is the name of the director?", "what was the
# lead inspector called?", "name the chair of the board".
_NAME_ASKED = re.compile(
    rf"\bwhat (?:is|was|were|are) (?:the )?names? of (?:the |its |their |an? )?(?:[\w'’-]+ ){{0,3}}?(?:{_ROLE.pattern})"
    rf"|\bwhat (?:is|was) (?:the |its |their )?(?:[\w'’-]+ ){{0,3}}?(?:{_ROLE.pattern}) called\b|^name the\b"
    # Typed as the noun alone: "name of the oakshire council leader quoted about ...".
    rf"|^(?:the |their |its )?names? of (?:the |its |their |an? )?(?:[\w'’-]+ ){{0,3}}?(?:{_ROLE.pattern})",
    re.I,
)


# A question typed as the post alone, with no question word: "anytown cabinet member for
# children in 2021?", "lead inspector oakshire 2019" ask who held it, as "who was ...?" does.
# Not words asked of the post ("director's comments on the report", "lead member view"), nor a
# role only generic ("officer report on the plan").
_ANY_QUESTION_WORD = re.compile(
    r"\b(?:who|whom|whose|what|whats|when|where|which|why|how|did|does|do|is|are|was|were|has|have|had|can|could|should|"
    r"would|will|tell|list|summari[sz]e|describe|explain|give|show|any|comments?|views?|response|reaction|quotes?|statement|"
    # The post as what a document is of: "lead officer report on the plan", "the director's update".
    r"reports?|updates?|letters?|papers?|briefings?)\b",
    re.I,
)


def _role_only(q: str) -> bool:
    # A judgement area named by a role's word ("impact of leaders grade") is a grade asked for.
    if _ANY_QUESTION_WORD.search(q) or _SPOKEN_OF.search(q) or _GRADE_ASKED_WORD.search(q) or any(p.search(q) for p in GRADED.values() if p is not AREAS["overall effectiveness"]):
        return False
    return bool(_roles_asked(q) - _GENERIC_ROLES)


_GRADE_ASKED_WORD = re.compile(r"\b(?:grade[ds]?|graded|rated|ratings?|judge[ds]?|judgements?|judgments?|outcomes?|results?)\b", re.I)


# A short setting typed before the question word with no comma: "in st helens who said ...",
# "for leeds when was ...". The question starts at its question word (at least one word of
# setting first, so "on what date" and "in which year" are questions themselves).
TYPED_LEAD = re.compile(r"^\s*(?:in|for|at|from)\s+(?:(?!(?:who|whose|when|which|what|how)\b)[\w'’&.-]+\s+){1,5}?(?=(?:who|whose|when)\b)", re.I)


# What words said are about, after the verb of saying: "who talked about inspectors seeing ...",
# "who said the director had ...". A role there is whom the words were about, not whose they are.
_SPOKEN_OF = re.compile(
    rf"\b(?:{alternation(SPEECH_ASKING_VERBS)}|talk|talked|talking|spoke|speak|speaking|quoted|about)\b", re.I
)


_INSPECTION_LED = re.compile(r"^who\s+(?:led|leads|was leading|headed|was in charge of)\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){0,4}?(?:inspection|visit|ilacs|sif|jtai)\b")


def _roles_asked(q: str) -> set[str]:
    """The roles a person question asks for (`ROLES`, by their words, their verb or their
    acronym): not a role whom the person told ("who told inspectors ...?": `_TOLD`), an occasion
    named by a role ("the cabinet member meeting": `_ROLE_NAMES_OCCASION`), nor one in what the
    person said (`_SPOKEN_OF`)."""
    low = q.lower()
    roles = {
        m.group(1).lower() for m in _ROLE.finditer(q)
        if not _TOLD.search(q[: m.start()]) and not _ROLE_NAMES_OCCASION.match(q[m.end():]) and not _SPOKEN_OF.search(q[: m.start()])
    }
    # "Who owns the plan?": the verb names the role, where no role word does ("which lead
    # officer owns the audit?" asks for the lead officer).
    roles = roles or {ROLE_VERBS[w] for w in re.findall(r"[a-z]+", low) if w in ROLE_VERBS}
    roles |= _action_owner_roles(low, roles)
    # A role asked by its acronym ("who was the DCS?", "which HMI led it?") is the role its
    # spelt-out form names ("director of children's services": a director).
    for m in re.finditer(r"\b[A-Za-z]{2,6}\b", q):
        word = m.group(0)
        if word.lower() not in ("who", "whose", "which", "the") and (word.isupper() or len(word) <= 4) and not _SPOKEN_OF.search(q[: m.start()]):
            roles |= {r.group(1).lower() for form in expansions(word) for r in _ROLE.finditer(form)}
    return roles


def _need_of(question: str, years: tuple[int, ...], comparison: bool) -> Need | None:
    q = TYPED_LEAD.sub("", question.strip(), count=1)
    low = q.lower()
    own_years = {str(y) for y in years}
    # A year that bounds the answer ("when was it inspected before the 2018 ILACS?") is not the
    # answer's year: an earlier date is what is asked (DateYearGate checks the side).
    years = asked_years(q, years)

    # "How many of the most vulnerable children ...": the counted noun, past "of the most"; "how
    # many of the 40 reviews were late?": past the number the question states, which is then no
    # answer ("of the 40 reviews completed, 12 were late" answers with 12, never 40).
    counted = re.search(
        rf"\bhow many (?:of (?:the|its|their|these|those) )?(?:(?P<given>\d[\d,]*|{_NUMBER_WORDS}) )?"
        r"(?:(?:most|more|very|other) )?(?P<words>[a-z’'-]+(?: [a-z’'/-]+){0,4})",
        low,
    )
    if counted:
        nouns = _counted_nouns(counted.group("words"))
        stems = {_stem(part) for n in nouns for part in re.split(r"[-‐]", n) if part}
        # A counted noun as documents also say it ("councils": "146 local authorities").
        stems |= {_stem(w) for group in SUBJECT_SYNONYMS if stems & {_stem(g) for g in group} for w in group}
        stems |= _people_kinds(nouns)
        given = {counted.group("given").replace(",", "")} if counted.group("given") else set()
        checks = ()
        partitive = re.search(rf"\bhow many of\b.*?\b(?:{'|'.join(sorted(_COUNT_VERB))})\b(?P<pred>[^?]*)", low)
        pred = {_stem(w) for w in re.findall(r"[a-z]+", partitive["pred"]) if w not in _PREDICATE_STOP and len(w) > 2} if partitive else set()
        if pred:
            # "How many of its homes were judged good?" is a part of them: "the council runs five
            # homes" counts them all. The answer says what the part is ("four were judged good").
            checks = (lambda t: bool(pred & {_stem(w) for w in re.findall(r"[a-z]+", t.lower())}),)
        # A counted thing named by its acronym ("how many LAC ...?", "how many CP plans?") is
        # counted in its spelt-out words ("318 children were looked after"): `_spelt_count`.
        spelt = _spelt_count(q, nouns)
        if spelt is not None:
            acronym, forms, words = spelt
            stems |= words
            checks += (lambda t: _names_acronym(t, acronym, forms),)
        if not stems:
            # "From how many to how many?": the counted thing is said before ("places in its
            # homes"), not after; any number that is no year or day answers as to form.
            return Need("a number", (lambda t: _count_near(t, None, given=given),) + checks)
        what = " ".join(spelt[1][0] if spelt and n == spelt[0] else n for n in nouns[:2])
        return Need(f"a number of {what}".rstrip(), (lambda t: _count_near(t, stems, given=given),) + checks)
    if asks_money(low):
        return Need("an amount of money", (lambda t: bool(MONEY_SUM.search(t)),))
    if _TIME_GAP_ASKED.search(low):
        return Need("an amount of time", (lambda t: bool(_TIME_GAP.search(t)),))
    if re.search(r"\bhow much\b", low):
        if _CHANGE_ASKED.search(low):
            return Need("an amount", (lambda t: bool(_AMOUNT.search(t) or _CHANGE_AMOUNT.search(t)),))
        return Need("an amount", (lambda t: bool(_AMOUNT.search(t)),))
    if re.search(r"\bwhat (share|percentage|proportion)\b", low):
        return Need("a share", (lambda t: bool(_SHARE.search(t)),))
    # "When was the report published?" is not answered by the date of something else it mentions.
    # A line that is only a date, as a page or a cover prints its own, is its publication date.
    event = (lambda t: bool(_PUBLISHED.search(t)) or is_dateline(t)) if _PUBLISHED.search(low) else (lambda t: True)
    # "What dates did the inspection take place?" asks it in the plural.
    if re.search(r"\b(what|which|exact) (dates?|days?)\b|\bon what (date|day)\b", low):
        # "On which day in May 2022 ...?" is answered by a day in May, not "published 5 July 2022".
        month = re.search(rf"\b(?:day|date) in ({MONTHS})\b", low)
        in_month = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{month.group(1)}\b|\b{month.group(1)}\s+\d{{1,2}}\b", re.I) if month else None
        return Need("a date", (
            lambda t: bool((in_month or _FULL_DATE).search(t)), lambda t: _not_before(t, years), event,
        ))
    if re.search(r"\bdeadlines?\b|\bby when\b|\bdue date\b|\btarget date\b|\btimescales?\b", low):
        return Need("a deadline", (
            lambda t: bool(_DEADLINE.search(t) or _DEADLINE_LABEL.search(t) or _DEADLINE_OF.search(t) or _DEADLINE_STANDING.search(t)), lambda t: _not_before(t, years),
        ))
    # "What month was the visit?", "what were the dates of the 2017 inspection?" ask for a date
    # as "when" does.
    if re.search(
        r"^when\b|\b(?:what|which) (year|month)\b|\bin (what|which) month\b|\b(publication|meeting|inspection|visit) dates?\b|"
        r"\bdate of (publication|the meeting|the inspection)\b|\b(?:what|which) (?:were|are|was|is) (?:the |its |their )?(?:exact )?dates? of\b",
        low,
    ):
        # "When is the next full inspection expected?" may be answered "within the next six
        # months": a time to come, as the documents write one when they give no date.
        ahead = bool(_AHEAD.search(low))
        return Need("a date", (
            lambda t: _has_new_date(t, own_years, q) or (ahead and bool(RELATIVE_FUTURE.search(t))),
            lambda t: _not_before(t, years), event,
        ))
    # "Who signed the monitoring visit letter?" is answered where the letter ends, by its
    # sign-off, which names neither the letter nor the visit (so the need names the subject).
    if re.search(r"^who\b[^?]*\b(?:signed|sign)\b[^?]*\bletter\b", low) or re.search(
        rf"\b(?:which|what)\s+(?:[\w'’-]+\s+){{0,2}}?(?:hmi|inspectors?|{_ROLE.pattern})\s+(?:[\w'’-]+\s+){{0,2}}?(?:signed|sign)\b(?!\s+off\b)", low
    ):
        # "Which HMI signed ...?" asks for the signatory by their post: the letter's own list of
        # its inspectors ("The inspectors were Jane Roe, Her Majesty's Inspector, and ...")
        # names them as its sign-off does.
        posts = _roles_asked(q) - _GENERIC_ROLES
        signed = (lambda t: _signed_by_someone(t) or _named_in_role(t, posts)) if posts else _signed_by_someone
        return Need(SIGNATORY, (signed,), names_subject=True, roles=frozenset(posts))
    # "Who was the focused visit letter addressed to?" is answered where the letter begins, by
    # its addressee block (name, post, council, address), which names neither letter nor visit.
    # Asked with "who" last too: "the visit letter was addressed to who?" (`_WHO_LAST`).
    if re.search(r"^(?:who|whom)\b[^?]*\b(?:addressed|written|sent)\s+to\b|^to whom\b|\b(?:addressed|written|sent)\s+to\s+(?:who|whom)\s*\??\s*$", low) and re.search(r"\bletter\b", low):
        return Need("who the letter was addressed to", (_addressee,), names_subject=True)
    if _BODY_ROLE_ASKED.search(low):
        return Need("who the partner was", (_names_body_in_role,))
    if re.search(rf"^(who|whose)\b|\bwhich\b(?:\s+\w+){{0,2}}?\s+(?:{_ROLE.pattern}|person)", low) or _role_acronym_asked(low) or _WHO_LAST.search(low) or _NAME_ASKED.search(low) or _role_only(q):
        # A role after a verb of telling is whom the person asked for told, not who they are:
        # "who told inspectors ...?", "who wrote to the director?" ask for the teller.
        roles = _roles_asked(q)
        # "Who led the 2019 inspection?" asks for its lead inspector: a director quoted on the
        # outcome led nothing of it (ROLE_VERBS would read "led" as any lead).
        if _INSPECTION_LED.search(low):
            roles = {"lead inspector"}
        # "Which councillor chaired ...?" is answered by the chair, not by any councillor.
        roles = (roles - _GENERIC_ROLES) or roles
        if roles:
            return Need(
                f"who the {sorted(roles)[0]} was",
                (lambda t: _named_in_role(t, roles),),
                # "Who leads the direct work action?": a lead is of something, which stays the
                # subject (the plan's other rows have leads too).
                names_subject=not roles <= _POST_ROLES,
                roles=frozenset(roles),
            )
        agents = _agent_check(low)
        return Need("a person", (lambda t: names_a_person(t) or agents(t) or post_speaks(t),))
    # An action plan's status colour (indexer.vocabulary.Rag) is no Ofsted grade: "which action is
    # rated red?" is answered by the row whose RAG is Red.
    rag = re.search(rf"\b(?:rated|rag(?: status| rating)?|status|marked)\s+(?:as\s+)?({_RAG_COLOURS})\b", low) or _RAG_PREDICATE.search(low)
    if rag:
        colour = re.compile(rf"\b{rag.group(1)}\b", re.I)
        return Need(f"an action rated {rag.group(1)}", (lambda t: bool(colour.search(t)),))
    # "Rate" as the verb only ("what did Ofsted rate X?"), not the noun ("the fail rate").
    grade_words = re.search(r"\b(grade[ds]?|graded|rated|rating|judge[ds]?|judgements?|judgments?)\b|\b(?:did|do|does|would)\b[^?]*\brate\b", low)
    # "What did care leavers get in 2025?", "what did they receive for children in care?": what
    # a judgement area got is its grade.
    if not grade_words and re.search(
        r"\bwhat\s+(?:did|have|has|had)\b[^?]*\b(?:get|receive|achieve|score)\b|\bwhat\b[^?]*\b(?:got|received|achieved|scored)\b", low
    ) and any(
        p.search(q) for name, p in GRADED.items() if name != "overall effectiveness"
    ):
        grade_words = True
    # "Was help and protection good in 2019?", "were care leavers inadequate too?": a yes-no
    # question naming an area and a grade is answered by the area's grade, whichever it was.
    if not grade_words and re.search(r"(?:^|[-–:;,?]\s*)(?:was|were|is|are|has|have)\b", low) and re.search(
        rf"{GRADE.pattern}|\bri\b", low
    ) and any(p.search(q) for name, p in GRADED.items() if name != "overall effectiveness"):
        grade_words = True
    # "What did the leader say about the rating?" asks for their words, not the grade.
    if grade_words and re.search(r"\bwhat did\b[^?]*\b(?:say|said|tell|think|write|wrote)\b", low):
        grade_words = None
    # "What measures did the council announce after the inadequate judgement?", "what strengths
    # did inspectors find despite the rating?": a grade that says when, or despite what, is no
    # grade asked for. Only where the question's grade words are all in it.
    if grade_words and (when := _GRADE_AS_TIME.search(low)) and not re.search(
        r"\b(grade[ds]?|graded|rated|rating|judge[ds]?|judgements?|judgments?|rate)\b", low[: when.start()] + " " + low[when.end():]
    ):
        grade_words = None
    # "Which judgement was not outstanding?", "which areas weren't good?": the answer is an area
    # graded otherwise, not the row of an area that was.
    negated = re.search(_NOT_GRADE, low) if re.search(r"\bwhich\b", low) else None
    # (Only a current grade: "which area was not adequate?" is an old scale's, asked as any grade.)
    if negated and grade_of(negated.group(1)) and not re.search(r"\bwhy\b", low):
        refused = grade_of(negated.group(1))
        areas = [p for p in AREAS.values() if p.search(q)] or [
            p for name, p in AREAS.items() if name != "overall effectiveness"
        ]
        return Need(
            f"an area graded other than {refused.value.lower()}",
            (lambda t: _graded_otherwise(t, refused, areas),),
            names_subject=True,
        )
    # "For the impact of leaders, how did Leeds compare with Kirklees?" asks for two grades.
    compared_area = comparison and any(p.search(q) for p in GRADED.values())
    # "Which area did they get RI for?", "which areas were outstanding?": asked by the grade.
    area_by_grade = re.search(
        rf"\bwhich\b[^?]{{0,40}}\b(?:judgements?|judgments?|areas?)\b(?! for\b| of\b)[^?]*(?:{GRADE.pattern}|\bri\b)", low
    )
    if (grade_words or compared_area or area_by_grade) and not re.search(r"\bwhy\b", low):
        areas = [p for p in GRADED.values() if p.search(q)]
        # "Did the council get a grade from the visit?" is answered as well by a sentence saying
        # that such visits give none (`NO_GRADE_GIVEN`); "what grade did it get?" is not.
        whether = bool(WHETHER_GRADED.search(low))
        checks = [lambda t: bool(_STATED_GRADE.search(t) or (whether and NO_GRADE_GIVEN.search(t)))]
        if years and not _YEAR_AS_BOUND.search(low):
            checks.append(lambda t: not _graded_in_other_years(t, years))
        named = re.search(rf"\bwhich\b.*\b(?:judged|graded|rated|found to be)\s+({GRADE.pattern})", low)
        # "Which judgement was still inadequate?", "which area did they get RI for?": the area
        # is what is asked, the grade picks it (RI as ACRONYMS spells it out).
        asks_area = re.search(r"\bwhich\b[^?]{0,40}\b(judgements?|judgments?|areas?)\b", low)
        if not named and asks_area:
            named = re.search(rf"({GRADE.pattern})", re.sub(r"\bri\b", "requires improvement", low[asks_area.start():]))
        if named:
            # "Which part was judged outstanding?" is answered by what was judged outstanding.
            # The grade however it is written ("required improvement" asked, "Requires improvement
            # to be good" stated), and only that grade: the "good" of "requires improvement to be
            # good" is no Good. A grade of an older scale ("adequate") has no Grade: it is matched
            # as a whole word, so "adequate" is not found in "inadequate".
            wanted = grade_of(named.group(1))
            if wanted is not None:
                checks.append(lambda t: any(grade_of(m.group(0)) is wanted for m in GRADE_PATTERN.finditer(t)))
            else:
                grade = re.compile(r"(?<![\w-])" + re.escape(named.group(1)).replace("requires", "requires?"), re.I)
                checks.append(lambda t: bool(grade.search(t)))
        if areas:
            # An inspection's SIF title names every area and grades none; "care leavers on their
            # own" is not answered by the row of children in care and care leavers together.
            alone = bool(ON_ITS_OWN.search(q))
            checks.append(lambda t: any(grades_area(_graded_text(t, alone), p) for p in areas))
        elif asks_area:
            # "Which of the five judgements was graded requires improvement?" wants the area named.
            checks.append(lambda t: any(p.search(t) for name, p in AREAS.items() if name != "overall effectiveness"))
        # A judgement area named is the subject ("what grade for care leavers?"), and so is the
        # area a "which judgement ...?" question asks for (the need wants one named, in whatever
        # words its framework used: "children looked after and achieving permanence"). A grade
        # asked of anything else ("the safeguarding board (LSCB)", "the children's homes") must
        # be about it (the subject gate), not about the council's services in general.
        return Need("the grade asked about", tuple(checks), names_subject=bool(areas) or bool(asks_area and not areas))
    return None


# A yes-no question whether a grade was given at all: "did the council get a grade out of the
# visit?", "was the monitoring visit graded?", "does a focused visit give a judgement?".
WHETHER_GRADED = re.compile(
    r"^(?:did|does|do|was|were|is|are|has|have|will|would)\b[^?]*\b(?:"
    r"(?:get|got|receive|received|given|give|gives|awarded|result in|lead to|carry)\s+(?:an?\s+|any\s+)?(?:new\s+|overall\s+)?(?:grade|judgement|judgment|rating)s?"
    r"|graded|rated)\b",
    re.I,
)
# A sentence saying no grade is given: "Focused visits do not result in a graded judgement",
# "This visit was not an inspection, and no judgement is given", "they do not give a grade".
NO_GRADE_GIVEN = re.compile(
    r"\b(?:do|does|did|will) not (?:result in|give|lead to|carry|include|award|make) (?:an?\s+|any\s+)?(?:graded\s+|overall\s+)?(?:grades?|judgements?|judgments?|ratings?)\b"
    r"|\bno (?:graded\s+|overall\s+)?(?:grades?|judgements?|judgments?|ratings?) (?:is|are|was|were) (?:given|made|awarded)\b"
    r"|\b(?:is|are|was|were) not graded\b",
    re.I,
)
_GRADE_AS_TIME = re.compile(
    rf"\b(?:after|following|since|before|in response to|in the wake of|despite|in spite of|notwithstanding)\s+(?:the|its|their|this|that|an?)\s+"
    rf"(?:(?:19|20)\d\d\s+)?(?:(?:{GRADE.pattern}|ofsted)\s+)*(?:judgement|judgment|rating|grade|verdict|result|outcome)\b"
)


# A grade word used as an adjective before a noun grades nothing: "care leavers receive a good
# level of support", "an outstanding example of practice", "the good work of staff". Before a
# grade's own noun it does ("a good rating", "an inadequate judgement").
_ATTRIBUTIVE = re.compile(
    # ... or an adverb ("inspectors praised consistently good support for children in care").
    r"\b(?:a|an|the|its|their|some|very|really|(?!only\b|early\b)[a-z]{3,}ly)\s+(?:good|outstanding|inadequate|adequate)\s+"
    r"(?!(?:rating|grade|judgement|judgment|result|outcome|overall|one|services?|council|authority|department|provider|home|and|or|to|for|with|in|at|by)\b)[a-z]+",
    re.I,
)


# The grading scale itself, three or more grades in a row with nothing between but commas and
# "and"/"or": "Ofsted's four grades are outstanding, good, requires improvement to be good and
# inadequate" names the grades and gives nobody one.
_SCALE_GRADE = rf"(?:{GRADE.pattern})(?:\s+to\s+be\s+good)?"
_SCALE = re.compile(rf"{_SCALE_GRADE}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_SCALE_GRADE}){{2,}}", re.I)


class _StatedGrade:
    """GRADE's search, less the grade words used as adjectives (`_ATTRIBUTIVE`) and the scale
    named as such (`_SCALE`)."""

    def search(self, text: str):
        return GRADE.search(_ATTRIBUTIVE.sub(" ", _SCALE.sub(" ", text)))


_STATED_GRADE = _StatedGrade()
_RAG_COLOURS = "|".join(c.value.lower() for c in Rag)
# The colour said of a plan's rows with "be": "what rows in the plan are red?", "which actions
# are still amber?". A plan's lines, not a council or a judgement ("is the council green?").
_RAG_PREDICATE = re.compile(
    rf"\b(?:rows?|actions?|lines?|items?|entries|priorities)\b[^?]*?\b(?:is|are|was|were)\s+(?:currently\s+|still\s+|now\s+)?({_RAG_COLOURS})\b"
)
# A grade dated in its own clause: "since the council was judged inadequate in March 2024",
# "rated good in 2019", "the 2018 inspection had judged every area good".
_GRADE_DATED_AFTER = re.compile(rf"[^;.]{{0,12}}?\b(?:in|at|from)\s+(?:(?:{MONTHS})\s+)?((?:19|20)\d\d)\b", re.I)
_GRADE_DATED_BEFORE = re.compile(rf"\b(?:in|at)\s+(?:(?:{MONTHS})\s+)?((?:19|20)\d\d)\b(?:(?!\b(?:19|20)\d\d\b)[^;.]){{0,40}}$", re.I)


# A question whose year bounds the grades asked, or that asks for the years: "which years was it
# inadequate before 2013?", "what was it rated before getting good in 2022?".
_YEAR_AS_BOUND = re.compile(
    r"\b(?:before|after|since|until|prior to|by|between)\b[^?]{0,40}?\b(?:19|20)\d\d\b|\b(?:which|what) years?\b|\bwhen\b", re.I
)


def _graded_in_other_years(text: str, years: tuple[int, ...]) -> bool:
    """Every grade `text` states is dated, in its clause, by a year the question does not ask:
    "This was the second monitoring visit since the council was judged inadequate in March
    2024" gives the 2024 grade, not what a 2025 visit gave."""
    found = list(GRADE.finditer(_ATTRIBUTIVE.sub(lambda m: " " * len(m.group(0)), text)))
    if not found:
        return False
    for m in found:
        after = _GRADE_DATED_AFTER.match(text, m.end())
        before = _GRADE_DATED_BEFORE.search(text[max(0, m.start() - 60):m.start()])
        dated = after or before
        if not dated or int(dated.group(1)) in years:
            return False
    return True
_NOT_GRADE = re.compile(
    rf"(?:\bnot|n't|\bnever)\s+(?:(?:been|be|yet|judged|graded|rated|found to be|considered)\s+)*({GRADE.pattern})"
)


def _graded_otherwise(text: str, refused: Grade, areas: list[re.Pattern]) -> bool:
    """One clause names one of `areas` and a grade that is not `refused` ("Help and protection:
    requires improvement to be good" for "which was not good?"; the whole grade is read as one,
    so its "good" is not a Good)."""
    return any(
        any(p.search(c) for p in areas) and any(grade_of(m.group(0)) not in (None, refused) for m in GRADE_PATTERN.finditer(c))
        for c in _CLAUSE_BREAK.split(text)
    )


_CLAUSE_BREAK = re.compile(rf",?\s+but\s+|;|,\s*(?:{CONTRAST}|and yet)\s+|[.!?]\s+")


# A joint judgement's name, two groups or a list of them ending in care leavers: "children in
# care and care leavers", "services for children in care, children needing adoption and care
# leavers" (the SIF's one judgement of three groups).
_GROUP = r"(?:children (?:in care|looked after|needing adoption|who need adoption)|looked after children|adoption)"
_TOGETHER = re.compile(rf"\b{_GROUP}(?:,\s+{_GROUP})*,?\s+and\s+care leavers\b", re.I)


def _graded_text(text: str, alone: bool) -> str:
    """`text` less the words that name an area without grading it: a SIF inspection's title, and,
    for a question asking an area on its own, the joint judgement's name."""
    text = SIF_TITLE.sub(" ", text)
    return _TOGETHER.sub(" ", text) if alone else text


# An area a document may name by one generic word ("leadership" for the impact of leaders) as
# well as by its phrase. The word grades the area only in a list item of its own with the grade
# ("Leadership: good", "leadership is good"), not where a comma parts them ("strong leadership,
# stable staffing and good partnerships") nor as the name of a body ("the leadership team is
# outstanding"), unless the phrase says it is the impact ("the impact of the new leadership team
# was good"). (area pattern: its phrases, its generic word)
_AREA_WORDS: dict[re.Pattern, tuple[re.Pattern, re.Pattern]] = {
    AREAS["impact of leaders"]: (
        re.compile(r"\bimpact of (?:[\w'’-]+ ){0,3}?(?:leaders|leadership)\b|\bleadership,? management and governance\b", re.I),
        re.compile(rf"\bleadership\b(?!\s+(?:{'|'.join(BODY_NOUNS)})\b)", re.I),
    ),
}


# The overall judgement stated of the council's services as a whole, the area unnamed:
# "Children's services in Anytown require improvement to be good", "when services in Anytown
# were judged good overall". Not where the clause names an area ("services for care leavers
# are good" grades care leavers).
_SERVICES_GRADED = re.compile(
    r"(?:(?i:\b(?:children['’]s\s+)?services\s+(?:in|at|of|provided by)\s+(?:the\s+)?)"
    r"[A-Z][\w’'-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w’'-]*){0,4}"  # the council's name, capitalised
    # ... or the council's own services: "Ofsted judged Hillingdon's children's services
    # outstanding", "Bury Council's children's services have been rated good".
    r"|\b[A-Z][\w’'-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w’'-]*){0,4}['’]s\s+(?i:children['’]s\s+(?:social\s+care\s+)?services))"
    rf"(?i:\s+(?:(?:are|were|is|was|have been|had been|has been|remain|remained)\s+)?(?:(?:judged|rated|graded|found)\s+(?:to\s+be\s+|to\s+|as\s+)?)?"
    rf"(?:{GRADE.pattern}))"
)


# ... or as a rating the council (or its services) was given, kept or lost: "Anytown Council has
# kept its good rating from Ofsted", "Anytown's children's services have been given Ofsted's
# highest grade of outstanding". The news pages' way of saying the overall grade.
_RATING_GIVEN = re.compile(
    r"\b[A-Z][\w’'-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w’'-]*){0,5}(?:['’]s\s+(?i:children['’]s\s+(?:social\s+care\s+)?services))?"
    r"(?i:\s+(?:has|have|had|was|were)?\s*(?:been\s+)?(?:kept|keeps|retained|retains|kept hold of|given|awarded|received|receives|achieved|gained|earned|won)\s+"
    rf"(?:(?:its|their|the|an?)\s+)?(?:ofsted['’]s\s+)?(?:(?:highest|top|lowest|new|overall)\s+)?"
    rf"(?:(?:grade|rating|judgement|judgment)\s+of\s+(?:{GRADE.pattern})|(?:{GRADE.pattern})\s+(?:grade|rating|judgement|judgment)))"
)


# ... or as the grade of every judgement at once: "judged good in every area", "good across the
# board", "Good in all judgements", "all five judgements were judged good", "rated good or better
# in every category": the overall one too, and each area's (`grades_area`).
_ALL_AREAS = r"(?:every|each|all(?:\s+(?:of\s+)?(?:the|its|their))?(?:\s+(?:four|five|\d))?)\s+(?:judgement\s+|judgment\s+)?(?:areas?|judgements?|judgments?|categor(?:y|ies))"
_EVERY_AREA_GRADED = re.compile(
    rf"(?i:(?:{GRADE.pattern})(?:\s+to\s+be\s+good)?(?:\s+or\s+(?:better|above))?(?:\s+overall\s+and\s+(?:{GRADE.pattern}))?\s+(?:(?:in|for|across)\s+{_ALL_AREAS}|across\s+the\s+board)"
    rf"|\b{_ALL_AREAS}\s+(?:were|was|are|is|have been|had been)\s+(?:(?:judged|rated|graded|found)\s+(?:to\s+be\s+|as\s+)?)?(?:{GRADE.pattern}))"
)


# An exception to "every area": "good in all areas except care leavers", "all judgements were
# good apart from help and protection" grades every area but the one excepted.
_EXCEPT = re.compile(r"\b(?:except|apart from|other than|save for|bar|but not|with the exception of|excluding)\b", re.I)
# An every-area grade whose areas are then listed ("All judgements were requires improvement to
# be good: the impact of leaders; help and protection; ..."): the list is one clause with it, as
# the areas it names are those it grades.
_LISTED_AFTER = re.compile(r":.*$", re.S)


# ... or as the overall grade moved from one to another: "Ofsted has changed the council's rating
# from requires improvement to inadequate", "children's services in Anytown have been downgraded
# from 'good' to 'inadequate'". The later grade is the one given.
_QUOTE = r"[*'‘’\"“”]*"
_RATING_MOVED = re.compile(
    rf"\b(?:changed|moved|downgraded|upgraded|improved|gone|went|dropped|fallen|fell|rose|risen|slipped|climbed)\s+"
    rf"(?:(?:(?:the|its|their)\s+)?(?:[\w’'-]+['’]s\s+)?(?:overall\s+)?(?:rating|grade|judgement|judgment)\s+)?(?:all\s+the\s+way\s+)?"
    rf"from\s+{_QUOTE}(?:{GRADE.pattern})(?:\s+to\s+be\s+good)?{_QUOTE}\s+to\s+{_QUOTE}(?:{GRADE.pattern})",
    re.I,
)
# ... or as the grade's judgement named by its grade and the inspection or year it was of: "the
# inadequate judgement of 2015", "the good rating from the 2019 inspection", "replaces the
# inadequate judgement from the single inspection framework (SIF) inspection".
_GRADE_JUDGEMENT_OF = re.compile(
    rf"\b(?:the|its|their|an?)\s+(?:{GRADE.pattern})(?:\s+to\s+be\s+good)?\s+(?:overall\s+)?(?:judgement|judgment|rating|grade)\s+"
    rf"(?:(?:of|in|from|at)\s+(?:(?:the|its|their)\s+)?(?:(?:{MONTHS})\s+)?(?:19|20)\d\d\b|(?:of|from|at)\s+(?:the|its|their)\s+(?:[\w()'’-]+\s+){{0,6}}?(?:inspection|ilacs|sif)\b)",
    re.I,
)
# The council's own services in lower case, as reports call them: "Ofsted judged the council's
# children's services as requires improvement to be good" (`_SERVICES_GRADED` reads a council's
# name in capitals).
_OWN_SERVICES_GRADED = re.compile(
    rf"\b(?:the\s+)?(?:council|authority|local authority|county|borough|city)['’]s\s+children['’]s\s+(?:social\s+care\s+)?services\s+"
    rf"(?:(?:are|were|is|was|have been|had been|has been|remain|remained)\s+)?(?:(?:judged|rated|graded|found)\s+(?:to\s+be\s+|to\s+|as\s+)?|as\s+)?{_QUOTE}(?:{GRADE.pattern})",
    re.I,
)


_AS_REASON = re.compile(r"\b(?:thanks to|because of|due to|owing to|credited to|down to)\b[^,;]{0,30}\bleadership\b", re.I)


def grades_area(text: str, area: re.Pattern) -> bool:
    """Whether one clause of `text` states a grade of the area `area` names (`_AREA_WORDS`)."""
    phrase, word = _AREA_WORDS.get(area, (area, None))
    # Every area graded at once grades this one too (each of AREAS; not the LSCB, which the
    # council's judgements never include), unless one is excepted or other areas are graded apart.
    if area in AREAS.values() and not _EXCEPT.search(text):
        for clause in re.split(r"[.!?]\s+", text):
            every = _EVERY_AREA_GRADED.search(clause)
            if every and not any(p.search(_LISTED_AFTER.sub(" ", clause[every.end():]) + clause[:every.start()]) for p in GRADED.values() if p is not AREAS["overall effectiveness"]) and len({grade_of(m.group(0)) for m in GRADE_PATTERN.finditer(_SCALE.sub(" ", clause))}) == 1:
                return True
    for clause in _CLAUSE_BREAK.split(text):
        if not _STATED_GRADE.search(clause):
            continue
        named = phrase.search(clause)
        # "Good in every area apart from care leavers" grades every area but care leavers (unless
        # a grade follows: "except care leavers, which require improvement").
        if named and not (_EXCEPT.search(clause[:named.start()]) and not _STATED_GRADE.search(clause[named.end():])):
            return True
        if area is AREAS["overall effectiveness"] and (
            _SERVICES_GRADED.search(clause) or _RATING_GIVEN.search(clause) or _EVERY_AREA_GRADED.search(clause)
            or _RATING_MOVED.search(clause) or _GRADE_JUDGEMENT_OF.search(clause) or _OWN_SERVICES_GRADED.search(clause)) and not any(
            p.search(clause) for name, p in GRADED.items() if name != "overall effectiveness"
        ):
            return True
        # "Rated good thanks to strong leadership" gives the reason for the overall grade, not a
        # grade of leadership.
        if word is not None and any(
            word.search(item) and _STATED_GRADE.search(item) and not _AS_REASON.search(item) for item in clause.split(",")
        ):
            return True
    return False


def _same_clause(a: re.Pattern, b: re.Pattern, text: str) -> bool:
    """Whether one clause has both: "services were found to be good, but inspectors asked for
    more progress for care leavers" does not grade care leavers; a judgement table's row
    ("The impact of leaders ... — Grade: Inadequate") is one clause however long."""
    return any(a.search(c) and b.search(c) for c in _CLAUSE_BREAK.split(text))


# What may follow the counted noun of "how many ...?" and is not counted: the verb ("how many
# children were ..."), function words, a preposition's object ("how many children in care ..."
# counts children, not care: "3 care homes" is no answer). Past a preposition only a plural
# noun is counted too: "how many children in need cases ..." counts the cases.
_COUNT_VERB = frozenset("did do does were was had have has are is will would could can should may might".split())
_COUNT_PREPOSITIONS = frozenset("in at on for per by to from with under over of than".split())
_COUNT_STOP = frozenset("the a an its their this that these those there here nationally overall and or".split())


# Words of a partitive count's predicate ("how many of them were judged good in the audit?")
# that say nothing of which part: function words, and the judging verbs a grade is said without
# ("Four were inadequate").
_PREDICATE_STOP = _COUNT_PREPOSITIONS | _COUNT_STOP | _COUNT_VERB | frozenset(
    "judged rated graded found been being considered assessed still also then now there nationally overall".split()
)


def _people_kinds(nouns: list[str]) -> set[str]:
    """A count of "people" is one of any kind of people (indexer.vocabulary.PEOPLE_KINDS, by
    each kind's head word): "how many people did they speak to?" is answered by "more than 100
    children, staff and parents". Only for "people" itself, unqualified ("how many young people
    ...?" counts young people), never the other way about."""
    if not nouns or nouns[0] not in PEOPLE_NOUNS:
        return set()
    return {_stem(kind.split()[-1]) for kind in PEOPLE_KINDS}


def _spelt_count(question: str, nouns: list[str]) -> tuple[str, tuple[str, ...], set[str]] | None:
    """For a counted noun that is an acronym (indexer.vocabulary.ACRONYMS): the noun, the forms a
    sentence may spell it out in ("looked after children", "children in care") and the stems of the spelt-out words, near one of which the count stands ("318
    children were looked after"). An acronym that is also a word ("send", "rag") counts only as
    the question types it in capitals."""
    for noun in nouns:
        typed = re.search(rf"\b{re.escape(noun)}\b", question, re.I)
        typed = typed.group(0) if typed else noun
        if noun.upper() in WORD_ACRONYMS and not typed.isupper():
            continue
        forms = expansions(typed)
        if forms:
            return noun, forms, {_stem(_head_noun(form)) for form in forms}
    return None


def _head_noun(phrase: str) -> str:
    """The noun a spelt-out form names the thing by: the word before a preposition or a
    participle that qualifies it ("children in care", "children looked after"), else the last
    ("looked-after children", "independent reviewing officer")."""
    words = _words(phrase)
    for i, word in enumerate(words[1:], 1):
        if word in _COUNT_PREPOSITIONS or word.endswith("ed"):
            return words[i - 1]
    return words[-1]


def _names_acronym(text: str, acronym: str, forms: tuple[str, ...]) -> bool:
    """Whether `text` names the thing an acronym stands for: the acronym itself, or every word of
    one of its spelt-out forms in any order ("children were looked after" names "looked-after
    children")."""
    if re.search(rf"\b{re.escape(acronym)}s?\b", text, re.I):
        return True
    own = {_stem(part) for w in _words(text) for part in w.split("-")}
    return any({_stem(part) for w in _words(f) for part in w.split("-") if part not in _COUNT_PREPOSITIONS | _COUNT_STOP} <= own for f in forms)


def _counted_nouns(words: str) -> list[str]:
    """The counted noun's words of "how many X ...?": X's first two words up to the question's
    verb or a preposition, and plural nouns past a preposition ("children in need cases" ->
    children, cases); a council's name typed in lower case is among them at worst (harmless:
    it is near no number)."""
    found, past, head = [], False, ""
    for word in words.split():
        if word in _COUNT_VERB:
            break
        if word in _COUNT_PREPOSITIONS:
            past = True
        elif re.search(r"['’]s$", word):
            # A possessive owns the counted thing ("northumberland's children's homes" counts homes).
            continue
        elif word not in _COUNT_STOP and not past and len(found) < 2:
            found.append(word)
        elif past and word not in _COUNT_STOP and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            found.append(word)
        elif not past and word not in _COUNT_STOP:
            head = word
    # The phrase's last word is its head noun, what is counted: "how many social work posts has
    # it filled?" counts posts ("six posts were filled"), "how many looked after children" children.
    return found + [head] if head else found


# A count whose noun the sentence leaves unsaid: "All five were judged good", "two were found",
# "of the 85 inspections completed, 20 had been judged good". The number is the clause's
# subject: a verb follows it. It counts the noun asked about when the sentence names that noun
# elsewhere, or opens with the count (pointing back to the sentence before: "Four areas were
# graded. All four were good."); "the board met and two were absent" in a sentence about
# something else counts nothing asked.
_BARE_COUNT = re.compile(
    rf"(?:^|[,;:]\s+|\b(?:all|only|just|and|but|while|whereas|of these|of them)\s+)(?P<n>\d[\d,]*|{_NUMBER_WORDS})\s+"
    r"(?:(?:of them|of these|in all|in total)\s+)?(?:were|was|had|have|are|is|remain(?:ed)?|received|got|achieved)\b",
    re.I,
)


def _count_near(text: str, stems: set[str] | None, window: int = 5, given: set[str] = frozenset()) -> bool:
    """A number within `window` words of the counted noun (any number, for None), or a count
    with its noun left unsaid (`_BARE_COUNT`); not a number the question stated itself (`given`)."""
    words = _words(text)
    any_noun = stems is None
    stems = stems or set()
    names_noun = any(_stem(part) in stems for w in words for part in w.split("-"))
    for m in _BARE_COUNT.finditer(text):
        opens = text[: m.start("n")].strip().lower() in ("", "all", "only", "just")
        if m.group("n").lower().replace(",", "") not in given and (opens or names_noun):
            return True
    numbers, nouns = [], []
    # A minutes paragraph's or a report section's number ("15.1 The Director of Children's
    # Services ...", "3. Children in care ...") counts nothing: it numbers the paragraph.
    numbered = _PARAGRAPH_NUMBER.match(text)
    skip = len(_words(numbered.group(0))) if numbered else 0
    for i, word in enumerate(words):
        if i < skip:
            continue
        parts = word.split("-")
        if len(parts) > 1 and _COUNT.match(parts[0]):
            # "a four-day inspection" counts days, and only days: not the children near it.
            if _stem(parts[-1]) in stems:
                return True
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        before = words[i - 1] if i else ""
        # "one of the city's priorities" counts nothing; "in the previous two years" counts years;
        # a date's day ("between 26 September and 20 October", "on March 3") counts nothing; a
        # number no day can be ("at the end of March, 287 children") still counts.
        # "Inspectors have visited six times" counts the visits as occasions: the counted noun's
        # verb before, "N times" after it in the sentence.
        if not any_noun and after == "times" and _COUNT.match(word) and any(_PORTER.stemWord(w) in stems for w in words[max(0, i - 10):i]):
            return True
        if _COUNT.match(word) and word.replace(",", "") not in given and not YEAR.fullmatch(word) and not (word == "one" and after == "of") and not (
            _UNIT.match(after) and _stem(after) not in stems
        ) and not (word.isdigit() and int(word) <= 31 and (after in MONTH_NUMBERS or before in MONTH_NUMBERS or _first_day_of_range(words, i))):
            numbers.append(i)
        if any(_stem(part) in stems for part in parts):  # "asylum-seeking" for "asylum seeking"
            nouns.append(i)
    return bool(numbers) if any_noun else any(_counts(words, i, j, window) for i in numbers for j in nouns)


def _first_day_of_range(words: list[str], i: int) -> bool:
    """`words[i]` opens a range of days ("on 19 and 20 March", "from 3 to 5 June"): a day too,
    though its month follows the range's last day."""
    return i + 3 < len(words) and words[i + 1] in ("and", "to", "until", "till") and words[i + 2].isdigit() and int(words[i + 2]) <= 31 and words[i + 3] in MONTH_NUMBERS


def _counts(words: list[str], number: int, noun: int, window: int) -> bool:
    """Whether the number at `number` counts the noun at `noun`: near it, and when before it, in
    the noun's own phrase ("450 children", "612 looked-after children", "120 of the children"),
    not counting another noun that a preposition or a verb leads on from ("the one council
    approach for children" counts councils; "five homes were inspected and children ..." homes)."""
    if abs(number - noun) > window:
        return False
    if number > noun:
        return True  # "children in care: 450", "the number of children rose to 612"
    between = words[number + 1 : noun]
    return not any(w in _COUNT_VERB or (w in _COUNT_PREPOSITIONS and w != "of") for w in between)


# A paragraph's number opening a line: "15.1 The ...", "3. The ...", "2) Members ...".
_PARAGRAPH_NUMBER = re.compile(r"^\W*(?:\d+(?:\.\d+)+\.?|\d+[.)])\s+(?=[A-Z])")


# The months whose inspections are reported the next year (a report follows its inspection by
# about three months): "the inspection reported in January 2018" took place in November 2017.
_LATE_MONTHS = re.compile(r"\b(?:october|november|december)\b", re.I)


def _not_before(text: str, years: tuple[int, ...]) -> bool:
    """A date about the 2023 inspection is not in 2021: a sentence whose years all come before
    every year the question names answers some other event; except the late months of the year
    before, when the inspection reported in the year named took place."""
    found = [int(y) for y in YEAR.findall(text)]
    if not (years and found and max(found) < min(years)):
        return True
    return max(found) == min(years) - 1 and bool(_LATE_MONTHS.search(text))


def _has_new_date(text: str, own_years: set[str], question: str) -> bool:
    """A date the question did not give itself: "the 2023 plan's deadline" is not "2023"."""
    years = set(YEAR.findall(text)) - own_years
    months = {m.lower() for m in _MONTH.findall(text)} - {m.lower() for m in _MONTH.findall(question)}
    return bool(years or months or _FULL_DATE.search(text))


# A judgement set out as a line of its own: "3. Leadership, management and governance:
# Inadequate.", "2.1 Adoption performance: Good", "- Help and protection: good", "Overall effectiveness – Requires improvement to
# be good": a label, then the grade and nothing else.
_GRADE_LINE = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?[A-Za-z][^:–—]{2,120}?\s*(?::|–|—)\s*(?P<grade>" + GRADE_PATTERN.pattern + r")\s*[.;]?\s*$",
    re.I,
)


def judgement_line(text: str, is_row: bool) -> Grade | None:
    """The grade of a judgement line or row ("Judgement: X — Grade: Good", "X: Inadequate."), or
    None for anything else (a sentence that names a grade, a row of another table)."""
    if is_row:
        cells = [c.split(": ", 1) for c in text.split(" — ")]
        if len(cells) >= 2 and all(len(c) == 2 for c in cells) and cells[0][0].strip().lower() in ROW_AREA_HEADERS:
            return next((grade_of(v) for k, v in cells[1:] if k.strip().lower() in ROW_GRADE_HEADERS and grade_of(v)), None)
        return None
    m = _GRADE_LINE.match(text.strip())
    return grade_of(m.group("grade")) if m else None
