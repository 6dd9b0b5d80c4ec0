"""The domain's vocabulary, as data, in one place: Ofsted's grades and judgement areas (with the
old framework's names), inspection types, months, number words, ordinals, people's roles and
titles, and the sector's acronyms.

Both halves of the project read it: the indexer to detect judgements, dates and inspection
records, the assistant to understand questions and check answers. Before this module there were
three copies of the grades and of the months, and they disagreed ("required improvement" was a
grade in one and not in the others). A word the sector uses that a question or document uses
differently is added here, as data, and every reader picks it up.

Canonical forms are the ones Ofsted prints and the JSON contracts use: `Grade.value` is
"Requires improvement to be good", `JudgementArea.value` is "help and protection".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum


def alternation(words: Iterable[str]) -> str:
    """The words as one regex alternation, each escaped, longest first: "north east lincolnshire"
    must be tried before "lincolnshire", "requires improvement to be good" before "requires
    improvement", or the shorter wins and the rest of the phrase is left over. No group: callers
    wrap it in their own (named, capturing or not) with their own boundaries."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

# --- grades ----------------------------------------------------------------------------------


class Grade(str, Enum):
    """Ofsted's four-point scale (ILACS 2018 on, and the SIF before it)."""

    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    REQUIRES_IMPROVEMENT = "Requires improvement to be good"
    INADEQUATE = "Inadequate"

    @property
    def rank(self) -> int:
        """1 (outstanding) to 4 (inadequate): Ofsted's own order, so "better" is a smaller rank."""
        return _GRADE_RANK[self]


_GRADE_RANK = {Grade.OUTSTANDING: 1, Grade.GOOD: 2, Grade.REQUIRES_IMPROVEMENT: 3, Grade.INADEQUATE: 4}

# How documents and people write each grade, longest first so "requires improvement to be good"
# is one grade and its "good" is not a Good. "RI" is how officers type it.
GRADE_VARIANTS: dict[Grade, tuple[str, ...]] = {
    Grade.REQUIRES_IMPROVEMENT: (
        # Not "requiring improvement": "areas requiring improvement" grades nothing.
        "requires improvement to be good", "requires improvement", "require improvement", "required improvement",
    ),
    Grade.OUTSTANDING: ("outstanding",),
    Grade.GOOD: ("good",),
    Grade.INADEQUATE: ("inadequate",),
}
_GRADE_BY_WORDS = {v: g for g, vs in GRADE_VARIANTS.items() for v in vs}
# Every way a grade is written, as one alternation (no group, no boundaries): for patterns that
# place a grade word among others ("… and good for care leavers").
GRADE_ALTERNATION = alternation(_GRADE_BY_WORDS)
GRADE_PATTERN = re.compile(
    r"\b(" + GRADE_ALTERNATION + r")\b", re.I
)


# --- the old scales ---------------------------------------------------------------------------
# Before November 2012 Ofsted graded safeguarding and looked-after children inspections (2009-2012)
# outstanding / good / adequate / inadequate, and the annual assessments before them rated a council
# as performing "poorly" or "poor" at the bottom. They are a separate vocabulary, not Grade members:
# "adequate" was the third point of its own scale and is neither "good" nor "requires improvement to
# be good" (which replaced it with the message that adequate was not good enough), so it has no rank
# on the current scale and no place in the inspection records, whose JSON and "better"/"worse" order
# are the current scale's. A question or a sentence using an old grade is recognised as stating a
# grade (GRADE_WORDS), and is matched only by the same old word, never mapped to a current grade.


class OldGrade(str, Enum):
    ADEQUATE = "Adequate"
    POOR = "Poor"


# "Poor" is everyday English ("poor practice"): it is a grade only where it is stated as one, after
# a grading verb or a grade label ("rated poor", "Outcome: Poor", "judged as 'poor'"). "Adequate"
# alone is a grade word, as "good" is ("inadequate" is not it: the word boundary keeps them apart).
_STATED_POOR = (r"(?:\b(?:rated|judged|graded|assessed|found to be|outcome|grade|rating|judgement|judgment)\s*"
                r"(?:as\s+|:\s*|-\s*)?[\"'‘“]?(?:poor)\b)")
OLD_GRADE_VARIANTS: dict[OldGrade, str] = {OldGrade.ADEQUATE: r"\badequate\b", OldGrade.POOR: _STATED_POOR}
OLD_GRADE_PATTERN = re.compile("|".join(f"(?P<{g.name}>{v})" for g, v in OLD_GRADE_VARIANTS.items()), re.I)


def old_grade_of(text: str) -> OldGrade | None:
    """The old-scale grade a phrase states ("rated adequate", "Outcome: Poor"), or None."""
    m = OLD_GRADE_PATTERN.search(text)
    return OldGrade[m.lastgroup] if m else None


# Any grade's key words, for "does this sentence state a grade at all?": "requires improvement"
# in "requires improvement to be good" counts, as does a bare "good", and an old scale's grade.
GRADE_WORDS = re.compile(
    r"\b(outstanding|good|requires? improvement|required improvement|inadequate|adequate)\b|" + _STATED_POOR, re.I
)


def grade_of(text: str) -> Grade | None:
    """The current-scale grade a phrase names ("Requires Improvement", "judged inadequate"), or
    None: "rated adequate" is no current grade (see OldGrade)."""
    m = GRADE_PATTERN.search(text)
    return _GRADE_BY_WORDS[m.group(1).lower()] if m else None


# --- judgement areas -------------------------------------------------------------------------


class JudgementArea(str, Enum):
    """ILACS judgement areas. Before January 2023 children in care and care leavers were one
    judgement; from then on they are two. The SIF (2013–2017) names map onto these."""

    OVERALL_EFFECTIVENESS = "overall effectiveness"
    IMPACT_OF_LEADERS = "impact of leaders"
    HELP_AND_PROTECTION = "help and protection"
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = "children in care and care leavers"
    CHILDREN_IN_CARE = "children in care"
    CARE_LEAVERS = "care leavers"

    @property
    def label(self) -> str:
        """As a heading or table column: "Help and protection"."""
        return self.value[0].upper() + self.value[1:]


# How reports (ILACS and SIF) name each area, most specific first: "children in care and care
# leavers" must be tried before "children in care". Old-framework names are mapped here, so a
# 2016 SIF report's "Leadership, management and governance" is the impact of leaders.
AREA_PHRASES: list[tuple[JudgementArea, re.Pattern]] = [
    (JudgementArea.OVERALL_EFFECTIVENESS, re.compile(r"overall effectiveness", re.I)),
    (JudgementArea.IMPACT_OF_LEADERS, re.compile(
        r"impact of leaders|leadership,? management and governance", re.I)),
    (JudgementArea.HELP_AND_PROTECTION, re.compile(
        r"help and protection|children who need help", re.I)),
    (JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS, re.compile(r"children in care and care leavers", re.I)),
    (JudgementArea.CHILDREN_IN_CARE, re.compile(
        # the SIF's name, and its name turned round in the press ("services for looked after children")
        r"children in care|children looked after(?: and achieving permanence)?|looked[- ]after children", re.I)),
    (JudgementArea.CARE_LEAVERS, re.compile(r"care leavers", re.I)),
]


# The local safeguarding children board (until 2019): the SIF reviewed it beside the council's
# services and judged its effectiveness separately. Not a JudgementArea: its grade is the board's,
# not the council's, so the records never hold it as one of the council's judgements; a question
# asking it must be answered by a sentence that grades the board.
LSCB_PATTERN = re.compile(r"\bLSCBs?\b|\blocal safeguarding children(?:['’]s)? boards?\b|\bsafeguarding (?:children )?board\b", re.I)


# What a SIF report (and the news about one) calls the inspection: "the inspection of services for
# children in need of help and protection, children looked after and care leavers". It names every
# area as the inspection's title and grades none of them: "no longer inadequate, according to the
# report on its re-inspection of services for children in need of help and protection, ..." is no
# grade for help and protection.
SIF_TITLE = re.compile(
    r"\b(?:services for\s+)?children in need of help and protection,?\s+(?:and\s+)?children looked after,?\s+and\s+care leavers\b", re.I
)
# "Care leavers on their own", "separately": the separate judgement (from January 2023), not the
# judgement of children in care and care leavers together.
ON_ITS_OWN = re.compile(r"\b(?:on (?:their|its) own|separately|by themselves|by itself|alone|as a separate judgement)\b", re.I)


def area_of(text: str) -> JudgementArea | None:
    """The judgement area a table row or heading names, or None."""
    return next((area for area, pattern in AREA_PHRASES if pattern.search(text)), None)


# --- inspection types ------------------------------------------------------------------------


class InspectionType(str, Enum):
    ILACS_STANDARD = "ILACS standard inspection"
    ILACS_SHORT = "ILACS short inspection"
    FOCUSED_VISIT = "focused visit"
    MONITORING_VISIT = "monitoring visit"
    JTAI = "joint targeted area inspection"
    SIF = "single inspection framework"


