"""A realistic, synthetic corpus of council documents about children's services inspections (ILACS).

Usage:  python benchmarks/corpus_gen.py OUT_DIR --docs 200 [--seed 0] [--jobs 2]

Writes the kinds of file a council officer keeps after an inspection, in the formats they come in:

  inspection reports    PDF: several pages, headings, a judgements table, running header and footer
  committee minutes     HTML (ModernGov-like page, with cookie banner and menus) and DOCX
  action plans          DOCX with a table: Action | Area for improvement | Lead | Deadline
  member briefings      Markdown
  news releases         plain text

Councils are real English councils, but every judgement, name, number and sentence is made
up for benchmarking: paragraphs are drawn from a bank of sentence templates with slots
(teams, partners, numbers, months), weighted by the inspection grade, so that texts differ
from file to file while reading like the real thing. Paragraphs run to about 90-160 words
and documents to roughly 3-15 passages, like the real documents.

Everything is deterministic from the seed, down to the bytes: document i depends only on
(seed, i), fixed PDF and DOCX dates, fixed ZIP entry times. That is also what lets `--jobs`
write documents in parallel without changing them.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import tempfile
import textwrap
import time
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from html import escape
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_PDF_DATE = datetime(2024, 1, 1, 9, 0, 0, tzinfo=timezone.utc)
FIXED_DOCX_DATE = datetime(2024, 1, 1, 9, 0, 0)  # python-docx wants naive UTC
FIXED_ZIP_DATE = (2024, 1, 1, 9, 0, 0)

# (full name, the place as the text names it)
COUNCILS: list[tuple[str, str]] = [
    ("Manchester City Council", "Manchester"),
    ("Leeds City Council", "Leeds"),
    ("Birmingham City Council", "Birmingham"),
    ("Liverpool City Council", "Liverpool"),
    ("Sheffield City Council", "Sheffield"),
    ("Bristol City Council", "Bristol"),
    ("Newcastle City Council", "Newcastle"),
    ("Leicester City Council", "Leicester"),
    ("Coventry City Council", "Coventry"),
    ("Nottingham City Council", "Nottingham"),
    ("Sunderland City Council", "Sunderland"),
    ("City of Bradford Metropolitan District Council", "Bradford"),
    ("Stockport Metropolitan Borough Council", "Stockport"),
    ("Wigan Council", "Wigan"),
    ("Gateshead Council", "Gateshead"),
    ("Kent County Council", "Kent"),
    ("Essex County Council", "Essex"),
    ("Hampshire County Council", "Hampshire"),
    ("Lancashire County Council", "Lancashire"),
    ("Surrey County Council", "Surrey"),
    ("Norfolk County Council", "Norfolk"),
    ("Devon County Council", "Devon"),
    ("Hertfordshire County Council", "Hertfordshire"),
    ("Suffolk County Council", "Suffolk"),
    ("Lincolnshire County Council", "Lincolnshire"),
    ("Derbyshire County Council", "Derbyshire"),
    ("Cornwall Council", "Cornwall"),
    ("Wiltshire Council", "Wiltshire"),
    ("North Yorkshire Council", "North Yorkshire"),
    ("London Borough of Camden", "Camden"),
    ("London Borough of Hackney", "Hackney"),
    ("Royal Borough of Kingston upon Thames", "Kingston upon Thames"),
]

GRADES = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
# Share of sentences that report strengths, by grade: an inadequate report still names some.
_POSITIVE_SHARE = {"Outstanding": 0.92, "Good": 0.75, "Requires improvement to be good": 0.45, "Inadequate": 0.2}
YEARS = list(range(2018, 2025))
# Ofsted does not inspect in August.
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November", "December"]

FIRST_NAMES = [
    "Sarah", "James", "Helen", "David", "Amina", "Michael", "Rachel", "Paul", "Joanne", "Mohammed",
    "Claire", "Andrew", "Priya", "Mark", "Emma", "Richard", "Louise", "Daniel", "Nicola", "Peter",
    "Fatima", "Stephen", "Karen", "Gareth", "Siobhan", "Tom", "Hannah", "Imran", "Julie", "Neil",
]
SURNAMES = [
    "Ahmed", "Bennett", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lawson", "Morris", "Nolan", "O'Brien", "Patel", "Quinn", "Roberts", "Shaw", "Taylor",
    "Underwood", "Vaughan", "Walker", "Wright", "Young", "Begum", "Cooper", "Doyle", "Hussain", "Marsh",
]

# --- slot fillers ---------------------------------------------------------------------------

_SLOTS: dict[str, list[str]] = {
    "team": [
        "the multi-agency safeguarding hub (MASH)", "the front door service", "the early help hub",
        "the children with disabilities team", "the leaving care team", "the fostering service",
        "the adolescent support team", "the edge of care service", "the assessment teams",
        "the family safeguarding teams", "the emergency duty team", "the complex safeguarding team",
    ],
    "partner": [
        "the police", "health visitors", "schools", "the youth justice service", "adult mental health services",
        "housing providers", "the integrated care board", "GPs", "the probation service", "early years settings",
    ],
    "risk": [
        "neglect", "domestic abuse", "child criminal exploitation", "child sexual exploitation",
        "parental mental ill health", "parental substance misuse", "going missing from home", "online harm",
    ],
    "role": [
        "the Director of Children's Services", "the Assistant Director for Safeguarding", "the Head of Service for Children in Care",
        "the Principal Social Worker", "the Head of the Virtual School", "the Head of Early Help",
        "the Service Manager for Care Leavers", "the Head of Quality Assurance",
    ],
    "lead": [
        "Director of Children's Services", "Assistant Director, Children's Social Care", "Head of Service, Safeguarding",
        "Head of Service, Children in Care", "Principal Social Worker", "Head of the Virtual School",
        "Head of Early Help", "Service Manager, Leaving Care", "Head of Commissioning", "Head of Quality Assurance",
        "Workforce Development Manager", "Designated Nurse for Children in Care",
    ],
    "tool": ["genograms", "three houses", "wishes and feelings work", "life-story books", "direct observation", "ecomaps"],
    "offer": ["council tax exemption", "free leisure passes", "a setting-up-home allowance of £2,000", "free prescriptions", "help with driving lessons"],
    "committee": [
        "Children and Young People Scrutiny Committee", "Children's Services Overview and Scrutiny Committee",
        "Corporate Parenting Board", "Cabinet", "Children, Education and Families Select Committee",
    ],
    "venue": ["Council Chamber, Town Hall", "Committee Room 2, Civic Centre", "Online via Microsoft Teams", "Room 3.14, County Hall"],
}


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _slot(name: str, ctx: dict[str, str], rng: random.Random) -> str:
    """A value for one {slot}: the document's own facts first, then a fresh random detail."""
    if name in ctx:
        return ctx[name]
    if name in _SLOTS:
        return rng.choice(_SLOTS[name])
    if name == "n_small":
        return str(rng.randint(3, 14))
    if name == "n_mid":
        return str(rng.randint(15, 95))
    if name == "n_big":
        return f"{rng.randint(120, 2400):,}"
    if name in ("pct", "pct2"):
        return str(rng.randint(62, 97) if name == "pct" else rng.randint(8, 38))
    if name == "weeks":
        return str(rng.randint(2, 12))
    if name == "month":
        return rng.choice(MONTHS)
    if name == "person":
        return _person(rng)
    if name == "councillor":
        return f"Councillor {_person(rng)}"
    if name == "cllr_surname":
        return f"Councillor {rng.choice(SURNAMES)}"
    raise KeyError(f"no filler for slot {{{name}}}")


