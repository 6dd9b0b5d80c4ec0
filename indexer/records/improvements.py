"""Areas for improvement: the list under 'What needs to improve' (numbered, bulleted or one a
paragraph), a list introduced by 'The first four (recommendations) were:', or a list in one
sentence ('The inspection had made two recommendations: X, and Y.'), and where minutes, briefings and
news restate them outside a list: lettered points run into one paragraph, 'inspectors identified X
and Y as areas needing focus', 'the council has been told to X and to Y', 'Other concerns included
X, Y'. A weakness merely reported in prose ('inspectors found that X was not timely') is not read:
measured, it added six times as many false areas as found ones."""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from indexer.records.plans import column_index, is_plan_table
from indexer.quotable import BULLET_MARK
from indexer.records.types import AreaFinding, Citation
from indexer.sentences import split_sentences
from indexer.types import Block

_SECTION = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:(?:main |key )?findings and )?(?:other |further )?(?:what (?:the local authority |the council |leaders )?needs? to (?:improve|do better)|areas? for (?:improvement|development)|"
    # a visit letter's own section: "Areas for further improvement", "Areas for continued development"
    r"areas? for (?:further|continued|continuing) (?:improvement|development|work)|areas? for (?:further )?(?:attention|work)|"
    r"recommendations|(?:areas for )?priority actions?|what should improve|"
    # a news page's own heading: "Still to improve", "Six areas to improve", "What still needs to improve",
    # "Areas to develop"
    r"still to improve|(?:\w+ )?areas? (?:still )?to (?:improve|develop)|what still needs to improve|"
    # a briefing's heading in the inspectors' voice: "What inspectors want improved", "What Ofsted
    # wants to see improved", "Where inspectors want further progress"
    r"(?:what|where) (?:the )?(?:inspectors|ofsted|the report) (?:wants?|wanted|would like) (?:to see )?(?:(?:further |more )?(?:improved|improvement|progress|change))|"
    # the question forms: "What does the local authority need to improve?", "What needs to improve in practice?"
    r"what (?:does|do) (?:the local authority|the council|leaders|we) need to (?:improve|do better))"
    r"(?:\s+in (?:this area(?: of (?:social (?:work|care) )?practice)?|practice))?\s*[?:.]?"
    # Class: the question heading with its sub-heading run on (an older report's "What does the
    # local authority need to improve? Priority and immediate action")
    r"(?:\s*(?:priority and immediate actions?|priority actions?|areas? for (?:priority action|improvement))\s*[?:.]?)?\s*$",
    re.I,
)


_HEADING_LINE = 100  # a line this short that reads as the section's heading is one


def is_improvement_heading(text: str) -> bool:
    """Whether a heading (or a line set as one) opens a document's list of what must improve:
    "What needs to improve?", "Areas for further development", "Recommendations"."""
    return bool(_SECTION.search(text))


# A letter's closing ends the list above it: the sign-off, the inspector's name and title, and
# the sentence on how Ofsted will use the findings are not areas for improvement.
CLOSING = re.compile(
    r"^\s*(?:yours (?:sincerely|faithfully)|kind regards|(?:his|her) majesty'?s inspector|ofsted will take)\b", re.I
)
# The closing run into the last point by a PDF's loader ("• The timeliness of strategy meetings.
# Ofsted will take the findings from this focused visit into account …"): cut off, it is a block of its own.
_CLOSING_INSIDE = re.compile(r"(?<=[.;])\s+(?=(?:yours (?:sincerely|faithfully)|kind regards|ofsted will take)\b)", re.I)


def _closing_cut(blocks: list[Block]) -> list[Block]:
    out = []
    for block in blocks:
        parts = _CLOSING_INSIDE.split(block.text, maxsplit=1) if not block.is_table_row else [block.text]
        if len(parts) == 2 and block.verbatim is None:
            out += [dataclasses.replace(block, text=parts[0]), dataclasses.replace(block, text=parts[1])]
        else:
            out.append(block)
    return out


