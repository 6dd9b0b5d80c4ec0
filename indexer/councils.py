"""The English councils Ofsted inspects for children's services, and finding them in text.

A list beats a pattern: "Reading the report…", "Full Council" and "the Council's action
plan" all look like council names to a regex, and users write "Stockton" for
Stockton-on-Tees and "Hull" for Kingston upon Hull. The question side (which council a
question names) uses the same list, so a document and a question agree on the name.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from indexer.vocabulary import COUNCIL_VENUE_WORDS, alternation

# The 153 children's services authorities (2023), plus those merged or split since 2019
# whose older reports users still hold. Canonical names as Ofsted writes them.
COUNCILS: tuple[str, ...] = (
    # London
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London",
    "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey",
    "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
    "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
    "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth",
    "Westminster",
    # metropolitan boroughs
    "Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside",
    "Trafford", "Wigan", "Knowsley", "Liverpool", "St Helens", "Sefton", "Wirral", "Barnsley",
    "Doncaster", "Rotherham", "Sheffield", "Gateshead", "Newcastle upon Tyne", "North Tyneside",
    "South Tyneside", "Sunderland", "Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull",
    "Walsall", "Wolverhampton", "Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield",
    # counties
    "Cambridgeshire", "Derbyshire", "Devon", "East Sussex", "Essex", "Gloucestershire", "Hampshire",
    "Hertfordshire", "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Norfolk",
    "Nottinghamshire", "Oxfordshire", "Staffordshire", "Suffolk", "Surrey", "Warwickshire",
    "West Sussex", "Worcestershire", "Cumbria", "Northamptonshire",
    # unitary authorities
    "Bath and North East Somerset", "Bedford", "Blackburn with Darwen", "Blackpool",
    "Bournemouth, Christchurch and Poole", "Bracknell Forest", "Brighton and Hove", "Bristol",
    "Buckinghamshire", "Central Bedfordshire", "Cheshire East", "Cheshire West and Chester",
    "Cornwall", "County Durham", "Cumberland", "Darlington", "Derby", "Dorset",
    "East Riding of Yorkshire", "Halton", "Hartlepool", "Herefordshire", "Isle of Wight",
    "Isles of Scilly", "Kingston upon Hull", "Leicester", "Luton", "Medway", "Middlesbrough",
    "Milton Keynes", "North East Lincolnshire", "North Lincolnshire", "North Northamptonshire",
    "North Somerset", "North Yorkshire", "Northumberland", "Nottingham", "Peterborough", "Plymouth",
    "Portsmouth", "Reading", "Redcar and Cleveland", "Rutland", "Shropshire", "Slough", "Somerset",
    "South Gloucestershire", "Southampton", "Southend-on-Sea", "Stockton-on-Tees", "Stoke-on-Trent",
    "Swindon", "Telford and Wrekin", "Thurrock", "Torbay", "Warrington", "West Berkshire",
    "West Northamptonshire", "Westmorland and Furness", "Wiltshire", "Windsor and Maidenhead",
    "Wokingham", "York", "Bournemouth", "Poole",
)

# Councils abolished since 2019, with the councils that took over their children's services.
# A page written after the split still says "children's services in Northamptonshire" for the
# county as a place, or "Bournemouth" for the town; when it also names a successor, that
# successor is the council it is about (indexer.metadata.detect_authority).
SUCCESSORS: dict[str, tuple[str, ...]] = {
    "Northamptonshire": ("North Northamptonshire", "West Northamptonshire"),
    "Cumbria": ("Cumberland", "Westmorland and Furness"),
    "Bournemouth": ("Bournemouth, Christchurch and Poole",),
    "Poole": ("Bournemouth, Christchurch and Poole",),
}

# Other ways people write them. Only unambiguous ones: "Kingston" alone could be either.
ALIASES: dict[str, str] = {
    "Hull": "Kingston upon Hull",
    "Durham": "County Durham",
    "Durham County": "County Durham",
    "Southend": "Southend-on-Sea",
    "Stockton": "Stockton-on-Tees",
    "Stoke": "Stoke-on-Trent",
    "Newcastle": "Newcastle upon Tyne",
    "Richmond": "Richmond upon Thames",
    "BCP": "Bournemouth, Christchurch and Poole",
    "Bournemouth Christchurch and Poole": "Bournemouth, Christchurch and Poole",
    "Bath and NE Somerset": "Bath and North East Somerset",
    "St. Helens": "St Helens",
    "Bristol, City of": "Bristol",
    "City of Bristol": "Bristol",
    "Herefordshire, County of": "Herefordshire",
    "Windsor": "Windsor and Maidenhead",
    "Cheshire West": "Cheshire West and Chester",
    # How officers and local papers shorten the long names.
    "B&NES": "Bath and North East Somerset",
    "BANES": "Bath and North East Somerset",
    "BaNES": "Bath and North East Somerset",
    "Brighton": "Brighton and Hove",
    # The initials and short forms councils go by in their own papers and the local press. Only
    # ones no other body uses: "KCC", "HCC" or "LCC" could be several councils, so none is here.
    "CWaC": "Cheshire West and Chester",
    "RBKC": "Kensington and Chelsea",
    "LBHF": "Hammersmith and Fulham",
    "RBWM": "Windsor and Maidenhead",
    "LBBD": "Barking and Dagenham",
    "NELC": "North East Lincolnshire",
    "ERYC": "East Riding of Yorkshire",
    "East Riding": "East Riding of Yorkshire",
    "NYCC": "North Yorkshire",
    "BwD": "Blackburn with Darwen",
    "Blackburn": "Blackburn with Darwen",
    "Redcar": "Redcar and Cleveland",
    "Telford": "Telford and Wrekin",
    "Central Beds": "Central Bedfordshire",
    "North East Lincs": "North East Lincolnshire",
    "NE Lincs": "North East Lincolnshire",
    "North Lincs": "North Lincolnshire",
    "N Lincs": "North Lincolnshire",
    "Kingston Council": "Kingston upon Thames",
}

# Spellings that are one another's: "Newcastle-upon-Tyne", "Stoke on Trent", "North-East
# Lincolnshire", "Saint Helens". Each name and alias is known in every spelling, so a hyphen
# does not turn "North-East Lincolnshire" into Lincolnshire.
SPELLINGS: tuple[tuple[str, str], ...] = (
    (" upon ", "-upon-"),
    ("-on-", " on "),
    ("North East ", "North-East "),
    ("St ", "St. "),
    ("St ", "Saint "),
)

# How users type a council into a question, and only there: the county abbreviations in
# everyday use ("herts", "bucks", "notts"), football-town nicknames ("wolves") and the
# trusts that run a council's children's services ("Together for Children" is Sunderland's).
# Kept off the document side: reports and minutes give the full name, and there "Herts" is
# as often a neighbouring body ("Herts Valleys CCG") as the council the document is about.
QUESTION_ALIASES: dict[str, str] = {
    "Herts": "Hertfordshire", "Bucks": "Buckinghamshire", "Notts": "Nottinghamshire",
    "Lancs": "Lancashire", "Leics": "Leicestershire", "Lincs": "Lincolnshire",
    "Glos": "Gloucestershire", "Worcs": "Worcestershire", "Staffs": "Staffordshire",
    "Northants": "Northamptonshire", "Cambs": "Cambridgeshire", "Oxon": "Oxfordshire",
    "Wilts": "Wiltshire", "Hants": "Hampshire", "Derbys": "Derbyshire", "Warks": "Warwickshire",
    "Shrops": "Shropshire", "IoW": "Isle of Wight", "Wolves": "Wolverhampton",
    "MK": "Milton Keynes",
    "Together for Children": "Sunderland", "TfC": "Sunderland",
    "Birmingham Children's Trust": "Birmingham", "Sandwell Children's Trust": "Sandwell",
    "Slough Children First": "Slough", "Children First Northamptonshire": "Northamptonshire",
    "Doncaster Children's Services Trust": "Doncaster",
}


def _ampersand_initials() -> dict[str, str]:
    """'H&F', 'K&C', 'B&H', 'CW&C': the initials of a name's two parts joined by an ampersand,
    as officers and residents type them. Question side only: in a document "T&W" is as often
    Tyne and Wear as Telford and Wrekin, and councils' papers give their full name."""
    forms: dict[str, list[str]] = {}
    for name in COUNCILS:
        if " and " in name and "," not in name:
            left, right = name.split(" and ", 1)
            form = "".join(w[0] for w in left.split()) + "&" + "".join(w[0] for w in right.split())
            forms.setdefault(form.upper(), []).append(name)
    # Initials two councils share name neither; a form already written by hand keeps its meaning.
    return {form: names[0] for form, names in forms.items() if len(names) == 1 and form not in ALIASES}