_SLOT_RE = re.compile(r"\{(\w+)\}")


def fill(template: str, ctx: dict[str, str], rng: random.Random) -> str:
    return _SLOT_RE.sub(lambda m: _slot(m.group(1), ctx, rng), template)


# --- the sentence bank ----------------------------------------------------------------------
# topic -> (sentences reporting strengths, sentences reporting weaknesses)

BANK: dict[str, tuple[list[str], list[str]]] = {
    "overall": (
        [
            "Children and families in {la} benefit from services that have improved steadily since the last inspection in {prev_year}.",
            "Senior leaders have a clear and accurate understanding of the strengths of practice and of where further improvement is needed.",
            "Most children receive the right help at the right time, and risks to children are identified and responded to promptly.",
            "Social workers know their children well and speak about them with warmth, respect and ambition.",
            "Leaders have responded purposefully to the recommendations of the previous inspection, and practice is now more consistent across teams.",
            "Political leaders and the chief executive have protected investment in children's services despite significant financial pressures.",
            "A stable and well-supported workforce means that most children benefit from enduring relationships with their social workers.",
            "Partnership working is strong, and {partner} share a commitment to improving the lives of children in {la}.",
            "The local authority has a well-embedded model of practice that staff understand and use to shape their work with families.",
            "Children's voices are heard clearly in assessments and plans, and their views influence decisions about their lives.",
            "Since the focused visit in {prev_year}, leaders have strengthened management oversight, and this is making a difference for children.",
            "The council's ambition for its children is evident in its corporate plan and in the priority given to children by elected members.",
        ],
        [
            "Since the last inspection in {prev_year}, the quality of services for children in {la} has deteriorated.",
            "Senior leaders did not have an accurate understanding of the quality of frontline practice before this inspection.",
            "Too many children experience delay in having their needs assessed and met.",
            "High turnover of social workers and managers means that many children have had several changes of worker.",
            "Quality assurance arrangements are not sufficiently robust to identify where practice is weak.",
            "The response to children at risk of significant harm is inconsistent, and some children are left in situations of risk for too long.",
            "Management oversight is not always effective in ensuring that plans progress within the child's timescales.",
            "Leaders have been slow to address the areas for improvement identified at the focused visit in {prev_year}.",
            "Caseloads in {team} remain too high, which limits the time social workers have to spend with children.",
            "Performance information is not used well enough to understand and improve the experiences of children.",
        ],
    ),
    "help": (
        [
            "Contacts and referrals into {team} are responded to promptly, and thresholds are well understood by {partner}.",
            "Strategy meetings are timely and well attended by the police and health professionals, and they result in clear decisions about next steps.",
            "Children who need early help receive a prompt and effective service from family support workers, who build trusting relationships with parents.",
            "Assessments are thorough, consider family history and lead to plans that address the identified risks.",
            "Social workers use {tool} and other direct work to understand children's lived experiences.",
            "Children at risk of {risk} are identified quickly, and multi-agency meetings share information effectively to reduce risk.",
            "When children go missing from home, return home interviews are offered within 72 hours, and what children say informs safety planning.",
            "Disabled children benefit from skilled practitioners who understand how each child communicates.",
            "The local authority designated officer arrangements are effective, and allegations against professionals are responded to promptly.",
            "Child protection conferences are well chaired, and plans are reviewed regularly to make sure that progress is made.",
            "Out-of-hours services respond appropriately to children at risk, and information is passed promptly to daytime teams.",
            "Children who are privately fostered are visited regularly, and their arrangements are assessed thoroughly.",
            "Pre-proceedings work under the Public Law Outline is purposeful, and letters before proceedings are clear about what parents need to change.",
            "In {n_small} of the cases sampled, inspectors saw social workers challenge {partner} to make sure that children's needs were met.",
        ],
        [
            "Some children remain on child in need plans for too long without clear evidence of progress.",
            "Written plans are often too generic, with actions that are not specific or time bound, so parents are not clear about what needs to change.",
            "The impact of neglect on children is not always recognised early enough, and some children experience drift.",
            "In a small number of cases, children are stepped down to early help before risks have reduced sufficiently.",
            "Not all children at risk of exploitation have a risk assessment that is updated when their circumstances change.",
            "Some assessments do not take sufficient account of the impact of {risk} on children.",
            "Strategy discussions do not always include health professionals, which limits the information available for decisions.",
            "Re-referrals within 12 months show that the needs of some families were not fully addressed by earlier help.",
            "Visits to children are not always undertaken at the frequency set out in their plans.",
            "The quality of supervision is variable, and it does not consistently provide reflective challenge to social workers.",
            "Records of management decisions do not always explain the reasons for the decision.",
            "Homeless 16- and 17-year-olds are not always told of their right to become looked after.",
            "Around {pct2}% of assessments sampled by the local authority's own audits were not completed within 45 working days.",
        ],
    ),
    "care": (
        [
            "Children come into care when it is right for them, and decisions are informed by thorough assessments.",
            "Most children in care live in stable homes with carers who meet their needs, and many live with their brothers and sisters.",
            "Children's health needs are well met, and initial health assessments are completed within statutory timescales for {pct}% of children.",
            "The virtual school provides effective support, and personal education plans are of a good quality.",
            "Independent reviewing officers know children well, and they challenge social workers effectively when plans drift.",
            "Children are supported to keep in touch with family and friends who are important to them.",
            "Permanence is achieved for most children without delay, including through special guardianship and adoption.",
            "The children in care council is active and influential, and its members have presented their priorities to the corporate parenting board.",
            "Life-story work is undertaken sensitively, helping children to understand their histories.",
            "Foster carers feel well supported and value the training and supervision they receive.",
            "Sufficiency planning has increased the number of in-house foster carers by {n_small} households in the last year.",
            "Unaccompanied asylum-seeking children receive culturally sensitive support, and their immigration status is carefully tracked.",
            "The {n_big} children in care in {la} are visited regularly by social workers who know them well.",
        ],
        [
            "Too many children live in homes a long way from {la}, which makes it harder for them to keep in touch with family and friends.",
            "A small number of children are living in unregistered children's homes, and oversight of these arrangements is not robust.",
            "Some children experience several moves of home, which disrupts their education and their relationships.",
            "Permanence planning is not always timely, and a small number of children have waited too long for a permanent home.",
            "Children's care plans are not always updated after reviews, and some contain out-of-date information.",
            "Initial health assessments are not completed within timescales for too many children.",
            "Not all children have their needs for therapeutic support met promptly because of waiting lists for child and adolescent mental health services.",
            "The sufficiency of local homes remains a significant challenge, particularly for older children with complex needs.",
            "Children's personal education plans vary in quality, and their targets are not always specific enough.",
            "Some children are not seen by their social worker as often as their plan requires.",
        ],
    ),
    "leavers": (
        [
            "Personal advisers keep in touch with most care leavers and help them to find suitable accommodation.",
            "Care leavers benefit from a generous local offer that includes {offer} and help with setting up home.",
            "Pathway plans are completed with young people and reflect their aspirations for the future.",
            "Most care leavers are in education, employment or training, and the council has created {n_small} apprenticeships for them.",
            "Care leavers who are parents are well supported, and their needs are considered carefully.",
            "Young people are supported to stay put with their foster carers after they turn 18 when this is right for them.",
            "Care leavers in custody receive regular visits from their personal advisers, and planning for their release begins early.",
            "The leaving care team has a stable group of personal advisers who know young people well.",
            "Care leavers are given their health histories and are helped to register with a GP and a dentist.",
            "Care leavers aged 21 to 25 know that they can return for advice and support at any time.",
        ],
        [
            "Too many care leavers live in unsuitable accommodation, including bed and breakfast, for too long.",
            "Pathway plans are not always updated when young people's circumstances change.",
            "Some care leavers do not receive their health histories before they leave care.",
            "The proportion of care leavers in education, employment or training is below that of similar authorities.",
            "Personal advisers are allocated too late for some young people, which limits the time available to prepare for adulthood.",
            "Care leavers' mental health needs are not always met, as access to adult mental health services is limited.",
            "The local offer for care leavers is not well publicised, and some young people are unaware of their entitlements.",
            "Care leavers aged 21 to 25 are not consistently made aware that they can continue to receive support.",
        ],
    ),
    "leaders": (
        [
            "The director of children's services, appointed in {prev_year}, has provided stable and determined leadership.",
            "Leaders have a comprehensive self-evaluation that accurately identifies strengths and areas for development.",
            "Corporate parenting is a priority for elected members, who are well informed about the experiences of children in care.",
            "A strong learning culture is evident, and practice is improved through audits that involve families.",
            "Social workers told inspectors that they enjoy working in {la} and feel well supported by their managers.",
            "Caseloads are manageable for most social workers, averaging {n_small} children in the long-term teams.",
            "The recruitment and retention strategy has reduced the reliance on agency staff to {pct2}% of the workforce.",
            "The academy for newly qualified social workers provides a well-structured first year in practice.",
            "Leaders work effectively with {partner} through the local safeguarding children partnership.",
            "Performance data is used well to understand and improve practice, and managers receive reliable weekly reports.",
            "Investment in the early help offer has reduced the number of children who need statutory intervention.",
        ],
        [
            "Leaders were not fully aware of the extent of weaknesses in practice before the inspection.",
            "Quality assurance activity focuses too much on compliance and not enough on the difference practice makes to children.",
            "The reliance on agency social workers remains high, at {pct2}% of the workforce.",
            "Learning from audits is not consistently used to improve practice.",
            "The corporate parenting board does not yet provide sufficient challenge on outcomes for children in care.",
            "Workforce instability in {team} has affected the consistency of practice.",
            "Some managers have workloads that are too high to allow them to provide effective oversight.",
            "The response to the findings of the focused visit in {prev_year} has been too slow.",
        ],
    ),
    "discussion": (
        [
            "{role} introduced the report, which summarised the findings of the Ofsted inspection of local authority children's services carried out in {insp_month} {year}.",
            "Members were informed that the overall effectiveness of services had been judged {grade_lower}.",
            "A member asked what steps were being taken to reduce the number of children living more than 20 miles from {la}.",
            "In response, the Assistant Director explained that {n_small} new children's homes were planned, with the first due to open in {month} {next_year}.",
            "A member asked about the recruitment of foster carers, and officers reported that {n_small} new fostering households had been approved since April.",
            "{cllr_surname} welcomed the findings on care leavers and asked how the local offer would be promoted to young people.",
            "Officers confirmed that the action plan would be monitored by the improvement board and reported to the committee every six months.",
            "Members expressed concern about the reliance on agency social workers and asked for a breakdown by team at the next meeting.",
            "The Lead Member thanked staff for their commitment and said that the outcome reflected the hard work of social workers across the service.",
            "A member asked whether the additional investment in early help would be sustained in next year's budget.",
            "The Head of Service advised that caseloads in the assessment teams had fallen from an average of {n_mid} to {n_small}.",
            "The committee discussed the findings on exploitation and asked for an update on the work of the complex safeguarding team.",
            "It was noted that inspectors had spoken with {n_mid} children and young people during the inspection.",
            "In answer to a question, officers explained that return home interviews were now offered to every child who goes missing.",
            "Members asked that the next report include the views of the children in care council on progress with the action plan.",
            "{cllr_surname} asked how the council compared with its statistical neighbours on the timeliness of assessments.",
            "Officers reported that {pct}% of assessments were now completed within 45 working days, compared with {n_mid}% a year earlier.",
        ],
        [],
    ),
}