class Rag(str, Enum):
    """Action-plan status colours."""

    RED = "Red"
    AMBER = "Amber"
    GREEN = "Green"
    BLUE = "Blue"  # complete, in the plans that use a fourth colour


# --- months and numbers ----------------------------------------------------------------------

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
# Full names and the abbreviations documents print ("Sept 2023"), to the month's number.
MONTHS: dict[str, int] = {name: i for i, name in enumerate(MONTH_NAMES, 1)}
MONTHS.update({
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
})
# A month abbreviated beside a day or a year ("Sept 2024", "29 Sept 2022", "jan 2020", "Nov.
# 2022"): questions type them, documents mostly spell them out, so a question's "Sept" is read as
# "September" (the names check would otherwise look for the word "Sept" and refuse). Alone an
# abbreviation may be a name ("Jan Smith"), so it is only read as a month next to a number.
_ABBREVIATED = alternation(a for a in MONTHS if a not in MONTH_NAMES)
_ABBREVIATED_MONTH = re.compile(
    rf"(?<=\b\d)(?P<a1>\s+)(?P<m1>{_ABBREVIATED})\.?(?=\s|[,?.!;:]|$)|"
    rf"(?<=\b\d\d)(?P<a2>\s+)(?P<m2>{_ABBREVIATED})\.?(?=\s|[,?.!;:]|$)|"
    rf"\b(?P<m3>{_ABBREVIATED})\.?(?=\s+(?:19|20)\d\d\b)",
    re.I,
)


def spell_out_months(text: str) -> str:
    """`text` with each abbreviated month next to a day or a year written in full: "29 Sept 2022"
    -> "29 September 2022", "jan 2019" -> "january 2019" (lower case stays lower case)."""

    def full(m: re.Match) -> str:
        abbr = m.group("m1") or m.group("m2") or m.group("m3")
        name = MONTH_NAMES[MONTHS[abbr.lower()] - 1]
        name = name.capitalize() if abbr[0].isupper() else name
        return (m.group("a1") or m.group("a2") or "") + name

    return _ABBREVIATED_MONTH.sub(full, text)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# For regexes: "january|february|…" (full names only).
MONTHS_ALTERNATION = "|".join(MONTH_NAMES)
YEAR_PATTERN = re.compile(r"\b(?:19|20)\d\d\b")
SEASONS = ("spring", "summer", "autumn", "winter")
_SPAN = r"(?:days?|weeks?|months?|years?|" + "|".join(SEASONS) + ")"
# A time still to come, as documents write it when they give no date: "within the next six
# months", "later this year", "in the coming weeks", "by the spring", "early next year". It
# answers "when is X expected?" (a date after the document's own); "within 45 days of referral"
# (a standard, not a time) and "last year" (gone) are not among them.
RELATIVE_FUTURE = re.compile(
    r"\bwithin (?:the )?(?:next|coming) (?:\d+ |\w+ |few )?" + _SPAN + r"\b"
    r"|\b(?:later|early|earlier|towards the end of) (?:this|next) " + _SPAN + r"\b"
    r"|\b(?:next|this coming) (?:year|month|" + "|".join(SEASONS) + r")\b"
    r"|\bin the (?:coming|next) (?:few |\w+ )?" + _SPAN + r"\b"
    r"|\bby (?:the )?(?:end of (?:the |this )?)?(?:year|" + "|".join(SEASONS) + r")\b(?! \d)"
    # "in around three years' time", "in six months time": a span from the document's own date.
    r"|\bin (?:around |about |roughly |some |approximately |(?:just )?over |under )?(?:a |\d+ |\w+ )" + _SPAN + r"(?:['’]s?)? time\b",
    re.I,
)

NUMBER_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12})
ORDINALS: dict[str, int] = {
    w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)
}

# --- people ----------------------------------------------------------------------------------

# Titles that put a name after them ("Cllr Amina Khan", "Dr Lee").
TITLES = ("Cllr", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Sir", "Dame")

# Roles people hold in these documents, as they are written. A role asked about ("who was the
# lead member?") must be named beside the person who answers.
ROLES = (
    "lead inspector", "lead officer", "lead councillor", "inspector", "chair", "chairman", "chairwoman", "chairperson", "vice-chair", "vice chair",
    "director", "chief executive", "executive member", "cabinet member", "lead member", "portfolio holder",
    "mayor", "leader", "minister", "commissioner", "manager", "head of service", "officer", "owner", "lead",
    "councillor",
    # A post the Department for Education appoints to a council under a statutory direction or
    # notice ("appointed Jane Roe as the DfE's improvement adviser"), and the post that often
    # chairs the improvement board it sets up ("chaired by an adviser from the Department").
    "adviser", "advisor",
)

# A role asked for by its verb: "who owns the plan?" asks for its owner ("Owner: Deputy
# Director, Children"), a post as often as a person.
ROLE_VERBS: dict[str, str] = {"own": "owner", "owns": "owner", "owned": "owner"}
# Roles documents write by the office's title rather than the role's word: "which minister ...?"
# is answered by "the Parliamentary Under-Secretary of State for Children and Families, Jane Roe
# MP" or "the Minister of State for School Standards, John Doe".
ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "minister": ("secretary of state", "under-secretary of state", "under secretary of state", "minister of state", "minister"),
    # HMI sign and are named by their title: "Jane Roe, Her Majesty's Inspector" is the inspector.
    "inspector": ("her majesty's inspector", "his majesty's inspector", "hm inspector", "hmi"),
}
# One post under the names councils give it: the councillor holding the children's brief is its
# cabinet member in one council, its lead member or portfolio holder in another. A question
# asking for one is answered by a sentence naming the holder by any of them.
ROLE_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("cabinet member", "lead member", "portfolio holder", "executive member", "lead councillor"),
    ("chair", "chairman", "chairwoman", "chairperson"),
)
for _group in ROLE_SYNONYMS:
    for _role in _group:
        ROLE_TITLES[_role] = (*ROLE_TITLES.get(_role, ()), *(r for r in _group if r != _role))

# Nouns that make a group of people of the word before them: "the leadership team", "the
# improvement board". Such a word names a body, not a judgement area ("the leadership team is
# outstanding" grades no impact of leaders).
BODY_NOUNS = ("team", "teams", "group", "groups", "board", "boards", "role", "roles", "post", "posts", "structure", "capacity")

# Verbs that report what someone said or wrote ("She added that ...", "“...,” he said"): a sentence
# whose speaker is a pronoun before one of these is quoted with the sentence that names them
# (assistant.answering.speakers), a question asking who used them asks for a speaker, and one
# asking what a person said is answered only by a sentence attributing words to them with one of
# these (assistant.answering.gates.SpeakerGate).
REPORTING_VERBS = (
    "said", "says", "say", "added", "adds", "told", "tells", "explained", "explains", "described",
    "describes", "called", "calls", "noted", "notes", "praised", "praises", "welcomed", "welcomes",
    "stated", "states", "warned", "warns", "argued", "argues", "insisted", "insists", "admitted",
    "admits", "acknowledged", "acknowledges", "stressed", "stresses", "emphasised", "emphasized",
    "highlighted", "highlights", "thanked", "thanks", "commented", "comments", "remarked", "remarks",
    "continued", "continues", "replied", "replies", "responded", "responds", "urged", "urges", "wrote",
    "writes", "asked", "asks", "confirmed", "confirms", "reported", "reports", "reminded", "reminds",
    "assured", "assures", "credited", "credits", "paid tribute", "went on", "spoke", "speaks", "talked", "talks",
    "expressed", "expresses", "echoed", "echoes", "agreed", "agrees", "pointed out", "points out",
    "recognised", "recognises", "apologised", "apologises", "hoped", "hopes", "believed", "believes",
    "felt", "feels", "accepted", "accepts", "congratulated", "congratulates", "compared", "compares",
    "likened", "likens", "thought", "raised", "queried", "questioned", "suggested", "suggests",
    "informed", "advised", "updated", "outlined", "introduced", "presented", "reassured", "recognized",
    "claimed", "announced", "quoted",
    # Verbs minutes and news pages give a speaker's caveat or promise by ("Ms Lee cautioned that
    # ...", "He conceded ...", "She pledged ...").
    "cautioned", "cautions", "conceded", "concedes", "reiterated", "reiterates", "pledged", "pledges",
    "vowed", "vows", "declared", "recalled", "reflected",
)
# Reporting verbs that also name an act done to a paper or a decision: "who agreed the plan?",
# "who presented the report?", "who introduced the item?" ask who did it, so the act stays the
# event an answer must name (assistant.answering.question), where "who said ...?" drops the
# verb of what was said.
ACT_REPORTING_VERBS = frozenset({
    "agreed", "agrees", "accepted", "accepts", "presented", "introduced", "announced", "updated",
    "outlined", "raised",
})
# Pronouns that stand for a speaker named in an earlier sentence.
SPEAKER_PRONOUNS = ("he", "she", "they")