# What an introduced list must be about: what still needs improving ("The report identifies three
# areas for further improvement:", "Inspectors said the council still needs to improve:"), not
# what has improved ("… driving the improvements, which include:" lists strengths).
_ASKS_TO_IMPROVE = re.compile(
    r"recommendation|areas? (?:for|of|needing|requiring) (?:further |continued )?(?:improvement|development)|"
    r"\b(?:to|must|should|needs?|still) (?:still |further )?(?:improve|strengthen|address)\b|"
    r"\bneeds? to (?:get|be(?:come)?|do) better\b|\bstill to improve\b|"
    # Class: the improvement asked for, then its list: "Ofsted wants improvement in:", "The report
    # calls for further improvements to:"
    r"\b(?:wants?|wanted|calls? for|called for|asks? for|asked for|seeks?|sought)\s+(?:further\s+|more\s+)?improvements?\s+(?:in|to|of)\b|"
    r"\bimprovements? (?:is |are |was |were )?(?:still )?(?:needed|required|necessary)\b|\b(?:priorities|points) for (?:improvement|action)\b|"
    # Class: the weaknesses the inspection named, introducing its list: "The weaknesses listed by
    # inspectors included:", "Weaknesses identified in the report were:" (what must improve)
    r"\b(?:weaknesses|shortcomings)\s+(?:\w+\s+){0,2}?(?:listed|identified|found|highlighted|named|set out)\s+(?:by|in)\s+(?:the\s+)?(?:inspectors?|ofsted|report|inspection|letter)\b",
    re.I,
)
# A sentence about the list, not an item: "Leaders have plans in place to address these areas."
# "They noted that improvements were already under way in both areas."
_ABOUT_THE_LIST = re.compile(r"\b(?:these|those|the above|all the|both|both of these|each of these) (?:areas|points|issues|weaknesses|recommendations)\b", re.I)
# An introduction to a list: ends with ':' and names what follows.
_INTRO = re.compile(r"(?:recommendations?|areas? for improvement|improvements?|improve|were|are|include|included|includes|including)\b[^:]{0,40}:\s*$", re.I)
_IN_SENTENCE = re.compile(
    r"(?:recommendations?|areas? (?:for|of|needing|requiring) (?:improvement|development)|needs? to improve|"
    # minutes: "He acknowledged issues that need to be addressed, which included: a) …; b) …"
    r"(?:issues|weaknesses|priorities|points)\b[^:]{0,60}?\b(?:included?|were|are)|"
    # Class: the areas by what the inspectors want there: "the Director summarised the areas where
    # inspectors wanted further progress: X; Y; and Z"
    r"areas?\s+(?:where|in which)\s+(?:the\s+)?(?:inspectors|ofsted|the report)\s+(?:wanted|wants?|asked for|expected|expects|would like to see)\s+"
    r"(?:further\s+|more\s+)?(?:progress|improvement|change|work))(?:\s+(?:were|are|was|is))?\s*:\s*(?P<list>.+?)\.?$",
    re.I,
)
# "The report sets out 14 broad areas for improvement, including X, Y and Z.", "The three areas
# still to improve in 2024 are X, Y and Z.": the areas named, then the list after 'including' or 'are'.
_NAMED_THEN_LISTED = re.compile(
    r"(?:\b(?:areas?|points?|recommendations?)\s+(?:(?:still\s+)?(?:to improve|for (?:further |continued |continuing )?(?:improvement|development)|needing improvement|"
    r"requiring improvement)|that (?:still )?needs? (?:to )?improv\w*"
    # Class: who is to improve them: "the key areas for the council to improve included X, Y and Z"
    r"|for (?:the\s+)?(?:council|local authority|authority|service|leaders|us)\s+to\s+(?:improve|address|develop))\b"
    # Class: the areas named by the work they still need: "Areas that still need work include X; Y;
    # and Z", "aspects of practice requiring further attention included X and Y".
    r"|\b(?:areas?|aspects?|parts?)\s+(?:of\s+(?:practice|work|the service)\s+)?(?:(?:that|which)\s+)?(?:still\s+)?"
    r"(?:need|needs|needed|require|requires|required|needing|requiring)\s+(?:further\s+|more\s+|some\s+)?"
    r"(?:work|attention|improvement|improving|development|strengthening)\b"
    # Class: where the council must improve, named as a place rather than as areas: "The report
    # also sets out where the council must improve, including X and Y", "what the authority needs
    # to improve, such as X, Y and Z".
    r"|\b(?:where|what|how)\s+(?:the\s+)?(?:council|local authority|authority|borough|county|service)\s+(?:must|needs? to|should|has to)\s+"
    r"(?:still\s+|further\s+)?improve\b"
    # Class: the areas named by the improvement they need: "some discrete areas of practice where
    # improvement is still needed, including X and Y", "areas where further improvement is required, such as X".
    r"|\bareas?\s+(?:of\s+(?:practice|work)\s+)?where\s+(?:further\s+|more\s+)?improvements?\s+(?:is|are)\s+(?:still\s+)?(?:needed|required)\b"
    # Class: a news page's "Other concerns included X, Y and Z" (the inspection's, after its main
    # findings); a qualifier is asked for: members' "concerns were raised about …" are theirs.
    r"|\b(?:other|main|key|further|serious|principal)\s+concerns\b)"
    # Class: the areas then what they are about: "a small number of areas for improvement, relating
    # to X and to Y", "… concerning X and Y" (minutes restating a news item's words).
    r"[^.:;]{0,40}?(?:,?\s+(?:including|such as|namely|relating to|related to|concerning)|\s+(?P<are>are|were|include|included))"
    r"\s+(?P<list>[^:]+?)\.?$",
    re.I,
)
# "The report asks the council to improve the consistency of planning, management oversight and
# …": what the council was asked (told, required) to improve, listed in the sentence.
_ASKED_TO_IMPROVE = re.compile(
    r"\b(?:asks?|asked|told|tells|requires?|required|wants?|wanted|urges?|urged|calls? on|called on)\s+(?:the\s+)?"
    r"(?:council|local authority|authority|leaders|trust|us|them)\s+to\s+(?:improve|strengthen|address)\s*:?\s*(?P<list>.+?)\.?$",
    re.I,
)
# Class: the council told what to do, in the passive a news page uses: "The council has been told to
# speed up the recruitment of permanent social workers and to build a stronger relationship with
# the police". Each "to …" is an area; not what it was told to expect, nor its plan ("to draw up an
# improvement plan").
_TOLD_TO = re.compile(
    r"\b(?:the\s+)?(?:council|local authority|authority|borough|county|service|trust|it)\s+(?:has|have|had)\s+been\s+"
    r"(?:told|asked|required|urged|directed|instructed)\s+to\s+(?P<list>(?!expect\b|respond\b|draw up\b|prepare\b|produce\b|submit\b)\w+\s.+?)\.?$",
    re.I,
)