# "What needs to improve?": each area, the actions that answer it, and who leads them.
AREAS: list[tuple[str, list[str]]] = [
    ("The quality and timeliness of written plans for children in need and children subject to child protection plans.", [
        "Introduce a revised child's plan template with measurable outcomes, co-produced with parents and young people.",
        "Deliver plan-writing workshops to all social workers and team managers.",
        "Audit {n_mid} plans each quarter and report the findings to the improvement board.",
    ]),
    ("The response to children who are at risk of exploitation and who go missing from home.", [
        "Review the exploitation risk assessment tool with the police and the youth justice service.",
        "Make sure that every child who goes missing is offered a return home interview within 72 hours.",
        "Extend the complex safeguarding team by {n_small} posts funded through the partnership.",
    ]),
    ("The sufficiency of local homes for children in care, especially those with complex needs.", [
        "Open {n_small} new council-run children's homes within the borough.",
        "Launch a foster carer recruitment campaign with an enhanced allowance for carers of teenagers.",
        "Commission a regional framework for placements with neighbouring authorities.",
    ]),
    ("The timeliness of initial health assessments for children in care.", [
        "Agree a joint protocol with the integrated care board for notifying health partners within two working days.",
        "Report health assessment timeliness monthly to the corporate parenting board.",
    ]),
    ("The quality of pathway plans and the suitability of accommodation for care leavers.", [
        "Rewrite the pathway plan with care leavers so that it reflects their own goals.",
        "End the use of bed and breakfast accommodation for care leavers.",
        "Create a supported lodgings scheme with {n_small} placements for young people aged 18 to 21.",
    ]),
    ("Management oversight and supervision of frontline practice.", [
        "Introduce a supervision standard with reflective supervision at least every four weeks.",
        "Provide a management development programme for all team managers.",
    ]),
    ("The identification of and response to neglect.", [
        "Roll out the graded care profile to all early help and social work teams.",
        "Deliver multi-agency neglect training to {n_big} practitioners across the partnership.",
    ]),
    ("The understanding of and response to children's diverse needs arising from their identity.", [
        "Add identity and culture prompts to assessment and review templates.",
        "Run practice workshops on anti-racist practice with the principal social worker.",
    ]),
    ("The response to homeless 16- and 17-year-olds.", [
        "Agree a joint housing protocol so that every young person is told of their right to become looked after.",
        "Audit all homelessness assessments for 16- and 17-year-olds completed in the last six months.",
    ]),
    ("The quality assurance of practice, so that leaders learn from audits and improve practice.", [
        "Move to a moderated audit programme that includes the views of children and families.",
        "Publish a quarterly learning briefing for all staff from audit findings.",
    ]),
    ("Support for disabled children, including timely planning for transition into adulthood.", [
        "Start transition planning for disabled young people at the age of 14 with adult social care.",
        "Review short breaks provision with parent carers.",
    ]),
    ("The recording of decisions and the reasons for them on children's records.", [
        "Introduce a management decision template on the case recording system.",
        "Check the recording of decisions in monthly dip samples.",
    ]),
]