# A UK postcode, as an address block ends ("RM17 6SL", "DE4 3AG"): a letter's addressee, never
# a finding (assistant.answering.frame), and who a letter was addressed to (needs).
POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"

# American spellings users type, and the British ones English councils' papers use: "judgment",
# "organization", "program", "behavior", "center", "analyze", "license", "labeled". A real word
# the index lacks is read as the index's word when one of these rewrites makes it
# (assistant.answering.spelling), though a real word is otherwise never corrected.
AMERICAN_TO_BRITISH: tuple[tuple[str, str], ...] = (
    (r"dgment(s)?$", r"dgement\1"),
    (r"iz(e|es|ed|ing|ation|ations)$", r"is\1"),
    (r"yz(e|es|ed|ing)$", r"ys\1"),
    (r"or(s|al|ed|ing)?$", r"our\1"),
    (r"er(s)?$", r"re\1"),
    (r"^program(s)?$", r"programme\1"),
    (r"og(s)?$", r"ogue\1"),
    (r"ense(s)?$", r"ence\1"),
    (r"el(ed|ing|er|ers)$", r"ell\1"),
)

# --- the sector's acronyms -------------------------------------------------------------------

# What users type, and what documents spell out. A question's acronym is matched against the
# documents' words through these, so "DCS" finds "director of children's services".
ACRONYMS: dict[str, tuple[str, ...]] = {
    "ILACS": ("inspection of local authority children's services", "inspections of local authority children's services"),
    # A SIF report names itself by what it inspected, not by the framework's name.
    "SIF": ("single inspection framework",
            "inspection of services for children in need of help and protection, children looked after and care leavers"),
    "JTAI": ("joint targeted area inspection",),
    "DfE": ("Department for Education",),
    "DCS": ("director of children's services",),
    # Reports written by HMI call them "inspectors": "what did HMI say about X?" is what inspectors
    # said (the last form, which retrieval and the names check read; the role is the first's).
    "HMI": ("His Majesty's Inspector", "Her Majesty's Inspector", "HM Inspector", "inspectors"),
    "CiN": ("children in need", "child in need"),
    "CIN": ("children in need", "child in need"),
    "CiC": ("children in care", "children looked after", "looked-after children"),
    "CIC": ("children in care", "children looked after", "looked-after children"),
    "CP": ("child protection",),
    "CPP": ("child protection plan",),
    "CLA": ("children looked after", "looked-after children", "children in care"),
    "LAC": ("looked-after children", "looked after children", "children looked after", "children in care"),
    "CYP": ("children and young people",),
    "IRO": ("independent reviewing officer",),
    "SEND": ("special educational needs and disabilities", "special educational needs and/or disabilities"),
    "SEN": ("special educational needs",),
    "EHCP": ("education, health and care plan", "education health and care plan"),
    "EHC": ("education, health and care",),
    "MASH": ("multi-agency safeguarding hub",),
    "LSCB": ("local safeguarding children board",),
    "RI": ("requires improvement",),
    "RAG": ("red, amber, green",),
    "PLO": ("public law outline",),
    "UASC": ("unaccompanied asylum-seeking children",),
    "CSE": ("child sexual exploitation",),
    "LA": ("local authority",),
    "NEET": ("not in education, employment or training",),
}


# Words that make a year a bound of the answer rather than its year (assistant.answering.dates):
# "when was it inspected before the 2018 ILACS?" asks for an earlier year.
YEAR_COMPARISONS: dict[str, str] = {
    "before": "before", "prior to": "before", "earlier than": "before", "preceding": "before", "ahead of": "before",
    "after": "after", "later than": "after", "following": "after", "subsequent to": "after",
    "since": "since",
}


# Acronyms that are also ordinary words: read as the acronym only when typed in capitals ("how
# many SEND pupils", not "how many letters did they send").
WORD_ACRONYMS = frozenset({"SEND", "RAG", "MASH", "LA", "SEN"})


# The inspection frameworks' names: like a year, they say which inspection a question means ("the
# 2015 SIF inspection dates"), not what it is about; a sentence answering it need not repeat them.
FRAMEWORK_ACRONYMS = ("ILACS", "SIF")
# The years each framework's inspections were made in (the SIF's last re-inspections reported in
# 2018, ILACS began that year): a question naming a council, a year of these and the framework
# ("bedford 2017 SIF") names the inspection by the year already.
FRAMEWORK_YEARS: dict[str, tuple[int, int]] = {"SIF": (2013, 2018), "ILACS": (2018, 2100)}
# Inspections of a kind of their own, named by acronym: a question naming one names its
# document ("when was the JTAI report published?"), whose sentences seldom repeat it.
INSPECTION_KIND_ACRONYMS = ("JTAI",)


def expansions(acronym: str) -> tuple[str, ...]:
    """What an acronym stands for, matched case-sensitively first ("CP", not "cp") and then
    case-insensitively ("dcs"), because people type both. A plural ("LAs", "IROs") stands for
    the plural of each spelt-out form."""
    if acronym in ACRONYMS:
        return ACRONYMS[acronym]
    upper = {k.upper(): v for k, v in ACRONYMS.items()}
    if acronym.upper() in upper:
        return upper[acronym.upper()]
    if re.fullmatch(r"[A-Z][A-Za-z]*[A-Z]s", acronym) and acronym[:-1].upper() in upper:
        return tuple(_plural(form) for form in upper[acronym[:-1].upper()])
    return ()


def spelt_out_forms(acronym: str) -> tuple[str, ...]:
    """Every way a document may spell an acronym out: each expansion and its plural, since
    documents write the plural as often ("IRO" is in "independent reviewing officers")."""
    forms = expansions(acronym)
    return tuple(dict.fromkeys(forms + tuple(_plural(f) for f in forms)))


def _plural(phrase: str) -> str:
    # The head noun is the last word: "local authority" → "local authorities".
    head, _, last = phrase.rpartition(" ")
    if last.endswith("s"):
        return phrase  # already plural ("inspectors")
    last = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
    return f"{head} {last}".strip()


# Words an acronym's letters skip when spelt out: "NEADCS" is North East Association of
# Directors of Children's Services, "NEET" not in education, employment or training.
_INITIALS_SKIP = r"(?:of|and|for|the|in|on|or|to|with|&)"


def initials_pattern(acronym: str) -> re.Pattern | None:
    """A pattern for the words an acronym no vocabulary knows may stand for, by their initials
    ("NEADCS" → "North East Association of Directors of Children's Services"). Mixed case
    says which letters are small words ("DfE", "IoW"). Up to four letters match only capitalised
    words ("plans are slowly stalling" is no PASS), and fewer than three capitals nothing: so
    few letters match ordinary runs of words by chance.
    A trailing plural "s" ("LAs") is no letter of the name."""
    letters = acronym[:-1] if re.fullmatch(r"[A-Za-z]*[A-Z]s", acronym) else acronym
    if not re.fullmatch(r"[A-Za-z]+", letters) or sum(c.isupper() for c in letters) < 3:
        return None
    capitals_only = len(letters) <= 4
    gap = rf"(?:[\s,]+{_INITIALS_SKIP})*[\s,]+"
    body, small_before = "", False
    for i, c in enumerate(letters):
        small = c.islower()
        if i:
            # Beside a small word's own letter the words are adjacent; elsewhere small words may
            # come between without a letter of their own.
            body += r"[\s,]+" if small or small_before else gap
        first = c if small or capitals_only else f"[{c}{c.lower()}]"
        body += rf"{first}[\w'’-]*"
        small_before = small
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


# --- asking about the records ----------------------------------------------------------------
# How questions name the things the inspection records hold (`assistant.answering.records_answer`
# reads these; documents are read with the patterns above).

