#!/usr/bin/env python3
"""Regenerate the illustrative sample corpus in this folder.

Usage:  python corpus/make_corpus.py

Writes five documents about Manchester City Council's 2022 Ofsted inspection of
local authority children's services (ILACS) and its follow-up:

  manchester-ilacs-inspection-summary-2022.pdf   (fpdf2, DejaVu fonts, A4)
  manchester-ofsted-good-news-2022.txt           (plain text news article)
  children-young-people-scrutiny-minutes-2022.html  (ModernGov-style page)
  ilacs-action-plan-2022.docx                    (python-docx, with a table)
  manchester-ilacs-2022-member-briefing.md       (Markdown briefing note)

All of them are illustrative documents written by the project from public
facts (see README.md); none is the council's or Ofsted's real document.
The output is deterministic: fixed PDF creation date, fixed DOCX core
properties and fixed ZIP entry timestamps, so re-running gives the same bytes.

Needs: fpdf2, python-docx (and the DejaVu TTF fonts in
/usr/share/fonts/truetype/dejavu/).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

PDF_NAME = "manchester-ilacs-inspection-summary-2022.pdf"
NEWS_NAME = "manchester-ofsted-good-news-2022.txt"
HTML_NAME = "children-young-people-scrutiny-minutes-2022.html"
DOCX_NAME = "ilacs-action-plan-2022.docx"
MD_NAME = "manchester-ilacs-2022-member-briefing.md"

FIXED_DATE = datetime(2022, 5, 20, 9, 0, 0, tzinfo=timezone.utc)
DOCX_DATE = datetime(2022, 6, 1, 9, 0, 0)  # python-docx expects naive (UTC) datetimes
ZIP_DATE = (2022, 6, 1, 9, 0, 0)


# ---------------------------------------------------------------------------
# 1. Inspection summary (PDF)
# ---------------------------------------------------------------------------

PDF_TITLE = "Inspection of Manchester City Council children’s services"
PDF_SUBTITLE = (
    "Illustrative summary of the 2022 inspection of local authority "
    "children’s services (ILACS)"
)
PDF_META = [
    ("Local authority", "Manchester City Council"),
    ("Inspection", "Full inspection under the ILACS framework, March 2022"),
    ("Report published", "May 2022"),
    ("Overall effectiveness", "Good"),
]
PDF_NOTE = (
    "This document is an illustrative summary written for a software project "
    "from publicly reported facts about the inspection. It is not Ofsted’s "
    "report and does not reproduce its wording. Where a detail was not "
    "publicly reported, it has been left out."
)

PDF_JUDGEMENTS = [
    ("Judgement", "Grade"),
    ("The impact of leaders on social work practice with children and families", "Good"),
    ("The experiences and progress of children who need help and protection",
     "Requires improvement to be good"),
    ("The experiences and progress of children in care and care leavers", "Good"),
    ("Overall effectiveness", "Good"),
]

PDF_HISTORY = [
    ("Year of inspection", "Overall effectiveness"),
    ("2014", "Inadequate"),
    ("2017", "Requires improvement to be good"),
    ("2022", "Good"),
]

# Each section: (heading, [paragraphs]); a paragraph may be ("table", rows).
PDF_SECTIONS: list[tuple[str, list]] = [
    (
        "Headline findings",
        [
            "Ofsted judged the overall effectiveness of children’s services in "
            "Manchester to be good. This is the first time that the city "
            "council’s services for children have been graded good since Ofsted "
            "began inspecting local authority children’s services. The full "
            "inspection took place in March 2022 and the report was published "
            "in May 2022.",
            "Inspectors concluded that services for children in the city have "
            "improved significantly since the previous full inspection in 2017. "
            "Across many parts of the service, most children and their families "
            "now experience consistent practice. Inspectors saw this "
            "consistency at three important points in a child’s journey: when "
            "children first need support, when they come into care, and when "
            "they leave care.",
            "Three of the four judgements were good: overall effectiveness, the "
            "impact of leaders on social work practice with children and "
            "families, and the experiences and progress of children in care and "
            "care leavers. The experiences and progress of children who need "
            "help and protection was the one area judged to require improvement "
            "to be good.",
            ("table", PDF_JUDGEMENTS),
            "At the time of the result, no local authority in the North West "
            "was graded outstanding for children’s services, so the good grade "
            "places Manchester among the best performing councils in the region.",
        ],
    ),
    (
        "Inspection history",
        [
            "The 2022 grade follows two earlier inspections in which services "
            "for children in Manchester were found to be below the standard "
            "expected.",
            "In 2014, Ofsted judged children’s services in Manchester to be "
            "inadequate. At that inspection, nearly 500 children were found to "
            "be waiting for a social worker.",
            "Three years later, services were re-inspected between 9 October "
            "and 2 November 2017, and that report was published on "
            "21 December 2017. Overall effectiveness was judged to require "
            "improvement to be good, which brought the council out of special "
            "measures. In 2017 leadership, management and governance was judged "
            "good, as was adoption performance. Services for children who need "
            "help and protection, for children looked after and achieving "
            "permanence, and the experiences and progress of care leavers each "
            "required improvement.",
            ("table", PDF_HISTORY),
            "The 2022 inspection is therefore the first at which Manchester has "
            "received a good grade for overall effectiveness. Care leavers offer "
            "a clear example of the change: their experiences and progress "
            "required improvement in 2017, while in 2022 the experiences and "
            "progress of children in care and care leavers were judged good.",
        ],
    ),
    (
        "Children who need help and protection",
        [
            "Inspectors found a stable and effective early help service for "
            "children who need early intervention. Requests for early help, "
            "including requests made by partner agencies, receive a prompt "
            "response.",
            "Children who are being exploited, who are at risk of exploitation "
            "or who go missing from home are supported from an early stage. "
            "Risks to these children are identified promptly, and support is "
            "provided to them through the city’s complex safeguarding hub.",
            "Practice is consistent for most children and families when they "
            "first need support. Even so, this was the only one of the four "
            "judgements that was not good: the experiences and progress of "
            "children who need help and protection were judged to require "
            "improvement to be good.",
        ],
    ),
    (
        "Children in care and care leavers",
        [
            "The experiences and progress of children in care and care leavers "
            "were judged good. Children come into care at a time that is right "
            "for them. Their individual needs are carefully considered, "
            "including whether they should live with their brothers and "
            "sisters, or with wider family members or friends who can care for "
            "them.",
            "Children in care make good progress in most areas of their lives. "
            "They are able to live with their wider family, or with carers who "
            "meet their needs.",
            "Inspectors also found consistent practice for young people as they "
            "leave care. In 2017, by contrast, the experiences and progress of "
            "care leavers required improvement.",
        ],
    ),
    (
        "Leadership and the workforce",
        [
            "The impact of leaders on social work practice with children and "
            "families was judged good. Political and senior leaders in the city "
            "have kept a consistently strong focus on improving practice.",
            "Inspectors noted that social worker caseloads have improved. "
            "Social workers were positive about working in Manchester. They "
            "valued the support they receive from their managers and described "
            "a change in culture that has improved children’s lives.",
        ],
    ),
    (
        "What needs to improve",
        [
            "Although the overall grade is good, inspectors identified four "
            "areas where the local authority needs to do more. Each of them is "
            "set out below.",
            "1. Domestic abuse. The local authority needs a better understanding "
            "of the impact of domestic abuse on children and on their parents’ "
            "lives.",
            "2. Written records. The quality and timeliness of children’s "
            "written records need to improve.",
            "3. Diverse needs. Further work is needed to recognise and meet the "
            "diverse needs of children that arise from their race, religion, "
            "ethnicity and culture.",
            "4. Disabled children. Practice in the care and protection of "
            "disabled children needs further improvement.",
            "These areas for improvement sit alongside the good judgements "
            "described above. They are the matters that the council’s action "
            "plan, prepared after the inspection, responds to.",
        ],
    ),
    (
        "After the inspection",
        [
            "The council prepared an action plan in response to the findings on "
            "what needs to improve. A report of the Deputy Strategic Director "
            "(Children’s Services) setting out the overall judgement and the "
            "action plan was later considered by the council’s Children and "
            "Young People Scrutiny Committee.",
        ],
    ),
    (
        "About this summary",
        [
            "This summary was written for a software project that answers "
            "questions about inspection reports. It restates facts reported in "
            "May 2022 by the council, by the local government press and by "
            "national news outlets, together with facts from the 2017 "
            "inspection report and the minutes of the council’s scrutiny "
            "committee. It should not be relied on in place of the published "
            "Ofsted report.",
        ],
    ),
]


def build_pdf(path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class SummaryPDF(FPDF):
        def footer(self) -> None:  # page number in the footer
            self.set_y(-15)
            self.set_font("DejaVu", "", 9)
            self.set_text_color(90, 90, 90)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = SummaryPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Manchester ILACS inspection 2022: illustrative summary")
    pdf.set_author("inspection-assistant project (illustrative)")
    pdf.set_subject("Illustrative summary of the 2022 Ofsted ILACS inspection of Manchester")
    pdf.set_creator("corpus/make_corpus.py")
    pdf.set_producer("fpdf2")
    pdf.set_lang("en-GB")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()

    def para(text: str, size: float = 10.5, style: str = "", gap: float = 3.0) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(0, size * 0.55, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    def heading(text: str) -> None:
        # keep a heading with at least a few lines of its section
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 13)
        pdf.multi_cell(0, 7, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)

    def table(rows: list[tuple[str, str]]) -> None:
        pdf.set_font("DejaVu", "", 10)
        with pdf.table(
            col_widths=(65, 35),
            text_align=("LEFT", "LEFT"),
            line_height=5.5,
            padding=2,
            headings_style=None,
            first_row_as_headings=False,
        ) as tbl:
            for i, (left, right) in enumerate(rows):
                r = tbl.row()
                if i == 0:
                    pdf.set_font("DejaVu", "B", 10)
                r.cell(left)
                r.cell(right)
                if i == 0:
                    pdf.set_font("DejaVu", "", 10)
        pdf.ln(4)

    # Title block
    pdf.set_font("DejaVu", "B", 17)
    pdf.multi_cell(0, 9, PDF_TITLE, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    para(PDF_SUBTITLE, size=12, gap=4)
    for label, value in PDF_META:
        pdf.set_font("DejaVu", "B", 10.5)
        pdf.cell(48, 6, f"{label}:")
        pdf.set_font("DejaVu", "", 10.5)
        pdf.multi_cell(0, 6, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    para(PDF_NOTE, size=9.5, style="I", gap=4)

    for title, blocks in PDF_SECTIONS:
        heading(title)
        for block in blocks:
            if isinstance(block, tuple) and block[0] == "table":
                table(block[1])
            else:
                para(block)

    pdf.output(str(path))


# ---------------------------------------------------------------------------
# 2. News article (TXT)
# ---------------------------------------------------------------------------

NEWS_TEXT = """\
Manchester children’s services graded Good by Ofsted for the first time

