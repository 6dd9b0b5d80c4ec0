"""The default, offline answer: the documents' own sentences that best answer the question, each cited.

No language model writes anything here. Each retrieved passage is cut into sentences (a
table row stays whole, with its column headers) and each sentence is scored on:
- meaning: the embedding model's cosine with the question (and, a little, its passage's);
- words: how much of the question's rarer vocabulary (IDF-weighted, stemmed) it contains,
  alone and with the sentence before it (which often holds the subject: "Social workers ... They valued");
- type: a "how many" question wants a number, "when" a date, "who" a person or role;
- names: the rarer names and years the question gives ("2014") that the sentence contains.
Only sentences that meet the question's need (`assistant.needs`: a number, a date, a person in
the role asked about, ...) and share a subject word with it can be quoted. The best few are
quoted with their sources, each with the next sentence when that one leans on it ("They
valued ..."), a list with the sentence that introduces it. When the best is not close enough,
or the question names something the retrieved documents never mention, the answer says the
documents don't say, and lists the closest passages as related reading, not as an answer.
The weights and `min_score` were chosen on tests/qa/dev.jsonl and the development set under
benchmarks/devset (see `assistant.evaluate --sweep`).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import Stemmer

from assistant.needs import GRADE, MONTHS, ONE_OF, YEAR, need_of
from assistant.retrieval import Retriever
from assistant.types import Answer, Citation, Filters, Hit, Scope
from indexer.sentences import split_sentences
from indexer.settings import Settings
from indexer.types import DocKind, year_of

log = logging.getLogger(__name__)

NOT_FOUND = "The indexed documents don't say."

# Near-ties with the best sentence are worth quoting too; anything further below is noise.
_KEEP_WITHIN = 0.12
# Feature weights, from a grid search on the development questions, then _W_NAMED tuned
# end to end (0.25-0.35 kept refusal at 1.00 and raised facts 0.49 -> 0.57; 0.5 let an
# unanswerable question through).
_W_SENTENCE, _W_PASSAGE, _W_WORDS, _W_WORDS_IN_CONTEXT, _TYPE_PENALTY = 0.5, 0.1, 0.35, 0.1, 0.15
_W_NAMED = 0.35
# A sentence from a document of the year the question names, and (when the question asks what
# inspectors said) one from the inspection report itself, is preferred over near-equals.
_W_YEAR, _W_REPORT = 0.05, 0.05
# Retrieval's fused rank (dense and keyword agreeing) is evidence the sentence scores miss.
_W_RANK = 0.1
# The second council of a comparison may be answered a little less closely than a lone question.
_COMPARISON_SLACK = 0.1
# A sentence that meets the question's need (a date, a named person in the role asked about) is
# itself evidence: it may be a little less close than min_score asks. 0.03-0.08 answered one
# more question on the development set with refusal unchanged; 0.1 answered a sample question wrongly.
_NEED_MET_SLACK = 0.05
_LABEL_PENALTY = 0.15
# "The first area for improvement" is the plan's row numbered 1.
_W_NUMBERED = 0.15
_ORDINAL = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_ORDINAL_ASKED = re.compile(rf"\bthe ({'|'.join(_ORDINAL)}) (?!time\b)[a-z]+", re.I)


def _numbered_item(question: str) -> re.Pattern | None:
    """What the item the question asks for by position looks like in a numbered list or table."""
    asked = _ORDINAL_ASKED.search(question)
    if not asked:
        return None
    n = _ORDINAL[asked.group(1).lower()]
    return re.compile(rf"^(?:(?:No|Number|Item|Priority|Recommendation|Action|Ref)\.?\s*:?\s*{n}\b|{n}[.)]\s)", re.I)

# "In 2017, by contrast, ..." in a 2022 report is about 2017: not an answer about 2022.
_OTHER_YEAR_PENALTY = 0.1
_LABEL_LINE = re.compile(r"^([A-Z][\w ’'/()-]{1,40}):\s+\S")
# A "what grade" question is best answered by the judgement table's row.
_W_GRADE_ROW = 0.15
_STOPWORDS = set(
    "a an the of in on for to and or is are was were be been did does do what which who whom whose when where "
    "why how has have had it its this that these those with about from by at as into than then there their they "
    "them he she his her our we you your i me my any all can could should would will may might please tell give itself "
    "show get got say said make made after before since during want".split()
)
_STEMMER = Stemmer.Stemmer("english")
# A question that wants a date, number or name must share a subject word with its answer; words
# in more than this share of passages ("children", "inspection") don't count as subjects.
_TOPIC_MAX_SHARE = 0.15
# When none of the question's words is that rare, those in up to this share of passages count:
# 0.3-0.6 all turned one wrong answer into a refusal on set D; 0.6 also answered A005 rightly.
_TOPIC_FALLBACK_SHARE = 0.6
_NOT_SUBJECT_WORDS = set(_STEMMER.stemWords(
    "date dates day deadline deadlines when year month published publish publication many much number share percentage "
    "proportion who whom whose lead chair chairs chaired exact exactly inspector "
    # When-questions' verbs name the event's timing, not its subject: "when did the inspection
    # conclude?" is answered by "Inspection dates: ..., ending on 14 February 2020".
    "conclude concluded carried out take took place happen happened held hold start started begin began end "
    "ended finish finished visit visited inspect inspected "
    "find found describe described according "
    # How the answer should come, not what it is about: "I want the report's wording".
    "wording words quote quotable line exact own".split()
))
_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|half|third|quarter)\b", re.I)
_DATE = re.compile(rf"\b(19|20)\d\d\b|\b({MONTHS})\b", re.I)
# A person is named by a role or title; two capitalised words alone also match "Manchester City".
_PERSON = re.compile(
    r"\b(cllr|councillor|mayor|director|chair|chairman|chairwoman|chief|executive member|member|officer|manager|"
    r"minister|inspector|head of|lead member|mr|mrs|ms|miss|dr|professor|social worker)s?\b",
    re.I,
)
# "What did inspectors say/find", "Ofsted's own finding", "the report itself": the inspection
# report's words are wanted, not a minute's or a plan's account of them.
_ASKS_INSPECTORS = re.compile(
    r"\b(inspectors?|ofsted|hmi)\b.{0,40}\b(say|said|says|find|found|finding|findings|write|wrote|describe|described|"
    r"own|account|words|identif\w*|recommend\w*|judge[ds]?|criticis\w*|prais\w*)\b|\breport itself\b|"
    r"\b(according to|in) (the|its|their) (ofsted|inspection) report\b|"
    r"\b(ofsted|inspectors?)['’]s? own\b|\binspection report\b",
    re.I,
)
# Cells and sentences that say the document does not give something ("Lead: Not stated",
# "TBC"): they answer nothing, and quoting them as an answer reads as a finding.
_NOT_GIVEN = re.compile(
    r"^(not (stated|known|given|named|specified|published|recorded)|tbc|tbd|n/?a|none|unknown|-+|—)\b|"
    r"\b(is|are|was|were) not (stated|named|given|specified|recorded|published) in\b|\bnot stated in the sources\b|"
    r"\b(does|do|did) not (say|give|state|name|record)\b",
    re.I,
)
_MIN_WORDS = 4
_ASIDE = re.compile(r"\([^()]*\)")


def _says_not_given(sentence: str) -> bool:
    """The sentence's point is that something is not given. An aside does not make it so:
    "Inspection dates: February 2022 (the days are not stated)" still gives the month."""
    return bool(_NOT_GIVEN.search(_ASIDE.sub("", sentence)))

# Capitalised words that name no particular thing: they don't make a question specific.
_GENERIC = {
    "cllr", "councillor", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "does", "do", "is", "are",
    "was", "were", "has", "have", "can", "could", "should", "would", "will", "the", "a", "an", "in", "on",
    "of", "for", "and", "or", "to", "tell", "give", "show", "list", "summarise", "summarize", "explain",
    "ofsted", "council", "councils", "city", "committee", "inspectors", "inspector", "inspection", "report",
    "minutes", "plan", "action", "children", "children's", "services", "service", "local", "authority",
    "ilacs", "send", "i", "we", "our", "my", "me", "please", "according", "member", "members", "chair",
}


_GENERIC_STEMS = set(_STEMMER.stemWords(sorted(_GENERIC)))


@dataclass(frozen=True)
class Unit:
    """A quotable piece of a passage: one sentence, or one whole table row."""

    hit: Hit
    text: str  # what the answer shows
    quote: str  # the document's own words for it
    follow_on: str | None = None  # the next sentence, when it leans on this one ("They ...")


# A sentence opening with one of these continues the one before it ("They valued the support",
# "“Our latest rating is ...” he said"): quoted alone, the earlier one would miss its point.
_LEANS_ON_PREVIOUS = re.compile(r"^(?:[“\"‘']|(?:they|their|them|he|his|she|her|it|its|this|these|those|such)\b)", re.I)
_THE_OTHERS = re.compile(r"^(?:the (?:other|remaining)|another)\b", re.I)


def units_of(hit: Hit) -> list[Unit]:
    p = hit.passage
    if p.is_table_row:
        return _row_unit(hit)
    units = []
    lines = p.text.split("\n")
    split = [split_sentences(line) for line in lines]
    offset = 0  # where the line starts in p.text: a quote spanning lines must be p.text's own slice
    for n, line in enumerate(lines):
        here, offset = offset, offset + len(line) + 1
        items = _list_after(lines, n)
        sentences = split[n]
        next_line = split[n + 1][:2] if n + 1 < len(lines) else []
        for i, sentence in enumerate(sentences):
            short = len(sentence.split()) < (2 if _LABEL_LINE.match(sentence) else _MIN_WORDS)
            if short or _says_not_given(sentence):
                continue
            # A header line ("Subject: ...") is not continued by the paragraph after it.
            following = (sentences[i + 1 :] + ([] if _LABEL_LINE.match(sentence) else next_line))[:2]
            end = None
            if items and i == len(sentences) - 1:
                # "The report identifies three areas for improvement:" answers with its list, so
                # the list is quoted with it, as the document has it.
                end = items[-1]
            elif following and _LEANS_ON_PREVIOUS.match(following[0]):
                end = following[0]
            elif ONE_OF.search(sentence):
                # "One of the three areas is X. ... The other two are Y and Z."
                end = next((f for f in following if _THE_OTHERS.match(f)), None)
            follow_on = None
            if end:
                start = p.text.find(sentence, here)
                follow_on = p.text[start : p.text.find(end, start + len(sentence)) + len(end)]
            units.append(Unit(hit, sentence, sentence, follow_on))
    return units


_BULLET = re.compile(r"^\s*(?:[-•*▪◦]|\d{1,2}[.)]|\([a-z0-9]\))\s+\S")


def _list_after(lines: list[str], n: int) -> list[str]:
    """The bulleted lines that follow line `n` when it introduces them ("...:")."""
    if not lines[n].rstrip().endswith(":"):
        return []
    items = []
    for line in lines[n + 1 :]:
        # Loaders keep some lists' markers ("- ", "•") and drop others (Markdown): an item is
        # a marked line, or one that carries on the sentence (lower case), or a short unfinished one.
        words = line.split()
        if not (_BULLET.match(line) or line[:1].islower() or (0 < len(words) <= 12 and not line.rstrip().endswith("."))):
            break
        items.append(line)
    return items


def _row_unit(hit: Hit) -> list[Unit]:
    """A table row, without the cells that say the document doesn't give a value ("Deadline:
    Not stated"): what is left is still the row's own cells, each verbatim."""
    p = hit.passage
    labelled = p.text.split(" — ")
    cells = (p.verbatim or p.text).split("\n")
    if len(labelled) != len(cells):  # a split long row: its pieces don't line up cell for cell
        return [] if _NOT_GIVEN.search(p.text) and len(labelled) <= 2 else [Unit(hit, p.text, p.verbatim or p.text)]
    kept = [(shown, cell) for shown, cell in zip(labelled, cells) if not _NOT_GIVEN.search(cell.strip())]
    if len(kept) < 2 and len(cells) >= 2:  # only the row's label is left: it answers nothing
        return []
    if len(kept) == len(cells):
        return [Unit(hit, p.text, p.verbatim or p.text)]
    return [Unit(hit, " — ".join(a for a, _ in kept), "\n".join(b for _, b in kept))]