_COMPASS = ("North East", "North West", "South East", "South West", "North", "South", "East", "West")
_COMPASS_SHORT = {"North East": ("NE",), "North West": ("NW",), "South East": ("SE",), "South West": ("SW",)}


def _compass_abbreviations() -> dict[str, str]:
    """'South Glos', 'North Lincs', 'NE Lincs', 'West Northants': a compass point before a
    county's everyday abbreviation, for the council named by that point and the county. Made
    from the abbreviations and the council list, so every such council has its short form."""
    forms: dict[str, str] = {}
    for short, county in QUESTION_ALIASES.items():
        if " " in short:  # a trust's name ("Children First Northamptonshire"), no abbreviation
            continue
        for compass in _COMPASS:
            name = f"{compass} {county}"
            if name in COUNCILS:
                for point in (compass, *_COMPASS_SHORT.get(compass, ())):
                    forms.setdefault(f"{point} {short}", name)
    return forms


QUESTION_ALIASES = {**_ampersand_initials(), **_compass_abbreviations(), **QUESTION_ALIASES}
# Short names that are no English word, so safe case aside in a question ("iow 2023 grade");
# no word has an ampersand in it.
_FOLDED_SHORT = {"BCP", "IoW", "TfC", "MK", *(k for k in QUESTION_ALIASES if "&" in k)}

