"""Whose words a sentence gives, when the sentence itself does not name them.

News pages and minutes name a speaker once and carry on with a pronoun or with the quotation:
"Councillor Ann Lee said the plan was working. She added that the council was 'not standing
still'." Quoted alone, "She added ..." answers "who said 'not standing still'?" with nobody, and
reads as anybody's words. A sentence whose speaker is not in it is a candidate together with the
sentence before it that names them, as one verbatim quote (`Unit.follow_on`), so the need of a
"who" question is met by the name and the answer shows whose words they are:

- a pronoun before a reporting verb opens it: "She added that ...", "He told members ...",
  "15.2 They explained ...";
- a quotation closes and a pronoun reports it: '"It was the right call," he said.';
- it lies inside a quotation opened in an earlier sentence of its paragraph:
  'Cllr X said: "We were glad. Our plan is working."' (the second sentence).

The speaker named there only by title and surname ("Ms Lee said ...") is named in full further
back ("Councillor Ann Lee"): the quote then starts there, so the answer carries the name a
question would use. With no sentence naming anyone before it in the passage, the sentence stays
as it is (and a "who" question's need refuses it).

The reporting verbs and pronouns are data (`indexer.vocabulary.REPORTING_VERBS`, `SPEAKER_PRONOUNS`).
"""

from __future__ import annotations

import re

from assistant.answering.candidates import Unit
from assistant.answering.needs import names_a_person
from indexer.vocabulary import REPORTING_VERBS, ROLES, SPEAKER_PRONOUNS, TITLES, alternation

_VERBS = alternation(sorted(REPORTING_VERBS, key=len, reverse=True))
_PRONOUNS = alternation(SPEAKER_PRONOUNS)
# "She added ...", "15.2 He told Members ...", "b) They also said ...", "He later wrote ...": a
# sentence led by a pronoun (after a paragraph number or list letter) that reports words. The
# one pattern for speakers here and the speaker gate (gates.SpeakerGate).
_LIST_MARK = r"(?:(?:\d+(?:\.\d+)*|[a-z])[.)]?\s+)?"
PRONOUN_SPEAKS = re.compile(rf"^\W*{_LIST_MARK}(?:{_PRONOUNS})\s+(?:\w+\s+){{0,2}}?(?:{_VERBS})\b", re.I)
# Any sentence led by one of those pronouns ("She had expected ..."): a chain of them goes back
# to the last sentence naming someone.
PRONOUN_LED = re.compile(rf"^\W*{_LIST_MARK}(?:{_PRONOUNS})\b", re.I)
# '"...," she said', '“...” he added.': a quotation whose reporter is a pronoun.
_QUOTE_THEN_PRONOUN = re.compile(rf"^\W*[\"“‘'].*[\"”’']\s*,?\s*(?:{_PRONOUNS})\s+(?:{_VERBS})\b", re.I | re.S)
# A role said to be speaking: "The chief executive said ...".
_ROLE = re.compile(rf"\b(?:{alternation(ROLES)})s?\b", re.I)
_TITLE_SURNAME = re.compile(rf"\b(?:{alternation(TITLES)})\.?\s+([A-Z][\w’'-]+)\b(?!\s+[A-Z])")
# How far back (in sentences) the name may be.
_MOST_BACK = 3