def terms(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return set(_STEMMER.stemWords([w for w in words if w not in _STOPWORDS]))


def expected_type(question: str) -> re.Pattern | None:
    """What an answer to this question must contain, if the question says."""
    q = question.lower().strip()
    if re.search(r"\bhow (many|much)\b|\bwhat (share|percentage|proportion|number)\b|\bhow big\b", q):
        return _NUMBER
    if re.search(r"^when\b|\bwhat date\b|\bwhich (year|month|date)\b|\bdeadlines?\b|\bby when\b|\bdue date\b", q):
        return _DATE
    if re.search(r"^(who|whose)\b|\bwhich (officer|councillor|member|director|person)\b", q):
        return _PERSON
    if re.search(r"\b(grade[ds]?|graded|rated|rating|judge[ds]?|judgements?|judgments?)\b", q) and not re.search(r"\bwhy\b", q):
        return GRADE
    return None


_MONTH_NAMES = set(MONTHS.split("|"))
# "When was the report on the November 2022 inspection published?" is answered by a January date:
# the question's months say which event, they are not what the answer must repeat.
_MONTH_STEMS = set(_STEMMER.stemWords(sorted(_MONTH_NAMES)))
# "What three areas ...", "the first area": how many and which one, not what about.
_NUMBER_STEMS = set(_STEMMER.stemWords(
    "one two three four five six seven eight nine ten first second third fourth fifth sixth seventh eighth ninth "
    "tenth last final".split()
))


def salient_terms(question: str) -> list[str]:
    """Names and years a question is specifically about ("Stockport", "2019")."""
    found = re.findall(r"\b(?:19|20)\d\d\b", question)
    words = re.findall(r"[A-Za-z][\w'’-]*", question)
    for i, word in enumerate(words):
        bare = re.sub(r"['’]s$", "", word)
        if i > 0 and bare[:1].isupper() and bare.lower() not in _GENERIC and bare.lower() not in _MONTH_NAMES and len(bare) > 2:
            found.append(bare)
    return found


# "When is Ofsted next due?" asks for a date after the document's; "when was a leader due to be
# appointed?" does not.
_FUTURE = re.compile(r"\b(next|upcoming|will|expected to|(?<!was )(?<!were )due to)\b", re.I)


def scope_of(question: str, previous: Scope | None = None) -> Scope:
    """The councils and years the question names; when it names neither, the previous
    question's (a follow-up: "and what about care leavers?")."""
    from indexer import councils

    named = tuple(dict.fromkeys(councils.find(question, question=True)))
    years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(question)))
    if named or years:
        if previous and not named:
            named = previous.authorities  # "what about 2019?" keeps the council
        return Scope(named, years)
    if previous:
        return Scope(previous.authorities, previous.years, inherited=True)
    return Scope()