20 May 2022

Illustrative news article written by the inspection-assistant project from a
LocalGov report by William Eichler published on 20 May 2022. It is not the
original article.

Ofsted has graded the children’s services run by Manchester City Council as
Good. It is the first time the council has achieved that grade since the
inspectorate began inspecting local authority children’s services.

The result marks a long climb. Inspectors rated the service Inadequate in 2014,
and three years later the grade rose to Requires Improvement. With no council in
the North West currently rated Outstanding, Manchester’s services for children
and young people now sit among the best in the region.

According to the inspectors, services for children in the city have improved
significantly since the previous inspection. Many parts of the service now
offer consistent practice to most children and families, including at the
points when children first need support, when they come into care and when
they leave care.

Councillor Garry Bridges, the council’s executive member for children and
schools, welcomed the result. “Our latest rating is a great achievement for the
city,” he said, adding that Ofsted had recognised the council’s commitment, the
improvements it had made and the investment it had put in.

Ofsted did not give the council a clean sheet. Inspectors listed several areas
that still need to improve:

- understanding how domestic abuse affects children and their parents’ lives;
- the quality and timeliness of children’s written records;
- recognising and meeting children’s diverse needs arising from race,
  religion, ethnicity and culture; and
- practice in the care and protection of disabled children.

Paul Marshall, the council’s strategic director for children and education
services, credited the hard work and dedication of staff and partners. He said
the council welcomed the findings but was “far from complacent”, that it was
“fully sighted” on the things it still needed to improve, and that he was
confident Ofsted would see further progress when it next inspects the council.
"""


# ---------------------------------------------------------------------------
# 3. Committee minutes (HTML, ModernGov style)
# ---------------------------------------------------------------------------

HTML_TEXT = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Agenda item - Ofsted Inspection of Children's Services | Manchester City Council democracy pages (illustrative)</title>
<link rel="stylesheet" href="/SiteSpecific/ssMgStyles.css">
</head>
<body>
<div id="cookie-banner" role="region" aria-label="Cookie notice">
  <p>We use essential cookies to make this site work, and optional analytics cookies to help us improve it. You can accept or reject the optional cookies.</p>
  <button type="button" id="cookie-accept">Accept analytics cookies</button>
  <button type="button" id="cookie-reject">Reject analytics cookies</button>
  <a href="/cookies">Cookie policy</a>
</div>

<header class="site-header">
  <a class="site-logo" href="/">Manchester City Council</a>
  <p class="site-strapline">Democracy: councillors, committees and decisions</p>
  <form class="site-search" action="/mgSearchDocuments.aspx" method="get">
    <label for="q">Search this site</label>
    <input type="search" id="q" name="q">
    <button type="submit">Search</button>
  </form>
</header>

<nav class="main-menu" aria-label="Main menu">
  <ul>
    <li><a href="/mgMemberIndex.aspx">Councillors</a></li>
    <li><a href="/mgListCommittees.aspx">Committees</a></li>
    <li><a href="/mgCalendarMonthView.aspx">Meetings calendar</a></li>
    <li><a href="/mgDelegatedDecisions.aspx">Decisions</a></li>
    <li><a href="/mgPlansHome.aspx">Forward plans</a></li>
    <li><a href="/mgSearchDocuments.aspx">Search documents</a></li>
    <li><a href="/mgRegisterKeywordInterest.aspx">Subscribe to updates</a></li>
  </ul>
</nav>

<nav class="breadcrumb" aria-label="Breadcrumb">
  <ol>
    <li><a href="/">Home</a></li>
    <li><a href="/mgListCommittees.aspx">Committees</a></li>
    <li><a href="/mgCommitteeDetails.aspx?ID=145">Children and Young People Scrutiny Committee</a></li>
    <li aria-current="page">Agenda item</li>
  </ol>
</nav>

<div class="page-layout">
<main id="content">
<div id="modgov">
  <h1>Agenda item</h1>
  <h2>Ofsted Inspection of Children’s Services</h2>
  <p class="mgSubTitleTxt">Children and Young People Scrutiny Committee</p>
  <p class="mgSubTitleTxt">Report of the Deputy Strategic Director (Children’s Services)</p>

  <h3>Purpose of the report</h3>
  <p>The report looks back at the recent Ofsted Inspection of Local Authority Children’s Services (ILACS) of Manchester’s children’s services. It sets out the overall judgement that Ofsted reached and includes the council’s action plan in response to what Ofsted said needed to improve.</p>

  <h3>Minutes</h3>
  <p>The Committee considered the report of the Deputy Strategic Director (Children’s Services) looking back at the recent ILACS inspection of Manchester’s children’s services. The report explained the overall judgement and included an action plan responding to Ofsted’s findings about what needed to improve.</p>

  <p>The report covered the following main points and themes:</p>
  <ul>
    <li>the Ofsted inspection and the judgement the inspectors reached;</li>
    <li>background information; and</li>
    <li>the council’s action plan responding to the inspection findings.</li>
  </ul>

  <p>The main points and themes that came up in the Committee’s discussion were:</p>
  <ul>
    <li>the effects of domestic abuse on children, including the importance of raising awareness of that impact and of making sure that children were supported;</li>
    <li>in relation to the action plan point on children’s diverse needs, that different protected characteristics needed to be considered separately; and</li>
    <li>the importance of training, including keeping staff up to date with the latest Ofsted standards.</li>
  </ul>

  <p>The Deputy Strategic Director (Children’s Services) assured Members that Children’s Services was actively involved in the work on the Domestic Abuse Strategy. He told the Committee that thought was being given to how partners could work together better to support children with the trauma they experienced because of domestic abuse in the family.</p>

  <p>He accepted the Member’s point about considering different protected characteristics. He explained that it was hard to capture the full breadth of this in an action plan, but that the individual needs and identity issues of each child were prioritised.</p>

  <p>Responding to a Member’s comments about working with parents, he said that the council had an excellent co-production model. He gave the example of Lyndene, which had been developed through co-production with parents and in consultation with children.</p>

  <p>He reported that almost 60% of the council’s social work staff had qualified within the last two years. He outlined some of the plans to develop training for social workers further, and drew Members’ attention to the service’s Workforce Development Strategy. The strategy had been commented on positively by the Ofsted inspectors and by staff who had received training.</p>

  <p>The Chair asked about Education, Health and Care Plans (EHCPs). The Director of Education explained that item 4 of the action plan was an action from the local area Special Educational Needs and Disability (SEND) inspection in November 2021. Officers had chosen to include it in this action plan because it concerned the role of social workers in EHCPs and the training needed to improve this.</p>

  <p>A Member raised the difficulties faced by some parents whose children needed EHCPs but who did not understand the process, or who had English as an Additional Language. The Executive Member for Early Years, Children and Young People suggested that this could be looked at in more detail at a future date.</p>

  <p>The Chair congratulated everyone involved in the work, recognised that there was more still to do, and suggested that the Ofsted Subgroup could look at this in future.</p>

  <h3>Decision</h3>
  <p>To note the report.</p>

  <h3>Declarations of interest</h3>
  <p>Councillor Abdullatif declared a personal interest as a former employee of Women’s Aid Federation England.</p>
</div>
</main>

<aside class="sidebar" aria-label="Related documents">
  <h2>Related documents</h2>
  <ul>
    <li><a href="/documents/ofsted-inspection-of-childrens-services-report.pdf">Ofsted Inspection of Children’s Services: report of the Deputy Strategic Director (Children’s Services) (PDF)</a></li>
    <li><a href="/documents/ilacs-action-plan-2022.docx">ILACS action plan 2022 (Word)</a></li>
    <li><a href="/mgCommitteeDetails.aspx?ID=145">Children and Young People Scrutiny Committee: meetings and membership</a></li>
    <li><a href="/mgCommitteeDetails.aspx?ID=159">Overview and Scrutiny Ofsted Subgroup</a></li>
  </ul>
</aside>
</div>

<footer class="site-footer">
  <ul>
    <li><a href="/contact">Contact us</a></li>
    <li><a href="/accessibility">Accessibility statement</a></li>
    <li><a href="/privacy">Privacy notice</a></li>
    <li><a href="/cookies">Cookies</a></li>
  </ul>
  <p>Illustrative page written by the inspection-assistant project from public minutes; not an official council page.</p>
  <p>&copy; 2022 Manchester City Council</p>
</footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------
# 4. Action plan (DOCX)
# ---------------------------------------------------------------------------

DOCX_TITLE = "Ofsted ILACS inspection 2022: action plan"
DOCX_INTRO = (
    "Ofsted judged the overall effectiveness of Manchester’s children’s "
    "services to be good in 2022. This action plan responds to the areas that "
    "the inspectors said needed to improve. It was reported to the Children "
    "and Young People Scrutiny Committee alongside a report of the Deputy "
    "Strategic Director (Children’s Services). This is an illustrative version "
    "written by the inspection-assistant project from the committee’s minutes; "
    "“Not stated” marks details the minutes do not record."
)
DOCX_TABLE_NOTE = (
    "The Lead column names the officer who spoke to the action at the "
    "committee meeting, as recorded in the minutes."
)
DOCX_HEADER = ("No.", "Area for improvement", "Source", "What we will do", "Lead")
DOCX_ROWS = [
    (
        "1",
        "Understanding of the impact of domestic abuse on children and on "
        "their parents’ lives",
        "Ofsted ILACS inspection 2022",
        "Children’s Services will stay actively involved in the work on the "
        "Domestic Abuse Strategy. We are considering how partners can work "
        "together better to support children with the trauma they experience "
        "because of domestic abuse in the family.",
        "Deputy Strategic Director (Children’s Services)",
    ),
    (
        "2",
        "Quality and timeliness of children’s written records",
        "Ofsted ILACS inspection 2022",
        "Not stated",
        "Not stated",
    ),
    (
        "3",
        "Recognising and meeting the diverse needs of children arising from "
        "race, religion, ethnicity and culture",
        "Ofsted ILACS inspection 2022",
        "The individual needs and identity issues of each child will continue "
        "to be prioritised. Members asked that different protected "
        "characteristics be considered separately.",
        "Deputy Strategic Director (Children’s Services)",
    ),
    (
        "4",
        "The role of social workers in Education, Health and Care Plans "
        "(EHCPs)",
        "Local area SEND inspection, November 2021",
        "Improve the role social workers play in EHCPs, including the training "
        "needed to improve this.",
        "Director of Education",
    ),
    (
        "5",
        "Practice in the care and protection of disabled children",
        "Ofsted ILACS inspection 2022",
        "Not stated",
        "Not stated",
    ),
]
DOCX_WORKFORCE_HEADING = "Supporting the plan: training and workforce development"
DOCX_WORKFORCE = [
    "Almost 60% of the council’s social work staff qualified within the last "
    "two years. The service plans to develop training for social workers "
    "further, and members stressed the importance of keeping staff up to date "
    "with the latest Ofsted standards.",
    "The service’s Workforce Development Strategy supports this work. The "
    "Ofsted inspectors commented positively on it, as did staff who had "
    "received training.",
    "The council works with parents through its co-production model. Lyndene, "
    "for example, was developed through co-production with parents and in "
    "consultation with children.",
]
DOCX_PROGRESS_HEADING = "How progress will be reported"
DOCX_PROGRESS = [
    "The Children and Young People Scrutiny Committee noted this plan. The "
    "Chair suggested that the committee’s Ofsted Subgroup could look at "
    "progress in future.",
    "Members also asked about parents whose children need EHCPs but who do "
    "not understand the process, or who have English as an Additional "
    "Language. The Executive Member for Early Years, Children and Young People "
    "suggested this could be looked at in more detail at a future date.",
]


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a DOCX (ZIP) with fixed timestamps so the bytes are stable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build_docx(path: Path) -> None:
    from docx import Document
    from docx.shared import Pt, Cm
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)

    styles = doc.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)

    doc.add_heading(DOCX_TITLE, level=0)
    doc.add_paragraph("Manchester City Council, Children’s Services")
    doc.add_paragraph(DOCX_INTRO)

    doc.add_heading("Actions", level=1)
    doc.add_paragraph(DOCX_TABLE_NOTE)
    table = doc.add_table(rows=1, cols=len(DOCX_HEADER))
    table.style = "Table Grid"
    hdr = table.rows[0]
    # mark the first row as a repeating header row
    tr_pr = hdr._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")
    tbl_header.set(qn("w:val"), "true")
    tr_pr.append(tbl_header)
    for cell, text in zip(hdr.cells, DOCX_HEADER):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for row in DOCX_ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    widths = (Cm(1.2), Cm(4.3), Cm(3.2), Cm(5.3), Cm(3.0))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w

    doc.add_heading(DOCX_WORKFORCE_HEADING, level=1)
    for p in DOCX_WORKFORCE:
        doc.add_paragraph(p)

    doc.add_heading(DOCX_PROGRESS_HEADING, level=1)
    for p in DOCX_PROGRESS:
        doc.add_paragraph(p)

    cp = doc.core_properties
    cp.title = DOCX_TITLE
    cp.author = "inspection-assistant project (illustrative)"
    cp.last_modified_by = "inspection-assistant project"
    cp.subject = "Response to the 2022 Ofsted ILACS inspection of Manchester"
    cp.keywords = "Ofsted; ILACS; action plan; Manchester"
    cp.comments = "Illustrative document generated by corpus/make_corpus.py"
    cp.created = DOCX_DATE
    cp.modified = DOCX_DATE
    cp.last_printed = DOCX_DATE
    cp.revision = 1

    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


# ---------------------------------------------------------------------------
# 5. Member briefing (Markdown)
# ---------------------------------------------------------------------------

MD_TEXT = """\
# Briefing for elected members: Ofsted inspection of children’s services, 2022

