"""HTML pages as people save them: the document's own words in, the site's furniture out.

The pages below are written here, shaped like the pages council staff really save (a
ModernGov agenda-item page, a local-government news article with adverts and a jobs widget
below it, a Word document saved as a web page, an old table-laid-out minutes page). Each
lists the sentences that must survive (`content`) and the page furniture that must not
(`chrome`); `benchmarks/html_extractors.py` scores extractors on the same pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from indexer.loaders import load
from indexer.types import DocKind


@dataclass(frozen=True)
class Page:
    html: str
    content: list[str]  # exact words that must be kept
    chrome: list[str]  # navigation, adverts, jobs, cookie text: must be dropped
    headings: list[str] = field(default_factory=list)  # must be kept as headings, not as text
    rows: list[dict[str, str]] = field(default_factory=list)  # table rows: header -> cell


# --- (a) ModernGov agenda item (mgAi.aspx) inside a council site's chrome ----------------

MODERNGOV_ITEM = Page(
    html="""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Agenda item - Ofsted Inspection of Children's Services | Northfield Borough Council</title>
<script>var mgAnalytics = {id: 'NBC-1'}; function track() { console.log("tracking page view for analytics"); }</script>
<style>.mgHeader h1 { font-size: 2em; } body::before { content: "styled banner text"; }</style>
</head>
<body>
<div id="ccc" role="dialog" aria-label="Cookie preferences">
  <div class="ccc-content">
    <h2>Cookies on our website</h2>
    <p>We use some essential cookies to make this website work and we would like to set additional cookies to understand how you use it.</p>
    <button>Accept additional cookies</button> <button>Reject additional cookies</button>
    <a href="/cookies">View cookie settings</a>
  </div>
</div>
<a class="skip" href="#mgMainContent">Skip to main content</a>
<header class="site-header">
  <a href="/"><img src="/logo.svg" alt="Northfield Borough Council logo"></a>
  <form action="/search"><label for="s">Search this site</label><input id="s" name="q"><button>Search</button></form>
  <ul class="utility"><li><a href="/pay">Pay for it</a></li><li><a href="/apply">Apply for it</a></li><li><a href="/report">Report it</a></li></ul>
</header>
<div id="breadcrumb-wrapper">
  <ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/council">Council and democracy</a></li>
  <li><a href="/mgListCommittees.aspx">Committee meetings</a></li><li>Agenda item</li></ol>