@dataclass
class _Part:
    """One part of a question ("what grade in 2018, and who owns the plan?" has two)."""

    text: str
    scope: Scope
    hits: list[Hit] = field(default_factory=list)
    chosen: list[Unit] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    refusal: str = ""


# "..., not the Cabinet Member's summary", "rather than the council's press release": what the
# user does not want is not what to search for (and its names are not the question's subject).
_EXCLUSION = re.compile(r"[,;]?\s*\b(?:not|rather than|instead of|as opposed to)\s+(?:the|a|an|its|their)\s+[^,;?.]*", re.I)
# Where one question asks two things: "What grade did X get, and which action ...?"
_ASKING = r"(?:(?:on|in|by|at|for|from|with|to|through|under)\s+)?(?:what|which|who|whom|how|when|where|did|does|is|are|was|were)\b"
_CONTEXT = re.compile(r"^(?:according to|as for|regarding|with regard to|thinking of|looking at)\b", re.I)
_ASKS = re.compile(r"\b(?:what|which|who|whom|how|when|where|why|did|does|do|is|are|was|were)\b|\?", re.I)
_SECOND_QUESTION = re.compile(rf"(?:,\s*and|;|\?\s+|,\s*|\s+and)\s+(?={_ASKING})", re.I)
_LEAD = re.compile(rf"^(.*?[.:])\s+(?={_ASKING})", re.I | re.S)


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
    for piece in pieces:
        if not _ASKS.search(piece) and (len(piece.split()) < 6 or _CONTEXT.match(piece)):
            context = f"{context}{piece}, "
        elif parts and len(piece.split()) < 4:
            parts[-1] = f"{parts[-1]} and {piece}"  # "how ... and why" is one question
        else:
            parts.append(context + piece)
            context = ""
    if lead and parts:
        parts[0] = f"{lead.group(1)} {parts[0]}"
    return parts or [question]