# What a cabinet member says to the press: (after a good report, after a poor one)
QUOTES = (
    [
        "We are proud of our social workers and of everyone who works with children in {la}, and this report recognises their hard work",
        "Inspectors have recognised the progress we have made, but we know there is more to do and we are determined to do it",
        "Our children deserve the very best, and this report shows that in many areas that is what they are getting",
        "The report is a testament to the commitment of our staff, our foster carers and our partners",
    ],
    [
        "This is a difficult report to read, and I want to apologise to the children and families we have let down",
        "We accept the findings in full and have already started work on the areas that need to improve",
        "We will work with Ofsted, the Department for Education and our partners to make the improvements quickly",
    ],
)

JUDGEMENT_ROWS = [
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]

# --- the documents, as data ------------------------------------------------------------------


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None  # header row first


@dataclass
class Doc:
    path: str  # relative to the corpus root
    kind: str
    fmt: str
    title: str
    sections: list[Section]
    ctx: dict[str, str]


class Writer:
    """Sentences for one document: sampled without repeats until a topic's bank runs out."""

    def __init__(self, rng: random.Random, ctx: dict[str, str], grade: str) -> None:
        self.rng, self.ctx = rng, ctx
        self.positive = _POSITIVE_SHARE[grade]
        self._left: dict[tuple[str, bool], list[str]] = {}

    def sentence(self, topic: str, positive: bool | None = None) -> str:
        if positive is None:
            positive = self.rng.random() < self.positive
        # A sentence repeats only once the whole topic is used up: the other polarity first.
        for side in (positive, not positive):
            if self._left.setdefault((topic, side), []):
                text = fill(self._left[(topic, side)].pop(), self.ctx, self.rng)
                return text[0].upper() + text[1:]  # "{role} introduced..." starts with "the"
        for side, pool in zip((True, False), BANK[topic]):
            self._left[(topic, side)] = self.rng.sample(pool, len(pool))
        return self.sentence(topic, positive)

    def paragraph(self, topic: str, lo: int = 90, hi: int = 160) -> str:
        target = self.rng.randint(lo, hi)
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < target:
            sentences.append(self.sentence(topic))
        return " ".join(sentences)

    def paragraphs(self, topic: str, lo: int, hi: int) -> list[str]:
        return [self.paragraph(topic) for _ in range(self.rng.randint(lo, hi))]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _context(rng: random.Random) -> tuple[dict[str, str], str]:
    council, la = rng.choice(COUNCILS)
    year = rng.choice(YEARS)
    grade = rng.choices(GRADES, weights=[1, 4, 3, 1.5])[0]
    start_day = rng.randint(1, 14)
    month = rng.randrange(len(MONTHS))
    insp_month, published_month = MONTHS[month], MONTHS[(month + 2) % len(MONTHS)]
    ctx = {
        "council": council,
        "la": la,
        "year": str(year),
        "prev_year": str(year - rng.choice([3, 4, 5])),
        "next_year": str(year + 1),
        "insp_month": insp_month,
        "dates": f"{start_day} to {start_day + 11} {insp_month} {year}",
        "grade": grade,
        "grade_lower": grade.lower(),
        "dcs": _person(rng),
        "lead_member": f"Councillor {_person(rng)}",
        "inspector": _person(rng),
        "hmi": "His Majesty's Inspector" if (year, month) >= (2022, 8) else "Her Majesty's Inspector",
        "published": f"{rng.randint(1, 28)} {published_month} {year + (month + 2 >= len(MONTHS))}",
    }
    return ctx, grade