</div>
<div class="container">
 <div class="row">
  <div class="col-md-3" id="left-column">
   <div class="menu-block">
    <h2>Democracy</h2>
    <ul>
     <li><a href="/mgMemberIndex.aspx">Your councillors</a></li>
     <li><a href="/mgListCommittees.aspx">Committee structure</a></li>
     <li><a href="/mgCalendarMonthView.aspx">Meetings calendar</a></li>
     <li><a href="/mgPlansHome.aspx">Forward plans</a></li>
     <li><a href="/mgRegisterKeywordInterest.aspx">Subscribe to updates</a></li>
    </ul>
   </div>
  </div>
  <div class="col-md-9">
   <div id="modgov"><a id="mgMainContent"></a>
    <div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda item</h1></div>
    <div class="mgSubTitle"><h2 class="mgSubTitleTxt">Ofsted Inspection of Children's Services</h2></div>
    <div class="mgLinks"><ul class="mgActionList"><li><a href="mgIssueHistoryHome.aspx?IId=901">Issue history</a></li>
     <li><a href="javascript:window.print()">Print this page</a></li></ul></div>
    <div class="mgContent">
     <p class="mgSectionTitle">Meeting: 12/10/2022 - Children and Young People Scrutiny Committee (Item 41.)</p>
     <div class="mgWordPara">
      <p class="MsoNormal">Report of the Strategic Director of Children's Services</p>
      <p class="MsoNormal">The report set out the findings of the inspection of local authority children's services carried out in March 2022.</p>
     </div>
     <h3 class="mgSubSubTitleTxt">Minutes:</h3>
     <div class="mgWordPara">
      <p class="MsoNormal">The Committee received the report of the Strategic Director, which summarised the inspection judgements and the actions proposed in response.</p>
      <p class="MsoNormal">Members discussed the areas that inspectors said needed to improve:</p>
      <ul>
       <li>the quality and timeliness of written records;</li>
       <li>the response to domestic abuse in families; and</li>
       <li>the care and protection of disabled children.</li>
      </ul>
      <p class="MsoNormal">A Member asked how the service would keep social worker caseloads manageable. The Strategic Director explained that average caseloads had fallen to 17 children per worker.</p>
      <table class="MsoTableGrid" border="1">
       <tr><th>Judgement</th><th>2018</th><th>2022</th><th>Direction</th></tr>
       <tr><td>Overall effectiveness</td><td>Requires improvement to be good</td><td>Good</td><td>Improved</td></tr>
       <tr><td>Help and protection</td><td colspan="2">Requires improvement to be good</td><td>Unchanged</td></tr>
      </table>
      <p class="MsoNormal"><b>RESOLVED</b> – That the Committee:</p>
      <ol>
       <li>notes the outcome of the inspection and the action plan; and</li>
       <li>asks for a progress report on the action plan in six months.</li>
      </ol>
      <p class="MsoNormal">Councillor Ahmed declared a personal interest as a foster carer.</p>
     </div>
     <h3 class="mgSubSubTitleTxt">Supporting documents:</h3>
     <ul class="mgBulletList"><li><a href="documents/s901/ILACS report.pdf">Ofsted ILACS report, item 41. PDF 412 KB</a></li></ul>
    </div>
   </div>
  </div>
 </div>
</div>
<footer>
 <ul><li><a href="/accessibility">Accessibility statement</a></li><li><a href="/privacy">Privacy notice</a></li></ul>
 <p>Follow us on Facebook and Instagram</p>
 <p>&copy; Northfield Borough Council 2022</p>
</footer>
<script>document.write("Injected script text that no reader sees");</script>
</body>
</html>
""",
    content=[
        "Meeting: 12/10/2022 - Children and Young People Scrutiny Committee (Item 41.)",
        "Report of the Strategic Director of Children's Services",
        "The report set out the findings of the inspection of local authority children's services carried out in March 2022.",
        "The Committee received the report of the Strategic Director, which summarised the inspection judgements and the actions proposed in response.",
        "Members discussed the areas that inspectors said needed to improve:",
        "the quality and timeliness of written records;",
        "the response to domestic abuse in families; and",
        "the care and protection of disabled children.",
        "A Member asked how the service would keep social worker caseloads manageable.",
        "The Strategic Director explained that average caseloads had fallen to 17 children per worker.",
        "RESOLVED – That the Committee:",
        "notes the outcome of the inspection and the action plan; and",
        "asks for a progress report on the action plan in six months.",
        "Councillor Ahmed declared a personal interest as a foster carer.",
    ],
    chrome=[
        "tracking page view",
        "styled banner text",
        "Injected script text",
        "Cookies on our website",
        "essential cookies",
        "Accept additional cookies",
        "Reject additional cookies",
        "View cookie settings",
        "Skip to main content",
        "Search this site",
        "Pay for it",
        "Report it",
        "Council and democracy",
        "Committee meetings",
        "Your councillors",
        "Committee structure",
        "Meetings calendar",
        "Forward plans",
        "Subscribe to updates",
        "Issue history",
        "Print this page",
        "Accessibility statement",
        "Privacy notice",
        "Follow us on Facebook",
        "© Northfield Borough Council 2022",
    ],
    headings=["Ofsted Inspection of Children's Services", "Minutes:"],
    rows=[
        {"Judgement": "Overall effectiveness", "2018": "Requires improvement to be good", "2022": "Good", "Direction": "Improved"},
        {"Judgement": "Help and protection", "2018": "Requires improvement to be good", "Direction": "Unchanged"},
    ],
)


# --- (b) News article with related news, adverts, a jobs widget and cookie consent ----------
# Shaped like the trade-press page the project's seed news story came from. The jobs widget
# and the newsletter box after the story are plain <div>s with no telling class or id: only
# their shape gives them away.

NEWS_ARTICLE = Page(
    html="""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Children's services in Northfield rated 'Good' | LocalGov</title>