def _inside_quotation(before: str) -> bool:
    """Whether the paragraph text before a sentence leaves a quotation open."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


# "She joined the council in 2016.", "His appointment was confirmed in May.": "he" and "she" stand
# for a person whatever the verb ("they" and "it" for anything: only before a reporting verb).
# Not "His Majesty's Inspectors", which is a title.
_PERSON_PRONOUN_LED = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:he|she|his|her)\s(?!majesty)", re.I)
# A view given as the pronoun's: "In her view the result placed the council ...", "According to
# him, the service ...", "In their words, ...": whose view it is, is in a sentence before.
_PRONOUN_VIEW = re.compile(
    rf"^\W*{_LIST_MARK}(?:in\s+(?:her|his|their)\s+(?:own\s+)?(?:view|opinion|words|judgement|judgment|assessment)|according\s+to\s+(?:her|him|them))\b",
    re.I,
)


def needs_speaker(text: str, before: str = "") -> bool:
    """Whether the sentence `text` gives words whose speaker it does not name: led by a pronoun
    reporting them, or a quotation a pronoun reports, or inside a quotation opened in `before`
    (its paragraph's text before it)."""
    if PRONOUN_SPEAKS.match(text) or _QUOTE_THEN_PRONOUN.match(text) or _PERSON_PRONOUN_LED.match(text) or _PRONOUN_VIEW.match(text):
        return True
    return bool(before) and not re.match(r"^\W*[\"“‘]", text) and _inside_quotation(before)


def _continues_quotation(text: str, before: str, prior: str) -> bool:
    """Whether the sentence `text` goes on with the words quoted in the sentence before it
    (`prior`): inside a quotation its paragraph opened (`before`, the paragraph's text before
    it), or a paragraph opening with a quotation that names no one, after a sentence closing one
    ('..." / "Most importantly, ..."', as news pages set a long quotation out)."""
    if before and _inside_quotation(before):
        return True
    return not before and bool(re.match(r"^\W*[\"“]", text)) and bool(re.search(r"[\"”]\W*$", prior)) and not _names_speaker(text)


def _names_speaker(text: str) -> bool:
    return names_a_person(text) or bool(_ROLE.search(text))


def with_speakers(units: list[Unit]) -> list[Unit]:
    """`units` (one passage's candidates, in its order), each sentence whose speaker is not in it
    extended back to the sentence naming them (one quote, `follow_on`); the rest unchanged."""
    out: list[Unit] = []
    # Where each sentence extended back starts: a sentence continuing the same quotation (the
    # next sentence inside it, or a paragraph wholly quoted after one that was) starts there too,
    # however many sentences the speaker's words run to.
    starts: dict[int, int] = {}
    for k, unit in enumerate(units):
        p = unit.hit.passage
        if unit.is_list or p.is_table_row:
            out.append(unit)
            continue
        at = p.text.find(unit.quote)
        line_start = p.text.rfind("\n", 0, at) + 1 if at >= 0 else 0
        before = p.text[line_start:at] if at >= 0 else ""
        prior = next((j for j in range(k - 1, -1, -1) if not units[j].is_list), None)
        continued = prior is not None and prior in starts and _continues_quotation(unit.text, before, units[prior].text)
        if at < 0 or not (continued or needs_speaker(unit.text, before)):
            out.append(unit)
            continue
        if continued:
            start, last = starts[prior], unit.follow_on or unit.quote
            end = p.text.find(last, start)
            if end >= start:
                starts[k] = start
                out.append(Unit(unit.hit, unit.text, unit.quote, p.text[start : end + len(last)], unit.is_list))
                continue
        earlier = [u for u in units[:k] if not u.is_list][::-1][: _MOST_BACK]
        # A sentence led by a pronoun is a link of the chain, not its speaker's naming: "She said
        # every case raised by inspectors had been reviewed." names inspectors as whom she spoke
        # of, so the chain goes on back to "Jane Roe, the director, told the paper: ...".
        named = next((u for u in earlier if not PRONOUN_LED.match(u.text) and not _PRONOUN_VIEW.match(u.text) and _names_speaker(u.text)), None)
        if named is None:
            out.append(unit)
            continue
        named = _full_name(named, [u for u in units[:k] if not u.is_list])
        start = p.text.find(named.quote)
        last = unit.follow_on or unit.quote
        end = p.text.find(last, max(start, 0))
        if start < 0 or end < start:
            out.append(unit)
            continue
        starts[k] = start
        out.append(Unit(unit.hit, unit.text, unit.quote, p.text[start : end + len(last)], unit.is_list))
    return out


def _full_name(named: Unit, earlier: list[Unit]) -> Unit:
    """The sentence naming the speaker in full: `named` itself, or, when it names them only by
    title and surname ("Ms Lee said ..."), the nearest earlier sentence naming "<Name> Lee"."""
    short = _TITLE_SURNAME.search(named.text)
    if short is None or names_a_person(_TITLE_SURNAME.sub(" ", named.text)):
        return named
    surname = re.escape(short.group(1))
    full = re.compile(rf"\b(?!(?:{alternation(TITLES)})\b)[A-Z][\w’'-]+\s+{surname}\b")
    at = earlier.index(named) if named in earlier else len(earlier)
    return next((u for u in reversed(earlier[:at]) if full.search(u.text)), named)


def whole_quotation(unit: Unit, others: list[Unit]) -> Unit:
    """The speaker's sentence `unit` with the rest of their words after it: the longest of
    `others` (candidates of its passage, extended back to it by `with_speakers`) whose quote
    starts with `unit`'s. 'Cllr Lee said: "We are glad. Our plan is working."' answers "what did
    Cllr Lee say?" with both sentences, not the first alone; `unit` itself when none goes on."""
    own = unit.follow_on or unit.quote
    longer = [u for u in others if u.hit.passage.id == unit.hit.passage.id and u.follow_on and len(u.follow_on) > len(own) and u.follow_on.startswith(own)]
    return max(longer, key=lambda u: len(u.follow_on or ""), default=unit)


# A document's author named where it opens: "*By Ann Lee, Mayor of Oakshire. 3 May 2021.*",
# "From: Sam Roe, Chief Executive", "A blog for staff from Jo Lin, Corporate Director – ...". The
# author is given a post (a role after the name), as a column, a blog or a staff message names
# its writer; a reporter's byline ("By Local Democracy Reporter") names no one's post.
_BYLINE = re.compile(
    rf"^\W*(?:(?:an?|our)\s+(?:[\w’'-]+\s+){{0,6}}?)?(?:by|from:?|written by)\s+"
    rf"(?P<name>(?:(?:{alternation(TITLES)})\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,2}}),\s+(?:the\s+)?(?P<post>[^.\n]{{2,80}})",
    re.I,
)
# How many of a document's first lines may hold its byline (title, date and standfirst first).
_BYLINE_LINES = 4
_QUOTED_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us)\b")


def byline(units: list[Unit]) -> Unit | None:
    """The candidate naming the author of the document whose first passage's candidates are
    `units`, or None: a byline among its first lines naming a person with a post."""
    if not units:
        return None
    head = "\n".join(units[0].hit.passage.text.split("\n")[:_BYLINE_LINES])
    for line in head.split("\n"):
        m = _BYLINE.match(line)
        if m and names_a_person(m.group("name")) and _ROLE.search(m.group("post")):
            return next((u for u in units if m.group("name") in u.text), None)
    return None


def authors_words(text: str) -> bool:
    """Whether a sentence of a document with a byline is its author's own words: they speak in
    the first person outside any quotation ('I "apologise unreservedly" ...', "It is what we
    are trying to achieve"), or the sentence quotes no one and names no speaker ("An audit only
    tells you ...")."""
    if _FIRST_PERSON.search(_QUOTED_SPAN.sub(" ", text)):
        return True
    return not re.search(r"[\"“”]", text) and not PRONOUN_SPEAKS.match(text) and not _names_speaker(text)