def _told_to(sentence: str) -> list[str]:
    m = _TOLD_TO.search(sentence)
    if not m or _NARRATIVE.search(sentence[: m.start()]) or re.search(r"[\"“”]", sentence):
        return []
    items = [i.strip() for i in re.split(r",?\s+and\s+to\s+", m["list"])]
    return [i for i in items if len(i.split()) >= 3 and not re.search(r"\b(?:improvement|action) plan\b", i, re.I)]


# After a sentence naming the areas for improvement ("Five areas needing improvement were
# highlighted."), a sentence listing some: "Among them were X, and Y." / "They include X and Y."
_NAMES_AREAS = re.compile(r"\b(?:areas? (?:for|of|needing|requiring) (?:improvement|development)|recommendations)\b", re.I)
# What a sentence says of the areas rather than naming them: a relative clause ("the matters
# that ...", "points which ..."), or where they are ("set out below", "listed in the plan").
_DESCRIBES_THEM = re.compile(
    r"\b(?:that|which|whom)\b|^\s*(?:all\s+)?(?:set out|listed|described|given|shown|summarised|as follows|below|above)\b", re.I
)
_THEY_ARE = re.compile(r"^\s*(?:they|these) (?:are|were)\b", re.I)  # "They include X that ..." still lists X


def _about_them(sentence: str) -> bool:
    """Whether the sentence is "They are/were ..." saying something of the areas instead of
    naming them ("They are the matters that the plan responds to", "They are set out below")."""
    m = _THEY_ARE.match(sentence)
    return bool(m and _DESCRIBES_THEM.search(sentence[m.end():].strip()))

_AMONG_THEM = re.compile(
    r"^\s*(?:among them (?:were|are|was|is)|(?:they|these) (?:include|included|were|are)|"
    # "… The other two areas are X and Y."
    r"the other (?:one|two|three|four|five|six) (?:areas?|points?|recommendations?)(?: for improvement)? (?:are|were|is|was))"
    r"\s+(?P<list>[^:]+?)\.?$",
    re.I,
)
# "One of the three areas for improvement in the November 2022 inspection is X."
_ONE_OF = re.compile(
    r"^\s*one of the (?:\w+ )?(?:areas? (?:for|of|needing|requiring) (?:improvement|development)|recommendations)\b[^.]*?\s(?:is|was)\s+(?P<list>[^:]+?)\.?$",
    re.I,
)
# Class: one area named by its place in the list, often in minutes' lettered points: "d) the first
# priority area concerned consent and thresholds; a city-wide event …", "The second recommendation
# was the timeliness of reviews." The area runs to the clause's end.
_ORDINAL_AREA = re.compile(
    r"^\s*(?:\(?[a-z]\)\s+)?the (?:first|second|third|fourth|fifth|sixth|seventh|eighth|last|final) (?:priority )?"
    r"(?:areas?|actions?|points?|recommendations?)(?: for (?:improvement|priority action|development))?\s+"
    r"(?:concerned|concerns|was|is|related to|relates to|covered|covers)\s+(?P<list>[^;:]+?)\s*(?:[;.]|$)",
    re.I,
)
# Class: the areas named before what they are: "inspectors had identified planning, the timeliness
# of interventions and partner engagement as areas needing sustained focus", "The letter highlights
# X and Y as the main areas for improvement". The inspection's verb: no one else's list.
_IDENTIFIED_AS = re.compile(
    r"\b(?:inspectors|ofsted|the (?:report|letter|inspection|visit)|it|they)\s+(?:had\s+|has\s+|have\s+)?(?:also\s+)?"
    r"(?:identified|identifies|highlighted|highlights|named|names|singled out|picked out)\s+(?P<list>.+?)\s+as\s+(?:the\s+)?"
    r"(?:(?:key|main|principal|two|three|four|five|six)\s+)?(?:areas?|points?|priorities)\s+"
    r"(?:for|needing|requiring|that (?:still )?needs?|to (?:improve|develop)|of (?:weakness|concern))\b",
    re.I,
)
# Minutes' lettered points run into one paragraph: "… reported that (a) X; (b) Y; (d) the key areas
# … included …; (e) plans …". Each point is read as a sentence of its own.
_LETTERED_POINT = re.compile(r"[;:]\s+(?:and\s+)?(?=\(?[a-h]\)\s)", re.I)