# Names that are also ordinary words: counted only next to a council word ("Reading
# Borough Council", "Bury Council", "London Borough of Sutton").
# "Blackburn" and "Telford" are surnames as well ("Ms Blackburn said …", "Thomas Telford School").
_AMBIGUOUS = {"Reading", "Bury", "Sutton", "Poole", "Derby", "Bedford", "Kent", "York", "Blackburn", "Telford"}
_COUNCIL_WORD = re.compile(r"\s*(?:'s\b|’s\b|City\b|County\b|Borough\b|Metropolitan\b|Council\b|children)", re.I)
_COUNCIL_BEFORE = re.compile(r"(?:Borough of|City of|County of|Council of|in|of)\s*$", re.I)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    table = {name: name for name in COUNCILS}
    table.update(ALIASES)
    for a, b in SPELLINGS:
        for written, name in list(table.items()):
            for old, new in ((a, b), (b, a)):
                if old in written:
                    table.setdefault(written.replace(old, new), name)
    # "Brighton & Hove", "Telford & Wrekin": the ampersand is as common as "and"; a file name's slug
    # drops the word ("hammersmith-fulham-2024-minutes.docx", "barking_dagenham_plan.pdf").
    for written, name in list(table.items()):
        if " and " in written:
            table[written.replace(" and ", " & ")] = name
            table.setdefault(written.replace(",", "").replace(" and ", " "), name)
    return table