<meta property="og:title" content="Children's services in Northfield rated 'Good'">
<script async src="https://securepubads.example/tag/js/gpt.js"></script>
<script>window.googletag = window.googletag || {cmd: []}; googletag.cmd.push(function() { defineSlot("leaderboard advert slot"); });</script>
</head>
<body>
<div id="top">
 <div class="leaderboard" id="div-gpt-ad-1001"><p>Advertisement</p><a href="https://ads.example/click"><img src="/ad.gif" alt="Payroll software for councils - book a demo today"></a></div>
 <div class="logo"><a href="/"><img src="/logo.png" alt="LocalGov"></a></div>
 <ul id="menu">
  <li><a href="/News">News</a></li><li><a href="/Finance">Finance</a></li><li><a href="/Social-care">Social care</a></li>
  <li><a href="/Housing">Housing</a></li><li><a href="/Jobs">Jobs</a></li><li><a href="/Events">Events</a></li>
 </ul>
</div>
<div id="page">
 <div class="left">
  <div>
   <p class="byline">Jane Holloway 20 May 2022</p>
   <h1>Children's services in Northfield rated 'Good'</h1>
   <div><img src="/images/northfield.jpg" alt="Children's services in Northfield rated 'Good' image"><p><small>Image: Photo agency</small></p></div>
   <div class="story">
    <p>Children's services run by Northfield Borough Council have been rated 'Good' by Ofsted for the first time since the regulator began inspecting council services.</p>
    <p>The council's services were judged 'Inadequate' in 2015 and 'Requires Improvement' two years later.</p>
    <p>Inspectors found that practice had improved across most of the service, including when children first need help, when they come into care and when they leave care.</p>
    <p>Cllr Priya Shah, lead member for children, said: 'This is a proud day for everyone who works with children in the borough.'</p>
    <p>Ofsted said the council still needed to improve its written records and its understanding of how domestic abuse affects children.</p>
    <p>Tom Reeve, director of children's services, said: 'We welcome the findings but we know there is more to do, and we will act on them quickly.'</p>
   </div>
   <div class="share"><a href="https://twitter.example/share">Share on Twitter</a> <a href="https://linkedin.example/share">Share on LinkedIn</a></div>
  </div>
  <div>
   <div><a href="/Mapping-low-traffic-neighbourhoods/55555"><img src="/img/ltn.jpg" alt="Mapping low-traffic neighbourhoods image"></a></div>
   <h3><a href="/Mapping-low-traffic-neighbourhoods/55555">Mapping low-traffic neighbourhoods</a></h3>
   <p>Is good data the difference between success and failure for new neighbourhood schemes? A planning consultant argues that it is.</p>
  </div>
  <div>
   <h4>SIGN UP</h4>
   <p>For your free daily news bulletin</p>
   <form action="/signup"><input name="email" placeholder="Email address"><button>Subscribe</button></form>
  </div>
  <div>
   <h4>Highways jobs</h4>
   <div>
    <h5><a href="/jobs/1">Community Transport Co-ordinator</a></h5>
    <div>Essex County Council</div>
    <div>£13.57 - £14.95 per hour</div>
    <div>Community Transport Co-ordinator, Temporary, Full Time, Braintree, Essex. Closing date soon.</div>
    <div>Recruiter: Essex County Council</div>
   </div>
   <div>
    <h5><a href="/jobs/2">Procurement Manager</a></h5>
    <div>Essex County Council</div>
    <div>£46,388 - £54,573 per annum</div>
    <div>Procurement Manager, Permanent, Full Time, £46,388 to £54,573 per annum.</div>
    <div>Recruiter: Essex County Council</div>
   </div>
   <div>
    <h5><a href="/jobs/3">Social Worker - Assessment and Intervention</a></h5>
    <div>Doncaster Council</div>
    <div>Grade 7, £37,185 - £50,081 (pay award pending)</div>
    <div>Doncaster is a confident, ambitious council looking for social workers to join its assessment teams.</div>
    <div>Recruiter: Doncaster Council</div>
   </div>
  </div>
 </div>
 <div class="right">
  <div id="div-gpt-ad-1002"><p>Advertisement</p><p>Sponsored: cut your energy bills with smart street lighting</p></div>
  <h3>Most read</h3>
  <ul><li><a href="/a">Councils warn of funding gap for adult social care</a></li><li><a href="/b">Audit backlog reaches record level</a></li></ul>
 </div>
