"""What a document is: kind, council, date and (for inspection reports) the judgements.

Detected from the document itself, because nobody fills in a form for every file on a
shared drive; overridable, because detection is sometimes wrong and a member's briefing
must not be filed as an inspection report. An override is either a sidecar file next to
the document (`report.pdf.meta.yaml`, `.meta.yml` or `.meta.json`) or, for Markdown and
text files, a front-matter block at the top:

    ---
    kind: inspection report
    authority: Stockton-on-Tees
    date: 2023-03-10
    grades:
      Overall effectiveness: Good
    ---
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date as Date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from indexer import councils
from indexer.loaders.common import FRONT_MATTER, LoadError, decode_text
from indexer.types import Block, DocKind, Grades, ParsedDocument

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


# --- kind ----------------------------------------------------------------------

_KIND_RULES: list[tuple[re.Pattern, DocKind]] = [
    (re.compile(r"news|press release|press notice|media release|briefing|article|blog", re.I), DocKind.OTHER),
    # A plan is a plan whatever it answers and whatever its format: "improvement plan",
    # "recovery plan", "improvement programme" are action plans to the people who track them.
    (re.compile(r"action[ _-]?plan|statement of action|improvement[ _-]?(?:plan|programme)|recovery[ _-]?plan", re.I), DocKind.ACTION_PLAN),
    (re.compile(r"minutes|agenda|committee|scrutiny|cabinet|board meeting|decision[ _-]?notice|record of decision", re.I),
     DocKind.MINUTES),
    (re.compile(r"inspection|ilacs|ofsted report|focused visit|monitoring visit", re.I), DocKind.INSPECTION_REPORT),
]
# An inspection report says so in its opening lines in Ofsted's own words; a news story or a
# minute that reports on it says "Ofsted" and "inspection" too, so those words alone are not enough.
_REPORT_OPENING = re.compile(
    r"inspection of [\w ,'’-]+ (?:local authority )?children[’']?s services|"
    r"inspection dates?\s*:|lead inspector\s*:|focused visit to|monitoring visit to",
    re.I,
)
_MINUTES_OPENING = re.compile(r"\b(?:minutes|present\s*:|apologies|resolved|agenda item)\b", re.I)


# The furniture of a news page or press release (DOCUMENT-SHAPES: "Notes to editors",
# "Advertisement", related stories, newsletter sign-up). A page carrying it reports on an
# inspection; it is not the report, whatever its headline says ("Inspection finds ...").
_PRESS_FURNITURE = re.compile(
    r"\bnotes to editors?\b|\bmedia enquiries\b|\bpress office\b|^advertisement$|\brelated (?:stories|articles|news)\b|"
    r"\bshare this (?:story|article|page)\b|\bsign up to (?:our|the) newsletter\b|\bmost read\b",
    re.I | re.M,
)


def detect_kind(title: str, filename: str, blocks: list[Block]) -> DocKind:
    """The title and file name decide (people name these files well), except that a page with
    a newspaper's or press office's furniture is never the inspection report itself; the
    opening text only when they say nothing, and then only Ofsted's or a clerk's set phrases count."""
    press = any(_PRESS_FURNITURE.search(b.text) for b in blocks)
    for pattern, kind in _KIND_RULES:
        if pattern.search(f"{title} {filename}"):
            return DocKind.OTHER if press and kind is DocKind.INSPECTION_REPORT else kind
    if press:
        return DocKind.OTHER
    opening = " ".join(b.text for b in blocks[:8])
    if _REPORT_OPENING.search(opening):
        return DocKind.INSPECTION_REPORT
    if _MINUTES_OPENING.search(opening):
        return DocKind.MINUTES
    return DocKind.OTHER


# --- dates -----------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FULL_DATES = [
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 20 May 2022
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # May 20, 2022
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2022-05-20
    re.compile(rf"\b(?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)/{_YEAR}\b"),  # 20/05/2022, as the UK writes it
]
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)
_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_LABELLED = re.compile(
    r"(?:date of publication|publication date|published(?: on)?|date of meeting|meeting date|"
    r"meeting held on|held on|inspection dates?|date)\s*[:\-–]?\s*(?P<rest>.{0,60})",
    re.I,
)


def _full_dates(text: str) -> list[tuple[int, str]]:
    """(position, ISO date) for every whole date in `text` that is a real calendar day."""
    found = []
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
            try:
                found.append((m.start(), Date(int(parts["year"]), month, int(parts["day"])).isoformat()))
            except ValueError:
                continue
    return sorted(found)


def parse_date(text: str) -> str:
    """An ISO date from a date as people write it: a whole date, a month, or a year; '' if none."""
    text = text.strip()
    if dates := _full_dates(text):
        return dates[0][1]
    if any(p.search(text) for p in _FULL_DATES):  # "31 February 2022": a typo, not a month
        return ""
    if m := re.fullmatch(r"((?:19|20)\d\d)-([01]\d)", text):
        return text if 1 <= int(m.group(2)) <= 12 else ""
    if m := _MONTH_YEAR.search(text):
        return f"{m.group('year')}-{_MONTHS[m.group('month').lower()]:02d}"
    if m := _YEAR_ONLY.fullmatch(text):
        return m.group(1)
    return ""


def _with_headings(blocks: list[Block]) -> list[str]:
    """The blocks' text with each new heading before it: a plain-text loader files a short
    line like "Date: 31 January 2023" as a heading, and it is still the date."""
    lines, last = [], None
    for b in blocks:
        if b.heading and b.heading != last:
            lines.append(b.heading.split(" > ")[-1])
            last = b.heading
        lines.append(b.text)
    return lines


def detect_date(title: str, filename: str, blocks: list[Block]) -> str:
    """The document's date: a labelled one first ("Published: …", "Date of meeting: …"; the
    last day of "Inspection dates: 4 to 15 July 2022"), then the first whole date near the
    top, then a year in the title or file name, then a month near the top. A bare month is
    last because reports and minutes recall earlier visits ("the November 2021 inspection")."""
    opening = "\n".join([title] + _with_headings(blocks[:10]))
    labelled = []
    for m in _LABELLED.finditer(opening):
        rest = m.group("rest")
        # The date must follow its label ("Published: 30 August 2022"), not turn up later in
        # the sentence ("published today, after an inspection in December 2022").
        dates = [iso for at, iso in _full_dates(rest) if at <= 2]
        if not dates and (month := _MONTH_YEAR.match(rest)):
            dates = [f"{month.group('year')}-{_MONTHS[month.group('month').lower()]:02d}"]
        if "inspection" in m.group(0).lower() and dates:
            dates = [iso for _, iso in _full_dates(rest)] or dates  # a range: its last day
        if dates:
            label = m.group(0).lower()
            # Publication outranks the visit; a meeting date is a meeting date.
            rank = 0 if "publi" in label else 1 if "meeting" in label or "held" in label else 2
            labelled.append((rank, m.start(), dates[-1] if "inspection" in label else dates[0]))
    if labelled:
        return min(labelled)[2]
    if dates := _full_dates(opening):
        return dates[0][1]
    if m := _MONTH_YEAR.search(title):
        return f"{m.group('year')}-{_MONTHS[m.group('month').lower()]:02d}"
    for text in (title, filename):
        if years := _YEAR_ONLY.findall(text):
            return max(years)  # "2010 to 2023": a document looking back is dated by its last year
    if m := _MONTH_YEAR.search(opening):
        return f"{m.group('year')}-{_MONTHS[m.group('month').lower()]:02d}"
    return ""


# --- council --------------------------------------------------------------------

def detect_authority(title: str, filename: str, blocks: list[Block]) -> str:
    opening = " ".join(b.text for b in blocks[:5])
    body = " ".join(b.text for b in blocks[5:])
    name_words = re.sub(r"[_\-.]+", " ", Path(filename).stem).title()
    return councils.most_mentioned([(title, 10), (name_words, 5), (opening, 3), (body, 1)])


# --- judgements -------------------------------------------------------------------

# Ofsted's ILACS areas, in report order. Before 2023 children in care and care leavers were
# one judgement; the more specific phrase is tried first.
_AREAS: list[tuple[str, re.Pattern]] = [
    ("Overall effectiveness", re.compile(r"overall effectiveness", re.I)),
    ("Impact of leaders", re.compile(r"impact of leaders", re.I)),
    ("Help and protection", re.compile(r"help and protection", re.I)),
    ("Children in care and care leavers", re.compile(r"children in care and care leavers", re.I)),
    ("Children in care", re.compile(r"children in care", re.I)),
    ("Care leavers", re.compile(r"care leavers", re.I)),
]
_GRADE = re.compile(r"\b(requires improvement to be good|requires improvement|outstanding|good|inadequate)\b", re.I)
_GRADE_NAMES = {"requires improvement": "Requires improvement to be good"}


def detect_grades(blocks: list[Block]) -> Grades:
    """Judgements from the report's judgement table (or "Area: Grade" lines): one area and
    one grade in a short row with no year in it, since history tables ("2017 | Requires
    improvement") and prose ("was judged good in 2014") describe other inspections."""
    grades: dict[str, str] = {}
    for block in blocks:
        text = block.verbatim or block.text
        if len(text.split()) > 30 or re.search(r"(?:19|20)\d\d", text):
            continue
        # A table row, an "Area: Grade" line, or a row whose cells a PDF ran together ("Overall effectiveness Good").
        if not (block.is_table_row or re.match(r"^[^.:]{3,120}:\s*\S", text) or re.search(_GRADE.pattern + r"\s*$", text, re.I)):
            continue
        found = _GRADE.findall(text)
        area = next((name for name, pattern in _AREAS if pattern.search(text)), None)
        if area and len({g.lower() for g in found}) == 1 and area not in grades:
            grade = found[0].lower()
            grades[area] = _GRADE_NAMES.get(grade, grade[0].upper() + grade[1:])
    return tuple(grades.items())


# --- overrides -------------------------------------------------------------------

_KIND_NAMES = {
    "report": DocKind.INSPECTION_REPORT,
    "inspection report": DocKind.INSPECTION_REPORT,
    "inspection": DocKind.INSPECTION_REPORT,
    "minutes": DocKind.MINUTES,
    "committee minutes": DocKind.MINUTES,
    "action plan": DocKind.ACTION_PLAN,
    "plan": DocKind.ACTION_PLAN,
    "other": DocKind.OTHER,
}


class Override(BaseModel):
    """The fields a sidecar or front matter may set; anything else is a mistake worth naming."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    kind: DocKind | None = None
    authority: str | None = None
    date: str | None = None
    grades: dict[str, str] | None = None

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, values):
        # Values arrive as the strings written: "date:" with nothing after it sets nothing.
        if isinstance(values, dict):
            return {k: None if isinstance(v, str) and v.strip() in ("", "~", "null") else v for k, v in values.items()}
        return values

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v):
        if v is None or isinstance(v, DocKind):
            return v
        kind = _KIND_NAMES.get(str(v).strip().lower())
        if kind is None:
            raise ValueError(f"'{v}' is not one of: inspection report, minutes, action plan, other")
        return kind

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v):
        if v is None:
            return v
        iso = v.isoformat() if isinstance(v, Date) else parse_date(str(v))
        if not iso:
            raise ValueError(f"'{v}' is not a date (write 2023-03-10, 10 March 2023, March 2023 or 2023)")
        return iso

    @field_validator("authority", mode="before")
    @classmethod
    def _authority(cls, v):
        # A council we know is stored under its canonical name, so filters and questions match.
        return None if v is None else (councils.canonical(str(v)) or str(v).strip())


def sidecar_of(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(path.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


@dataclasses.dataclass(frozen=True)
class Sidecar:
    """A sidecar's bytes as read once: the fingerprint and the override come from the same read."""

    path: Path
    data: bytes


def read_sidecar(path: Path) -> Sidecar | None:
    sidecar = sidecar_of(path)
    return Sidecar(sidecar, sidecar.read_bytes()) if sidecar else None


_FIND = object()  # read_override's default: look for the sidecar on disk
# A value quoted in an error is cut to this: a 4,300-digit "date" needs no repeating.
_QUOTE_MAX = 60


def read_override(path: Path, data: bytes | None = None, sidecar=_FIND) -> Override | None:
    """The override for `path`, from its sidecar or its front matter; LoadError names the
    file and the field when it is malformed. `data` (the document's bytes) and `sidecar`
    (a Sidecar or None) are what the pipeline already read; without them they are read here."""
    if sidecar is _FIND:
        sidecar = read_sidecar(path)
    if sidecar is not None:
        where = sidecar.path.name
        try:
            raw = sidecar.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LoadError(f"{where} cannot be read (it is not UTF-8 text)") from None
        parse = _json if sidecar.path.suffix == ".json" else _yaml
    elif path.suffix.lower() in (".md", ".markdown", ".txt"):
        head = decode_text((path.read_bytes() if data is None else data)[:65536])
        m = FRONT_MATTER.match(head)
        if not m:
            return None
        where, raw, parse = f"the front matter of {path.name}", m.group(1), _yaml
    else:
        return None
    try:
        data = parse(raw) or {}
    except ValueError as exc:
        raise LoadError(f"{where} cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise LoadError(f"{where} must be a set of 'field: value' lines")
    try:
        return Override.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in e['loc']) or '?'}': {_shorten(e['msg'].removeprefix('Value error, '))}"
            for e in exc.errors()
        )
        raise LoadError(f"{where}: {problems}") from exc