# An inspection's list of areas for improvement, as members and reports call it.
IMPROVEMENT_LIST_NAMES = (
    "areas for improvement", "areas for further improvement", "areas for development", "areas of improvement",
    "areas to improve", "areas that need to improve", "areas needing improvement", "improvement areas",
    "what needs to improve", "what needed to improve",
    # "what two things did X need to improve?", "what did Ofsted say X still needed to improve?"
    "need to improve",
)
# An inspection's findings asked for as a set of one leaning (assistant.answering.sections): what
# inspectors were concerned about, or what they found strong. The question's words, as regex pieces.
FINDINGS_ASKED: dict[str, tuple[str, ...]] = {
    "concerns": (
        r"concerns?", r"concerned", r"weakness(?:es)?", r"weaker\s+(?:areas?|spots?|points?|parts?)", r"weak\s+(?:spots?|points?|areas?)",
        r"shortcomings?", r"criticisms?", r"criticised", r"failings", r"worries", r"what\s+(?:needs|needed)\s+to\s+improve",
        r"improvements?\s+(?:did|were|was|had)\b[\w\s'’-]{0,40}?\b(?:ask|asked|want|wanted|require|required|recommend|recommended)",
        r"(?:ask|asked|asks|want|wanted|wants|told|require|required|requires|recommend|recommended)\b[\w\s'’-]{0,40}?\bto\s+improve",
    ),
    "strengths": (
        r"strengths?", r"strong\s+points?", r"working\s+well", r"works\s+well", r"worked\s+well", r"went\s+well", r"positives",
        r"praised?", r"good\s+practice",
    ),
}
# The headings (or a label line, or a heading run into its paragraph: "Strengths noted Timely
# support; ...") a document opens such a set of findings with, by leaning, as regex pieces read at
# the heading's start. A briefing's "Improvements:" lists what got better (a question's "what
# improvements did Ofsted ask for?" asks what must: FINDINGS_ASKED reads it so), unless it says
# they are needed.
FINDINGS_SECTIONS: dict[str, tuple[str, ...]] = {
    "concerns": (
        r"(?:key |main |the )?concerns", r"areas? of concern", r"(?:key |main )?weaknesses", r"weak(?:er)? (?:areas|spots|points|parts)",
        r"areas? (?:for|of) (?:further |continued )?(?:improvement|development)", r"areas? (?:still )?to (?:improve|develop)",
        r"what (?:still )?(?:needs|needed) to (?:improve|be better)", r"what (?:inspectors|ofsted) want(?:ed|s)? (?:to )?improved?",
        r"what could be better", r"improvements needed", r"recommendations",
    ),
    "strengths": (
        r"(?:key |main )?strengths", r"areas? of strength", r"what(?:'s|’s| is| was) working well", r"what works well", r"what went well",
        r"(?:key )?positives", r"what (?:inspectors|ofsted) praised", r"good practice",
        r"improvements(?!\s+(?:needed|required|to|asked|ofsted|inspectors))",
    ),
}
# The words a question names a kind of document by and nothing else ("the minutes", "the
# briefing", "the letter"): a findings question naming one reads that kind first. "Inspection",
# "ILACS" and "SIF" name the event, which every kind is about (unlike DOCUMENT_KIND_WORDS).
DOCUMENT_ONLY_WORDS: dict[str, tuple[str, ...]] = {
    "committee minutes": ("minutes", "scrutiny", "cabinet", "committee"),
    "other": ("briefing", "news", "press"),
    "action plan": ("plan",),
    "inspection report": ("letter", "report", "visit"),
}
# Whose words an inspection's findings are: "what concerns did inspectors raise?" asks for them.
INSPECTOR_WORDS = ("inspectors", "inspector", "ofsted", "inspectorate", "hmi")
# Words that ask about what a plan does about an area: its actions, their leads, deadlines, status.
PLAN_WORDS = (
    "plan", "plans", "action", "actions", "doing", "done", "do about", "respond", "response", "lead", "leads",
    "owner", "owns", "responsible", "deadline", "deadlines", "due", "status", "progress", "rag", "timescale",
)
# The names a plan goes by as a whole: what "who owns the X?" asks of the plan itself, not of
# one of its actions (assistant.answering.needs).
PLAN_NAMES = (
    "plan", "plans", "document", "documents", "strategy", "strategies", "statement of action", "statements of action",
    "programme", "programmes", "improvement notice",
)
# Words that ask when a committee looked at it.
DISCUSSION_WORDS = ("committee", "scrutiny", "discussed", "discuss", "meeting", "looked at", "look at", "considered", "board")
# Words that ask how grades moved between inspections.
CHANGE_WORDS = (
    "changed", "change", "changes", "over time", "since", "last time", "previous inspection", "previous one",
    "history", "trend", "improved", "declined", "between", "compare", "compared", "comparison", "before",
)
# How a question sets two inspections' grades side by side ("2015 vs 2024", "2014 compared with
# 2017", "how has its grade moved"): with one council and two years, a grade over time.
VERSUS_WORDS = ("vs", "vs.", "v", "versus", "compared with", "compared to", "compare", "moved", "improve", "improved",
                "change", "changed", "between", "from", "across")
# How a question asks whether a grade moved: "did X's grade go up or down between 2018 and 2024?",
# "did it get better from 2019 to 2023?". Asked of two years, its answer is each year's grade.
GRADE_CHANGE_WORDS = frozenset(
    "up down go goes went gone get got improve improved improves decline declined better worse fall fell drop dropped "
    "rise rose slip slipped change changed stay stayed same".split()
)
# How a question names a judgement area besides the reports' own phrases (AREA_PHRASES).
QUESTION_AREA_PHRASES: list[tuple[JudgementArea, re.Pattern]] = [
    (JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS, re.compile(r"children in care and care leavers", re.I)),
    *[(a, p) for a, p in AREA_PHRASES if a is not JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS],
    (JudgementArea.OVERALL_EFFECTIVENESS, re.compile(r"\boverall\b", re.I)),
    (JudgementArea.IMPACT_OF_LEADERS, re.compile(r"\bleadership\b|\bleaders\b", re.I)),
    (JudgementArea.CHILDREN_IN_CARE, re.compile(r"\blooked[- ]after\b", re.I)),
    (JudgementArea.CARE_LEAVERS, re.compile(r"\bleaving care\b|\bcare leaver\b", re.I)),
]


def areas_named(text: str) -> list[JudgementArea]:
    """Every judgement area a question names, in the vocabulary's order; "children in care and
    care leavers" is one area, not also its two halves."""
    found: list[JudgementArea] = []
    rest = text
    for area, pattern in QUESTION_AREA_PHRASES:
        if pattern.search(rest):
            rest = pattern.sub(" ", rest)
            if area not in found:
                found.append(area)
    return found


# --- money and speech -----------------------------------------------------------------------
# What a question asks a sum of money by: "what's the total cost of the plan?", "what was the
# budget for ...?", "what will the plan cost?", "how much money has X set aside for ...?". Such a
# question is answered by a sentence stating a sum (MONEY_SUM), not by any sentence about the plan.
MONEY_NOUNS = ("cost", "costs", "costing", "budget", "budgets", "funding", "spend", "spending", "price", "investment",
               "allocation", "grant", "money", "sum")
MONEY_VERBS = ("cost", "costs", "set aside", "invest", "invested", "allocate", "allocated", "budgeted", "earmark", "earmarked",
               "spend", "spent", "fund", "funded", "put aside")
# A sum of money as documents write it: "£2.4m", "£150,000", "3 million pounds", "£1.2 billion".
MONEY_SUM = re.compile(
    r"£\s?\d|\b\d[\d,.]*\s?(?:million|billion|bn|m|k|thousand)?\s+pounds\b|\b\d[\d,.]*\s?(?:million|billion|bn)\b", re.I
)

# Who speaks in minutes and news pages besides the holders of ROLES: the members of a body, by
# their group's name ("what did councillors / scrutiny members say?"), and the posts questions
# name them by.
SPEAKER_ROLES = (*ROLES, "members", "member", "councillors", "officers", "co-chair", "co-chairs", "deputy leader",
                 "head of", "corporate director", "cabinet members", "directors", "leaders", "cllr")
# The people whose views inspectors and reports gather in their own words ("social workers were
# positive about ...", "children told us ..."): asked what they said, the report's account of it
# answers, however it is worded, so no speaker is gated for them.
VIEW_GROUPS = (
    "social workers", "social worker", "staff", "children", "young people", "families", "parents", "carers",
    "foster carers", "care leavers", "practitioners", "partners", "managers", "leaders", "senior leaders", "schools",
    "professionals", "workers", "employees", "residents", "people",
)
# How a question asks for someone's words: "what did X say / tell / argue / think about ...".
SPEECH_ASKING_VERBS = (
    "say", "said", "tell", "told", "argue", "argued", "think", "thought", "feel", "felt", "comment", "commented",
    "explain", "explained", "state", "stated", "claim", "claimed", "describe", "described", "highlight", "highlighted",
    "add", "added", "write", "wrote", "respond", "responded", "make of",
)
# Who may be asked what they said without being a person: a document or an inspecting body
# speaks through its own sentences ("what did the 2019 report say about ...?", "what did
# inspectors say ...?"), which never read "the report said".
DOCUMENT_SPEAKERS = (
    "report", "reports", "letter", "letters", "inspection", "inspections", "inspectors", "inspector", "ofsted", "hmi",
    "visit", "visits", "minutes", "plan", "review", "audit", "jtai", "mv", "ilacs", "sif", "judgement", "judgment",
    "press release", "release", "statement", "article", "news", "page", "paper", "briefing", "document", "documents",
    "summary", "it", "they", "findings", "framework", "dfe", "department", "government", "cqc", "coverage",
)