*Illustrative briefing note written by the inspection-assistant project from
public facts. It is not an official council document.*

## Purpose

This note gives members a short account of the 2022 Ofsted inspection of
Manchester City Council’s children’s services under the inspection of local
authority children’s services (ILACS) framework. It covers the council’s
inspection history, the headline result, the areas Ofsted asked the council to
improve, what the Children and Young People Scrutiny Committee discussed, and
the next steps.

## Inspection history

Manchester’s children’s services have improved by one grade at each of the two
inspections since 2014.

- **2014:** Inadequate. Nearly 500 children were found to be waiting for a
  social worker.
- **2017:** Requires improvement to be good, following a re-inspection in
  October and November 2017 that took the council out of special measures.
- **2022:** Good, following a full inspection in March 2022. The report was
  published in May 2022.

## Headline result

Overall effectiveness was judged **Good**. This is the first time the council
has been graded good since Ofsted started inspecting local authority children’s
services, and it places Manchester among the best in the North West, where no
council was rated outstanding at the time.

Three of the four judgements were good: overall effectiveness, the impact of
leaders on social work practice with children and families, and the
experiences and progress of children in care and care leavers. The experiences
and progress of children who need help and protection were judged to require
improvement to be good.

Inspectors reported significant improvement since 2017, with consistent
practice for most children and families when children first need support,
when they come into care and when they leave care.