</div>
<div id="foot">
 <a href="/terms">Terms and conditions</a> <a href="/contact">Contact us</a>
 <p>Copyright 2022 Hemming Group Ltd. All rights reserved.</p>
 <img src="/linkedin.png" alt="Linkedin Banner">
</div>
<div id="onetrust-consent-sdk">
 <div id="onetrust-banner-sdk">
  <p id="onetrust-policy-text">We and our partners use cookies to personalise content and ads and to analyse our traffic.</p>
  <button id="onetrust-accept-btn-handler">I Accept</button><button id="onetrust-pc-btn-handler">Manage Preferences</button>
 </div>
</div>
</body>
</html>
""",
    content=[
        "Children's services run by Northfield Borough Council have been rated 'Good' by Ofsted for the first time since the regulator began inspecting council services.",
        "The council's services were judged 'Inadequate' in 2015 and 'Requires Improvement' two years later.",
        "Inspectors found that practice had improved across most of the service, including when children first need help, when they come into care and when they leave care.",
        "Cllr Priya Shah, lead member for children, said: 'This is a proud day for everyone who works with children in the borough.'",
        "Ofsted said the council still needed to improve its written records and its understanding of how domestic abuse affects children.",
        "Tom Reeve, director of children's services, said: 'We welcome the findings but we know there is more to do, and we will act on them quickly.'",
    ],
    chrome=[
        "leaderboard advert slot",
        "Advertisement",
        "Payroll software",
        "Social care",
        "Events",
        "Share on Twitter",
        "Mapping low-traffic neighbourhoods",
        "A planning consultant argues that it is.",
        "SIGN UP",
        "free daily news bulletin",
        "Highways jobs",
        "Community Transport Co-ordinator",
        "Procurement Manager",
        "Essex County Council",
        "£46,388",
        "per annum",
        "per hour",
        "Recruiter:",
        "Social Worker - Assessment and Intervention",
        "looking for social workers to join its assessment teams",
        "Sponsored: cut your energy bills",
        "Most read",
        "Audit backlog",
        "Terms and conditions",
        "Hemming Group",
        "Linkedin Banner",
        "personalise content and ads",
        "I Accept",
        "Manage Preferences",
    ],
    headings=["Children's services in Northfield rated 'Good'"],
)


# --- (c) A Word document saved as a web page: no chrome at all, so nothing may go --------

PLAIN_DOCUMENT = Page(
    html="""<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<title>Improvement Board notes</title>