def _clauses(sentence: str) -> list[str]:
    """A sentence's lettered points, each whole; the sentence itself when it has fewer than two."""
    if _IN_SENTENCE.search(sentence):  # "… issues which included: a) X; b) Y": the points are the list itself
        return [sentence]
    parts = _LETTERED_POINT.split(sentence)
    return parts if len(parts) >= 3 else [sentence]


# A paragraph opening with its section's heading, run in by a loader, then the numbered list:
# "Areas for improvement 1. Return home interviews … 2. Clarity of … 3. The recording of …".
_HEADING_THEN_NUMBERED = re.compile(r"^(?P<head>[^.:;]{3,70}?)\s*:?\s+(?=\(?1[.)]\s)")


# Narrative beside a list: what someone said, or what leaders have already done.
_NARRATIVE = re.compile(r"\b(?:said|says|told|added|welcomed|commented|have already|has already)\b", re.I)
# Sentences about the list rather than items of it.
_META = re.compile(
    r"not (?:reproduced|stated|listed|set out)|this summary|sources used|\bthey include\b|\bset out (?:\w+ )?areas\b|"
    # the rest of the list ("The remaining recommendations are …"), not an item's own word ("young
    # people remaining in care for longer than they should")
    r"\b(?:the|its|their) remaining\b|\bremaining (?:\w+ )?(?:areas|points|recommendations|issues)\b|\bfull list\b|\bthe report (?:set out|made|contained)\b|"
    # that there are none: "There are no areas for improvement arising from this inspection",
    # "Inspectors made no recommendations", "Ofsted did not identify any areas for improvement"
    r"\b(?:no|not\s+(?:\w+\s+)?any)\s+(?:further\s+|other\s+|new\s+)?(?:areas? (?:for|of|needing|requiring) (?:improvement|priority action|development)|recommendations?|priority actions?)\b|\bnothing (?:further |else )?to improve\b|"
    # a committee report's recommendations are to its members, not the inspection's
    r"\b(?:members|the committee|cabinet|the board|councillors) (?:is|are) (?:asked|recommended|invited)\b|\bit is recommended that\b|"
    # the report's standard direction, where a summary leaves out the areas themselves: "The local
    # authority should prepare an improvement action plan responding to the recommendations"
    r"\bprepare (?:an? |its )?(?:written )?(?:improvement |post-inspection )?(?:action )?plan\b"
    # an empty section's one word: "None.", "N/A" under "Priority and immediate action"
    r"|^\s*(?:none|n/?a|nil|not applicable)\s*\.?\s*$",
    re.I,
)
# Under such a heading, findings reported in prose: "Inspectors said that 16- and 17-year-olds
# receive an inconsistent response, that the response to exploitation is variable, and that …".
_REPORTED_THAT = re.compile(
    r"^\s*(?:inspectors|ofsted|the report|the letter|they|it)\s+(?:also\s+)?(?:said|found|noted|reported|highlighted|identified)\s+that\s+(?P<rest>.+?)\.?\s*$",
    re.I,
)


# Class: recommendations reported as that-clauses, anywhere in a news page or minutes: "To reach
# good, inspectors recommend that care leavers receive X, that Y, and that Z", "Ofsted recommended
# that the council improves X". The recommending verb is the inspection's, so no heading is needed;
# what someone else recommends ("The director recommended that members note …") is not the list.
_RECOMMEND_THAT = re.compile(
    r"\b(?:inspectors|ofsted|the report|the letter|the inspection)\s+(?:also\s+)?(?:recommend(?:s|ed)?|ha(?:s|ve|d) recommended)\s+that\s+(?P<rest>.+?)\.?\s*$",
    re.I,
)


def _that_clauses(rest: str) -> list[str]:
    """'A, that B, and that C' → [A, B, C], each whole (its own 'and's kept)."""
    return [p.strip() for p in re.split(r",?\s*(?:and\s+)?\bthat\s+", rest) if len(p.split()) >= 3]


# A visit letter's prose naming what leaders must turn to next, with no list heading: "Leaders
# should now focus on X and Y", "Senior managers need to concentrate on X", "The next steps are to
# X, Y and Z", "The next step for leaders is to X". Not what leaders have done ("have kept a focus
# on"), nor the next inspection ("The next step for the service is a full inspection").
_NEXT_FOCUS = re.compile(
    r"\b(?:(?:senior |political and )?leaders|(?:senior |frontline )?managers|the (?:local authority|council|service|partnership))\s+"
    r"(?:should|must|need to|needs to|now need to|now needs to|will need to)\s+(?:now\s+|further\s+)?(?:focus|concentrate)\s+"
    r"(?:(?:more|further)\s+)?(?:on|upon)\s+(?P<list>.+?)\.?$"
    r"|\b(?:the\s+)?next steps?\s+(?:for\s+[\w' ]{2,40}?\s+)?(?:are|is|will be)\s+to\s+(?P<steps>.+?)\.?$",
    re.I,
)


