"""Grades per judgement area, from judgement tables, 'Area: grade' lines and prose.

Precision comes first: a wrong grade shown to a councillor is the worst failure. So a grade
found in prose is accepted only when every named gate below passes; each gate is a small
function returning why it refuses (or None), so each can be tested and read on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer import councils
from indexer.records import terms
from indexer.records.types import Citation, FindingSource, Grade, GradeFinding, JudgementArea
from indexer.sentences import CONTRAST, split_sentences
from indexer.types import Block
from indexer.vocabulary import AREA_PHRASES, GRADE_ALTERNATION, SIF_TITLE, area_of

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class Context:
    """What the gates need to know about the document a clause is in."""

    source: str
    authority: str
    inspection_year: int  # 0 when unknown
    heading: str = ""


# --- tables ------------------------------------------------------------------------


def _split_tables(blocks: list[Block]) -> list[list[Block]]:
    groups: list[list[Block]] = []
    previous_was_row = False
    for block in blocks:
        is_row = block.is_table_row and bool(block.cells)
        if is_row:
            headers = tuple(h for h, _ in block.cells)
            if previous_was_row and groups[-1][-1].heading == block.heading and tuple(h for h, _ in groups[-1][-1].cells) == headers:
                groups[-1].append(block)
            else:
                groups.append([block])
        previous_was_row = is_row
    return groups


def is_history_table(rows: list[Block]) -> bool:
    """A table of past inspections: a cell or column header that is a year or a date column
    ("Year | Overall effectiveness"). Its grades describe other inspections."""
    for row in rows:
        for header, text in row.cells:
            if re.fullmatch(r"\s*(?:year|date|inspection date|previous|history)\s*", header, re.I):
                return True
            if re.match(r"\s*(?:19|20)\d\d\b(?:\s*\(.*\))?\s*$", text):  # "2018", "2010 (August)"
                return True
    return False


def _column_for_year(headers: list[str], year: int) -> int | None | bool:
    """In a comparison table whose columns are years ("2017 | 2022 (ILACS)"), the column of the
    inspection's own year; False when the columns have years but none is this one; None when
    the columns carry no years."""
    with_years = [(i, int(m.group(0))) for i, h in enumerate(headers) if (m := _YEAR.search(h))]
    if not with_years:
        return None
    for i, y in with_years:
        if y == year:
            return i
    # Class: the report's year, when it is the year after the fieldwork ("Judgement | 2020 grade"
    # in the news of an inspection carried out in December 2019 and published in 2020): the latest
    # column, when it is that year, is the inspection's. (gate_not_earlier reads prose so too.)
    latest, latest_year = max(with_years, key=lambda iy: iy[1])
    if year and latest_year == year + 1:
        return latest
    return False


# An outcome cell that opens with the overall grade: "Good overall", "Requires improvement to be
# good; six recommendations", "Inadequate (statutory direction issued)".
_OUTCOME_OPENS = re.compile(r"^\s*(?:overall\s*)?$|^\s*overall\b|^\s*[;,(.]", re.I)


def from_history_table(rows: list[Block], ctx: Context) -> list[GradeFinding]:
    """A table of past inspections grades other inspections, but its row for the inspection the
    document is about ("2024 | ILACS standard inspection, May 2024 | Good overall") grades this
    one: its outcome cell's opening grade is the overall effectiveness. The other rows are not
    read (their grades are their own inspections'), nor a visit's row (a visit is not graded)."""
    if not ctx.inspection_year:
        return []
    found = []
    for row in rows:
        texts = [t for _, t in row.cells]
        year_cells = [t for t in texts if re.match(r"\s*(?:\w+\s+)?(?:19|20)\d\d\b(?:\s*\(.*\))?\s*$", t)]
        if len(year_cells) != 1 or int(_YEAR.search(year_cells[0]).group(0)) != ctx.inspection_year:
            continue
        values = " ".join(texts)  # the cells, not their headers ("Inspection or visit")
        if re.search(r"\bvisits?\b", values, re.I) or _EARLIER.search(values):
            continue
        for t in texts:
            mentions = terms.grade_mentions(t)
            if mentions and mentions[0].start == 0 and _OUTCOME_OPENS.match(t[mentions[0].end :]):
                found.append(GradeFinding(area=JudgementArea.OVERALL_EFFECTIVENESS, grade=mentions[0].grade, how=FindingSource.TABLE,
                                          citation=Citation(source=ctx.source, page=row.page, quote=row.verbatim or row.text)))
                break
    return found


def from_tables(blocks: list[Block], ctx: Context) -> list[GradeFinding]:
    findings: list[GradeFinding] = []
    for rows in _split_tables(blocks):
        if is_history_table(rows):
            findings.extend(from_history_table(rows, ctx))
            continue
        headers = [h for h, _ in rows[0].cells]
        column = _column_for_year(headers, ctx.inspection_year)
        if column is False:
            continue
        # In a comparison table the other years' cells are grades, not the row's name, though they
        # may name an area ("Inadequate (leadership, management and governance)" under "Grade 2018").
        dated = {i for i, h in enumerate(headers) if _YEAR.search(h)} if column is not None else set()
        for row in rows:
            texts = [t for _, t in row.cells]
            named = [(i, a) for i, t in enumerate(texts) if i not in dated and (a := area_named(t)) is not None]
            if len(named) != 1:
                continue
            area_index, area = named[0]
            if column is not None:
                grade_cells = [column] if column < len(texts) else []
            else:
                grade_cells = [i for i, t in enumerate(texts) if i != area_index and terms.grade_of(t)]
            grades = {terms.grade_of(texts[i]) for i in grade_cells} - {None}
            if len(grades) != 1:
                continue
            findings.append(
                GradeFinding(
                    area=area,
                    grade=grades.pop(),
                    how=FindingSource.TABLE,
                    citation=Citation(source=ctx.source, page=row.page, quote=row.verbatim or row.text),
                )
            )
    return findings


# --- 'Area: grade' lines -----------------------------------------------------------------

_LINE = re.compile(r"^\s*(?:[-•*–]\s*)?(?P<label>[^:]{3,160}?)\s*[:–—-]\s+(?P<value>[A-Za-z ]{4,40}?)[\s.]*$")


# "Judgement: good." under the area's own heading; "Overall judgement: good" on a news page.
_JUDGEMENT_LABEL = re.compile(r"^\s*(?:judgement|grade|rating|graded|judged)\s*$", re.I)
# The inspection's one-line result: "Inspection outcome: Good", "Ofsted rating: inadequate".
_OVERALL_LABEL = re.compile(
    r"^\s*(?:overall (?:judgement|grade|rating|outcome|result)|(?:the\s+)?(?:inspection|ofsted(?:'s)?|ILACS) (?:outcome|result|judgement|grade|rating|verdict))\s*$",
    re.I,
)


def from_line(text: str, ctx: Context, page: int | None) -> GradeFinding | None:
    """'Overall effectiveness: Good', '- The impact of leaders …: inadequate.', 'Judgement: good.'
    under a heading naming the area."""
    m = _LINE.match(text)
    if not m or _YEAR.search(m.group("label")):
        return None
    grade = terms.grade_of(m.group("value"))
    label = m.group("label")
    if _OVERALL_LABEL.match(label):
        area = JudgementArea.OVERALL_EFFECTIVENESS
    elif _JUDGEMENT_LABEL.match(label):
        # under the area's own heading, that area's; under a heading naming no area at all (a news
        # page's "Judgement: requires improvement to be good"), the inspection's overall one
        heading = ctx.heading.split(" > ")[-1]
        area = area_named(heading) if not _YEAR.search(heading) else None
        if area is None and not _YEAR.search(ctx.heading) and not terms.area_mentions(ctx.heading) and not _ABOUT_A_VISIT.search(ctx.heading):
            area = JudgementArea.OVERALL_EFFECTIVENESS
    else:
        area = area_named(label)
    if grade is None or area is None:
        return None
    return GradeFinding(area=area, grade=grade, how=FindingSource.LINE, citation=Citation(source=ctx.source, page=page, quote=text.strip()))


def area_named(label: str) -> JudgementArea | None:
    """The area a table cell or line label names: the vocabulary's most specific match
    ("Children looked after / children in care and care leavers" is the combined judgement),
    or a cell reading just "Overall" (comparison tables shorten it so)."""
    if area := area_of(label):
        return area
    if re.fullmatch(r"\s*overall\s*", label, re.I):
        return JudgementArea.OVERALL_EFFECTIVENESS
    return None


# --- prose ---------------------------------------------------------------------------------

# A clause is where an area and its grade must both be: a sentence cut at ; : , ( ) and at
# conjunctions that start a new statement ("… outstanding overall, with help and protection judged good").
# An exception starts one too: in "every other judgement was outstanding except care leavers,
# which was graded good" the area after "except" is the one the grade is NOT given to.
# "outstanding for help and protection and good for care leavers": an 'and' before a grade 'for'
# an area starts the next area's clause, so each clause holds one grade.
_CLAUSE_BREAK = re.compile(
    rf"[;:,()—–]|\s(?:{CONTRAST}|except(?:\s+for)?|apart from|other than|save for)\s"
    rf"|\sand\s(?=[\"'‘“]?(?:{GRADE_ALTERNATION})[\"'’”]?\s+(?:for|in)\s)",
    re.I,
)
_JUDGED_BEFORE = re.compile(
    r"\b(?:judged|rated|graded|assessed|found|remains?|remained|is|was|were|are|been|received|achieved|retained|kept|given|"
    # a rating that moved: "the council's rating has been raised to 'requires improvement to be good'"
    r"raised|lowered|upgraded|downgraded|improved|rose|fell|dropped|"
    # a rating that held: "Overall effectiveness stays at good", "stayed at 'outstanding'"
    r"stays?\s+at|stayed\s+at)"
    r"(?:\s+(?:as|to be|to|now|still|again|also|all|both|judged|rated|graded|once|overall))*\s+[\"'‘“]?$",
    re.I,
)
# "judged Bradford's children's services inadequate", "judged services to require improvement".
_STRONG_VERB_BEFORE = re.compile(r"\b(?:judged|judges|rated|rates|graded|found)\b(?:\s+[\w'’-]+){0,8}?\s+[\"'‘“]?$", re.I)
# "judged Northumberland County Council's children's social care services to be good": a long
# object, then "to be" and the grade.
_VERB_OBJECT_TO_BE = re.compile(r"\b(?:judged|judges|rated|rates|graded|found|considered)\b[^.;:()]{0,120}?\bto be\s+[\"'‘“]?$", re.I)
# Class: "rated the services provided to families and young people as good": a long object naming
# no area (the service), then 'as' and the grade. A list of areas before 'as' is `from_area_list`'s,
# which reads what follows the grade too ("… as good at the last inspection").
_VERB_OBJECT_AS = re.compile(r"\b(?:judged|judges|rated|rates|graded|considered)\b[^.;:()]{0,120}?\bas\s+[\"'‘“]?$", re.I)
# "given the improved grade of 'requires improvement'", "held its judgement of good": a grade named as a grade.
_GRADE_OF = re.compile(r"\b(?:grade|rating|judge?ment)\s+of\s+[\"'‘“]?$", re.I)
# "an overall 'good' rating", "an overall good judgement": overall before the grade.
_OVERALL_BEFORE = re.compile(r"\boverall\s+[\"'‘“]?$", re.I)
_OVERALL_GRADE_OF = re.compile(
    r"\boverall (?:grade|judgement|rating)(?:(?:\s+\w+){0,2}?\s+(?:of|was|is|as))?(?:\s+that\s+(?:[\w'’-]+\s+){1,6}?)?\s*$", re.I
)
# "a 'good' rating", "gave outstanding grades for …", "across-the-board 'good' scores": the grade
# word before the noun naming it as one (singular or plural).
_JUDGED_AFTER = re.compile(r"^[\"'’”]?\s+(?:Ofsted\s+)?(?:grades?|ratings?|judge?ments?|scores?)\b", re.I)
_OVERALL_AFTER = re.compile(r"^[\"'’”]?\s+overall\b", re.I)
_EVERY_AREA = re.compile(
    # "in every area", "in all four judgements", "across the board"
    r"(?:\b(?:every|each|all)(?:\s+of)?(?:\s+the)?(?:\s+(?P<n>four|five))?(?:\s+of\s+the)?(?:\s+(?:key\s+)?judge?ment)?\s+(?:areas?|judge?ments?|categor(?:y|ies))\b"
    r"|\bacross[\s-]the[\s-]board\b)(?!\s+(?:but|except|apart))", re.I
)
# "(all judgements inadequate)": the set of areas, then its grade
_EVERY_AREA_BEFORE = re.compile(_EVERY_AREA.pattern + r"\s+[\"'‘“]?$", re.I)
_THIS_AREA = re.compile(r"\bthis (?:area|judgement)\b", re.I)
# "Bradford's children's services … inadequate": the service as a whole is its overall effectiveness.
_THE_SERVICE = re.compile(
    r"\bchildren[’']?s (?:social care )?services\b|\bservices for children\b|\bchildren[’']?s social care\b|\b(?:the|this) (?:council|local authority|authority) (?:being|was|is|has been|had been) (?:rated|judged|graded)\b"
    # the service named by what it is, or by its rating: "Inspectors rated the service inadequate",
    # "the department was judged outstanding", "services have been given the grade of …", "the council's rating"
    r"|\b(?:the|this|our|its|their) (?:service|department|directorate)\b|^\s*(?:[\w’']+\s+){0,4}?services\b"
    r"|\b(?:since|when|after|until|because)\s+(?:the\s+|its\s+|our\s+|their\s+)?services\b"
    r"|\b(?:the )?(?:council|authority)[’']s (?:overall )?(?:rating|grade|judge?ment)\b|\b(?:its|their|our) (?:overall )?(?:rating|grade|judge?ment)\b", re.I
)
# "The other three judgements, including overall effectiveness, were outstanding." after a
# sentence grading the rest: the framework's other areas, when the count agrees.
_THE_OTHER = re.compile(
    r"^\s*the (?:other|remaining) (?P<n>one|two|three|four)\b[^.]*?\b(?:judgements?|areas?)\b[^.]*?\b(?:were|was|are|is)\s+"
    r"(?:(?:all|also|each|judged|rated|graded)\s+)*(?:to\s+)?(?P<grade>[\w ]+?)\.?\s*$",
    re.I,
)
_EARLIER = re.compile(
    r"\b(?:previous(?:ly)?|last (?:full |ILACS |standard )?inspection|earlier|formerly|at the time|had been|used to|"
    r"in the past|former|prior|historic(?:al|ally)?|since the|period|decade|years in which|until|"
    # a state that lasted: "were rated inadequate for eight years"
    r"for (?:\w+ )?(?:years|months)|for (?:over )?a decade|"
    # a time counted back: "judged inadequate two years ago", "two years earlier"
    r"(?:a|one|two|three|four|five|six|several|\d+) years? (?:ago|earlier|before))\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:not|no longer|never|aim|aims|aiming|ambition|aspire|aspiration|target|towards|become|becoming|would|could|"
    r"should|might|may(?!\s+\d)(?!\s+(?:19|20)\d\d)|hope|hoped|hopes|expect|expected|expects|optimistic|want|wants|plans? to|move|moving|ready|"
    r"rather than|if|unless|bid|strive|likely|risk|predicted|forecast|"
    # a bound, not a grade: "rated at least good across all categories", "good or better"
    r"at least|no (?:lower|worse) than|or (?:better|above|higher))\b",
    re.I,
)
_OTHER_SERVICE = re.compile(
    r"\b(?:fostering|adoption|SEND|special educational|youth (?:justice|offending)|children'?s? homes?|home|schools?|"
    r"nurser(?:y|ies)|academ(?:y|ies)|college|police|health|residential)\b",
    re.I,
)
_JUDGEMENT_WORDS = re.compile(
    r"\b(?:judged|judges|rated|rates|graded|judge?ments?|grades?|rating|Ofsted|inspect\w*|overall effectiveness|experiences and progress|"
    # the grade's own full name is a judgement ("services in Lambeth require improvement to be good");
    # the press calls Ofsted "the watchdog"
    r"requires? improvement to be good|(?:government |education )?watchdog)\b", re.I
)



def gate_one_grade(clause: str) -> str | None:
    grades = {g.grade for g in terms.grade_mentions(clause)}
    return None if len(grades) == 1 else f"{len(grades)} grades in one clause"


def gate_judgement_form(clause: str, grade: terms.GradeMention) -> str | None:
    """The grade word is stated as a judgement ('judged good', 'is outstanding', 'a good
    rating', 'good overall'), not an adjective ('good practice')."""
    before, after = clause[: grade.start], clause[grade.end :]
    if grade.grade is Grade.REQUIRES_IMPROVEMENT and re.match(r"requir(?:es|e)\b", clause[grade.start :], re.I):
        return None  # "services require improvement to be good": the phrase is its own verb
    if (
        _JUDGED_BEFORE.search(before)
        or _STRONG_VERB_BEFORE.search(before)
        or _VERB_OBJECT_TO_BE.search(before)
        or ((m := _VERB_OBJECT_AS.search(before)) and not terms.area_mentions(m.group(0)))
        or _OVERALL_GRADE_OF.search(before)
        or _GRADE_OF.search(before)
        or _OVERALL_BEFORE.search(before)
        or _EVERY_AREA_BEFORE.search(before)
        or _JUDGED_AFTER.match(after)
        or _OVERALL_AFTER.match(after)
    ):
        return None
    return "the grade word is not stated as a judgement"


_FROM = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?[\"'‘“]?$", re.I)
# "from good in 2018 to outstanding", "from inadequate at the last inspection to good": the year
# or inspection it moved from may stand between the two grades.
_TO = re.compile(
    r"^[\"'’”]?\s+(?:(?:in|at)\s+(?:the\s+|its\s+)?(?:(?:last|previous)\s+)?(?:(?:inspection|report)\s+(?:in\s+)?)?(?:\w+\s+)?(?:19|20)\d\d,?\s+"
    r"|(?:at|in)\s+(?:the|its)\s+(?:last|previous)\s+(?:inspection|report),?\s+)?"
    r"(?:rating\s+|grade\s+|judgement\s+)?to\s+(?:an?\s+|be\s+)?[\"'‘“]?$",
    re.I,
)


def moved_to(clause: str, mentions: list[terms.GradeMention]) -> terms.GradeMention | None:
    """'improved from requires improvement to good': the grade it moved to is the current one
    (the one it moved from is an earlier inspection's, and is not taken)."""
    if len(mentions) != 2:
        return None
    first, second = mentions
    if _FROM.search(clause[: first.start]) and _TO.match(clause[first.end : second.start]):
        return second
    return None


def without_moved_from(clause: str, mentions: list[terms.GradeMention]) -> str:
    """A moved grade's clause with what it moved from cut out ("rose from good in 2018 to
    outstanding" → "rose outstanding"): the earlier year and grade there are the move's start, not
    an earlier inspection the clause is about."""
    first, second = mentions
    at = _FROM.search(clause[: first.start])
    return clause[: at.start()] + clause[second.start :]


def gate_judgement_context(sentence: str) -> str | None:
    """The sentence is about judgements at all: 'Practice for care leavers is good' is a finding,
    'Care leavers were judged good' is a grade."""
    if _JUDGEMENT_WORDS.search(sentence):
        return None
    # a grade that moved between two of the scale's words is a judgement ("rose from good to outstanding")
    mentions = terms.grade_mentions(sentence)
    return None if moved_to(sentence, mentions) else "no judgement words in the sentence"


def gate_not_earlier(clause: str, grade: terms.GradeMention, inspection_year: int, sentence: str = "") -> str | None:
    """Not about an earlier inspection: no other year, no 'previous', no 'moved from good'. The
    year after the inspection is its report's, when the sentence names the inspection's own
    ("judged inadequate in January 2019, after an inspection in November and December 2018")."""
    years = {int(y) for y in _YEAR.findall(clause)}
    if inspection_year and years - {inspection_year} == {inspection_year + 1} and re.search(
        rf"\b(?:after|following)\s+(?:an?|the|its)\s+(?:[\w-]+\s+)?inspection\b[^.;]{{0,50}}?\b{inspection_year}\b", sentence, re.I
    ):
        years = {inspection_year}
    if years - {inspection_year}:
        return f"names another year ({', '.join(map(str, sorted(years - {inspection_year})))})"
    if (m := _EARLIER.search(clause)) and not _backshifted(m, clause, sentence):
        return "about an earlier inspection"
    if re.search(r"\bfrom\s+(?:an?\s+|the\s+)?$", clause[: grade.start], re.I):
        return "the grade it moved from"
    return None


# Reported speech shifts the tense back: in "He explained that the overall effectiveness of the
# service had been judged inadequate" (minutes), 'had been' is this inspection's, told after it.
# Class: minutes narrating the report they were given ("X introduced the report, which set out the
# outcome of Ofsted's inspection … . Services had been judged outstanding in all four areas."): the
# sentence before introduces the report, and the 'had been' after it is that report's.
_REPORTED = re.compile(
    r"\b(?:explained|said|reported|noted|told|confirmed|stated|advised|informed|concluded|heard)\b[^.;]*?\bthat\b"
    r"|\b(?:introduced|presented|submitted)\s+(?:the|a|his|her)\s+(?:\w+\s+){0,3}?report\b[^.;]*?\b(?:outcome|findings|result)\b",
    re.I,
)


def _backshifted(m: re.Match, clause: str, sentence: str) -> bool:
    """The only earlier-inspection words are a 'had been' in reported speech: a reporting verb
    and 'that' before it, no other earlier word in the sentence."""
    if m.group(0).lower() != "had been" or _EARLIER.search(clause[m.end() :]) or not sentence:
        return False
    at = sentence.find(clause)
    return at >= 0 and bool(_REPORTED.search(sentence[: at + m.start()])) and not [
        e for e in _EARLIER.finditer(sentence) if e.group(0).lower() != "had been"
    ]


def gate_moved_from(clause: str, grade: terms.GradeMention) -> str | None:
    if re.search(r"\bfrom\s+(?:an?\s+|the\s+)?$", clause[: grade.start], re.I):
        return "the grade it moved from"
    return None


def _clause_at(sentence: str, start: int) -> str:
    """The clause of `sentence` that starts at `start`."""
    m = _CLAUSE_BREAK.search(sentence, start)
    return sentence[start : m.start() if m else len(sentence)]


def gate_no_earlier_before(sentence: str, clause_start: int, inspection_year: int) -> str | None:
    """No earlier inspection named before the clause in the same sentence: 'since the previous
    inspection in 2016, when it was rated good' grades 2016. (After it is fine: 'remain
    outstanding, as they were at the last inspection in 2018'.) A clause that names this
    inspection itself ('… and that the 2019 inspection had rated the service as good') is about
    it, whatever came before."""
    if inspection_year and re.search(
        rf"\b{inspection_year}\s+(?:ILACS\s+|full\s+|standard\s+|Ofsted\s+)?(?:inspection|re-inspection)\b|\binspection\s+(?:in|of)\s+(?:\w+\s+)?{inspection_year}\b",
        _clause_at(sentence, clause_start), re.I,
    ):
        return None
    before = sentence[:clause_start]
    years = {int(y) for y in _YEAR.findall(before)} - {inspection_year}
    if years or _EARLIER.search(before):
        return "an earlier inspection is named before it"
    return None


_COMPARED_WITH = re.compile(
    r"\b(?:the same (?:\w+\s+){0,3}?as|(?:up|down) from(?:\s+[\w'‘’\"]+){0,5}?|compared (?:with|to)|than)\s+(?:in\s+|at\s+)?(?:the\s+)?(?:\w+\s+)?(?:19|20)\d\d\b",
    re.I,
)


def gate_paragraph_not_earlier(before: str, sentence: str, inspection_year: int) -> str | None:
    """A sentence that carries on a paragraph about an earlier inspection ('In November 2018
    Ofsted judged …. Children in care were judged good.') is about that one too, unless it
    says 'now' or names the inspection's own year."""
    years = [int(y) for y in _YEAR.findall(before)]
    if not years or years[-1] == inspection_year or not inspection_year:
        return None
    # The last sentence naming a year names this inspection's too ("Inspectors visited in May
    # 2019, the first full inspection since 2017."): the paragraph is about this one.
    last = next((s for s in reversed(split_sentences(before)) if _YEAR.search(s)), "")
    if str(inspection_year) in last:
        return None
    # Or it names the earlier year only to compare this one with it ("This is the same overall
    # grade as in 2019.", "up from inadequate in 2019"): the paragraph is still about this one.
    if not _YEAR.search(_COMPARED_WITH.sub(" ", last)):
        return None
    if re.search(r"\bnow\b", sentence, re.I) or str(inspection_year) in sentence:
        return None
    return f"continues a paragraph about {years[-1]}"


def gate_not_hypothetical(clause: str) -> str | None:
    m = _HYPOTHETICAL.search(clause)
    return f"hypothetical or negated ('{m.group(0)}')" if m else None


def gate_not_question(sentence: str) -> str | None:
    return "a question" if sentence.rstrip().endswith("?") else None


def gate_own_council(sentence: str, authority: str) -> str | None:
    """No other council named in the sentence: 'Cornwall, whose care leavers service is rated
    outstanding' grades Cornwall, not the council whose document it is."""
    others = [c for c in councils.find(sentence) if c != authority]
    return f"about another council ({others[0]})" if others else None


_AREA_WORDS = "|".join(pattern.pattern for _, pattern in AREA_PHRASES)


def gate_not_other_service(clause: str) -> str | None:
    # Class: the SIF's adoption sub-judgement listed beside an area ("for adoption performance and
    # for the experiences of care leavers, which were both rated good") is no other service.
    if terms.area_mentions(clause):
        clause = re.sub(rf"\b{_SUB_JUDGEMENT_ITEM}{_JOIN}(?=(?:for\s+)?(?:the\s+)?(?:\w+\s+){{0,6}}?(?:{_AREA_WORDS}))", "", clause, flags=re.I)
    m = _OTHER_SERVICE.search(clause)
    return f"about another service ('{m.group(0)}')" if m else None


# "judged the leadership of the council and the trust to be inadequate" grades a part of the
# service (and not in the vocabulary's words), not the service as a whole.
_PART_OF_THE_SERVICE = re.compile(r"\b(?:leadership|leaders|management|managers|governance|practice|partnership|front door|workforce)\b", re.I)


def _council_named(authority: str) -> str:
    """The council in its common forms, as a pattern: "the London Borough of X", "X City Council"."""
    return (rf"(?:the\s+)?(?:(?:London\s+)?Borough\s+of\s+|City\s+of\s+)?{re.escape(authority)}"
            r"(?:\s+(?:County|City|Borough|Metropolitan\s+Borough))?(?:\s+Council)?")


def _council_is_subject(clause: str, authority: str) -> bool:
    """'Southwark was rated good', 'Kent County Council has been judged outstanding': the council
    itself, named as the subject of the judgement, stands for its children's services."""
    if not authority:
        return False
    return bool(re.match(
        rf"^\s*{_council_named(authority)}"
        r"\s+(?:was|is|has\s+been|had\s+been|have\s+been)\s+(?:(?:now|again|also)\s+)?(?:rated|judged|graded|found)\b",
        clause, re.I,
    ))


# "outstanding for …", "outstanding grades for …": the grade (or the grade as a noun's adjective)
# given for the areas named after it.
_GRADE_FOR = re.compile(r"^[\"'’”]?\s+(?:(?:grades?|ratings?|judge?ments?)\s+)?(?:for|in)\b", re.I)


# Class: a grade given to some of the areas, counted: "in three of the four judgement areas", "in
# two of the five areas" is no area's grade, and not the overall one.
_SOME_OF_THE_AREAS = re.compile(
    r"\b(?:one|two|three|four|\d)\s+of\s+(?:the|its|their)\s+(?:\w+\s+)?(?:two|three|four|five|\d)\s+(?:\w+\s+)?(?:areas?|judge?ments?)\b", re.I
)


def _council_is_object(before: str, authority: str) -> bool:
    """'they graded Redbridge outstanding', 'Ofsted rated Leeds City Council's services good': the
    council named as the object of the judging verb, right before its grade."""
    if not authority:
        return False
    return bool(re.search(
        rf"\b(?:judged|judges|rated|rates|graded|grades)\s+{_council_named(authority)}"
        r"(?:[’']s\s+(?:children[’']?s\s+)?(?:social\s+care\s+)?services)?"
        r"\s+(?:as\s+|to\s+be\s+)?[\"'‘“]?$",
        before, re.I,
    ))


def clause_areas(clause: str, grade: terms.GradeMention, ctx: Context) -> list[JudgementArea]:
    """The area(s) the clause grades: named in it ('help and protection … judged good'), 'overall'
    next to the grade, 'in every area', or 'this area' under a heading naming one area."""
    after = clause[grade.end :]
    mentions = terms.area_mentions(clause)
    distinct = list(dict.fromkeys(m.area for m in mentions))
    if (every := _EVERY_AREA.search(clause)) and not distinct:
        # "all five areas": the 2023 framework's five; "all four": the one before it.
        # "in September last year": the inspection of the year before the document's
        own = ctx.inspection_year - 1 if ctx.inspection_year and re.search(r"\blast year\b", clause, re.I) else ctx.inspection_year
        return terms.every_area(own, {"four": 4, "five": 5}.get((every["n"] or "").lower()))
    if (_OVERALL_GRADE_OF.search(clause[: grade.start]) or _OVERALL_BEFORE.search(clause[: grade.start])) and not distinct:
        return [JudgementArea.OVERALL_EFFECTIVENESS]
    if _SOME_OF_THE_AREAS.search(clause) and not distinct:
        return []  # "services require improvement in three of the four judgement areas": which three is not said
    if (
        (_OVERALL_AFTER.match(after) or _THE_SERVICE.search(clause) or _council_is_subject(clause, ctx.authority)
         or _council_is_object(clause[: grade.start], ctx.authority))
        and not distinct
        and not _PART_OF_THE_SERVICE.search(clause[: grade.start])
    ):
        return [JudgementArea.OVERALL_EFFECTIVENESS]
    if len(distinct) == 1:
        return distinct
    if len(distinct) > 1 and all(m.end <= grade.start for m in mentions):
        return distinct  # "Leaders and help and protection were judged good"
    if len(distinct) > 1 and all(m.start >= grade.end for m in mentions) and _GRADE_FOR.match(after):
        return distinct  # "graded outstanding for care leavers and for the impact of leaders"
    if not distinct and _THIS_AREA.search(clause):
        heading_areas = list(dict.fromkeys(m.area for m in terms.area_mentions(ctx.heading.split(" > ")[-1])))
        if len(heading_areas) == 1:
            return heading_areas
    return []


# "good in every area it judged, including help and protection, adoption and services for care
# leavers": the areas listed after 'every area' are covered by its grade (the SIF's care leavers,
# not a headline judgement, is graded only when named so).
_INCLUDING = re.compile(r"^\s*[,;]?\s*(?:including|notably|such as|as well as|among them)\b(?P<rest>.*)$", re.I | re.S)


def included_areas(rest: str) -> list[JudgementArea]:
    """The areas an 'including …' list after 'every area' names, when it states no grade of its own."""
    m = _INCLUDING.match(rest)
    if not m or terms.grade_mentions(m["rest"]) or _HYPOTHETICAL.search(m["rest"]):
        return []
    return list(dict.fromkeys(a.area for a in terms.area_mentions(m["rest"])))


def clauses(sentence: str) -> list[tuple[int, str]]:
    """The sentence cut into clauses, each a verbatim slice of it; never inside an area's name
    ("leadership, management and governance", "children looked after (including care leavers)")."""
    names = [(a.start, a.end) for a in terms.area_mentions(sentence)]
    parts, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if any(a < m.start() and m.end() < b for a, b in names):
            continue
        parts.append((start, sentence[start : m.start()]))
        start = m.end()
    parts.append((start, sentence[start:]))
    return [(at, p) for at, p in parts if p.strip()]


# A clause that starts with its verb has its subject in the clauses before it, cut off by commas:
# "One area, the impact of leaders on social work practice, was rated 'inadequate'";
# "The experiences and progress of children who need help and protection, and of children in
# care and care leavers, were judged good".
# A relative clause is such a clause too: "… for adoption and for care leavers, which were both
# rated good" (its subject is what comes before the comma).
_STARTS_WITH_VERB = re.compile(
    r"^\s*(?:(?:which|that|who)\s+(?:(?:both|all|each|also|now)\s+)*)?(?:was|were|is|are|has been|have been|had been|"
    # a rating that moved: "The impact of leaders, from councillors to managers, rose from good to outstanding"
    r"(?:has\s+|have\s+)?(?:rose|risen|fell|fallen|moved|improved|dropped|climbed|went up|went down))\b",
    re.I,
)


# Class: a relative clause inside the subject ("The service, which supports children who need help
# and protection and care leavers, was rated good"): the areas it names are not the subject's.
_RELATIVE = re.compile(r"^\s*(?:which|who|whose|that)\b", re.I)


def _with_subject(sentence: str, clause_start: int, clause: str) -> tuple[int, str]:
    """The clause widened back over the comma-separated clauses before it (its subject), when it
    starts with its verb, less any relative clause among them; else the clause itself."""
    if not _STARTS_WITH_VERB.match(clause):
        return clause_start, clause
    start, parts = clause_start, []
    while start > 0 and sentence[start - 1] == ",":
        previous = [m.end() for m in _CLAUSE_BREAK.finditer(sentence[: start - 1])]
        end, start = start - 1, previous[-1] if previous else 0
        if _RELATIVE.match(sentence[start:end]):
            parts = []  # the relative clause runs from its pronoun to the verb's clause
        else:
            parts.insert(0, sentence[start:end] + ",")
    return start, "".join(parts) + clause


def from_sentence(
    sentence: str, ctx: Context, page: int | None, before: str = "", earlier: bool = False
) -> tuple[list[GradeFinding], list[str]]:
    """Grades stated in one sentence (`before`: the paragraph's text before it), and the reasons
    clauses with a grade word were refused. With `earlier`, the gates that refuse an earlier
    inspection are not asked (the caller is reading a judgement a visit follows, see
    `earlier_judgements`)."""
    found: list[GradeFinding] = []
    refused: list[str] = []
    if (
        why := gate_not_question(sentence)
        or gate_judgement_context(sentence)
        or (None if earlier else gate_paragraph_not_earlier(before, sentence, ctx.inspection_year))
    ) is not None:
        return [], [why] if terms.grade_mentions(sentence) else []
    # the sentence before, when it introduces the report this one tells of (see `_REPORTED`)
    told = ""
    if before.strip() and (last := split_sentences(before.strip())[-1]) and _REPORTED.search(last) and not _EARLIER.search(last):
        told = last + " "
    judged = False  # whether a clause before stated a grade as a judgement
    # A grade stated before its areas, whose list may go on in the clauses after it; the list's
    # further areas are taken only when it runs to the sentence's end (nothing said after it, such
    # as "at the last inspection", may qualify them).
    listed: terms.GradeMention | None = None
    listing: list[JudgementArea] = []
    for clause_start, clause in clauses(sentence):
        mentions = terms.grade_mentions(clause)
        if not mentions:
            if listed is not None and (more := listed_areas(clause)):
                listing += more
            else:
                listed, listing = None, []
            continue
        if listed is not None and listing and terms.area_mentions(clause):
            # Class: the list ends where the next clause states a grade of its own area ("Good
            # ratings were received for A, for B, and for C, and an outstanding rating for D"): that
            # clause grades D, it does not qualify the list, so the list's areas keep their grade.
            quote = Citation(source=ctx.source, page=page, quote=sentence.strip())
            found += [GradeFinding(area=a, grade=listed.grade, how=FindingSource.PROSE, citation=quote)
                      for a in dict.fromkeys(listing) if not any(f.area is a for f in found)]
        listed, listing = None, []
        if not terms.area_mentions(clause) and _STARTS_WITH_VERB.match(clause):
            wider_start, wider = _with_subject(sentence, clause_start, clause)
            if wider_start != clause_start and not terms.grade_mentions(sentence[wider_start:clause_start]):
                clause_start, clause = wider_start, wider
                mentions = terms.grade_mentions(clause)
        grade = mentions[0]
        moved = moved_to(clause, mentions)
        checked, checked_grade = clause, grade  # what the earlier-inspection gates read
        if moved is not None:
            grade = moved
            checked = without_moved_from(clause, mentions)
            checked_grade = terms.grade_mentions(checked)[-1]
        why = (
            (None if moved else gate_one_grade(clause))
            or (None if moved or (judged and _continues_judgement(clause, grade)) else gate_judgement_form(clause, grade))
            or (gate_moved_from(clause, grade) if earlier else gate_not_earlier(checked, checked_grade, ctx.inspection_year, told + sentence))
            or gate_not_hypothetical(clause)
            or gate_own_council(sentence, ctx.authority)
            or (None if earlier else gate_no_earlier_before(sentence, clause_start, ctx.inspection_year))
            or gate_not_other_service(clause)
        )
        areas = clause_areas(clause, grade, ctx) if why is None else []
        if areas and _EVERY_AREA.search(clause):
            areas += [a for a in included_areas(sentence[clause_start + len(clause) :]) if a not in areas]
        if why is None and not areas and _SOME_OF_THE_AREAS.search(clause):
            # "inadequate in four of the five judgement areas, including overall effectiveness": the
            # areas the 'including' list names are among those counted
            areas = included_areas(re.split(r",\s*(?:and|but|while)\s|[;:]", sentence[clause_start + len(clause) :])[0])
        if why is None and not areas:
            why = "no judgement area in the clause"
        if why:
            refused.append(why)
            continue
        judged = True
        if terms.area_mentions(clause) and all(m.start >= grade.end for m in terms.area_mentions(clause)):
            listed = grade
        for area in areas:
            found.append(
                GradeFinding(area=area, grade=grade.grade, how=FindingSource.PROSE, citation=Citation(source=ctx.source, page=page, quote=sentence.strip()))
            )
    if listed is not None:
        quote = Citation(source=ctx.source, page=page, quote=sentence.strip())
        found += [GradeFinding(area=a, grade=listed.grade, how=FindingSource.PROSE, citation=quote)
                  for a in dict.fromkeys(listing) if not any(f.area is a for f in found)]
    return found, refused


# "rated as inadequate the council's services for children who need help and protection, its
# leadership, management and governance, and the experiences and progress of care leavers": a grade
# stated before its area, then more areas in the clauses after it, each nothing but an area's name
# (with 'and', 'its', 'the'), share it. A clause saying anything more ("and care leavers were
# praised") ends the list.
_LIST_FILLER = re.compile(r"^(?:\s|[.,]|and|or|also|its|their|the|of|for|services?|experiences?|progress|council[’']s|authority[’']s|"
                          # the rest of an area's longer name: "children who need help [and protection]"
                          r"and protection)*$", re.I)


def listed_areas(clause: str) -> list[JudgementArea]:
    """The areas a grade-less clause names when it is only a list item: area names and filler words."""
    mentions = terms.area_mentions(clause)
    if not mentions or _HYPOTHETICAL.search(clause):
        return []
    rest, at = [], 0
    for m in mentions:
        rest.append(clause[at : m.start])
        at = m.end
    rest.append(clause[at:])
    return list(dict.fromkeys(m.area for m in mentions)) if all(_LIST_FILLER.match(r) for r in rest) else []


# "It was judged good overall, good for help and protection and good for care leavers": after a
# clause of the sentence stated a grade as a judgement, a clause that opens with a grade 'for' (or
# 'in') an area carries the same verb.
_GRADE_FOR_AFTER = re.compile(r"^[\"'’”]?\s+(?:for|in)\s", re.I)


def _continues_judgement(clause: str, grade: terms.GradeMention) -> bool:
    return bool(re.fullmatch(r"\s*(?:and\s+)?[\"'‘“]?", clause[: grade.start], re.I)) and bool(_GRADE_FOR_AFTER.match(clause[grade.end :]))


def the_others(sentence: str, earlier: list[GradeFinding], ctx: Context, page: int | None) -> list[GradeFinding]:
    """'The other three judgements … were outstanding', after sentences of the same paragraph
    that graded the rest; only when the framework's remaining areas number what it says."""
    m = _THE_OTHER.match(sentence)
    grade = terms.grade_of(m["grade"]) if m else None
    if grade is None or not earlier or not ctx.inspection_year:
        return []
    named = {f.area for f in earlier}
    rest = [a for a in terms.areas_of_framework(ctx.inspection_year) if a not in named]
    if len(rest) != {"one": 1, "two": 2, "three": 3, "four": 4}[m["n"].lower()]:
        return []
    quote = Citation(source=ctx.source, page=page, quote=sentence.strip())
    return [GradeFinding(area=a, grade=grade, how=FindingSource.PROSE, citation=quote) for a in rest]


# "Inspectors looked at children who need help and protection, children looked after …, the
# experiences and progress of care leavers, and leadership, management and governance. Every one
# of these areas was found to require improvement.": the areas named in the sentence before, then
# one grade for all of them.
_THESE_AREAS = re.compile(
    r"^\s*(?:every one|each one|each|all|both)(?:\s+of)?\s+(?:these|those|them|the above)(?:\s+(?:\w+\s+)?(?:areas?|judge?ments?))?\s+"
    r"(?P<rest>(?:was|were|is|are|has been|have been)\b.*)$", re.I | re.S,
)


def these_areas(sentence: str, previous: str, ctx: Context, page: int | None, before: str = "") -> list[GradeFinding]:
    """One grade for the areas the sentence before named: that sentence names two or more areas
    and no grade (and is not the SIF's title, which names every area), this one opens "every one
    of these areas" and states one grade as a judgement of this inspection."""
    m = _THESE_AREAS.match(sentence)
    if not m or not previous or terms.grade_mentions(previous) or SIF_TITLE.search(previous):
        return []
    areas = list(dict.fromkeys(a.area for a in terms.area_mentions(previous)))
    rest, mentions = m["rest"], terms.grade_mentions(m["rest"])
    if len(areas) < 2 or len({g.grade for g in mentions}) != 1:
        return []
    if (
        gate_judgement_form(rest, mentions[0]) or gate_not_hypothetical(sentence) or gate_own_council(previous + " " + sentence, ctx.authority)
        or gate_not_earlier(sentence, mentions[0], ctx.inspection_year, sentence) or gate_not_other_service(rest)
        or gate_paragraph_not_earlier(before, sentence, ctx.inspection_year)
        or {int(y) for y in _YEAR.findall(previous)} - {ctx.inspection_year} or _EARLIER.search(previous)
    ):
        return []
    quote = Citation(source=ctx.source, page=page, quote=f"{previous.strip()} {sentence.strip()}")
    return [GradeFinding(area=a, grade=mentions[0].grade, how=FindingSource.PROSE, citation=quote) for a in areas]


# --- the judgement a visit follows -------------------------------------------------------------

# A monitoring or focused visit is not graded; its letter, and the news and minutes about it,
# restate the judgement it follows: "the first monitoring visit since the local authority was
# judged inadequate in July 2022", "since the re-inspection in 2018, when services were judged
# to require improvement to be good", "judged 'inadequate' two years ago".
_ABOUT_A_VISIT = re.compile(r"\b(?:monitoring|focused)\s+visits?\b", re.I)
# "since …", "when …", "at the last inspection" — and "Barnet was judged good at its last inspection in 2019"
_SINCE_OR_WHEN = re.compile(r"\b(?:since|following|follows|followed|when|which|after|at (?:the|its|their|our))\b", re.I)
_CHANGE = re.compile(r"\b(?:from|now|improv\w*|moved|rose|fell|raised|lowered|upgraded|downgraded|became|become|no longer)\b", re.I)
_YEARS_AGO = re.compile(r"\b(?P<n>a|one|two|three|four|five|\d)\s+years?\s+(?:ago|earlier|before)\b|\b(?P<last>last)\s+year\b", re.I)


def year_named(sentence: str, own_year: int) -> int:
    """The earlier year a sentence names: the earliest year written in it up to the document's
    own (a visit letter's own year may be read from the inspection it follows), or 'two years
    ago/earlier' counted back from it; 0 when it names none."""
    years = sorted(y for y in map(int, _YEAR.findall(sentence)) if not own_year or y <= own_year)
    if years:
        return years[0]
    if own_year and (m := _YEARS_AGO.search(sentence)):
        n = 1 if m["last"] else {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(m["n"].lower(), 0) or int(m["n"])
        return own_year - n
    return 0


def earlier_judgements(blocks: list[Block], ctx: Context, about_a_visit: bool) -> list[GradeFinding]:
    """For a document that grades nothing of its own: the judgement it says a visit follows,
    each finding carrying that inspection's year (`of_year`). The document is about a visit (its
    type or title says so), or the section's heading is, or the sentence is ("the sixth monitoring visit since …"); the other
    prose gates all apply; the sentence says when ('since', 'following', 'when … in 2018'),
    names the earlier year, and states one grade."""
    found: list[GradeFinding] = []
    for block in blocks:
        if block.is_table_row:
            continue
        block_ctx = Context(ctx.source, ctx.authority, ctx.inspection_year, block.heading)
        for sentence in split_sentences(block.text):
            # the document, its section ("7. Ofsted Monitoring Visit") or the sentence is about a visit
            if not (about_a_visit or _ABOUT_A_VISIT.search(block.heading) or re.search(r"\bvisits?\b", sentence, re.I)):
                continue
            # One grade, or several with no change between them ("judged good at its last
            # inspection, with the impact of leaders judged outstanding"): a sentence telling how a
            # grade moved ("inadequate in 2018, now good") gives the visit's year nothing to hold.
            stated = {g.grade for g in terms.grade_mentions(sentence)}
            if not _SINCE_OR_WHEN.search(sentence) or not stated or (len(stated) > 1 and _CHANGE.search(sentence)):
                continue
            year = year_named(sentence, ctx.inspection_year)
            if not year:
                continue
            for finding in from_sentence(sentence, block_ctx, block.page, earlier=True)[0]:
                if not any((f.area, f.of_year) == (finding.area, year) for f in found):
                    found.append(finding.model_copy(update={"of_year": year}))
    return found


# --- lines run together, lists of areas after a grade, counted judgements -------------------

# A plan's or letter's opening names the inspection it answers, with its year: "Response to the
# Ofsted inspection of July 2023 (overall effectiveness: inadequate)".
_ANSWERS_THE_INSPECTION = re.compile(
    r"^\s*(?:(?:our|the|this|an?)\s+)?(?:(?:in\s+)?response\s+to|following|after)\s+the\s+(?:[\w-]+\s+){0,3}?inspection\b", re.I
)


def _line_segments(text: str) -> list[tuple[str, str]]:
    """'Area: grade' lines a loader ran together ("Children looked after: Requires improvement
    Adoption performance: Good"), one a sentence ("Overall effectiveness: good. Impact of leaders:
    inadequate.") or in brackets ("(overall effectiveness: inadequate)"): each (segment, the
    sentence it is in)."""
    out = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        for piece in re.split(r"[()]|;\s*", sentence):
            cuts = [0] + [
                m.end for m in terms.grade_mentions(piece) if re.match(r"\s+[A-Z][^:.]{2,80}:\s", piece[m.end:])
            ] + [len(piece)]
            out.extend((piece[a:b].strip(), sentence) for a, b in zip(cuts, cuts[1:]) if piece[a:b].strip())
    return out


# "Judgement: Children who need help and protection; Grade: Inadequate": the area is named
# under its own label, its grade in the next segment under a bare one.
_NAMED_JUDGEMENT = re.compile(r"^\s*(?:judge?ment|judge?ment area|area)\s*:\s*(?P<name>[^:]{3,120}?)\s*$", re.I)
_BARE_GRADE = re.compile(r"^\s*(?:grade|rating|judge?ment|graded|judged)\s*:", re.I)


def _pair_quote(text: str, first: str, second: str, through: bool = False) -> str:
    """The 'Judgement: X; Grade: Y' pair as the text has it, else the grade alone; `through`:
    X to Y with the segments between them ("Area: X; 2014: …; 2017: Y")."""
    if through:
        start = text.find(first)
        end = text.find(second, start + len(first)) if start >= 0 else -1
        return text[start : end + len(second)] if end >= 0 else second
    m = re.search(re.escape(first) + r"\s*;\s*" + re.escape(second), text)
    return m.group(0) if m else second


_YEAR_VALUE = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*:\s*(?P<value>[A-Za-z ]{4,40}?)[\s.]*$")


def from_line_segments(text: str, ctx: Context, page: int | None) -> list[GradeFinding]:
    """Grades in 'Area: grade' segments of a longer text, when the sentence holding each is about
    this inspection: no earlier one named, no other year (unless it is the opening that names the
    inspection the document answers)."""
    segments = _line_segments(text)
    if len(segments) < 2:
        return []
    found = []
    named: tuple[str, str] | None = None  # the segment just before, when a "Judgement: <area>" one
    for segment, sentence in segments:
        if m := _NAMED_JUDGEMENT.match(segment):
            named = (m["name"], segment)
            continue
        if named and (by_year := _YEAR_VALUE.match(segment)):
            # Class: a history line, "Area: Overall effectiveness; 2014: Inadequate; 2017: Requires
            # improvement": only the value of the document's own inspection year is its grade; an
            # earlier year's is an earlier inspection's. The area stays named for the next year.
            area, grade = area_named(named[0]), terms.grade_of(by_year["value"])
            if int(by_year["year"]) == ctx.inspection_year and area and grade:
                found.append(GradeFinding(area=area, grade=grade, how=FindingSource.LINE, citation=Citation(
                    source=ctx.source, page=page, quote=_pair_quote(text, named[1], segment, through=True))))
            continue
        line = from_line(segment, ctx, page)
        if line is not None and named and _BARE_GRADE.match(segment):
            # Class: a sub-judgement's or a named area's grade in a "Judgement: X; Grade: Y" pair.
            # The grade is X's, never the overall one a bare "Grade:" falls back to: "Adoption
            # performance; Grade: Good" grades no area of this record (a sub-judgement).
            area = area_named(named[0])
            line = line.model_copy(update={"area": area, "citation": line.citation.model_copy(
                update={"quote": _pair_quote(text, named[1], segment)})}) if area else None
        named = None
        if line is None or _EARLIER.search(sentence):
            continue
        years = {int(y) for y in _YEAR.findall(sentence)} - {ctx.inspection_year}
        if years and not _ANSWERS_THE_INSPECTION.match(sentence):
            continue
        found.append(line)
    return found


def list_intro_grade(sentence: str, ctx: Context) -> Grade | None:
    """The grade a sentence gives to a list of areas that follows it: "Four of the key areas are
    also rated good:", "Inspectors judged the council good in:". The clause before the colon must
    state one grade as a judgement and pass the prose gates; it names no area itself."""
    text = sentence.rstrip()
    if not text.endswith(":"):
        return None
    text = text[:-1]
    if gate_not_question(text) or gate_judgement_context(text) or gate_own_council(text, ctx.authority):
        return None
    at, clause = clauses(text)[-1]
    mentions = terms.grade_mentions(clause)
    if len(mentions) != 1 or terms.area_mentions(clause):
        return None
    grade = mentions[0]
    in_form = re.match(r"^\s*(?:in|for|across)\s*$", clause[grade.end :], re.I)  # "judged good in:"
    if (
        (gate_judgement_form(clause, grade) and not in_form)
        or gate_not_earlier(clause, grade, ctx.inspection_year)
        or gate_not_hypothetical(clause)
        or gate_no_earlier_before(text, at, ctx.inspection_year)
        or gate_not_other_service(clause)
    ):
        return None
    return grade.grade


_LIST_ITEM_WORDS = 12


def from_listed_areas(intro: str, grade: Grade, items: list[Block], ctx: Context) -> list[GradeFinding]:
    """Each list item that names exactly one judgement area (old-framework names included: a SIF
    list's "leadership, management and governance") takes the introduction's grade; items naming
    none (the SIF's "adoption") are passed over. Cited to the introduction, which states the grade."""
    found = []
    for item in items:
        areas = list(dict.fromkeys(m.area for m in terms.area_mentions(item.text)))
        if len(areas) == 1 and not terms.grade_mentions(item.text):
            found.append(GradeFinding(area=areas[0], grade=grade, how=FindingSource.PROSE,
                                      citation=Citation(source=ctx.source, page=item.page, quote=intro.strip())))
    return found


# "The four good judgements cover the impact of leaders …; … help and protection; … and overall
# effectiveness": a counted set of judgements of one grade, then the areas, as many as it says.
_COUNTED_JUDGEMENTS = re.compile(
    r"^\s*(?:the|all|its|their|our)\s+(?P<n>two|three|four|five)\s+(?P<grade>outstanding|good|inadequate|requires? improvement)\s+"
    r"judge?ments?\s+(?:cover|covered|are|were|include|included|span|spanned|were\s+for|are\s+for)\b(?P<rest>.*)$",
    re.I,
)


def from_counted_judgements(sentence: str, ctx: Context, page: int | None) -> list[GradeFinding]:
    m = _COUNTED_JUDGEMENTS.match(sentence)
    if not m or _EARLIER.search(sentence) or gate_not_hypothetical(sentence) or gate_own_council(sentence, ctx.authority):
        return []
    if {int(y) for y in _YEAR.findall(sentence)} - {ctx.inspection_year}:
        return []
    areas = list(dict.fromkeys(a.area for a in terms.area_mentions(m["rest"])))
    if len(areas) != {"two": 2, "three": 3, "four": 4, "five": 5}[m["n"].lower()]:
        return []
    grade = terms.grade_of(m["grade"])
    quote = Citation(source=ctx.source, page=page, quote=sentence.strip())
    return [GradeFinding(area=a, grade=grade, how=FindingSource.PROSE, citation=quote) for a in areas] if grade else []


# --- a list of areas given one grade -------------------------------------------------------------

# Areas listed one after another, joined by commas and "and", each with the words reports put
# around its name: "the experiences and progress of children who need help and protection, the
# impact of leaders on social work practice with children and families, and overall effectiveness".
# The SIF's own words for help and protection come in too: "services for children in need of help
# and protection" ("rated the impact of leaders and services for children in need of help and
# protection as good").
_LIST_PREFIX = r"(?:the\s+)?(?:experiences and progress of\s+|services for\s+|for\s+)?(?:the\s+)?(?:children\s+in\s+need\s+of\s+)?"
_LIST_SUFFIX = r"(?:\s+and protection)?(?:\s+on social work practice(?: with children and families)?)?"
_JOIN = r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+)"
# Class: a sub-judgement listed among the areas ("help and protection, children looked after …,
# adoption performance and leadership … as requires improvement"): adoption performance is a
# member of the list that grades no area of the record; it must not break the list in two.
_SUB_JUDGEMENT_ITEM = r"(?:the\s+)?adoption(?:\s+performance|\s+service)?"
_LIST_JOIN = re.compile(rf"^{_LIST_SUFFIX}{_JOIN}(?:{_SUB_JUDGEMENT_ITEM}{_JOIN})?{_LIST_PREFIX}$", re.I)
# "A, B and C were all judged inadequate": the list is the subject, then its verb and the grade.
_LIST_THEN_VERB = re.compile(
    # "A and B had both been judged outstanding": the adverb may stand before "been" as well
    r"^\s*,?\s*(?:were|are|was|is|(?:have|had|has)\s+(?:(?:all|each|both|also|again|now)\s+)*been)\s+(?:(?:all|each|both|also|again|now)\s+)*"
    r"(?:(?:judged|rated|graded|found|assessed)\s+)?(?:(?:all|each|both)\s+)?(?:to\s+(?:be\s+)?|as\s+)?[\"'‘“]?$", re.I)
# "They judged A, B, C and D all to be good": the verb, the list as its object, then the grade.
_VERB_THEN_LIST = re.compile(r"\b(?:judged|judges|rated|rates|graded|grades|found)\s+$", re.I)
_LIST_THEN_GRADE = re.compile(r"^\s*,?\s*(?:(?:all|each|both)\s+)?(?:to\s+(?:be\s+)?|as\s+)?[\"'‘“]?$", re.I)
_COUNT = re.compile(r"\b(?P<n>two|three|four|five)\b(?:\s+(?:of\s+the\s+)?(?:\w+\s+)?)(?:areas?|judge?ments?)\b", re.I)


def area_runs(sentence: str) -> list[tuple[int, int, list[JudgementArea]]]:
    """Each run of two or more areas listed one after another: (start, end, the areas)."""
    mentions = terms.area_mentions(sentence)
    runs: list[list[terms.AreaMention]] = []
    for m in mentions:
        if runs and _LIST_JOIN.match(sentence[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    for run in runs:
        areas = list(dict.fromkeys(m.area for m in run))
        if len(areas) < 2:
            continue
        start = re.search(_LIST_PREFIX + r"$", sentence[: run[0].start], re.I).start()
        end = run[-1].end + re.match(_LIST_SUFFIX, sentence[run[-1].end :], re.I).end()
        out.append((start, end, areas))
    return out


def from_area_list(sentence: str, ctx: Context, page: int | None, before: str = "") -> list[GradeFinding]:
    """One grade given to a list of areas: "A, B and C were all rated requires improvement",
    "They judged A, B and C all to be good", "Three areas were judged good: A, B and C." Every
    area of the list takes the grade; the prose gates apply to the sentence, and a stated count
    ("three areas") must agree with the list."""
    if gate_not_question(sentence) or gate_own_council(sentence, ctx.authority) or gate_paragraph_not_earlier(before, sentence, ctx.inspection_year):
        return []
    grades = terms.grade_mentions(sentence)
    quote = Citation(source=ctx.source, page=page, quote=sentence.strip())
    for start, end, areas in area_runs(sentence):
        if any(start <= g.start < end for g in grades):
            continue
        grade = next((g for g in grades if g.start >= end), None)
        head, colon = sentence[:start], sentence[:start].rstrip().endswith(":")
        if _RELATIVE.match(re.split(r"[,;:()]", head)[-1]):
            continue  # "The service, which supports A, B and C, was rated good": the list is not its subject
        if colon:  # "Three areas were judged good: A, B and C."
            if not re.fullmatch(r"\s*[.;]?\s*", sentence[end:]) or any(g.start < start for g in grades[1:]):
                continue
            intro = head.rstrip()
            found_grade = list_intro_grade(intro, ctx)
            count = _COUNT.search(intro)
            if found_grade is None or (count and {"two": 2, "three": 3, "four": 4, "five": 5}[count["n"].lower()] != len(areas)):
                continue
            stated_grade, span = found_grade, sentence
        else:
            if grade is None or any(g.start < start for g in grades):
                continue
            between = sentence[end : grade.start]
            if not (_LIST_THEN_VERB.match(between) or (_VERB_THEN_LIST.search(head) and _LIST_THEN_GRADE.match(between))):
                continue
            span = sentence[start : grade.end]
            # Class: an earlier inspection's grade named after it: "A and B were judged good at the
            # last inspection" (the clause after the grade, to its next break, qualifies it too).
            tail = re.split(rf"[;:]|\s(?:{CONTRAST})\s", sentence[grade.end :], maxsplit=1)[0]
            if (
                _EARLIER.search(sentence[: grade.end])
                or _EARLIER.search(tail)
                or {int(y) for y in _YEAR.findall(sentence)} - {ctx.inspection_year}
                or gate_not_hypothetical(head + span)
                # a sub-judgement listed among the areas is no other service's grade (the list's own class)
                or gate_not_other_service(re.sub(rf"{_JOIN}{_SUB_JUDGEMENT_ITEM}(?={_JOIN})", "", span, flags=re.I))
            ):
                continue
            stated_grade = grade.grade
            found = [GradeFinding(area=a, grade=stated_grade, how=FindingSource.PROSE, citation=quote) for a in areas]
            if _VERB_THEN_LIST.search(head) and (more := _and_then_as(sentence[grade.end :], grades)):
                found += [GradeFinding(area=a, grade=g, how=FindingSource.PROSE, citation=quote) for a, g in more]
            return found
        return [GradeFinding(area=a, grade=stated_grade, how=FindingSource.PROSE, citation=quote) for a in areas]
    return []


# "judged A, B and C as requires improvement, and the experiences and progress of care leavers as
# good": the verb carries on to one more area, given its own grade with "as".
_AND_THEN_AS = re.compile(rf"^\s*,?\s*(?:and|while|with)\s+{_LIST_PREFIX}(?P<area>[^,;:]+?){_LIST_SUFFIX}\s+as\s+[\"'‘“]?$", re.I)


def _and_then_as(rest: str, grades: list[terms.GradeMention]) -> list[tuple[JudgementArea, Grade]]:
    nxt = next((g for g in terms.grade_mentions(rest)), None)
    if nxt is None or not re.fullmatch(r"[\"'’”]?\s*[.;]?\s*", rest[nxt.end :]):
        return []  # the sentence ends with that grade: nothing said after it to qualify it
    m = _AND_THEN_AS.match(rest[: nxt.start])
    areas = list(dict.fromkeys(a.area for a in terms.area_mentions(m["area"]))) if m else []
    return [(areas[0], nxt.grade)] if len(areas) == 1 else []


# "The grades were: overall effectiveness, good; the impact of leaders …, good; … and the
# experiences and progress of care leavers, good.": (area, grade) pairs after an introduction
# naming the grades, one pair to each piece between semicolons.
_PAIRS = re.compile(r"^(?P<head>[^:]*\b(?:grades|judge?ments|ratings)\b[^:]{0,30}):\s*(?P<list>.+?)\.?\s*$", re.I)
_PAIR = re.compile(r"^\s*(?:and\s+)?(?P<area>[^,:;]+?)\s*[,:–—-]\s*(?P<grade>[A-Za-z '‘’]+?)\s*$")


def from_pairs(sentence: str, ctx: Context, page: int | None) -> list[GradeFinding]:
    m = _PAIRS.match(sentence)
    if not m or _EARLIER.search(m["head"]) or gate_not_hypothetical(m["head"]) or gate_own_council(sentence, ctx.authority):
        return []
    if {int(y) for y in _YEAR.findall(sentence)} - {ctx.inspection_year}:
        return []
    pairs = []
    for piece in m["list"].split(";"):
        pair = _PAIR.match(piece)
        areas = list(dict.fromkeys(a.area for a in terms.area_mentions(pair["area"]))) if pair else []
        grade = terms.grade_of(pair["grade"]) if pair else None
        if len(areas) != 1 or grade is None:
            return []  # every piece a pair, or the sentence is not this list
        pairs.append((areas[0], grade))
    if len(pairs) < 2:
        return []
    quote = Citation(source=ctx.source, page=page, quote=sentence.strip())
    return [GradeFinding(area=a, grade=g, how=FindingSource.LINE, citation=quote) for a, g in pairs]


# Markdown emphasis around a word ("were rated **good**", "_outstanding_"): the marks are not
# words; a grade inside them is read as if unmarked (quotes stay as the document writes them).
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])\1(?![\w*])")


def plain(text: str) -> str:
    """The text without markdown emphasis marks."""
    return _EMPHASIS.sub(r"\2", text) if ("*" in text or "_" in text) else text


def _unmarked(block: Block) -> tuple[Block, dict[str, str]]:
    """The block with its emphasis marks dropped, and each changed quote's wording as written."""
    text, heading = plain(block.text), plain(block.heading)
    if (text, heading) == (block.text, block.heading):
        return block, {}
    originals = {text.strip(): block.text.strip(), heading.split(" > ")[-1].strip(): block.heading.split(" > ")[-1].strip()}
    originals.update({plain(s).strip(): s.strip() for s in split_sentences(block.text)})
    return replace(block, text=text, heading=heading), originals


def find_grades(blocks: list[Block], ctx: Context) -> list[GradeFinding]:
    """Every grade the document states for the inspection it is about, in document order."""
    originals: dict[str, str] = {}
    unmarked = []
    for block in blocks:
        block, written = _unmarked(block)
        unmarked.append(block)
        originals.update(written)
    found = _find_grades(unmarked, ctx)
    return [
        f.model_copy(update={"citation": f.citation.model_copy(update={"quote": originals[f.citation.quote]})})
        if f.citation.quote in originals else f
        for f in found
    ]


def _find_grades(blocks: list[Block], ctx: Context) -> list[GradeFinding]:
    findings = from_tables(blocks, ctx)
    last_heading = None
    listing: tuple[str, Grade, str, list[Block]] | None = None  # (intro, grade, heading, items so far)
    for block in blocks:
        if listing is not None:
            intro, grade, heading, items = listing
            words = len(block.text.split())
            # Class: a list after "Three of the five areas were rated good:" whose items each state
            # their own grade ("Care leavers – Good", "Help and protection – Requires improvement"):
            # an item with a grade is a line of its own, not the introduction's.
            if (not block.is_table_row and block.heading == heading and words <= _LIST_ITEM_WORDS and len(items) < 8
                    and not terms.grade_mentions(block.text)):
                items.append(block)
                continue
            findings.extend(from_listed_areas(intro, grade, items, ctx))
            listing = None
        if block.is_table_row:
            continue
        # A plain-text loader files a short line ("Overall effectiveness: inadequate") as a heading.
        heading = block.heading.split(" > ")[-1]
        if heading and heading != last_heading:
            parent = " > ".join(block.heading.split(" > ")[:-1])
            heading_ctx = Context(ctx.source, ctx.authority, ctx.inspection_year, parent)
            if (line := from_line(heading, heading_ctx, block.page)) is not None:
                findings.append(line)
            else:  # a headline states grades as prose does: "Ofsted rates Hackney children's services good"
                findings.extend(from_sentence(heading, heading_ctx, block.page)[0])
        last_heading = heading
        text = block.text
        block_ctx = Context(ctx.source, ctx.authority, ctx.inspection_year, block.heading)
        if (line := from_line(text, block_ctx, block.page)) is not None:
            findings.append(line)
            continue
        if lines := from_line_segments(text, block_ctx, block.page):
            findings.extend(lines)
            continue
        before, in_block = "", []
        sentences = split_sentences(text)
        for i, sentence in enumerate(sentences):
            found, _ = from_sentence(sentence, block_ctx, block.page, before)
            found = (
                the_others(sentence, in_block, block_ctx, block.page) or from_counted_judgements(sentence, block_ctx, block.page)
                or from_pairs(sentence, block_ctx, block.page)
                or these_areas(sentence, sentences[i - 1] if i else "", block_ctx, block.page, " ".join(sentences[: max(i - 1, 0)]))
                or found
            )
            graded = {f.area for f in found}
            found = found + [f for f in from_area_list(sentence, block_ctx, block.page, before) if f.area not in graded]
            findings.extend(found)
            in_block.extend(found)
            before += " " + sentence
        if sentences and (grade := list_intro_grade(sentences[-1], block_ctx)) is not None:
            listing = (sentences[-1], grade, block.heading, [])
    if listing is not None:
        findings.extend(from_listed_areas(listing[0], listing[1], listing[3], ctx))
    return findings