<style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;} --></style>
</head>
<body lang=EN-GB>
<div class=WordSection1>
<p class=MsoTitle>Children's Services Improvement Board</p>
<p class=MsoNormal>Notes of the meeting held on 3 November 2022<o:p></o:p></p>
<p class=MsoNormal>Present: Councillor Shah (Chair), Councillor Ahmed, Tom Reeve.</p>
<h1>1. Apologies</h1>
<p class=MsoNormal>Apologies were received from the Director of Education.</p>
<h1>2. Progress against the action plan</h1>
<p class=MsoNormal>The Board reviewed progress against each of the five actions.</p>
<p class=MsoNormal>Audits of written records will be repeated in January.</p>
<table class=MsoTableGrid border=1>
<tr><td><p class=MsoNormal><b>Action</b></p></td><td><p class=MsoNormal><b>Status</b></p></td></tr>
<tr><td><p class=MsoNormal>Written records</p></td><td><p class=MsoNormal>On track</p></td></tr>
<tr><td><p class=MsoNormal>Disabled children</p></td><td><p class=MsoNormal>Behind schedule</p></td></tr>
</table>
<h2>Next steps</h2>
<ul><li>Agreed.</li><li>Report to Cabinet in March.</li></ul>
<p class=MsoNormal>Date of next meeting: 8 December 2022.</p>
</div>
</body>
</html>
""",
    content=[
        "Children's Services Improvement Board",
        "Notes of the meeting held on 3 November 2022",
        "Present: Councillor Shah (Chair), Councillor Ahmed, Tom Reeve.",
        "Apologies were received from the Director of Education.",
        "The Board reviewed progress against each of the five actions.",
        "Audits of written records will be repeated in January.",
        "Written records",
        "On track",
        "Disabled children",
        "Behind schedule",
        "Agreed.",
        "Report to Cabinet in March.",
        "Date of next meeting: 8 December 2022.",
    ],
    chrome=["font-family", "Calibri"],
    headings=["1. Apologies", "2. Progress against the action plan", "Next steps"],
    rows=[{"Action": "Written records", "Status": "On track"}, {"Action": "Disabled children", "Status": "Behind schedule"}],
)


# --- (d) Minutes laid out in tables: an old council template around a ModernGov
# ieListDocuments page, whose agenda items are rows of a layout table ------------------

TABLE_LAYOUT_MINUTES = Page(
    html="""<html>
<head><title>Agenda for Corporate Parenting Panel on Thursday, 8th December, 2022, 6.30 pm</title></head>
<body>
<table width="100%" border="0" cellpadding="0" cellspacing="0">
 <tr>
  <td colspan="2" bgcolor="#003366"><img src="/banner.gif" alt="Westvale District Council"> <a href="/a-z">A to Z of services</a> | <a href="/contact">Contact the council</a></td>
 </tr>
 <tr>
  <td width="180" valign="top">
   <p><b>Quick links</b></p>
   <a href="/bins">Bin collection days</a><br>
   <a href="/council-tax">Pay your council tax</a><br>
   <a href="/planning">Planning applications</a><br>
   <a href="/jobs">Jobs at the council</a><br>
  </td>
  <td valign="top">
   <h1>Agenda and minutes</h1>
   <h2 class="mgSubTitleTxt">Corporate Parenting Panel - Thursday, 8th December, 2022 6.30 pm</h2>
   <p><span class="mgLabel">Venue: </span>Committee Room 2, Civic Centre</p>
   <table class="mgItemTable" summary="Agenda items">
    <tr>
     <td class="mgItemNumberCell"><p class="mgAiTitleTxt">23.</p></td>
     <td>
      <p class="mgAiTitleTxt">Minutes of the previous meeting</p>
      <p class="mgSubItemTitleTxt">Minutes:</p>
      <div class="mgWordPara">RESOLVED: That the minutes of the meeting held on 13 October 2022 be approved as a correct record.</div>
     </td>
    </tr>
    <tr>
     <td class="mgItemNumberCell"><p class="mgAiTitleTxt">24.</p></td>
     <td>
      <p class="mgAiTitleTxt">Ofsted action plan: progress update</p>
      <div class="mgWordPara">To receive an update on the action plan agreed after the inspection.</div>
      <p class="mgSubItemTitleTxt">Minutes:</p>
      <div class="mgWordPara"><p>The Head of Service for Children in Care presented the update.</p>
       <p>The Panel heard that every child in care now had an up-to-date care plan<br>and that health assessments were completed on time for nine children in ten.</p>
       <p>RESOLVED: That the progress update be noted.</p></div>
     </td>
    </tr>
   </table>
  </td>
 </tr>
 <tr>
  <td colspan="2"><small>Westvale District Council, Civic Centre. Telephone 01234 567890. Website feedback.</small></td>
 </tr>