def _next_focus(sentence: str) -> list[str]:
    m = _NEXT_FOCUS.search(sentence)
    # Someone's words ("'Leaders should now focus on recruitment,' the director said") are no letter's finding.
    if not m or re.search(r"[\"“”‘]|[,.!?]['’]|\b(?:said|says|told|added)\b", sentence) or _META.search(sentence):
        return []
    items = _split_list(m["list"] or m["steps"])
    return [i for i in items if not re.search(r"\b(?:inspection|visit)\b", i, re.I)]


def _recommended(sentence: str) -> list[str]:
    m = _RECOMMEND_THAT.search(sentence)
    if not m or _NARRATIVE.search(sentence[: m.start()]) or _META.search(sentence):
        return []
    return _that_clauses(m["rest"])


def _reported_findings(sentence: str) -> list[str]:
    """The findings a 'Inspectors said that A, that B, and that C' sentence reports, each whole."""
    m = _REPORTED_THAT.match(sentence)
    if not m or _ABOUT_THE_LIST.search(sentence):  # "They noted that work was under way in both areas"
        return []
    return _that_clauses(m["rest"])


# A list that opens as a noun phrase does: its article, possessive or a gerund ("the use of …",
# "achieving …"); not "discussed at length", "clear", "the same as last time".
_NOUN_PHRASE = re.compile(r"^\s*(?:the|a|an|its|their|how|whether|[a-z]+ing)\s", re.I)
_ABOUT_THEM = re.compile(r"^\s*(?:the\s+)?(?:same|ones?|areas?|points?|subject|focus|matters?|issues?)\b", re.I)
_IMPROVE_COLON = re.compile(
    r"^(?P<head>[^:]*?\b(?:(?:work|action|improvements?)\s+(?:is\s+|was\s+|are\s+|were\s+)?(?:still\s+)?(?:needed\s+|required\s+)?to\s+"
    r"(?:improve|strengthen|address)|(?:must|should|needs?\s+to|still\s+to)\s+(?:still\s+|further\s+)?(?:improve|strengthen|address))\b[^:]{0,50}):"
    r"\s*(?P<list>.+?)\.?$",
    re.I,
)
# What an area is asked to be ("better X", "improvements in Y"): the list's lead word, not the area.
_BETTER = r"(?:better|stronger|firmer|more consistent|improved|clearer|improvements?\s+(?:in|to))\s+"
_BETTER_LEAD = re.compile(rf"^{_BETTER}", re.I)
_CALLED_FOR = re.compile(
    r"\b(?:inspectors|ofsted|the report|the letter|it|they)\s+(?:also\s+)?(?:want(?:s|ed)?\s+to\s+see|call(?:s|ed)?\s+for)\s+"
    rf"(?P<list>{_BETTER}.+?)\.?$",
    re.I,
)
# The list ends where the sentence goes on to say something else: "…, and said services … required improvement".
_CALLED_FOR_END = re.compile(r",?\s(?:and|but)\s+(?:also\s+)?(?:said|says|added|noted|found|highlighted|praised|described|warned)\b", re.I)


_MAX_WORDS = 60
# The token-set ratio over which a plan row restates an area its own document states: one
# document copying its own words, near verbatim, so a character ratio. links.same_area is for
# paraphrase across documents (shared stemmed words) and folds less alike wordings.
_SAME = 80


def _clean(text: str) -> str:
    # the last but one item of a list ends "…; and" or "…, or": the joining word is not the item's
    text = re.sub(r"\s*[;,]\s*(?:and|or)\s*$", "", BULLET_MARK.sub("", text).strip(), flags=re.I)
    return text.rstrip(".;").strip()


# A numbered point with a title of its own: "1. Domestic abuse. The local authority needs a
# better understanding of ...", "2) Written records. The quality ... need to improve." The
# title is a few words with no verb of a sentence's; the point is one item, title and all.
_TITLED_POINT = re.compile(r"^\s*\(?\d{1,2}[.)]\s+(?:[\w'’,-]+\s+){0,5}[\w'’-]+\.\s+[A-Z]")
# The number splits off as a sentence of its own ("1.", "Domestic abuse.", "The local ...").
_TITLE_MOST_SENTENCES = 3


def _item(block: Block) -> bool:
    """A list item or a short one-point paragraph, not a sentence about the list."""
    text = block.text.strip()
    sentences = len(split_sentences(text))
    return (
        bool(text)
        and not text.endswith(":")
        and not _META.search(text)
        and not _NARRATIVE.search(text)
        and not _about_them(text)
        and (sentences == 1 or (sentences <= _TITLE_MOST_SENTENCES and bool(_TITLED_POINT.match(text))))
        and len(text.split()) <= _MAX_WORDS
    )


# Two or more bullet marks inside one paragraph, each opening a point.
_INLINE_BULLET = re.compile(r"(?:^|(?<=[.;:!?])\s+|\s{2,})[•■▪●◦]\s+")


# A numbered point inside one paragraph: "1. more homes for children in care; and 2. improved
# oversight of …" (the list written as a sentence, or a loader running its lines together).
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[.;:])\s+(?:and\s+)?)\(?(\d{1,2})[.)]\s+", re.I)