# A later part of a question that has nothing of its own to be about but what the part before
# asked: "... and what did it find?", "... and what was the outcome?", "what happened next?".
# Its words, besides question words, are only these; it is answered about the earlier part's
# subject, from the document that answered it (assistant.answering.question.parse_parts).
BACK_POINTING_WORDS = (
    "find", "found", "finding", "findings", "outcome", "outcomes", "result", "results", "happen", "happened", "next",
    "say", "said", "decide", "decided", "decision", "conclude", "concluded", "conclusion", "show", "showed", "mean",
    "meant", "follow", "followed", "then", "after", "afterwards", "verdict", "response", "respond", "responded",
    "lead", "led", "tell", "told", "think", "thought", "judge", "judged", "end", "ended",
)

# Words by which a part of a question takes its time from another part ("what grade did X get in
# 2019, and who was the DCS then?", "... who was the commissioner that year?"). A part naming no
# year and none of these is about its own document, not the other part's year
# (assistant.answering.question.parse_parts).
TIME_POINTING_WORDS = ("then", "that year", "the same year", "that time", "the time", "same time", "that month", "by then")
# So does a part naming the other part's occasion by a demonstrative ("... and when did that
# inspection start?", "what did the leader say about this result?"): one of these nouns after
# "that", "this", "those", "these" or "the same", a word between them at most ("that Ofsted visit").
POINTED_OCCASION_NOUNS = (
    "inspection", "inspections", "visit", "visits", "report", "letter", "judgement", "judgment", "result", "outcome",
    "rating", "grade", "meeting", "date", "day", "week", "period",
)

# --- events: what a question asks the date, person, count or amount of -----------------------
# "When was the notice lifted?" is not answered by the date it was issued: the question's event
# (its main verb) must be named by the answer, as itself or as one of the words below. Each group
# is one event as documents word it (irregular forms listed: the answer's words are stemmed, not
# lemmatised). A verb in no group must appear as itself (any form sharing its stem).
EVENT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("lift", "lifted", "remove", "removed", "removal", "revoke", "revoked", "withdraw", "withdrawn", "withdrew", "end", "ended"),
    ("issue", "issued", "serve", "served", "impose", "imposed", "place", "placed"),
    ("appoint", "appointed", "appointment", "join", "joined", "recruit", "recruited", "named", "start", "started", "new"),
    ("resign", "resigned", "resignation", "leave", "left", "depart", "departed", "departure", "step", "stepped", "retire", "retired"),
    ("lead", "led", "leading", "leader", "head", "headed", "chair", "chaired", "lead inspector", "oversee", "oversaw", "overseen", "oversight"),
    ("publish", "published", "publication", "release", "released", "out"),
    ("approve", "approved", "approval", "agree", "agreed", "endorse", "endorsed", "sign", "signed", "adopt", "adopted"),
    ("submit", "submitted", "submission", "send", "sent"),
    # A letter is signed where it ends: "Yours sincerely Lorna Schlechte Her Majesty's Inspector".
    ("sign", "signed", "signature", "sincerely", "faithfully"),
    ("launch", "launched", "introduce", "introduced", "establish", "established", "set", "open", "opened"),
    ("discuss", "discussed", "discussion", "consider", "considered", "debate", "debated", "review", "reviewed", "scrutinise", "scrutinised", "meeting"),
    ("increase", "increased", "rise", "rose", "risen", "grow", "grew", "grown", "growth", "up", "more", "add", "added", "adding", "extra", "additional"),
    ("decrease", "decreased", "fall", "fell", "fallen", "decline", "declined", "reduce", "reduced", "reduction", "drop", "dropped", "down", "fewer"),
    ("spend", "spent", "spending", "cost", "costs", "invest", "invested", "investment", "allocate", "allocated", "fund", "funded", "funding", "budget",
     "set aside", "put aside", "earmark", "earmarked", "price", "priced"),
    ("speak", "spoke", "spoken", "talk", "talked", "interview", "interviewed", "meet", "met", "consult", "consulted"),
    ("close", "closed", "closure"),
    ("direct", "direction", "directed", "intervene", "intervention", "force", "forced", "order", "ordered"),
    # A reaction, as news pages and minutes report one: "responded", "welcomed", "said".
    ("respond", "responded", "response", "comment", "commented", "welcome", "welcomed", "react", "reacted", "say", "said", "says", "told", "added", "quoted"),
    ("monitor", "monitored", "monitoring"),
    ("write", "wrote", "written", "letter", "sign", "signed"),
    ("elect", "elected", "election"),
    ("request", "requested", "ask", "asked", "invite", "invited", "commission", "commissioned"),
)
# "How many people ...?" counts people of any kind: "speaking with more than 100 children, staff,
# parents and partners" answers it. One way only: "how many children ...?" is not answered by a
# count of staff.
PEOPLE_NOUNS = ("people", "persons", "individuals")
PEOPLE_KINDS = (
    "children", "young people", "staff", "parents", "carers", "foster carers", "families", "partners", "workers",
    "social workers", "practitioners", "professionals", "managers", "leaders", "members", "councillors", "residents",
    "adults", "care leavers", "colleagues", "stakeholders",
)
# A subject said another way: "how much had the council cut?" is answered by "savings of about
# £170m". Each group is one thing as documents word it; a question's subject word in a group is
# met by any word of it (assistant.answering.gates.spelt_out). Only words that name the same
# thing, never a broader one ("money" is no cut).
SUBJECT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("cut", "cuts", "saving", "savings", "reduction", "reductions"),
    # "How many councils ...?" is answered by "146 local authorities".
    ("council", "councils", "authority", "authorities"),
    # "How much extra money ...?" is answered by "an additional £5 million".
    ("extra", "additional"),
)
# Nouns that stand for whatever the items are ("what three things did the visit look at?", "the
# main bits of the plan"): an answer names the items themselves, never "things".
PLACEHOLDER_NOUNS = ("thing", "things", "bit", "bits")
# Words of a council's full name ("North Anyshire County Council", "Anytown Borough Council"):
# what the question names it by, not what it asks about.
COUNCIL_NAME_WORDS = ("county", "borough", "metropolitan", "district", "city", "royal")

# Roles a council gives another body, not a person: "who is Anytown's improvement partner?" is
# answered by "Othertown Council is Anytown's improvement partner" (a DfE partner in practice, a
# sector-led improvement partner, a provider of its services).
BODY_ROLES = ("partner", "partners", "provider", "providers")

# The words of an address's street or building ("Middlewich Road", "Civic Offices", "Town Hall")
# and of a council's own name after a place ("Milton Keynes City Council"): two capitalised words
# before or ending in one are a place, not a person (assistant.answering.needs.person_pairs).
ADDRESS_WORDS = (
    "Road", "Street", "Lane", "Avenue", "Way", "Square", "Place", "Drive", "Crescent", "Terrace", "House", "Hall",
    "Offices", "Centre", "Circus", "Close", "Park", "Buildings", "Gardens", "Quay", "Parade",
)
# A council's own buildings: "Hammersmith Town Hall", "Hove Town Hall", "Maidenhead Town Hall",
# "Barking Town Hall". A meeting held there, or a letter addressed there, is the council's; a venue
# named after one part of a two-part name ("Hammersmith" of Hammersmith and Fulham) names the council.
COUNCIL_VENUE_WORDS = ("Town Hall", "Civic Centre", "Civic Offices", "Civic Hall", "County Hall", "Guildhall", "Council House")
COUNCIL_AFTER_WORDS = ("City", "County", "Borough", "Metropolitan", "District", "Town", "Civic", "Council")

# A common noun after two capitalised words makes them the name of a thing, not a person's:
# "the Brighter Futures strategy", "its Family Safeguarding model", "the Front Door team"
# (assistant.answering.needs.person_pairs).
NAMED_THING_NOUNS = (
    "strategy", "programme", "program", "project", "model", "approach", "initiative", "scheme", "team", "teams",
    "hub", "service", "services", "framework", "plan", "partnership", "board", "panel", "policy", "pathway",
    "system", "tool", "toolkit", "unit", "centre", "centres", "network", "award", "awards", "review", "standard",
)

# Workforce and practice measures that are figures ("what was the social worker turnover?" is
# answered by "turnover fell to 14%", not by a grade row): assistant.answering.needs.
FIGURE_NOUNS = (
    "turnover", "vacancy rate", "vacancy rates", "agency rate", "agency staff rate", "re-referral rate", "re-referral rates",
    "average caseload", "average caseloads", "sickness rate", "sickness absence rate", "absence rate",
)

# What a sentence says it does not give: "the other four are not reproduced here", "he said the
# council could not yet say what the changes would be", "the grade is not given in this
# briefing". It mentions what was asked and withholds it, so it answers nothing but whether the
# thing was given (assistant.answering.gates.WithheldGate).
WITHHELD_PHRASES = (
    "not reproduced", "not given", "not stated", "not disclosed", "not published", "not been published",
    "not made public", "not been made public", "not yet known", "not known", "could not yet say", "could not say",
    "cannot yet say", "cannot say", "can't yet say", "did not say", "does not say", "declined to say",
    "declined to comment", "declined to give", "not set out", "not included in this", "not recorded",
)