</table>
</body>
</html>
""",
    content=[
        "Venue: Committee Room 2, Civic Centre",
        "Minutes of the previous meeting",
        "RESOLVED: That the minutes of the meeting held on 13 October 2022 be approved as a correct record.",
        "Ofsted action plan: progress update",
        "To receive an update on the action plan agreed after the inspection.",
        "The Head of Service for Children in Care presented the update.",
        "The Panel heard that every child in care now had an up-to-date care plan and that health assessments were completed on time for nine children in ten.",
        "RESOLVED: That the progress update be noted.",
    ],
    chrome=[
        "A to Z of services",
        "Contact the council",
        "Quick links",
        "Bin collection days",
        "Pay your council tax",
        "Planning applications",
        "Jobs at the council",
        "Telephone 01234 567890",
        "Website feedback",
    ],
    headings=["Agenda and minutes", "Corporate Parenting Panel - Thursday, 8th December, 2022 6.30 pm"],
)

PAGES: dict[str, Page] = {
    "moderngov-item": MODERNGOV_ITEM,
    "news-article": NEWS_ARTICLE,
    "plain-document": PLAIN_DOCUMENT,
    "table-layout-minutes": TABLE_LAYOUT_MINUTES,
}


def _load(tmp_path, html: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return load(path, name)


def _everything(doc) -> str:
    """All a passage could show: block text, verbatim quotes, heading paths, the title."""
    parts = [doc.title] + [f"{b.heading}\n{b.text}\n{b.verbatim or ''}" for b in doc.blocks]
    return "\n".join(parts)


def _strip_hints(html: str) -> str:
    # The same page with every class, id, role and aria-label removed: only its shape is left.
    return re.sub(r"\s(?:class|id|role|aria-label)=(?:\"[^\"]*\"|'[^']*'|[^\s>]+)", "", html)


# --- every page kind: the content in, the chrome out -------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_keeps_every_content_sentence_word_for_word(tmp_path, name):
    doc = _load(tmp_path, PAGES[name].html)
    text = "\n".join(b.text for b in doc.blocks)
    missing = [sentence for sentence in PAGES[name].content if sentence not in text]
    assert not missing


@pytest.mark.parametrize("name", PAGES)
def test_page_drops_navigation_adverts_jobs_and_cookie_text(tmp_path, name):
    doc = _load(tmp_path, PAGES[name].html)
    everything = _everything(doc)
    leaked = [chrome for chrome in PAGES[name].chrome if chrome in everything]
    assert not leaked


@pytest.mark.parametrize("name", PAGES)
def test_page_headings_head_the_blocks_below_them_and_are_not_blocks(tmp_path, name):
    doc = _load(tmp_path, PAGES[name].html)
    paths = {part for b in doc.blocks for part in b.heading.split(" > ")}
    texts = {b.text for b in doc.blocks}
    for heading in PAGES[name].headings:
        assert heading in paths
        assert heading not in texts


# --- (a) ModernGov agenda item -------------------------------------------------------------


def test_moderngov_item_keeps_the_decision_under_the_minutes_heading(tmp_path):
    doc = _load(tmp_path, MODERNGOV_ITEM.html, "item.html")
    assert doc.title == "Agenda item - Ofsted Inspection of Children's Services"
    assert doc.kind is DocKind.MINUTES
    by_text = {b.text: b for b in doc.blocks}
    for decision in (
        "RESOLVED – That the Committee:",
        "notes the outcome of the inspection and the action plan; and",
        "asks for a progress report on the action plan in six months.",
    ):
        assert by_text[decision].heading == "Agenda item > Ofsted Inspection of Children's Services > Minutes:"


def test_table_cell_spanning_two_columns_takes_the_header_of_the_first_and_the_next_keeps_its_own(tmp_path):
    doc = _load(tmp_path, MODERNGOV_ITEM.html)
    rows = [b for b in doc.blocks if b.is_table_row]
    assert [b.text for b in rows] == [
        "Judgement: Overall effectiveness — 2018: Requires improvement to be good — 2022: Good — Direction: Improved",
        "Judgement: Help and protection — 2018: Requires improvement to be good — Direction: Unchanged",
    ]
    # The header row is not a row of its own, and each quote is the row's cells, one per line.
    assert rows[1].verbatim == "Help and protection\nRequires improvement to be good\nUnchanged"
    assert all(b.heading.endswith("Minutes:") for b in rows)


def test_table_cell_spanning_two_rows_leaves_the_next_row_its_own_headers(tmp_path):
    doc = _load(
        tmp_path,
        "<main><h1>Action plan</h1><table>"
        "<thead><tr><th>Area</th><th>Action</th><th>Lead</th></tr></thead>"
        '<tr><td rowspan="2">Disabled children</td><td>Audit every child\'s plan</td><td>Head of Service</td></tr>'
        "<tr><td>Train staff in communication methods</td><td>Principal Social Worker</td></tr>"
        "<tr><td>Written records</td><td>Monthly audits</td><td>Service Manager</td></tr>"
        "</table></main>",
    )
    assert [b.text for b in doc.blocks] == [
        "Area: Disabled children — Action: Audit every child's plan — Lead: Head of Service",
        "Action: Train staff in communication methods — Lead: Principal Social Worker",
        "Area: Written records — Action: Monthly audits — Lead: Service Manager",
    ]


# --- (b) news article: the hard case -------------------------------------------------------


def test_news_article_without_any_class_or_id_still_loses_its_jobs_teasers_and_cookie_text(tmp_path):
    # The jobs widget, the "related" teaser and the newsletter box sit in plain <div>s after
    # the story; with no class or id on the page only where the prose is can tell them apart.
    html = _strip_hints(NEWS_ARTICLE.html)
    assert 'class="story"' not in html and "onetrust" not in html
    doc = _load(tmp_path, html, "news.html")
    assert [b.text for b in doc.blocks] == NEWS_ARTICLE.content
    assert {b.heading for b in doc.blocks} == {"Children's services in Northfield rated 'Good'"}
    assert doc.title == "Children's services in Northfield rated 'Good'"


def test_news_article_inside_main_still_loses_what_follows_the_story(tmp_path):
    html = NEWS_ARTICLE.html.replace('<div id="page">', '<main><div id="page">').replace('<div id="foot">', '</main><div id="foot">')
    doc = _load(tmp_path, html, "news.html")
    assert [b.text for b in doc.blocks] == NEWS_ARTICLE.content


# --- (c) a document with no chrome: everything stays -----------------------------------------


def test_word_document_saved_as_a_web_page_keeps_every_line_in_order(tmp_path):
    doc = _load(tmp_path, PLAIN_DOCUMENT.html, "notes.htm")
    assert [b.text for b in doc.blocks] == [
        "Children's Services Improvement Board",
        "Notes of the meeting held on 3 November 2022",
        "Present: Councillor Shah (Chair), Councillor Ahmed, Tom Reeve.",
        "Apologies were received from the Director of Education.",
        "The Board reviewed progress against each of the five actions.",
        "Audits of written records will be repeated in January.",
        "Action: Written records — Status: On track",
        "Action: Disabled children — Status: Behind schedule",
        "Agreed.",
        "Report to Cabinet in March.",
        "Date of next meeting: 8 December 2022.",
    ]
    # Word marks the title with its Title style, and a header row by making it bold.
    assert doc.title == "Children's Services Improvement Board"
    assert [b.heading for b in doc.blocks if b.is_table_row] == ["2. Progress against the action plan"] * 2


# --- (d) minutes laid out in tables ------------------------------------------------------------


def test_table_layout_keeps_the_content_column_as_text_not_as_table_rows(tmp_path):
    doc = _load(tmp_path, TABLE_LAYOUT_MINUTES.html, "minutes.html")
    assert not any(b.is_table_row for b in doc.blocks)
    texts = [b.text for b in doc.blocks]
    # Both agenda items, in order, each a block of its own.
    first, second = texts.index("Minutes of the previous meeting"), texts.index("Ofsted action plan: progress update")
    assert first < texts.index("RESOLVED: That the minutes of the meeting held on 13 October 2022 be approved as a correct record.") < second
    assert second < texts.index("RESOLVED: That the progress update be noted.")
    assert all(b.heading == "Agenda and minutes > Corporate Parenting Panel - Thursday, 8th December, 2022 6.30 pm" for b in doc.blocks)


# --- scripts, styles and deep nesting ------------------------------------------------------------


@pytest.mark.parametrize("wrapper", ["<main>{}</main>", "{}", "<div><a href='/'>Home</a><a href='/x'>News</a></div><div>{}</div>"])
def test_script_style_and_template_content_never_appears(tmp_path, wrapper):
    body = (
        "<h1>Scrutiny committee</h1>"
        "<p>Members noted the inspection report.<script>var hidden = 'script words';</script></p>"
        '<script type="application/ld+json">{"headline": "json words"}</script>'
        "<style>p { content: 'style words'; }</style><noscript>Enable JavaScript words</noscript>"
        "<template><p>template words</p></template><!-- comment words -->"
        "<p>The Chair thanked officers for the report, which was clear and complete.</p>"
    )
    doc = _load(tmp_path, f"<html><head><script>head words</script></head><body>{wrapper.format(body)}</body></html>")
    everything = _everything(doc)
    assert "Members noted the inspection report." in everything
    for hidden in ("script words", "json words", "style words", "JavaScript words", "template words", "comment words", "head words"):
        assert hidden not in everything


def _with_recursion_limit(limit: int):
    import contextlib
    import sys

    @contextlib.contextmanager
    def limited():
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(len(__import__("inspect").stack()) + limit)
        try:
            yield
        finally:
            sys.setrecursionlimit(old)

    return limited()


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 5000 + "<p>The committee noted the report.</p>" + "</div>" * 5000 + "</body></html>",
        "<html><body><a href='/'>Home</a><a href='/m'>Menu</a>" + "<div>" * 5000 + "<p>The committee noted the report.</p>" + "</div>" * 5000 + "</body></html>",
        "<html><body>" + "<table><tr><td>" * 300 + "<p>The committee noted the report.</p>" + "</td></tr></table>" * 300 + "</body></html>",
        "<html><body><p>" + "<span>" * 5000 + "The committee noted the report." + "</span>" * 5000 + "</p></body></html>",
    ],
    ids=["divs", "divs-with-links", "tables", "inline-spans"],
)
def test_deeply_nested_html_loads_without_recursion(tmp_path, html):
    # Far less stack than the nesting is deep: only a loader that never recurses gets through
    # (one that did would fail with LoadError, "nested too deeply", rather than crash).
    path = tmp_path / "deep.html"
    path.write_text(html, encoding="utf-8")
    with _with_recursion_limit(150):
        doc = load(path, "deep.html")
    assert [b.text for b in doc.blocks][-1] == "The committee noted the report."
    assert "Home" not in _everything(doc)


# --- rules that must not throw content away -----------------------------------------------------


def test_an_articles_own_header_is_kept_and_the_sites_header_is_not(tmp_path):
    doc = _load(
        tmp_path,
        "<header><p>Westvale District Council site header</p></header>"
        "<article><header><h1>Fostering review</h1><p>Published 3 March 2023</p></header>"
        "<p>The review found that foster carers wanted more training.</p></article>",
    )
    assert doc.title == "Fostering review"
    assert [b.text for b in doc.blocks] == ["Published 3 March 2023", "The review found that foster carers wanted more training."]


def test_an_aria_label_that_merely_contains_a_chrome_word_keeps_its_content(tmp_path):
    doc = _load(
        tmp_path,
        '<main><h1>Performance</h1><section aria-label="Share of children seen within a day">'
        "<p>Nine in ten children were seen within a day of a referral.</p></section>"
        '<div aria-label="Cookie consent"><p>We use cookies on this site.</p></div></main>',
    )
    assert [b.text for b in doc.blocks] == ["Nine in ten children were seen within a day of a referral."]