def _numbered_together(text: str) -> list[str]:
    """The points of a numbered list in one paragraph, numbered 1, 2, … from its start; else []."""
    marks = list(_INLINE_NUMBER.finditer(text))
    if len(marks) < 2 or marks[0].start() != 0 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    points = [text[m.end() : e].strip() for m, e in zip(marks, ends)]
    # A note in brackets after the last point is the document's, not the point's: "… not only
    # recorded. (Recommendations 3 to 11 are set out in full in the body of the report.)"
    points[-1] = re.sub(r"(?<=[.;])\s+\([^()]*\)\s*$", "", points[-1])
    return points


def _run_together(text: str) -> list[str]:
    """The points of a bulleted (or numbered) list a loader ran into one paragraph, when every
    piece is one (a list item's length, no sentence about the list); else []."""
    if len(_INLINE_BULLET.findall(text)) >= 2 and _INLINE_BULLET.match(text):
        points = [p.strip() for p in _INLINE_BULLET.split(text) if p.strip()]
    else:
        points = _numbered_together(text)
    if len(points) < 2 or any(
        len(p.split()) > _MAX_WORDS or p.endswith(":") or _META.search(p) or _NARRATIVE.search(p) or _ABOUT_THE_LIST.search(p)
        for p in points
    ):
        return []
    return points


# The one "and" of a two-point list whose second point opens with its own article or possessive.
_TWO_POINT_AND = r"\s+and\s+(?:(?:to|in|of|for|on|with)\s+)?(?=(?:the|its|their)\s)"


def _two_points(text: str) -> list[str]:
    """'X and the Y' as [X, the Y] when that 'and' is the text's only such one; else [text]."""
    pieces = re.split(_TWO_POINT_AND, text, flags=re.I)
    return pieces if len(pieces) == 2 else [text]


def _split_list(text: str, one_word: bool = False) -> list[str]:
    """'X, Y and Z' / 'X; Y; and Z' / 'a) X; b) Y; c) Z' → [X, Y, Z]. With `one_word`, a list that
    names its areas outright keeps a one-word area among three or more."""
    # A tail said of the whole list ("…, and Z, all of which the service had already recognised") is no item.
    text = re.sub(r",\s+(?:all|both|each|none) of (?:which|these|them)\b[^;]*$", "", text, flags=re.I)
    sep = ";" if ";" in text else ","
    parts = [re.sub(r"^\(?[a-z0-9]{1,2}\)\s+", "", p.strip(), flags=re.I) for p in text.split(sep)]
    # "more work to help care leavers, particularly into employment": the qualifier is its item's
    for i in range(len(parts) - 1, 0, -1):
        if re.match(r"^(?:particularly|especially|notably|in particular)\b", parts[i], re.I):
            parts[i - 1] += f"{sep} {parts.pop(i)}"
    items: list[str] = []
    if len(parts) == 1 and len(pair := _two_points(parts[0])) == 2 and len(pair[0].split()) >= 2 and len(pair[1].split()) >= 3:
        # "the response to homeless 16- and 17-year-olds and the recognition of and response to
        # neglect", "its response to X and its use of Y", "services for care leavers and to the
        # response to Y": two points, the second opening with its article (a repeated preposition
        # before it dropped); the other "and"s join words ("16- and 17-year-olds"), and a short
        # tail is one point's ("support for children and their families").
        return [p.strip() for p in pair]
    for i, part in enumerate(parts):
        # After an Oxford comma (", and the recording of …") the last item is whole: its own
        # "and" ("patterns and trends") joins words, not items.
        oxford = bool(re.match(r"^(?:and|or)\s+", part, re.I))
        part = re.sub(r"^(?:and|or)\s+", "", part, flags=re.I)
        if i == len(parts) - 1 and sep == "," and " and " in part and len(parts) > 1 and not oxford:
            items.extend(p.strip() for p in part.split(" and ", 1))
        elif part:
            items.append(part)
    # Class: a one-word area in a list of three or more ("the quality of practice, planning,
    # supervision and management oversight"): a noun of its own beside the longer ones. In a
    # shorter list a single word is more often a fragment ("X, however").
    return [i.rstrip(".") for i in items if len(i.split()) >= 2 or (one_word and len(items) >= 3 and _ONE_WORD_AREA.match(i))]


# A one-word area: a noun of five letters or more, not a word that only joins or qualifies.
_ONE_WORD_AREA = re.compile(r"^(?!(?:however|therefore|also|overall|others?|etc|too|including|particularly|especially)\b)[A-Za-z][a-z]{4,}$", re.I)


# A plan table's column whose values are the report's areas: "Area for improvement", "Area for
# improvement (Ofsted)", "Recommendation", "Improvement area", "Ofsted finding". Not a plan's own
# grouping ("Priority", "Theme", "Area", "Issue"): those name its workstreams, not the report's points.
_AREA_COLUMN = re.compile(
    r"\b(?:areas?|points?) (?:for|of|requiring) (?:improvement|development)\b|\bimprovement (?:areas?|points?)\b|"
    r"\brecommendations?\b|\bwhat needs to improve\b|\bofsted (?:findings?|recommendations?)\b",
    re.I,
)


