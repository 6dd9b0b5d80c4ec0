"""Yes-or-no questions ("did the visit find workloads had improved?", "were any parts rated
inadequate?", "Leeds 2022 inspection: any areas for improvement?"): what they ask and which
sentences decide them.

Such a question asks whether a proposition holds. Its answer is the sentence that says so, or
says it does not ("no aspect of the service had been judged inadequate", "Inspectors did not
identify any new areas for priority action", "sufficient progress in 7 of the 9 areas"): a
sentence holding the proposition's own words, often with a negation or a quantity. The words
naming the council, the document or the visit only say which ("the 2020 focused visit"), and
the letter's frame ("This letter summarises the findings of the focused visit to X") names them
all while deciding nothing. Nor does a sentence that poses the question itself ("to decide
whether sufficient progress had been made", "Members asked whether the report contained areas
for improvement"). The features (features.py) read these; no "Yes" or "No" is printed that the
documents do not write: the quoted deciding sentence is the answer.
"""

from __future__ import annotations

import re

from functools import lru_cache

from indexer.vocabulary import COUNCIL_NAME_WORDS, MONTH_NAMES, NUMBER_WORDS, ORDINALS, WHICH_DOCUMENT_WORDS
from indexer.words import stem_words, terms

# The auxiliary a yes-or-no question opens with, after any context lead ("For Leeds in 2022,
# did ...", "Wirral 2023: is ..."): Question.asks is already without a lead set off by a colon
# or a dash, a comma-led context piece stays in front of it.
_AUXILIARY = r"(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|must)"
# An elliptical one asks after any of something ("any areas for improvement?", "any new
# priority actions at the 2021 visit?").
# "Can you summarise ...", "could you list ...", "would you tell me ..." are requests, not
# yes-or-no questions.
_YES_NO = re.compile(rf"^\W*(?:(?:and|so|also|but)\s+)?(?:{_AUXILIARY}(?:n['’]t)?|any)\b(?!\s+(?:you|u|we|i)\b)", re.I)
_CONTEXT_PIECE = re.compile(r"^[^?]*?(?:,|:|\s[-–—])\s+")
# A question word before the auxiliary makes it a wh-question ("what did ...", "how was ...").
_WH = re.compile(r"\b(?:what|which|who|whom|whose|how|when|where|why)\b", re.I)


def asks_whether(asks: str) -> bool:
    """Whether `asks` (a part without its lead) is a yes-or-no question: it opens with an
    auxiliary or "any", itself or after a context piece ending in a comma, a colon or a dash that
    asks nothing ("In 2019, was ...", "Leeds 2022 inspection: any ...?", whose lead
    question.asking keeps, as it strips only a lead before a question word). "What did ...",
    "how was ..." are not; nor a statement ("The council was ...")."""
    if _YES_NO.match(asks):
        return True
    context = _CONTEXT_PIECE.match(asks)
    return bool(context) and not _WH.search(context.group(0)) and bool(_YES_NO.match(asks[context.end():]))


# The words a yes-or-no question is polar by, or asks its quantity by: what the deciding
# sentence answers with its own ("were any ...": "no aspect ..."), never what it must repeat.
POLAR_WORDS = (
    "any", "all", "every", "each", "both", "no", "not", "none", "never", "still", "yet", "ever", "already", "also", "only",
    "some", "either", "neither", "nor", "enough", "too",
)
# The verbs of a question about a document's view ("did Ofsted think ...", "does the report say
# ...", "according to Ofsted"): who holds the proposition, not the proposition.
_VIEW_VERBS = ("think", "thought", "say", "said", "says", "find", "found", "believe", "believed", "consider", "considered", "feel", "felt", "state", "stated")
# The verbs a question asks by whether a document gave findings ("did the visit set / name /
# identify / raise any priority actions?"): the document's own sentence says it by another of
# them, or by none ("Inspectors did not identify any", "There are no areas for priority
# action"), so they are neither the proposition nor the subject (gates.topic_words). Not
# "issue" nor "list", whose stems are also nouns a question asks about ("any issues with ...").
FINDING_VERBS = (
    "set", "sets", "name", "named", "names", "identify", "identified", "identifies", "raise", "raised", "raises",
    "give", "gave", "given", "make", "made", "highlight", "highlighted",
)
FINDING_VERB_STEMS = frozenset(stem_words(list(FINDING_VERBS)))
# How a grade is asked ("were any parts rated inadequate?", "did the visit give a grade?"): a
# deciding sentence may say it by another of these ("no aspect had been judged inadequate",
# "they do not result in a graded judgement"), so they are one word of the proposition.
_GRADE_VERB_STEMS = frozenset(stem_words(["rate", "rated", "rating", "grade", "graded", "judge", "judged", "judgement", "judgment"]))
_GRADED = "judg"