@lru_cache(maxsize=1)
def _venue_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """A council building named after one part of a council's name: "Hammersmith Town Hall" (Hammersmith
    and Fulham), "Hove Town Hall", "Chester Town Hall" (Cheshire West and Chester). A part two councils
    share, or one that is a council's whole name, is left to `mentions`."""
    parts: dict[str, set[str]] = {}
    for name in COUNCILS:
        for part in re.split(r",\s*|\s+and\s+|\s+with\s+", name):
            if part != name:
                parts.setdefault(part, set()).add(name)
    table = {part: next(iter(names)) for part, names in parts.items()
             if len(names) == 1 and part not in _variants() and len(part) > 3}
    pattern = re.compile(r"(?<![\w-])(" + alternation(table) + r")\s+(?:" + alternation(COUNCIL_VENUE_WORDS) + r")\b")
    return pattern, table


def venue_mentions(text: str) -> list[tuple[str, int, int]]:
    """(canonical name, start, end) of every council building `text` names by a part of the council's
    name ("Hammersmith Town Hall"); the span is the part, as `mentions` spans a name."""
    pattern, table = _venue_pattern()
    return [(table[m.group(1)], m.start(1), m.end(1)) for m in pattern.finditer(text)]


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, str]]:
    table = _variants()
    # Longest first: "North East Lincolnshire" before "Lincolnshire".
    pattern = re.compile(r"(?<![\w-])(" + alternation(table) + r")(?![\w-])")
    return pattern, table


@lru_cache(maxsize=2)
def _folded_pattern(question: bool = True) -> tuple[re.Pattern, dict[str, str]]:
    """The same names, case aside, for questions: people type "what did ofsted say about slough".
    Names that are also ordinary words ("reading", "kent") and short aliases ("bcp") are left
    out: lower-cased, they are the word far more often than the council."""
    variants = {**_variants(), **QUESTION_ALIASES} if question else _variants()
    table = {
        k.lower(): v for k, v in variants.items()
        if k not in _AMBIGUOUS and (len(k) > 3 or k in _FOLDED_SHORT)
    }
    # An optional "s" after the name: typed questions drop the apostrophe ("swindons grade",
    # "surreys 2022 report"). The "'s" form already ends the name at the apostrophe.
    pattern = r"(?<![\w-])(" + alternation(table) + (r")s?(?![\w-])" if question else r")(?![\w-])")
    return re.compile(pattern, re.I), table


def find(text: str, question: bool = False) -> list[str]:
    """Canonical names of the councils `text` mentions, in order, repeats included.

    In a document, "Kent" or "Reading" counts only beside a council word; in a question
    (`question=True`) a user asking "What grade did Kent get?" means the council, so such a
    name counts anywhere but as the question's first word ("Reading the report, ..."), and
    names typed in lower case count too (`question_spans`)."""
    if question:
        return [name for name, _, _ in question_spans(text)]
    return [name for name, _, _ in mentions(text)]


def mentions(text: str, question: bool = False) -> list[tuple[str, int, int]]:
    """(canonical name, start, end) of every council `text` names, in order. A line written all
    in capitals ("OFSTED REPORT OF INSPECTION OF SHEFFIELD", a minute's item heading, a PDF
    letterhead) is read case aside, since capitals hide nothing there but the case."""
    pattern, table = _pattern()
    found = []
    for match in pattern.finditer(text):
        name = table[match.group(1)]
        if match.group(1) in _AMBIGUOUS and not (
            _COUNCIL_WORD.match(text, match.end())
            or _COUNCIL_BEFORE.search(text, 0, match.start())
            or (question and text[: match.start()].strip())
        ):
            continue
        found.append((name, match.start(), match.end()))
    found = sorted(found + _elided(text, found, table), key=lambda m: m[1])
    if not found and not question and _SHOUTED.fullmatch(text):
        folded, table = _folded_pattern(question=False)
        found = [(table[m.group(1).lower()], m.start(), m.end()) for m in folded.finditer(text)]
    return found


_ELIDED_BEFORE = re.compile(r"\b(North East|North West|South East|South West|North|South|East|West|Central)\s*(?:,|and|&|or)\s*$")