def asking(part: str) -> str:
    """The question itself, without a context-setting lead: in "Croydon's care leavers required
    improvement in 2020. What grade did they get in 2024?" the grade asked about is 2024's."""
    lead = _LEAD.match(part)
    return part[lead.end():] if lead else part


def _part_scope(part: str, whole: Scope) -> Scope:
    """The whole question's councils; the part's own years if it names any, else the whole's."""
    years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(asking(part)) or YEAR.findall(part)))
    return Scope(whole.authorities, years or whole.years, whole.inherited)


def _only_other_years(text: str, years: set[int]) -> bool:
    named = {int(y) for y in YEAR.findall(text)}
    return bool(named) and not any(y in years or y - 1 in years for y in named)


def _shares_topic(topic: set[str], own: set[str]) -> bool:
    """Whether the stemmed words `own` have one of the question's subject words, or a compound
    ending in one ("Subgroup" for "group"; not "restates" for "rest")."""
    return bool(topic & own) or any(w.endswith(t) for t in topic if len(t) >= 4 for w in own)


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _words(text: str) -> set[str]:
    return set(_normal(text).split())


class Answerer:
    def __init__(self, settings: Settings, retriever: Retriever | None = None) -> None:
        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self._vectors: dict[str, np.ndarray] = {}
        self._idf: dict[str, float] | None = None
        self._council_texts: dict[tuple[str, Filters], str] = {}

    def warm_up(self) -> "Answerer":
        self.retriever.warm_up()
        self._learn_vocabulary()
        return self

    def _learn_vocabulary(self) -> None:
        passages = self.retriever.passages.values()
        df = Counter(t for p in passages for t in terms(p.embed_text))
        n = len(self.retriever.passages)
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._unseen_idf = math.log((n + 1) / 0.5)  # a word no document uses weighs most

    def run(self, question: str, filters: Filters | None = None, previous: Scope | None = None) -> Answer:
        """Answer `question` from the documents `filters` allow. `previous` is the scope of the
        question before in the same conversation: a follow-up that names no council or year
        is taken to be about the same ones."""
        if self._idf is None:
            self.warm_up()
        question = question.strip()
        if not question:
            return Answer(question, "Ask a question about the indexed documents.", False)
        scope = scope_of(question, previous)
        answer = self._answer(question, filters or Filters(), scope)
        answer.scope = scope
        return answer

    def _answer(self, question: str, filters: Filters, scope: Scope) -> Answer:
        unknown = [a for a in scope.authorities if a not in self.retriever.authorities]
        if unknown:
            return Answer(question, f"{NOT_FOUND} No indexed document is about {' or '.join(unknown)}.", False)
        asked = without_exclusions(question)
        inspectors = bool(_ASKS_INSPECTORS.search(question))
        parts = [_Part(text, _part_scope(text, scope)) for text in split_question(asked)]
        for part in parts:
            self._answer_part(part, filters, inspectors)
        answered = [p for p in parts if p.chosen]
        hits = list(dict.fromkeys(h for p in parts for h in p.hits))
        if not answered:
            # One reason is enough; the first part's is about the question's main point.
            return Answer(question, f"{NOT_FOUND} {parts[0].refusal}".strip(), False, related=parts[0].related, hits=hits)
        chosen: list[Unit] = []
        for part in answered:
            chosen.extend(u for u in part.chosen if not any(u.quote == c.quote for c in chosen))
        answer = self.compose(question, chosen)
        unanswered = [p.text for p in parts if not p.chosen]
        if unanswered:
            answer.answer += " " + " ".join(f"On “{t}”, the indexed documents don't say." for t in unanswered)
        answer.hits = hits
        return answer

    def _answer_part(self, part: "_Part", filters: Filters, inspectors: bool) -> None:
        """Fill in `part.chosen` (the sentences that answer it) or `part.refusal` (why none do)."""
        question, scope = part.text, part.scope
        q_vec = self.retriever.embedder.encode([question])[0]
        hits = self.retriever.run(question, embedding=q_vec, filters=filters, scope=scope, prefer_reports=inspectors)
        part.hits = hits
        if not hits:
            part.refusal = "None of the documents your filters allow match." if filters else ""
            return
        missing = self._unmentioned(question, hits, scope, filters)
        if missing:
            absent = [t for t in missing if not terms(t) <= self._idf.keys()]
            part.refusal = (
                f"They don't mention {', '.join(absent)}."
                if absent
                else f"The passages closest to the question don't mention {', '.join(missing)}."
            )
            part.related = [] if absent else hits
            return
        part.related = hits
        units = [u for h in hits for u in units_of(h)]
        if not units:
            return
        scores = self.score(question, q_vec, units, scope, inspectors)
        need = need_of(asking(question), scope.years, comparison=len(scope.authorities) > 1)
        # The answer must be about the question's subject: share one of its subject words (those
        # the retrieved passages use at all; a word no passage has would refuse everything).
        # Sentences that merely sound close ("It is not the Ofsted report itself" for "what were
        # the fifth and sixth recommendations?") are not answers.
        topic = set() if need is not None and need.names_subject else self._subject(question, scope, hits)
        future = bool(_FUTURE.search(question))
        eligible = np.array([
            (need is None or self._meets(need, u, scope, future))
            and (not topic or _shares_topic(topic, terms(f"{u.follow_on or u.text} {u.hit.passage.heading}")))
            for u in units
        ])
        if not eligible.any():
            part.refusal = f"The passages found don't give {need.what}." if need else "No passage is about what the question asks."
            return
        scores = np.where(eligible, scores, -np.inf)
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        log.debug("best sentence %.3f: %s", best, units[order[0]].text)
        floor = self.settings.min_score - (_NEED_MET_SLACK if need is not None else 0.0)
        chosen: list[Unit] = []
        if len(scope.authorities) > 1:
            # A comparison: the best sentence about each council, each judged on its own, since
            # the second council's passages compete with the first's for every feature.
            for council in scope.authorities:
                best_here = next((i for i in order if units[i].hit.passage.authority == council), None)
                if best_here is not None and scores[best_here] >= floor - _COMPARISON_SLACK:
                    chosen.append(units[best_here])
            if len(chosen) < len(scope.authorities):
                chosen = []  # half a comparison reads as a whole one
        elif best < floor:
            part.refusal = "No passage answers this closely enough."
            return
        for i in order:
            if len(chosen) >= self.settings.answer_sentences + max(0, len(scope.authorities) - 1):
                break
            if scores[i] < max(floor, best - _KEEP_WITHIN):
                break
            if any(units[i] is c or self._same_point(units[i], c) for c in chosen):
                continue
            chosen.append(units[i])
        if not chosen:
            part.refusal = "No passage answers this closely enough."
        part.chosen = [Unit(u.hit, u.follow_on, u.follow_on) if u.follow_on else u for u in chosen]

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings of sentences and passages, remembered: the same passages come back for
        question after question, and encoding them is most of an answer's time. Results are
        read from a local mapping so a concurrent request clearing the cache cannot break this one."""
        found = {t: self._vectors.get(t) for t in texts}
        missing = [t for t, v in found.items() if v is None]
        if missing:
            fresh = dict(zip(missing, self.retriever.embedder.encode(missing)))
            found.update(fresh)
            if len(self._vectors) > 50_000:
                self._vectors.clear()
            self._vectors.update(fresh)
        return np.stack([found[t] for t in texts])

    def score(
        self, question: str, q_vec: np.ndarray, units: list[Unit], scope: Scope | None = None, inspectors: bool = False
    ) -> np.ndarray:
        unit_vecs = self._encode([u.text for u in units])
        passages = list({u.hit.passage.id: u.hit.passage for u in units}.values())
        passage_cos = dict(zip((p.id for p in passages), self._encode([p.embed_text for p in passages]) @ q_vec))

        wanted = terms(question)
        weight = {t: self._idf.get(t, self._unseen_idf) for t in wanted}
        total = sum(weight.values()) or 1.0
        kind = expected_type(question)
        # Names and years the question is about, weighted by rarity: "2014" singles out a
        # sentence, "Manchester" (in nearly every passage of a Manchester corpus) does not.
        named = {_normal(t): max((self._idf.get(w, self._unseen_idf) for w in terms(t)), default=0.0) for t in salient_terms(question)}
        named_total = len(named) * self._unseen_idf or 1.0
        years = set(scope.years) if scope else set()
        rank = {h.passage.id: i for i, h in enumerate(dict.fromkeys(u.hit for u in units))}
        n_hits = max(1, len(rank))
        numbered = _numbered_item(question)
        scores = []
        for i, (unit, vec) in enumerate(zip(units, unit_vecs)):
            own = terms(f"{unit.text} {unit.hit.passage.heading}")
            before = units[i - 1].text if i and units[i - 1].hit.passage.id == unit.hit.passage.id else ""
            with_context = own | terms(before)
            scores.append(
                _W_SENTENCE * float(vec @ q_vec)
                + _W_PASSAGE * float(passage_cos[unit.hit.passage.id])
                + _W_WORDS * sum(weight[t] for t in wanted & own) / total
                + _W_WORDS_IN_CONTEXT * sum(weight[t] for t in wanted & with_context) / total
                - (_TYPE_PENALTY if kind is not None and not kind.search(unit.text) else 0.0)
                + _W_NAMED * sum(w for t, w in named.items() if f" {t} " in f" {_normal(unit.text)} ") / named_total
                + (_W_YEAR if years and year_of(unit.hit.passage.date) in years else 0.0)
                + (_W_REPORT if inspectors and unit.hit.passage.kind is DocKind.INSPECTION_REPORT else 0.0)
                + _W_RANK * (1 - rank[unit.hit.passage.id] / n_hits)
                + (_W_GRADE_ROW if kind is GRADE and unit.hit.passage.is_table_row and GRADE.search(unit.text) else 0.0)
                - (_LABEL_PENALTY if self._unasked_label(unit, wanted) else 0.0)
                - (_OTHER_YEAR_PENALTY if years and _only_other_years(unit.text, years) else 0.0)
                + (_W_NUMBERED if numbered and numbered.match(unit.text) else 0.0)
            )
        return np.array(scores)

    @staticmethod
    def _unasked_label(unit: Unit, wanted: set[str]) -> bool:
        """A document's header line ("Council: Birmingham City Council", "Local authority: …")
        that the question does not ask about: it shares the question's names, so scores well,
        but answers nothing."""
        if unit.hit.passage.is_table_row:
            return False
        label = _LABEL_LINE.match(unit.text)
        return bool(label) and len(unit.text.split()) <= 15 and not terms(label.group(1)) & wanted

    def _topic(self, question: str, scope: Scope, max_share: float = _TOPIC_MAX_SHARE) -> set[str]:
        """The question's own subject words ("consistency", "written", "plans"), without the
        council's name, question words and words most passages use."""
        named = set().union(*(terms(a) for a in scope.authorities)) if scope.authorities else set()
        common = math.log(1 / max_share)  # idf of a word in that share of passages
        return {
            t for t in terms(question) - named - _NOT_SUBJECT_WORDS - _GENERIC_STEMS - _MONTH_STEMS - _NUMBER_STEMS
            if not t.isdigit() and len(t) > 2 and self._idf.get(t, self._unseen_idf) > common
        }

    def _subject(self, question: str, scope: Scope, hits: list[Hit]) -> set[str]:
        """The subject words an answer must share one of: the question's rarer words that the
        retrieved passages use (a word none has would refuse everything); when there are none,
        its commoner ones ("help and protection"), so a sentence about nothing asked is still no answer."""
        found = terms(" ".join(f"{h.passage.heading} {h.passage.text}" for h in hits))
        for share in (_TOPIC_MAX_SHARE, _TOPIC_FALLBACK_SHARE):
            topic = {t for t in self._topic(question, scope, share) if _shares_topic({t}, found)}
            if topic:
                return topic
        return set()

    @staticmethod
    def _meets(need, unit: Unit, scope: Scope, future: bool = False) -> bool:
        text = unit.follow_on or unit.text
        if not need.met(text):
            return False
        # "When is Ofsted next due?" wants a date after the document's own, not the last inspection's.
        if need.what in ("a date", "a deadline") and future:
            doc_year = year_of(unit.hit.passage.date)
            if not any(int(y) > doc_year for y in YEAR.findall(text)):
                return False
        # A grade is a grade at one inspection: a judgement row from another year's document
        # (a history table, last inspection's briefing) does not answer "what grade in 2023?".
        p = unit.hit.passage
        if scope.years and p.is_table_row and GRADE.search(unit.text):
            return year_of(p.date) in scope.years or any(str(y) in unit.text for y in scope.years)
        return True

    def _unmentioned(self, question: str, hits: list[Hit], scope: Scope, filters: Filters) -> list[str]:
        """Names and years in the question that the documents it is about never contain:
        answering about Manchester when asked about Stockport is the worst failure. When the
        question names a council, its documents are searched whole (a year may be named only on
        a page retrieval did not rank first); otherwise the retrieved passages are."""
        if scope.authorities:
            haystack = " ".join(self._council_text(a, filters) for a in scope.authorities)
        else:
            haystack = _normal(" ".join(f"{h.passage.title} {h.passage.source} {h.passage.text}" for h in hits))
        return [t for t in salient_terms(question) if f" {_normal(t)} " not in f" {haystack} "]

    def _council_text(self, authority: str, filters: Filters) -> str:
        key = (authority, filters)
        if key not in self._council_texts:
            self._council_texts[key] = " " + _normal(" ".join(
                f"{p.title} {p.source} {p.text}"
                for p in self.retriever.passages.values()
                if p.authority in (authority, "") and (not filters or filters.allows(p))
            )) + " "
            if len(self._council_texts) > 1000:  # many filter combinations: start again
                self._council_texts = {key: self._council_texts[key]}
        return self._council_texts[key]

    @staticmethod
    def _same_point(a: Unit, b: Unit) -> bool:
        wa, wb = _words(a.text), _words(b.text)
        return len(wa & wb) / max(1, min(len(wa), len(wb))) > 0.8

    @staticmethod
    def compose(question: str, units: list[Unit]) -> Answer:
        """The answer text: each quoted sentence with its [n], grouped under the kind of
        document it comes from ("Inspection report: ... [1] Committee minutes: ... [2]"), so a
        member can see at a glance whose words each one is."""
        citations: list[Citation] = []
        numbers: dict[tuple[str, str], int] = {}
        groups: list[tuple[str, list[str]]] = []
        for unit in units:
            p = unit.hit.passage
            key = (p.id, unit.quote)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(Citation.of(numbers[key], p, unit.quote, unit.text))
            label = citations[numbers[key] - 1].kind_label
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append(f"{unit.text} [{numbers[key]}]")
        text = "\n".join(f"{label}: {' '.join(parts)}" for label, parts in groups)
        answer = Answer(question, text, True, citations)
        if _ASKS_INSPECTORS.search(question) and not any(c.kind == DocKind.INSPECTION_REPORT.value for c in citations):
            kinds = sorted({c.kind_label.lower() for c in citations})
            answer.notice = (
                f"No inspection report in the index says this; these quotes are from {' and '.join(kinds)}, "
                "which report on the inspection in their own words."
            )
        return answer