def _judgements(rng: random.Random, grade: str) -> list[list[str]]:
    # Sub-judgements sit at or one step either side of the overall grade.
    overall = GRADES.index(grade)
    rows = [["Judgement", "Grade"]]
    for name in JUDGEMENT_ROWS:
        step = min(3, max(0, overall + rng.choice([-1, 0, 0, 0, 1])))
        rows.append([name, GRADES[step]])
    rows.append(["Overall effectiveness", grade])
    return rows


def inspection_report(rng: random.Random, ctx: dict[str, str], grade: str) -> tuple[str, list[Section]]:
    w = Writer(rng, ctx, grade)
    improve = [a for a, _ in rng.sample(AREAS, rng.randint(3, 6))]
    sections = [
        Section("Judgements", [f"Inspection dates: {ctx['dates']}. Lead inspector: {ctx['inspector']}, {ctx['hmi']}."],
                table=_judgements(rng, grade)),
        Section("Overall effectiveness", w.paragraphs("overall", 1, 1)),
        Section("What needs to improve?", ["The local authority should improve:"], bullets=improve),
        Section("The experiences and progress of children who need help and protection", w.paragraphs("help", 1, 2)),
        Section("The experiences and progress of children in care", w.paragraphs("care", 1, 2)),
        Section("The experiences and progress of care leavers", w.paragraphs("leavers", 1, 1)),
        Section("The impact of leaders on social work practice with children and families", w.paragraphs("leaders", 1, 2)),
    ]
    return f"{ctx['council']}: inspection of children's social care services", sections