# The kinds of body whose meetings minutes record, by the words that name them ("the Overview
# and Scrutiny Committee", "the Improvement Board", "Cabinet"): who chaired a meeting is of that
# body only (assistant.answering.gates.MeetingBodyGate). "Council" is left out: a question's
# "the council" is the authority, not its full council meeting.
MEETING_BODY_WORDS = (
    "cabinet", "committee", "sub-committee", "board", "panel", "commission", "forum", "partnership", "scrutiny",
    "lscb", "trust",
)

# What a visit or an inspection looked at, however the question and the letter say it ("what did
# the visit cover / focus on / evaluate?" is answered by "Inspectors looked at ..."): one subject
# word for the gates (assistant.answering.gates.spelt_out).
SCOPE_VERBS = (
    "look", "looked", "looking", "focus", "focused", "focussed", "cover", "covered", "evaluate", "evaluated", "examine",
    "examined", "explore", "explored", "assess", "assessed", "consider", "considered", "review", "reviewed",
)
# The bodies that inspect, direct or report on councils, as users type them (often in lower
# case, which the parser can read as a verb: "when did ofsted inspect surrey?").
BODIES = frozenset({"ofsted", "ofstead", "dfe", "cqc", "hmicfrs", "hmi", "hmip", "lga", "adcs"})
# Verbs that say only that something happened or was found, not which event: "when did the
# inspection take place?", "who inspected?", "how many children did inspectors see?". A question
# whose main verb is one of these has no event for an answer to match.
GENERIC_EVENT_VERBS = frozenset(
    "be have do get happen take hold carry occur start begin end finish conclude visit inspect say tell find give make "
    "see come go become need want know show report rate grade judge receive attend describe include involve cover look "
    "expect plan use call mean seem remain keep put bring let think feel work help provide support identify "
    "list note record cite mention count number total name accord date own".split()
)
# Verbs whose object carries the event ("sent apologies", "raised concerns", "passed a motion").
LIGHT_VERBS = frozenset({"send", "raise", "pass", "offer", "lodge", "table"})
# Verb and particle that, together, say no more than a generic verb: "the areas Ofsted set out".
GENERIC_PHRASAL_VERBS = frozenset({"set out", "carry out", "point out", "find out", "bring forward", "take part"})


# --- table headers: how a row is read as a line a person would write --------------------------
# "Ref: 2.2 — Area for improvement: X — Action: Y" reads "Area for improvement 2.2: X; action: Y."
ROW_ID_HEADERS = frozenset({"ref", "ref.", "no", "no.", "number", "item", "#", "id"})
# "Judgement: Overall effectiveness — Grade: Inadequate" reads "Overall effectiveness: Inadequate."
ROW_AREA_HEADERS = frozenset({"judgement", "judgment", "judgement area", "area", "sub-judgement"})
ROW_GRADE_HEADERS = frozenset({"grade", "rating", "judgement", "outcome", "result"})
# "Year: 2023 — Overall effectiveness: Good" reads "In 2023, overall effectiveness: Good."
ROW_TIME_HEADERS = frozenset({"year", "date", "month", "inspection date", "when"})


# --- what a date is, by the words before it --------------------------------------------------
# The label a document writes before a date says whose date it is. Each class is a named feature
# of a candidate date in indexer/metadata.py; the phrases are matched as whole words, nearest last.
DATE_LABELS: dict[str, tuple[str, ...]] = {
    # The document's own date, as publishers and clerks print it.
    "published": ("published", "publication date", "date of publication", "date published", "published on",
                  "issued", "reported", "posted", "news"),
    # A later revision of a page first published on another date ("29 August 2018 · Updated 3
    # September 2018"): a class of its own, so the fitted weights can prefer the first publication.
    "updated": ("last updated", "updated", "last modified"),
    "meeting": ("meeting held on", "held on", "date of meeting", "meeting date", "meeting of", "meeting:",
                "minutes of", "record of the meeting", "meeting"),
    "date": ("date", "dated"),
    # Whose date is another event's: the visit, the next meeting, a plan's audience. A date labelled
    # "next" is one the document says is still to come; metadata.date_candidates drops it.
    "inspection": ("inspection dates", "inspection date", "inspection:", "inspected", "inspection in",
                   "visit on", "visit in", "visit to", "took place", "fieldwork", "carried out", "inspection of"),
    "next": ("next meeting", "to be held", "future meeting", "due by", "deadline", "review date",
             "effective from", "next review", "review due", "call-in", "call in", "called in", "into force", "will be held", "will meet",
             # A plan's row: when an action is due, not when the plan was written ("Target date: July 2019").
             "due", "due date", "target date", "timescale", "by when", "completion date", "to be completed by",
             # A target the document looks forward to ("expected before the end of March 2026").
             "by the end of", "before the end of", "expects", "expected", "expect",
             "is to be", "are to be", "planned for", "scheduled for", "will take place", "meets next", "next meets"),
    # A plan's or a progress report's own date: the position it reports ("Status report: May 2019",
    # "Plan position: February 2023", "Update: March 2024").
    "status": ("status report", "plan position", "position at", "position as at", "as at", "status at", "update",
               "progress update", "progress report", "last reviewed", "reviewed", "refreshed"),
    "audience": ("draft for", "prepared for", "considered by", "for cabinet"),
    # A plan's version line ("Version 1.2 – May 2023"): the date of the plan as issued, while the
    # rows' progress updates are each action's.
    "version": ("version", "revision"),
}
# A word just before a date that makes it a recalled event ("judged inadequate in January 2019",
# "since February 2017"); a dateline or a heading's date has none.
DATE_RECALL_WORDS = frozenset(
    "in since after following before from between during of on last previous earlier than".split()
)
# A word just before a date that makes it a deadline ("send an action plan to the Secretary of State
# by 11 December 2017", "complete the audit no later than March 2024"): a date the document looks
# forward to, though no label says so.
DATE_DEADLINE_WORDS = frozenset({"by", "later"})
# Words in a line that make it a resolution about an earlier record ("the minutes of the meeting
# held on 23 September be signed as a correct record"), not the meeting's own heading.
DATE_RECORD_WORDS = re.compile(r"\b(?:resolved|agreed|approved|confirmed|signed|correct record|true record|accurate record|"
                               r"last meeting|previous meeting|correction)\b", re.I)
# A news page's furniture: its top bar ("Thursday 6 August 2015 | Log in | Read the e-paper"), and
# the headings of lists of other stories, under which every date is another story's.
# A byline's pipes ("Posted by Cllr Wallis | 27 June 2016 | Category") are not furniture; the top bar's words are.
DATE_FURNITURE = re.compile(r"\blog ?in\b|\bsign ?in\b|\bsubscribe\b|\be-paper\b|\bmy account\b", re.I)
DATE_FURNITURE_SECTION = re.compile(r"\bmost (?:read|popular|viewed)\b|\brelated (?:stories|articles|news|content)\b|"
                                    r"\bmore (?:news|stories)\b|\blatest (?:news|stories)\b|\byou may also like\b|\btrending\b", re.I)
# A byline or dateline: a short line that says who wrote the page or when it went up ("By Staff
# Reporter | 2019", "Posted 3 May 2021", "Published: 2019"). A bare year on it dates a news page or
# blog that prints no fuller date, however far below the headline the page's furniture pushes it.
DATE_BYLINE = re.compile(r"^\s*(?:(?:written|posted|published|words|report)\s+by\b|by\s+[A-Z]|posted\b|published\b|"
                         r"last updated\b|updated\b|dated?\b)", re.I)
# Headings and lines that introduce other events' dates: a history table, a timeline, background.
DATE_HISTORY = re.compile(r"\b(?:history|timeline|background|previous inspections?|chronology|year:|date:\s.*event:)", re.I)

# --- which council a document is about ---------------------------------------------