# From November 2025 Ofsted names its points "improvement actions": a plan's "Improvement action"
# column holds them when the plan has an action column of its own beside it (else the column is
# the plan's actions).
_IMPROVEMENT_ACTION = re.compile(r"^\s*(?:ofsted(?:'s)?\s+)?improvement actions?\b", re.I)
_OWN_ACTION = re.compile(r"^\s*(?:actions?|what we will do|our actions?|planned actions?)\b", re.I)


def _improvement_action_column(headers: list[str]) -> int | None:
    named = [i for i, h in enumerate(headers) if _IMPROVEMENT_ACTION.match(h)]
    if len(named) == 1 and any(_OWN_ACTION.match(h) for j, h in enumerate(headers) if j != named[0]):
        return named[0]
    return None


def from_plan_tables(blocks: list[Block]) -> list[tuple[str, Block]]:
    """The areas a plan's table answers, one per distinct value of its areas-for-improvement
    column (a plan repeats the area on each of its actions' rows), with the row stating it."""
    out: list[tuple[str, Block]] = []
    for block in blocks:
        if not (block.is_table_row and block.cells):
            continue
        headers = [h for h, _ in block.cells]
        i = column_index(headers, "area")
        if i is None or not _AREA_COLUMN.search(re.sub(r"(?<=[a-z])\s+(?=[a-z])", "", headers[i]) + " " + headers[i]):
            i = _improvement_action_column(headers)
        if i is None or not is_plan_table(headers):
            continue
        value = block.cells[i][1].strip()
        if len(value.split()) >= 2 and not re.match(r"^\s*(?:not stated|n/?a|tbc|none)\b", value, re.I):
            out.append((value, block))
    return out