def minutes(rng: random.Random, ctx: dict[str, str], grade: str) -> tuple[str, list[Section]]:
    w = Writer(rng, ctx, grade)
    item = rng.randint(3, 60)
    present = ", ".join(f"{rng.choice(FIRST_NAMES)[0]}. {rng.choice(SURNAMES)}" for _ in range(rng.randint(5, 9)))
    apologies = " and ".join(f"Councillor {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 2)))
    declaration = rng.choice([
        "There were no declarations of interest.",
        f"{fill('{councillor}', ctx, rng)} declared a personal interest in item {item + 2} as a foster carer for the council.",
        f"{fill('{councillor}', ctx, rng)} declared a non-pecuniary interest as a governor of a school in {ctx['la']}.",
    ])
    discussion = [" ".join(w.sentence("discussion") for _ in range(rng.randint(4, 7))) for _ in range(rng.randint(2, 4))]
    resolutions = [
        f"to note the outcome of the Ofsted inspection of children's services, which judged overall effectiveness {ctx['grade_lower']};",
        "to endorse the action plan prepared in response to the areas for improvement;",
        fill("to receive a progress report on the action plan at the meeting in {month} {next_year};", ctx, rng),
        "to thank staff, foster carers and partners for their work with children and families.",
    ]
    sections = [
        Section("Attendance", [f"Present: Councillor {ctx['lead_member'].split(' ', 1)[1]} (Chair), Councillors {present}.",
                               f"Apologies for absence were received from {apologies}."]),
        Section(f"{item}. Declarations of interest", [declaration]),
        Section(f"{item + 1}. Minutes of the previous meeting",
                [fill("The minutes of the meeting held on {n_small} {month} {year} were agreed as a correct record, "
                      "subject to the correction of a typing error in the list of officers present.", ctx, rng)]),
        Section(f"{item + 2}. Ofsted inspection of local authority children's services", discussion,
                bullets=resolutions),
    ]
    if rng.random() < 0.6:
        sections.append(Section(f"{item + 3}. Corporate parenting annual report", w.paragraphs("care", 1, 1)))
    if rng.random() < 0.5:
        sections.append(Section(f"{item + 4}. Work programme",
                                [fill("The committee considered its work programme for the rest of the municipal year. "
                                      "Members agreed to add an item on placement sufficiency to the meeting in {month}, "
                                      "and asked officers to invite {partner} to attend for the item on exploitation.", ctx, rng)]))
    committee = fill("{committee}", ctx, rng)
    ctx["committee_name"] = committee
    ctx["venue"] = fill("{venue}", ctx, rng)
    ctx["ended"] = f"{rng.randint(6, 9)}.{rng.randint(10, 55)} pm"
    ctx["meeting_date"] = fill("{n_small} {month} ", ctx, rng) + (ctx["next_year"] if rng.random() < 0.6 else ctx["year"])
    return f"Minutes: {committee}, {ctx['meeting_date']}", sections


def action_plan(rng: random.Random, ctx: dict[str, str], grade: str) -> tuple[str, list[Section]]:
    w = Writer(rng, ctx, grade)
    rows = [["Action", "Area for improvement", "Lead", "Deadline"]]
    for area, actions in rng.sample(AREAS, rng.randint(2, 5)):
        for action in rng.sample(actions, rng.randint(1, len(actions))):
            measure = fill(rng.choice([
                "Progress is reported to the improvement board each month.",
                "Success measure: {pct}% of audited cases graded good or better.",
                "Evidence: quarterly audit findings and feedback from families.",
                "Success measure: fewer than {pct2}% of cases out of timescale.",
            ]), ctx, rng)
            deadline = f"{rng.choice(MONTHS)} {int(ctx['year']) + rng.choice([0, 1, 1, 2])}"
            rows.append([f"{fill(action, ctx, rng)} {measure}", area, fill("{lead}", ctx, rng), deadline])
    intro = [
        f"This plan sets out how {ctx['council']} will respond to the areas for improvement identified by Ofsted "
        f"at the inspection of local authority children's services in {ctx['insp_month']} {ctx['year']}, which judged "
        f"overall effectiveness {ctx['grade_lower']}. It will be monitored monthly by the improvement board, chaired by "
        f"the chief executive, and reported to the {fill('{committee}', ctx, rng)} every six months. "
        + w.sentence("overall"),
    ]
    sections = [Section("Introduction", intro), Section("Actions", table=rows[:9])]
    return f"{ctx['la']} children's services: ILACS action plan {ctx['year']}", sections


def member_briefing(rng: random.Random, ctx: dict[str, str], grade: str) -> tuple[str, list[Section]]:
    w = Writer(rng, ctx, grade)
    topics = rng.sample(["help", "care", "leavers", "leaders"], rng.randint(2, 3))
    sections = [
        Section("Purpose", [f"This briefing tells members the outcome of the Ofsted inspection of children's services in "
                            f"{ctx['la']}, which took place from {ctx['dates']}. Ofsted judged overall effectiveness "
                            f"{ctx['grade_lower']}. " + w.sentence("overall")]),
        Section("What inspectors found", [w.paragraph(t) for t in topics]),
        Section("Areas for improvement", bullets=[a for a, _ in rng.sample(AREAS, rng.randint(2, 4))]),
        Section("Next steps", [f"An action plan will be submitted to Ofsted within 70 working days of the report's publication. "
                               f"Members will be briefed on progress through the corporate parenting board. For questions, "
                               f"contact {ctx['dcs']}, Director of Children's Services."]),
    ]
    return f"Member briefing: Ofsted inspection of children's services in {ctx['la']}, {ctx['year']}", sections


def news_release(rng: random.Random, ctx: dict[str, str], grade: str) -> tuple[str, list[Section]]:
    w = Writer(rng, ctx, grade)
    quote = fill(rng.choice(QUOTES[0] if grade in ("Outstanding", "Good") else QUOTES[1]), ctx, rng)
    paragraphs = [
        f"{ctx['council']}'s services for children have been rated {ctx['grade_lower']} by Ofsted following an inspection "
        f"from {ctx['dates']}. " + w.paragraph("overall", 70, 120),
        *(w.paragraph(t, 80, 140) for t in rng.sample(["help", "care", "leavers"], rng.randint(1, 2))),
        f"\"{quote},\" said {ctx['lead_member']}, Cabinet Member for Children and Families. "
        + " ".join(w.sentence("leaders") for _ in range(rng.randint(2, 4))),
    ]
    if rng.random() < 0.5:
        paragraphs.append(w.paragraph("leaders", 80, 140))
    verb = {"Outstanding": "rated outstanding", "Good": "rated good"}.get(grade, "told to improve")
    return f"{ctx['la']} children's services {verb} by Ofsted", [Section("", paragraphs)]


# kind, format, share of the corpus, builder
MIX = [
    ("inspection-report", "pdf", 0.20, inspection_report),
    ("minutes", "html", 0.15, minutes),
    ("minutes", "docx", 0.15, minutes),
    ("action-plan", "docx", 0.15, action_plan),
    ("member-briefing", "md", 0.15, member_briefing),
    ("news", "txt", 0.20, news_release),
]


def plan(seed: int, index: int) -> Doc:
    """Document `index` of the corpus for `seed`: independent of every other document."""
    rng = random.Random(f"{seed}:{index}")
    kind, fmt, _, build = rng.choices(MIX, weights=[m[2] for m in MIX])[0]
    ctx, grade = _context(rng)
    title, sections = build(rng, ctx, grade)
    name = f"{_slug(ctx['la'])}/{ctx['year']}/{_slug(ctx['la'])}-{kind}-{ctx['year']}-{index:05d}.{fmt}"
    return Doc(path=name, kind=kind, fmt=fmt, title=title, sections=sections, ctx=ctx)


# --- writers ---------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _latin_font(style: str) -> str:
    """DejaVu cut down to Latin and punctuation, once per process: fpdf2 parses and subsets
    the whole 6,000-glyph font for every PDF otherwise, which made PDFs 3x slower to write."""
    from fontTools import subset

    source = FONT_DIR / ("DejaVuSans-Bold.ttf" if style == "B" else "DejaVuSans.ttf")
    target = Path(tempfile.gettempdir()) / f"bench-{source.stem}-latin.ttf"
    if not target.exists():
        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: fontTools warns it cannot subset them
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2010, 0x2027), 0x20AC])
        subsetter.subset(font)
        partial = target.with_suffix(f".{id(font)}.tmp")
        subset.save_font(font, str(partial), options)
        partial.replace(target)  # atomic: parallel workers may race to write it
    return str(target)