# Words just before a council's name that make it a comparison or a partner, not the document's
# own council: "like Leeds", "neighbouring Trafford", "compared with Wigan", "than Bolton",
# "the partnership with Hampshire".
COUNCIL_COMPARISON_BEFORE = re.compile(
    r"\b(?:like|unlike|neighbou?ring|neighbou?rs?(?: such as| including)?|compared (?:with|to)|comparison with|than|"
    r"such as|similar to|as did|as in|other councils?(?: such as| including)?|statistical neighbou?rs?(?: such as| including)?|"
    r"follows?|following|joins?|joining|alongside|as well as|including|versus|vs\.?|"
    # A partner or helper council, named beside the one the document is about: "the partnership with
    # Hampshire County Council", "supported by Essex as its improvement partner".
    r"(?:strategic |improvement )?partnership with|partners? with|partnered with|in partnership with|supported by|"
    r"support from|help from|working with|on behalf of|partner(?: council)?,?|"
    # A council named as history: a shared service the council left or an arrangement it had
    # ("after leaving the tri-borough arrangement with Kensington and Chelsea", "formerly shared
    # with Westminster", "split from Cumbria").
    r"(?:[\w-]+\s+)?arrangements? with|shared (?:services?|arrangements?|with)|(?:formerly|previously) (?:part of|with|shared with)|"
    r"split from|separated from|broke away from|left)\s*(?:the\s+)?$",
    re.I,
)
# Words just after it that say the same: "Wigan was also rated", "Bolton, which was also".
COUNCIL_COMPARISON_AFTER = re.compile(r"^\s*(?:,\s*which\s+)?(?:(?:was|were|has|had|is|have)\s+also|also\b|too\b)", re.I)
# A council named as the body that speaks: "Salford City Council", "London Borough of Hackney",
# "Council of the Isles of Scilly", "Inspection of Essex local authority children's services".
COUNCIL_OWN_BEFORE = re.compile(r"(?:London Borough of|Royal Borough of|Borough of|City of|County of|Council of(?: the)?|"
                                r"Inspection of|visit to|inspection of)\s*$", re.I)
COUNCIL_OWN_AFTER = re.compile(r"^\s*(?:City|County|Borough|Metropolitan Borough|Metropolitan District|District)?\s*Council\b|"
                               r"^\s*(?:local authority|children[’']?s services)", re.I)

# --- what kind of document it is -------------------------------------------------------
#
# Cues read from the content, each a class of wording one kind of document uses and the others
# do not; metadata.kind_features counts them and a fitted linear score per kind weighs them.
KIND_CUES: dict[str, re.Pattern] = {
    # Ofsted's own report and letter openings.
    "report_heading": re.compile(
        r"inspection of [\w ,'’&-]+ (?:local authority )?children[’']?s services|inspection dates?\s*:|lead inspector\s*:|"
        r"\b(?:focused|monitoring) visit to\b|joint targeted area inspection|area send (?:inspection|revisit)|\bsend revisit\b|"
        r"\brevisit(?:ed)? the [\w ,'’-]+ local area\b|"
        r"inspection of (?:services for )?children (?:in need|looked after)", re.I),
    "letter": re.compile(r"^dear\b|this letter (?:summarises|sets out)|\byours sincerely\b|\bhis majesty[’']?s inspector\b|"
                         r"\bher majesty[’']?s inspector\b|\bhmi\b|\bofsted and (?:cqc|the care quality commission)\b", re.I | re.M),
    "inspector_voice": re.compile(r"\binspectors (?:found|saw|spoke|met|looked|considered|evaluated)\b|\bwhat needs to improve\b|"
                                  r"\bthe local authority\b|\bleaders (?:have|know|understand)\b|\bsenior leaders\b", re.I),
    # A news page or press release: reported speech, a newsroom's wording and chrome.
    "reported_speech": re.compile(r"\b(?:said|says|told|added|commented)\b", re.I),
    "news_wording": re.compile(r"\bpublished today\b|\bpress release\b|\bmedia release\b|\bnews release\b|\bmedia enquiries\b|"
                               r"\bpress office\b|\bnotes to editors?\b|\bfor immediate release\b|\bnews and announcements\b|"
                               r"\bwritten by\s*:|\bposted (?:on|by)\b|\bnewsroom\b|\badvertisement\b|\bshare this\b|"
                               r"\brelated (?:stories|articles|news)\b|\bsign up to\b|\bmost read\b|\breporter\b|\bfollow us\b", re.I),
    "councillor_quoted": re.compile(r"\b(?:cllr|councillor|cabinet member|leader of the council|council leader|mayor)\b", re.I),
    # Minutes: who came, what was resolved, and a committee system's page for one item of a meeting
    # ("Meeting: 30/09/2022 - Council (Item 7.)", "Minutes:"), which carries the minute of that item.
    "attendance": re.compile(r"\bpresent\s*:|\bin attendance\b|\bapologies\b|\bdeclarations? of (?:pecuniary )?interests?\b|"
                             r"\bchair(?:man|person)?\b|\bco-opted\b", re.I),
    "resolution": re.compile(r"\bresolved\b|\b(?:true|correct|accurate) record\b|\bminutes of the (?:previous |last )?meeting\b|"
                             r"\bit was (?:agreed|noted)\b|\bmembers (?:asked|noted|welcomed|discussed|heard|questioned|were (?:told|informed))\b|"
                             r"\bthe (?:committee|board|panel|cabinet|commission|executive) (?:received|considered|noted|agreed|heard|discussed)\b|"
                             r"\btold the (?:committee|board|panel|cabinet|commission|meeting)\b|\b(?:introduced|presented) the (?:item|report)\b|"
                             r"\bordered that\b", re.I),
    "minute_item": re.compile(r"\bminutes\s*:|\bmeeting\s*:\s*\d|\bmeeting of [^.]{0,80}\(item\b|\bagenda item\b|\bmeeting date\s*:|"
                              r"\bminutes extract\b", re.I),
    # Not minutes, though a committee's papers: a decision notice (a committee system's record of one
    # decision: its field labels) and an officer's report to a meeting (its sections and its
    # recommendations, "That Cabinet notes ..."). Neither is the record of the meeting.
    "decision_notice": re.compile(r"\bdecision (?:maker|status|details|published|notice|reference)\b|\bkey decision\b|\bcall[ -]in\b|"
                                  r"\bwards affected\b|\bdecisions?\s*:|\brecord of decision\b|\breasons? for (?:the )?decision\b|"
                                  r"\bdate of (?:decision|publication)\b|\bdelegated decision\b|\balternative options (?:considered|rejected)\b|"
                                  r"\boptions considered\b|\beffective from\b|\bpublication date\b|\bissue history\b|\bsupporting documents\b|"
                                  r"\blead officer\b|\bdecisions? will come into force\b", re.I),
    "committee_report": re.compile(r"\bpurpose of (?:the |this )?report\b|\brecommendations?\s*(?::|to (?:cabinet|committee))|"
                                   r"\breport (?:of|to|author)\b|\bcommittee\s*:|\bmeeting\s*:|\bto inform (?:the )?(?:cabinet|committee|council|members|panel|board)\b|"
                                   r"\bthat (?:the )?(?:cabinet|committee|council|panel|board) (?:notes?|endorses?|approves?|agrees?|considers?)\b|"
                                   r"\bmembers are (?:asked|invited|recommended) to\b|\bthis report (?:tells|informs|updates|asks|seeks|provides|sets out)\b|\b(?:financial|legal|equality) implications\b|\bbackground papers\b", re.I),
    # An improvement plan, whatever its format: its columns and its wording.
    "plan_wording": re.compile(r"\b(?:action|improvement|transformation|recovery|development) (?:plan|programme)\b|"
                               r"\bstatement of action\b|\bwritten statement of action\b|\bpriority actions?\b", re.I),
}
# The cues grouped by the kind of document that uses them.
KIND_CUE_FAMILIES: dict[str, tuple[str, ...]] = {
    "ofsted_cues": ("report_heading", "letter", "inspector_voice"),
    "news_cues": ("reported_speech", "news_wording", "councillor_quoted"),
    "committee_cues": ("attendance", "resolution", "minute_item"),
    "paper_cues": ("decision_notice", "committee_report"),
}
# The columns of a plan's table: action, who leads it, by when, and how it is going.
PLAN_COLUMNS = re.compile(r"\b(?:actions?|lead(?: officer)?|owner|responsible|deadline|timescales?|by when|target date|"
                          r"completion date|due date|rag|status|progress|milestones?|measures? of success|success measures?|"
                          r"outcomes?|evidence)\b", re.I)