def _elided(text: str, found: list[tuple[str, int, int]], table: dict[str, str]) -> list[tuple[str, int, int]]:
    """Councils named with the shared part left off: "North and West Northamptonshire" names North
    Northamptonshire as well, "North and South Tyneside" North Tyneside, "East and West Sussex" East Sussex."""
    more = []
    for written_name, start, end in found:
        head, _, rest = text[start:end].partition(" ")
        if head not in ("North", "South", "East", "West", "Central") or not rest:
            continue
        m = _ELIDED_BEFORE.search(text, 0, start)
        name = table.get(f"{m.group(1)} {rest}") if m else None
        if name and name != written_name:
            more.append((name, m.start(1), m.end(1)))
    return more


# What only a council's name is followed by, when the name is also a word ("york", "sutton",
# "reading"): a possessive ("york's grades"), a council word ("bedford borough") or the year of
# one of its inspections ("sutton (2025)", "merton 2022 and york 2025", "York 2022 - who led
# it?"). "Reading the 2023 report" and "bury the findings" are followed by none of these.
_AMBIGUOUS_NAMED = re.compile(
    r"(?<![\w-])(" + alternation(sorted(_AMBIGUOUS)) + r")(?=['’]s\b|\s+(?:city|county|borough|council)\b|\s*\(?\s*(?:19|20)\d\d\b)",
    re.I,
)
# ... or a place a preposition puts the question in, at its end or before the year asked about:
# "what did inspectors say about care leavers in sutton in 2025", "how good is the service in
# kent?". "In reading the report, ..." has neither after it.
_AMBIGUOUS_PLACED = re.compile(
    r"\b(?:in|at|for|about|from)\s+(" + alternation(sorted(_AMBIGUOUS)) + r")(?=\s+(?:in|during|since|from)\s+(?:19|20)\d\d\b|\s*[?.!]*\s*$)",
    re.I,
)
# ... or that is all a question's lead says: "york: by when must the plan go?", "sutton - who led it?".
_AMBIGUOUS_LEAD = re.compile(r"^\W*(" + alternation(sorted(_AMBIGUOUS)) + r")(?=\s*:\s|\s+[-–—]\s)", re.I)


def question_spans(text: str) -> list[tuple[str, int, int]]:
    """(canonical name, start, end) of every council a question names, in order: as written
    (`mentions`), case aside ("iow", "B&NES", "hillingdon"), and names that are also words where
    what follows makes them a council's (`_AMBIGUOUS_NAMED`). All of them, not the first kind
    found only: a comparison may write one side's council in capitals and the other in lower
    case ("Compare Merton 2022 and york 2025")."""
    found = mentions(text, question=True)
    folded, table = _folded_pattern()
    more = [(table[m.group(1).lower()], m.start(), m.end()) for m in folded.finditer(text)]
    # By its canonical name: an ambiguous name may be a short form ("telford's": Telford and Wrekin).
    more += [(_variants()[m.group(1).title()], m.start(1), m.end(1)) for p in (_AMBIGUOUS_NAMED, _AMBIGUOUS_PLACED, _AMBIGUOUS_LEAD) for m in p.finditer(text)]
    for name, start, end in sorted(more, key=lambda s: s[1]):
        if not any(start < e and s < end for _, s, e in found):
            found.append((name, start, end))
    return sorted(found, key=lambda s: s[1])


# A text with letters and no lower-case one: a heading or letterhead set in capitals.
_SHOUTED = re.compile(r"[^a-z]*[A-Z][^a-z]*")


def canonical(name: str) -> str | None:
    """The canonical name for a name as a user might type it, case aside; None if unknown."""
    _, table = _pattern()
    folded = {k.lower(): v for k, v in table.items()}
    return folded.get(name.strip().lower())


def most_mentioned(weighted_texts: list[tuple[str, int]]) -> str:
    """The council a document is about: mentions counted with the weight of where they are
    (title over opening over body), so a minute that compares with a neighbour is still
    filed under its own council. Ties go to the first mentioned."""
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for text, weight in weighted_texts:
        for name in find(text):
            scores[name] += weight
            first_seen.setdefault(name, len(first_seen))
    if not scores:
        return ""
    return max(scores, key=lambda n: (scores[n], -first_seen[n]))