def write_pdf(doc: Doc, path: Path) -> None:
    from fpdf import FPDF

    header = f"{doc.ctx['council']}: inspection of local authority children's services"
    footer = f"Inspection dates: {doc.ctx['dates']}"

    class Report(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:  # the cover page has the title instead
                self.set_font("DejaVu", "", 8)
                self.set_text_color(110, 110, 110)
                self.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)
                self.ln(4)

        def footer(self) -> None:
            self.set_y(-16)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 4, footer, new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    pdf = Report(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_PDF_DATE)
    pdf.set_title(doc.title)
    pdf.set_producer("fpdf2")
    pdf.add_font("DejaVu", "", _latin_font(""))
    pdf.add_font("DejaVu", "B", _latin_font("B"))
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(auto=True, margin=24)
    pdf.add_page()

    # Lines wrapped here, from each word's measured width, and set with cell(): fpdf2's
    # multi_cell re-measures the growing line for every character and took most of the time.
    def lines(text: str, size: float, style: str = "", indent: str = "") -> None:
        pdf.set_font("DejaVu", style, size)
        room, space = pdf.epw, pdf.get_string_width(" ")
        line, used = "", 0.0
        for word in text.split():
            width = pdf.get_string_width(word)
            if line and used + space + width > room:
                pdf.cell(0, size * 0.55, line, new_x="LMARGIN", new_y="NEXT")
                line, used = indent + word, pdf.get_string_width(indent) + width
            else:
                line, used = (f"{line} {word}", used + space + width) if line else (word, width)
        if line:
            pdf.cell(0, size * 0.55, line, new_x="LMARGIN", new_y="NEXT")

    lines(doc.title, 17, "B")
    pdf.ln(4)
    lines(f"Local authority: {doc.ctx['council']}", 10.5)
    lines("Inspection of local authority children's services (ILACS)", 10.5)
    pdf.ln(4)
    for section in doc.sections:
        if pdf.get_y() > pdf.h - 70:
            pdf.add_page()
        pdf.ln(2)
        lines(section.heading, 13, "B")
        pdf.ln(2)
        for paragraph in section.paragraphs:
            lines(paragraph, 10.5)
            pdf.ln(3)
        for bullet in section.bullets:
            lines(f"• {bullet}", 10.5, indent="  ")
            pdf.ln(1.5)
        if section.table:
            pdf.set_font("DejaVu", "", 10)
            with pdf.table(col_widths=(70, 30), text_align=("LEFT", "LEFT"), line_height=5.5, padding=2,
                           first_row_as_headings=False) as table:
                for r, values in enumerate(section.table):
                    pdf.set_font("DejaVu", "B" if r == 0 else "", 10)
                    row = table.row()
                    for value in values:
                        row.cell(value)
            pdf.ln(4)
    pdf.output(str(path))


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed entry times: python-docx stamps each entry with the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_DATE), src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_docx(doc: Doc, path: Path) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author = doc.title, doc.ctx["council"]
    props.created = props.modified = props.last_printed = FIXED_DOCX_DATE
    props.revision = 1
    document.add_heading(doc.title, level=1)
    for section in doc.sections:
        if section.heading:
            document.add_heading(section.heading, level=2)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        if section.bullets:
            document.add_paragraph("RESOLVED:" if doc.kind == "minutes" else "")
            for bullet in section.bullets:
                document.add_paragraph(bullet, style="List Bullet")
        if section.table:
            table = document.add_table(rows=len(section.table), cols=len(section.table[0]))
            table.style = "Table Grid"
            for cells, values in zip(table.rows, section.table):
                for cell, value in zip(cells.cells, values):
                    cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def write_html(doc: Doc, path: Path) -> None:
    council = escape(doc.ctx["council"])
    body: list[str] = []
    for section in doc.sections:
        body.append(f'<h2 class="mgSubTitleTxt">{escape(section.heading)}</h2>')
        body.extend(f"<p>{escape(p)}</p>" for p in section.paragraphs)
        if section.bullets:
            body.append('<p class="mgResolved"><strong>RESOLVED:</strong></p><ol>')
            body.extend(f"<li>{escape(b)}</li>" for b in section.bullets)
            body.append("</ol>")
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{escape(doc.title)} | {council}</title>
<link rel="stylesheet" href="/SiteSpecific/ssMgStyles.css">
</head>
<body>
<div id="cookie-banner"><p>We use essential cookies to make this site work, and optional analytics cookies to help us improve it.</p>
<button type="button">Accept analytics cookies</button> <button type="button">Reject analytics cookies</button></div>
<header class="site-header"><a class="site-logo" href="/">{council}</a>
<form class="site-search" action="/mgSearchDocuments.aspx"><label for="q">Search</label><input id="q" name="q"></form></header>
<nav class="main-menu"><ul><li><a href="/mgMemberIndex.aspx">Councillors</a></li><li><a href="/mgListCommittees.aspx">Committees</a></li>
<li><a href="/mgCalendarMonthView.aspx">Calendar</a></li><li><a href="/mgDelegatedDecisions.aspx">Decisions</a></li></ul></nav>
<div class="mgBreadCrumbs"><a href="/">Home</a> &gt; <a href="/mgListCommittees.aspx">Committees</a> &gt; {escape(doc.ctx['committee_name'])}</div>
<div id="modgov"><div class="mgContent">
<h1 class="mgMainTitleTxt">{escape(doc.title)}</h1>
<p class="mgSubTitleTxt">Venue: {escape(doc.ctx['venue'])}. Contact: Democratic Services</p>
{chr(10).join(body)}
<p class="mgSectionTitle">The meeting ended at {doc.ctx['ended']}.</p>
</div></div>
<footer class="site-footer"><p>&copy; {council}. <a href="/accessibility">Accessibility</a> <a href="/privacy">Privacy</a></p></footer>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")