# --- a document's frame: what it says about itself, not what it found ---------------------------
# The words a document names itself by ("This letter summarises ...", "The briefing sets out
# ..."), the verbs it describes itself with, and the labels of its header and byline lines
# ("Report published: January 2023", "Inspection dates: ..."). A summary's points are its findings;
# these lines are a document's frame (assistant.answering.frame).
DOCUMENT_NOUNS = (
    "letter", "report", "briefing", "note", "paper", "page", "document", "summary", "article", "story",
    "release", "statement", "update", "item", "minutes", "plan",
)
DOCUMENT_SELF_VERBS = (
    "summarises", "summarizes", "sets out", "restates", "describes", "outlines", "reports on", "considers", "was prepared",
    "was written", "is not", "is an", "is a",
)
# Of these, the ones that say it of a bare "this" or "it" ("It restates ...", "This sets out ..."):
# "This is a concern" is a finding.
BARE_SELF_VERBS = ("summarises", "summarizes", "sets out", "restates")
FRAME_LABELS = (
    "report published", "published", "publication date", "date published", "inspection dates", "inspection date",
    "dates of inspection", "date of visit", "dates of visit", "visit dates", "lead inspector", "inspectors", "date",
    "posted", "updated", "by", "tags", "author", "prepared by", "prepared for", "to", "from", "cc",
    # a web page's navigation: "Related news: ...", "More from the news desk: ...", "Read more: ..."
    "related news", "related stories", "related", "more from", "read more", "see also", "share",
    # a meeting's header lines: who came, who sent apologies, where and when it sat
    "present", "also present", "in attendance", "apologies", "apologies for absence", "venue", "version",
)
# A document's note on what it leaves out or changes ("Where a detail was not publicly reported,
# it has been left out", "Names have been changed", "Personal details are redacted"): what is
# left out is said of the document's own details, never of children or staff ("Three children
# were removed from unregistered homes" is a finding).
EDITORIAL_SUBJECTS = (
    "detail", "details", "name", "names", "information", "figure", "figures", "data",
    "personal details", "identifying details", "some details", "such details",
)
# A pronoun is the note's subject only after the clause saying which details ("Where a detail
# was not publicly reported, it has been left out"): "It has been removed from the list" is news.
EDITORIAL_PRONOUNS = ("it", "they", "this", "these")
# Verbs of leaving content out, said with a pronoun too; the rest only of the details themselves
# ("Where children were at risk, they were removed" is a finding).
OMISSION_VERBS = ("left out", "omitted", "redacted", "anonymised", "anonymized", "not included", "not reproduced", "not shown")
EDITORIAL_VERBS = (*OMISSION_VERBS, "removed", "changed", "withheld", "excluded")
# The first words of lines that frame a letter or a page: its sign-off, byline, a page's
# navigation, and Ofsted's closing boilerplate.
FRAME_OPENINGS = (
    "yours sincerely", "yours faithfully", "posted ", "published on", "prepared for",
    "prepared by", "letter shared with", "letter sent to", "more from", "related news", "read more", "see also", "tags:", "ofsted will take the findings", "ofsted will continue to monitor",
    # a plan's or a paper's title line, naming what it answers: "Response to the Ofsted ILACS
    # inspection of March 2022 (overall effectiveness: ...)", "Responding to the Ofsted focused visit ..."
    "response to the ofsted", "response to ofsted", "responding to the ofsted", "responding to ofsted",
    # the opening line of a set of minutes: "Minutes of the meeting held on Tuesday 8 July ..."
    "minutes of the meeting", "minutes of a meeting", "minutes of the virtual meeting", "minutes of the extraordinary meeting",
)
# The words a question names one kind of document by, as its title or file name does ("the
# focused visit letter", "the cabinet report", "the SEND revisit", "the inspection"): a summary of
# a whole document is of the document they name, not of another that ranks one sentence higher.
# Each is also the word for one kind of document (indexer.types.DocKind, by its value): "the
# inspection" is Ofsted's own report or letter, "the cabinet report" the council's committee paper.
DOCUMENT_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "inspection report": ("inspection", "reinspection", "visit", "monitoring", "focused", "jtai", "ilacs", "sif", "send",
                          "revisit", "joint", "targeted", "letter"),
    "committee minutes": ("minutes", "cabinet", "scrutiny", "committee", "agenda", "decision", "notice"),
    "action plan": ("plan",),
    "other": ("news", "press", "release", "statement", "blog", "briefing"),
}
# The words an agenda item's heading names an inspection by ("CAB4/05/20 The findings of the
# Ofsted inspection", "Item 6: ILACS outcome", "Focused visit letter"): in minutes of many items,
# the items about the inspection are those headed by one. Not "report": a minutes item is often
# "Report of the Director of Finance".
INSPECTION_ITEM_WORDS = ("ofsted", "inspection", "inspections", "reinspection", "ilacs", "sif", "jtai", "monitoring visit",
                         "focused visit", "improvement notice", "inspectorate")
# The words a title names a visit or its letter by, not a full inspection: "summarise the 2023
# ILACS" is of the inspection's report, not of a focused visit's letter the same year.
VISIT_NAMING_WORDS = ("visit", "visits", "monitoring", "focused", "letter", "revisit", "jtai", "joint", "targeted")
DOCUMENT_NAMING_WORDS = (*(w for words in DOCUMENT_KIND_WORDS.values() for w in words), "report")
# How a part of a question names a document that came after the one the rest of the question is
# about ("what was the grade in 2023 and what did the later focused visit say?"): a later
# document, not the year's. "Next" is left out: "the next inspection" is still to come.
LATER_WORDS = ("later", "subsequent", "following", "follow-up", "follow up")
# Words that pick a document or an event by its time ("the recent JTAI", "the latest letter"):
# which one, never what it is about.
RECENCY_WORDS = ("recent", "latest", "previous", "last", "newest", "earlier")
# The words a question names the document or visit it asks about by ("what did the 2025 focused
# visit letter say about ...?", "what theme did the recent JTAI look at?"). Not "plan", "note" or
# "update": an improvement plan or a care plan is often what is asked about.
WHICH_DOCUMENT_WORDS = (
    *VISIT_NAMING_WORDS, "report", "letter", "briefing", "paper", "page", "document", "article", "story", "release",
    "statement", "minutes", *RECENCY_WORDS, *LATER_WORDS,
)
# An inspection named by what came of it: "the leader quoted about the 2022 Ofsted result", "the
# minister's letter on the outcome". Which occasion a person spoke on, not what they said.
INSPECTION_OUTCOME_WORDS = (
    "ofsted", "inspection", "inspections", "result", "results", "outcome", "outcomes", "judgement", "judgment",
    "rating", "grade", "verdict",
)
# How a summary is asked for ("summarise the report's main findings", "the key points"): not what
# it is about (the answering gates leave them out of a summary's subject words).
SUMMARY_ASKING_WORDS = (
    "summarise", "summarize", "summary", "overview", "key", "main", "points", "headline", "headlines", "findings", "finding",
)
# How a summary asks for a council's inspections over time, not one inspection: "summarise X's
# Ofsted history", "X's journey since 2019", "its inspections over the years". Its points are
# each inspection's, oldest first (assistant.answering.pipeline.spans_time also reads a span of
# years, "from 2015 to 2019", "since 2022", and one of grades, "from inadequate to good").
HISTORY_WORDS = ("history", "journey", "over the years", "over time", "trajectory", "track record", "timeline")
# What "summarise the Sefton third monitoring visit findings" names besides the council and the
# year: the document or the event it reports. A summary asking only these is of the whole
# document, not of one subject in it ("summarise what inspectors said about care leavers").
DOCUMENT_EVENT_WORDS = (
    "inspection", "inspections", "inspected", "reinspection", "re-inspection", "visit", "visits", "monitoring",
    "focused", "jtai", "ilacs", "sif", "joint", "targeted", "area", "found", "find", "said",
    "say", "says", "inspectors", "inspector", "ofsted", *SUMMARY_ASKING_WORDS,
    "outcome", "result", "results", "latest", "last", "recent",
    # How long a summary is wanted ("a short summary", "a quick overview"): no subject.
    "short", "quick", "concise",
    "children's", "services", "social", "care",
)
# Who a summary is for, said after what it is of ("summarise the 2022 visit letter for my team
# briefing", "... for a new governor", "... for the partnership board"): the reader, not a
# subject in the document. Read only in such a phrase (SUMMARY_AUDIENCE): "what did the report
# say about staff?" asks about staff.
SUMMARY_AUDIENCE_WORDS = (
    "staff", "members", "member", "councillors", "councillor", "cabinet", "colleagues", "governors", "governor",
    "team", "teams", "partnership", "partners", "board", "panel", "committee", "trustees", "parents", "residents",
    "briefing", "briefings", "training", "session", "newsletter", "slide", "slides", "presentation", "meeting",
    "induction", "new", "safeguarding", "scrutiny", "my", "our", "the", "a", "an", "next", "quick", "short",
    # Who else a summary is wanted for: people joining or training ("for new starters", "for our
    # trainees") and the council's own roles ("for the social workers", "for managers"). Not "young
    # people", "families" or "carers": in this domain they are what a summary is asked about.
    "starters", "starter", "joiners", "recruits", "newcomers", "trainees", "students", "learners", "cohort", "group", "forum",
    "officers", "managers", "leaders", "practitioners", "social", "workers", "workforce", "portfolio", "holder", "holders",
    "lead", "leads", "mp", "mps", "everyone", "public",
)
_AUDIENCE = r"(?:(?:" + "|".join(SUMMARY_AUDIENCE_WORDS) + r")(?:['’]s?)?\s+){0,4}(?:" + "|".join(SUMMARY_AUDIENCE_WORDS) + r")(?:['’]s?)?"
# At the question's end ("... for members") or as its lead ("For a training session, summarise ...").
SUMMARY_AUDIENCE = re.compile(r"\bfor\s+" + _AUDIENCE + r"\s*[?.!]*\s*$|^\s*for\s+" + _AUDIENCE + r"\s*[,:;-]", re.I)