def find_improvements(blocks: list[Block], source: str) -> list[AreaFinding]:
    found: list[AreaFinding] = []

    def add(text: str, block: Block, quote: str | None = None, from_plan_table: bool = False) -> None:
        text = _clean(text)
        if text and not any(f.text.lower() == text.lower() for f in found):
            citation = Citation(source=source, page=block.page, quote=(quote or block.text).strip())
            found.append(AreaFinding(number=len(found) + 1, text=text, citation=citation, from_plan_table=from_plan_table))

    in_list_after: str | None = None  # the heading of an introduced list we are inside
    # Whether the list being read marks its items ("- the quality of …;"): a paragraph without the
    # mark after such items has left the list ("The letter recognised that …", "Related news: …").
    bulleted: dict[str, bool] = {}

    def in_the_list(key: str, text: str) -> bool:
        marked = bool(BULLET_MARK.match(text))
        return bulleted.setdefault(key, marked) <= marked
    closed: str | None = None  # the heading of a list a letter's closing ended
    section_items: list[tuple[AreaFinding, str, bool]] = []  # the items read as a section's paragraphs, with whether marked
    previous_block = ""
    previous = ""  # the paragraph before and this one so far: "… three areas for improvement … ." ¶ "The other two areas are …"
    for block in _closing_cut(blocks):
        if block.is_table_row:
            in_list_after = None
            continue
        if CLOSING.search(block.text):
            closed, in_list_after = block.heading, None
            continue
        if closed is not None and block.heading == closed:
            continue
        last_heading = block.heading.split(" > ")[-1]
        text = block.text.strip()
        if in_list_after is not None:
            if block.heading == in_list_after and _item(block) and not re.match(r"^\d+\.\d+\s", text) and in_the_list("intro", text):
                add(text, block)
                continue
            in_list_after = None
        if (_INTRO.search(text) and _ASKS_TO_IMPROVE.search(text)) or (len(text) <= _HEADING_LINE and _SECTION.search(text)):
            # Class: the section's heading set as a line of text (a plain-text letter's "What needs
            # to improve in this area of social work practice", no heading style): it introduces
            # the items below it as an introduction ending in a colon does.
            in_list_after = block.heading
            bulleted.pop("intro", None)
            continue
        if (lead := _HEADING_THEN_NUMBERED.match(text)) and _SECTION.search(lead["head"]) and (
            points := _run_together(text[lead.end():])
        ):
            for point in points:
                add(point, block, point)
            continue
        if _SECTION.search(last_heading) and (points := _run_together(text)):
            # Class: a section's bulleted list run into one paragraph (a PDF's loader joins the
            # lines): "• The quality of case recording, so that …. • The completion of …". Each
            # point is an area, quoted on its own.
            for point in points:
                add(point, block, point)
            bulleted[block.heading] = True  # its points are marked: an unmarked paragraph after them has left the list
            continue
        if (
            _SECTION.search(last_heading) and _item(block) and not _INTRO.search(text) and not _ABOUT_THE_LIST.search(text)
            and in_the_list(block.heading, text)
        ):
            add(text, block)
            if found and found[-1].citation.quote == block.text.strip():
                section_items.append((found[-1], block.heading, bool(BULLET_MARK.match(text))))
            continue
        previous = previous_block
        for sentence in (c for s in split_sentences(text) for c in _clauses(s)):
            if ((_SECTION.search(last_heading) and (reported := _reported_findings(sentence))) or (reported := _recommended(sentence))
                    or (reported := _next_focus(sentence)) or (reported := _told_to(sentence))):
                for finding in reported:
                    add(finding, block, sentence)
                continue
            m, items = _IN_SENTENCE.search(sentence), None
            if m is None and (m := _ASKED_TO_IMPROVE.search(sentence)):
                # "X and Y" after "asked to improve" may be one point ("support, advice and
                # guidance"): a list in a sentence is three or more, comma-separated.
                items = _split_list(m.group("list"))
                if "," not in m.group("list") or len(items) < 3:
                    m, items = None, None
            meta = sentence
            if m is None and (m := _NAMED_THEN_LISTED.search(sentence)):
                # a list of two or more, comma-separated, in a sentence that reports no one's words
                # ('"The areas for improvement are clear," she said'; "… are public facts; the …")
                items = _split_list(m.group("list"), one_word=True)
                # "… are X, Y" lists only counted areas ("The three areas still to improve are"): "The
                # areas for improvement were discussed at length" is about them. Class: an uncounted
                # "were" whose list opens as a noun phrase does ("Areas for improvement were the use
                # of X and achieving Y"): the areas themselves, however many.
                counted = re.search(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b", sentence[: m.start("list")], re.I)
                # Class: the definite list, "c) the areas for development were X, Y and Z": all of them,
                # as a count says, unless what follows is said of them ("were discussed at length").
                counted = counted or (
                    re.match(r"^\s*(?:\(?[a-z]\)\s+)?the\s+(?:\w+\s+)?(?:areas?|points?|recommendations?)\b", sentence)
                    and not re.match(r"^\s*(?:\w+ed|\w+ly|not|also|clear|set|given|shown)\b", m.group("list"), re.I)
                )
                named = m["are"] and _NOUN_PHRASE.match(m.group("list")) and not _ABOUT_THEM.match(m.group("list"))
                uncounted = m["are"] and not counted and not named
                # a ';' list is one only after 'include' ("… include X; Y; and Z"), not a sentence run on
                semicolons = ";" in m.group("list") and not re.match(r"includ", m["are"] or "including", re.I)
                if ((len(items) < 2 and not named) or uncounted or semicolons or _NARRATIVE.search(sentence)
                        or re.search(r"[\"“”]", sentence)):
                    m, items = None, None
            if m is None and (m := _IMPROVE_COLON.match(sentence)):
                # Class: a colon list after what must improve, inside a sentence: "… had identified
                # further work to improve consistency in: X; Y; and Z."
                items = _split_list(m.group("list"))
                if len(items) < 2 or _ABOUT_THE_LIST.search(m["head"]) or re.search(r"[\"“”]", sentence):
                    m, items = None, None
            if m is None and (m := _CALLED_FOR.search(sentence)):
                # Class: what the inspectors asked to see better: "Inspectors want to see better X,
                # better Y and firmer Z", "It called for improvements in X".
                items = [_BETTER_LEAD.sub("", i) for i in _split_list(_CALLED_FOR_END.split(m.group("list"))[0])]
                items = [i for i in items if len(i.split()) >= 2]  # "better management" names no area of its own
                if not items:
                    m, items = None, None
            if m is None and (m := _ONE_OF.match(sentence) or _ORDINAL_AREA.match(sentence)):
                items = [m.group("list").strip()]
            if m is None and (m := _IDENTIFIED_AS.search(sentence)):
                items = _split_list(m.group("list"), one_word=True)
                if len(items) < 2 or re.search(r"[\"“”]", sentence):
                    m, items = None, None
            if m is None and _NAMES_AREAS.search(previous) and (m := _AMONG_THEM.match(sentence)):
                if _about_them(sentence):
                    m = None  # "They are the matters that the council's plan responds to": about the areas
                meta = re.sub(r"^\s*(?:they|these) include", "", sentence, flags=re.I)  # "They include X" is the list itself
            # "Inspectors told the council to improve …" is the list; "The director said …" before it is narrative
            narrative = _NARRATIVE.search(sentence[: m.start()] if items is not None and m else sentence)
            if m and not _META.search(meta) and not narrative:
                for item in items or _split_list(m.group("list")):
                    add(item, block, sentence)
            previous += " " + sentence
        previous_block = text
    # A plan's table restates the areas it answers: taken when the text has not named them already
    # (the same area in other words is one area, not two).
    # Class: a letter's findings in prose before its section's bulleted points, under one heading
    # (the loader lost the "Findings" heading between them): when the section marks its points, an
    # unmarked paragraph in it is narrative ("Contingency planning is not always clear enough, so …").
    marked = {heading for _, heading, bullet in section_items if bullet}
    narrative = [f for f, heading, bullet in section_items if heading in marked and not bullet]
    if narrative:
        found[:] = [f for f in found if not any(f is n for n in narrative)]
        for i, f in enumerate(found):
            found[i] = f.model_copy(update={"number": i + 1})
    stated = list(found)
    for value, block in from_plan_tables(blocks):
        if not any(fuzz.token_set_ratio(value, f.text, processor=default_process) >= _SAME for f in stated):
            add(value, block, block.verbatim or block.text, from_plan_table=True)
    return found