def _shorten(text: str) -> str:
    return re.sub(r"[^\s']{%d,}" % (_QUOTE_MAX + 1), lambda m: m.group(0)[:_QUOTE_MAX] + "…", text)


def _yaml(text: str):
    import yaml

    # Every value as the string written: YAML's own dates and integers would fail on
    # "2023-02-30" or a 4,300-digit number before the field could be named in the message.
    try:
        return yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        raise ValueError(str(exc).replace("\n", " ")) from exc


def _json(text: str):
    return json.loads(text, parse_int=str, parse_float=str)


def override_bytes(path: Path) -> bytes:
    """The sidecar's bytes (front matter is inside the file, so its hash covers it)."""
    sidecar = sidecar_of(path)
    return sidecar.read_bytes() if sidecar else b""


# --- all together -------------------------------------------------------------------

def describe(document: ParsedDocument, path: Path, data: bytes | None = None, sidecar=_FIND) -> ParsedDocument:
    """The document with its kind, council, date and grades: detected, then overridden."""
    given = read_override(path, data, sidecar) or Override()
    blocks = document.blocks
    title = given.title or document.title
    kind = given.kind or document.kind
    authority = given.authority or detect_authority(title, path.name, blocks)
    date = given.date or detect_date(title, path.name, blocks)
    if given.grades is not None:  # an empty mapping is an answer too: "no judgements here"
        grades: Grades = tuple(given.grades.items())
    else:
        grades = detect_grades(blocks) if kind is DocKind.INSPECTION_REPORT else ()
    return dataclasses.replace(document, title=title, kind=kind, authority=authority, date=date, grades=grades)