## Areas for improvement

Ofsted asked the council to improve:

1. its understanding of the impact of domestic abuse on children and on their
   parents’ lives;
2. the quality and timeliness of children’s written records;
3. how it recognises and meets children’s diverse needs arising from race,
   religion, ethnicity and culture; and
4. its practice in the care and protection of disabled children.

## What the scrutiny committee discussed

On 25 May 2022, shortly after the report was published, the Children and Young
People Scrutiny Committee heard about the result as an item of urgent business.
The Deputy Director of Children’s Services offered to bring a later report
that would include the council’s action plan.

That report, from the Deputy Strategic Director (Children’s Services), set out
the judgement and the action plan. In discussing it, members:

- stressed the effects of domestic abuse on children, and the need to raise
  awareness of them and make sure children are supported;
- asked that different protected characteristics be considered separately
  when responding to children’s diverse needs; and
- underlined the importance of training, including keeping staff up to date
  with the latest Ofsted standards.

Officers told the committee that Children’s Services was actively involved in
the Domestic Abuse Strategy, that the individual needs and identity of each
child were prioritised, and that Lyndene had been developed through
co-production with parents and in consultation with children. Almost 60% of
social work staff had qualified within the last two years, and the Workforce
Development Strategy had been praised by the inspectors and by staff.