def write_markdown(doc: Doc, path: Path) -> None:
    out = [f"# {doc.title}", "", f"*For all members of {doc.ctx['council']}. Not for publication before the report.*", ""]
    for section in doc.sections:
        out += [f"## {section.heading}", ""]
        for paragraph in section.paragraphs:
            out += [paragraph, ""]
        out += [f"- {b}" for b in section.bullets] + ([""] if section.bullets else [])
    path.write_text("\n".join(out), encoding="utf-8")


def write_text(doc: Doc, path: Path) -> None:
    dated = f"Published: {doc.ctx['published']}"
    paragraphs = [p for s in doc.sections for p in s.paragraphs]
    text = "\n\n".join([doc.title, dated, *(textwrap.fill(p, 78) for p in paragraphs), "Ends."])
    path.write_text(text + "\n", encoding="utf-8")


WRITERS = {"pdf": write_pdf, "docx": write_docx, "html": write_html, "md": write_markdown, "txt": write_text}


def write_one(args: tuple[Path, int, int]) -> tuple[str, str]:
    out, seed, index = args
    doc = plan(seed, index)
    target = out / doc.path
    target.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[doc.fmt](doc, target)
    return doc.kind, doc.fmt


def generate(out: Path, docs: int, seed: int = 0, jobs: int = 1) -> Counter:
    """Write `docs` documents under `out`; returns how many of each (kind, format)."""
    out.mkdir(parents=True, exist_ok=True)
    work = [(out, seed, i) for i in range(docs)]
    if jobs > 1 and docs > 50:
        _latin_font(""), _latin_font("B")  # made once, before the workers race for them
        with ProcessPoolExecutor(jobs) as pool:
            made = list(pool.map(write_one, work, chunksize=16))
    else:
        made = [write_one(w) for w in work]
    return Counter(made)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="processes writing documents (output is the same)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    made = generate(args.out, args.docs, args.seed, args.jobs)
    print(f"{args.docs} documents in {args.out} ({time.perf_counter() - started:.1f} s)")
    for (kind, fmt), n in sorted(made.items()):
        print(f"  {kind:<18} {fmt:<5} {n}")


if __name__ == "__main__":
    main()