def in_one_word(stems: frozenset[str] | set[str]) -> frozenset[str]:
    """`stems` with the ways of saying a grade was given as one (`_GRADED`)."""
    return frozenset(_GRADED if t in _GRADE_VERB_STEMS else t for t in stems)

_NUMBER_WORDS = (*NUMBER_WORDS, *ORDINALS, "last")  # the vocabulary's, so a count in words is never the proposition


@lru_cache(maxsize=8)
def _not_proposition(generic: frozenset[str]) -> frozenset[str]:
    return frozenset(stem_words([
        *POLAR_WORDS, *_VIEW_VERBS, *FINDING_VERBS, *_NUMBER_WORDS, *WHICH_DOCUMENT_WORDS, *COUNCIL_NAME_WORDS, *sorted(generic), *sorted(MONTH_NAMES),
        "inspection", "inspections",
    ]))


# A yes-or-no question setting two things side by side ("were care leavers graded the same as
# children in care?", "was it rated better than in 2019?") is decided by both sides together,
# which a comparison quotes: a share of its words would favour whichever side says more of them.
_COMPARES = re.compile(r"\b(?:same|different|differently|differ|than|compared?|versus|vs)\b", re.I)


def proposition(asks: str, authorities: tuple[str, ...], generic: frozenset[str]) -> frozenset[str]:
    """The stems of what a yes-or-no question (`asks`, without its lead) asks holds: its words
    without the councils' (`authorities`), the document's or visit's, the asking ones ("did
    Ofsted think"), `generic` (question.GENERIC: words naming no particular thing), the polar
    ones and the dates. None for one comparing two things (`_COMPARES`)."""
    if _COMPARES.search(asks):
        return frozenset()
    named = set().union(*(terms(a) for a in authorities)) if authorities else set()
    return in_one_word({t for t in terms(asks) - named - _not_proposition(generic) if not t.isdigit() and len(t) > 2})


# A sentence that states a polarity or a quantity: a negation ("no aspect", "did not identify",
# "has yet to", "without"), every or none, a count out of a whole ("7 of the 9 areas"), or
# whether something was enough ("sufficient progress", "progress has been insufficient"), which
# answers "was progress good enough?". Not "too": it grades degree, not polarity ("too late",
# "too high"), and a sentence saying so of one thing says nothing of whether another improved.
_POLAR = re.compile(
    r"\b(?:no|not|none|never|neither|nor|without|any|all|every|each|both|only|still|yet|fully|partly|partially"
    r"|enough|sufficient|sufficiently|insufficient|insufficiently)\b|n['’]t\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:out\s+)?of\s+(?:the\s+|its\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.I,
)


def states_polarity(text: str) -> bool:
    return bool(_POLAR.search(text))


# A sentence posing the question rather than answering it: "whether" anywhere ("to decide
# whether", "Members asked whether"), and "if" after a verb of asking or deciding ("queried
# if"), where a bare "if" is as often a condition. A finding with "whether" in it ("leaders
# check whether plans work") is passed over too: it reports a check, not what it found.
_POSES = re.compile(
    r"\b(?:whether|(?:asked|asks|ask|queried|query|wondered|enquired|inquired|questioned|decide|consider|check|establish|see)\s+if)\b",
    re.I,
)


def poses_question(text: str) -> bool:
    return bool(_POSES.search(text))