The Director of Education explained that item 4 of the action plan, on the
role of social workers in Education, Health and Care Plans (EHCPs), came from
the local area SEND inspection in November 2021.

Councillor Abdullatif declared a personal interest as a former employee of
Women’s Aid Federation England. The committee decided to note the report.

## Next steps

- The Chair suggested that the committee’s Ofsted Subgroup could look at
  progress on the action plan in future.
- The Executive Member for Early Years, Children and Young People suggested
  that support for parents who find the EHCP process hard to follow, including
  those with English as an Additional Language, could be looked at in more
  detail at a future date.
- Paul Marshall, the strategic director for children and education services,
  has said the council is far from complacent and expects Ofsted to see
  continued improvement when it next inspects.
"""


def main() -> None:
    build_pdf(HERE / PDF_NAME)
    (HERE / NEWS_NAME).write_text(NEWS_TEXT, encoding="utf-8")
    (HERE / HTML_NAME).write_text(HTML_TEXT, encoding="utf-8")
    build_docx(HERE / DOCX_NAME)
    (HERE / MD_NAME).write_text(MD_TEXT, encoding="utf-8")
    for name in (PDF_NAME, NEWS_NAME, HTML_NAME, DOCX_NAME, MD_NAME):
        print(f"wrote {name} ({(HERE / name).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
