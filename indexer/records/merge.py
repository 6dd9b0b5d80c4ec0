"""Many files' extracts → one `InspectionRecord` per inspection of each council.

Which files are about one inspection: those stating the same fieldwork (a report, a plan that
quotes the report's dates) form it; a file that states none (news, minutes, a briefing) joins
the inspection of its council whose year it names or that it follows within ten months. Every
value keeps all its citations; two files stating different values give a `Conflict` and the
value is left out, so nothing is silently chosen.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from indexer.records.types import (
    AreaForImprovement,
    Citation,
    Conflict,
    ConflictValue,
    Fact,
    FileExtract,
    Grade,
    GradeFinding,
    GradeValue,
    InspectionRecord,
    InspectionType,
    JudgementArea,
)
from indexer.types import year_of

_FOLLOWS_WITHIN_DAYS = 300


def _day(iso: str) -> date | None:
    """The first day an ISO date of any precision could be."""
    parts = (iso.split("-") + ["01", "01"])[:3] if iso else []
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])) if parts else None
    except ValueError:
        return None


def _same_fieldwork(a: FileExtract, b: FileExtract) -> bool:
    x, y = _day(a.fieldwork_end.value), _day(b.fieldwork_end.value)
    return x is not None and y is not None and abs((x - y).days) <= 45 and _same_kind(a, [b])


_VISITS = {InspectionType.FOCUSED_VISIT.value, InspectionType.MONITORING_VISIT.value, InspectionType.JTAI.value}


def _same_kind(e: FileExtract, group: list[FileExtract]) -> bool:
    """A monitoring or focused visit, or a JTAI, is its own inspection: a letter about one never
    joins the record of a full inspection (nor the reverse), whatever the dates."""
    mine = e.inspection_type.value if e.inspection_type else None
    theirs = {f.inspection_type.value for f in group if f.inspection_type}
    if mine is None or not theirs:
        return True
    return (mine in _VISITS) == bool(theirs & _VISITS) and (mine not in _VISITS or mine in theirs)


def group(extracts: list[FileExtract]) -> list[list[FileExtract]]:
    """The files of each inspection, per council."""
    by_council: dict[str, list[FileExtract]] = defaultdict(list)
    for e in extracts:
        if e.authority:
            by_council[e.authority].append(e)
    groups: list[list[FileExtract]] = []
    for council in sorted(by_council):
        files = sorted(by_council[council], key=lambda e: (e.date, e.source))
        anchored: list[list[FileExtract]] = []
        for e in (f for f in files if f.fieldwork_end):
            home = next((g for g in anchored if _same_fieldwork(g[0], e)), None)
            home.append(e) if home else anchored.append([e])
        loose: dict[tuple[int, bool], list[FileExtract]] = defaultdict(list)
        for e in (f for f in files if not f.fieldwork_end and (f.about_an_inspection or f.actions)):
            home = _home_for(e, anchored)
            if home is not None:
                home.append(e)
            elif e.inspection_year:
                visit = bool(e.inspection_type and e.inspection_type.value in _VISITS)
                loose[(e.inspection_year, visit)].append(e)
        groups.extend(anchored)
        groups.extend(loose[k] for k in sorted(loose))
    return groups


def _home_for(e: FileExtract, anchored: list[list[FileExtract]]) -> list[FileExtract] | None:
    """The anchored inspection a file without fieldwork dates is about: the one in the year it
    names, else the latest it follows within ten months."""
    anchored = [g for g in anchored if _same_kind(e, g)]
    same_year = [g for g in anchored if year_of(g[0].fieldwork_end.value) == e.inspection_year]
    if len(same_year) == 1:
        return same_year[0]
    when = _day(e.published.value if e.published else e.date)
    if when is None:
        return None
    before = [(when - _day(g[0].fieldwork_end.value)).days for g in anchored]
    candidates = [(d, i) for i, d in enumerate(before) if 0 <= d <= _FOLLOWS_WITHIN_DAYS]
    return anchored[min(candidates)[1]] if candidates else None


# --- one record from its files ---------------------------------------------------------------


def _compatible(a: str, b: str) -> bool:
    """'2022-05' and '2022-05-20' say the same thing at different precisions."""
    return a.startswith(b) or b.startswith(a)


def _merge_fact(name: str, facts: list[Fact], conflicts: list[Conflict]) -> Fact | None:
    values: dict[str, list[Citation]] = {}
    for fact in facts:
        key = next((v for v in values if _compatible(v, fact.value) or v.lower() == fact.value.lower()), None)
        if key is None:
            values[fact.value] = list(fact.citations)
        else:
            citations = values.pop(key) + list(fact.citations)
            values[max(key, fact.value, key=len)] = citations  # the more precise spelling
    if not values:
        return None
    if len(values) > 1:
        conflicts.append(Conflict(field=name, values=[ConflictValue(value=v, citations=c) for v, c in values.items()]))
        return None
    (value, citations), = values.items()
    return Fact(value=value, citations=_unique(citations))


def _unique(citations: list[Citation]) -> list[Citation]:
    seen, out = set(), []
    for c in citations:
        key = (c.source, c.page, c.quote)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _report_first(files: list[FileExtract]) -> list[FileExtract]:
    return sorted(files, key=lambda e: (e.kind != "inspection report", e.date, e.source))


def merge(files: list[FileExtract], same_area, earlier: list[GradeFinding] = ()) -> InspectionRecord:
    """One inspection's record. `same_area(a, b)` says whether two areas-for-improvement texts
    are the same point worded differently (a report and the minutes that restate it). `earlier`:
    grades other files restate for this inspection (a later visit's letter); a file's own
    findings of an earlier inspection (`of_year`) are not this one's."""
    files = _report_first(files)
    conflicts: list[Conflict] = []
    record = InspectionRecord(authority=files[0].authority, sources=[f.source for f in files], year=_year_and_visit(files)[0])
    for name in ("fieldwork_start", "fieldwork_end", "published", "lead_inspector"):
        setattr(record, name, _merge_fact(name, [getattr(f, name) for f in files if getattr(f, name)], conflicts))
    kind = _merge_fact("type", [f.inspection_type for f in files if f.inspection_type], conflicts)
    if kind:
        record.type, record.type_citations = InspectionType(kind.value), kind.citations

    by_area: dict[JudgementArea, dict[Grade, list[Citation]]] = defaultdict(lambda: defaultdict(list))
    for finding in [g for f in files for g in f.grades if not g.of_year] + list(earlier):
        by_area[finding.area][finding.grade].append(finding.citation)
    for area in JudgementArea:
        if area not in by_area:
            continue
        grades = by_area[area]
        if len(grades) == 1:
            (grade, citations), = grades.items()
            record.grades[area] = GradeValue(grade=grade, citations=_unique(citations))
        else:
            conflicts.append(
                Conflict(
                    field=f"grades.{area.value}",
                    values=[ConflictValue(value=g.value, citations=_unique(c)) for g, c in grades.items()],
                )
            )

    areas: list[AreaForImprovement] = []
    # A plan's table restates the report's areas in the plan's words: the report's (or minutes')
    # own list is the inspection's when any file gives one; the plan's is used when none does.
    stated = [g for f in files for g in f.improvements if not g.from_plan_table]
    restated_only = not stated
    for f in files:
        for finding in (g for g in f.improvements if g.from_plan_table is restated_only):
            same = next((a for a in areas if same_area(a.text, finding.text)), None)
            if same:
                same.citations = _unique(same.citations + [finding.citation])
            else:
                areas.append(AreaForImprovement(number=len(areas) + 1, text=finding.text, citations=[finding.citation],
                                                from_plan_table=finding.from_plan_table))
    record.areas_for_improvement = areas
    record.conflicts = conflicts
    return record


def _year_and_visit(files: list[FileExtract]) -> tuple[int, bool]:
    anchored = next((f for f in files if f.fieldwork_end), None)
    year = year_of(anchored.fieldwork_end.value) if anchored else next((f.inspection_year for f in files if f.inspection_year), 0)
    return year, any(f.inspection_type and f.inspection_type.value in _VISITS for f in files)


def _earlier_for(groups: list[list[FileExtract]]) -> list[list[GradeFinding]]:
    """Per group, the grades other files restate for it: a finding of an earlier inspection
    (`of_year`) goes to the council's one full inspection of that year, or nowhere, never to the
    inspection of the file that states it."""
    keys = [(files[0].authority, *_year_and_visit(files)) for files in groups]
    earlier: list[list[GradeFinding]] = [[] for _ in groups]
    for files in groups:
        for finding in (g for f in files for g in f.grades if g.of_year):
            homes = [i for i, (council, year, visit) in enumerate(keys)
                     if council == files[0].authority and year == finding.of_year and not visit]
            if len(homes) == 1:
                earlier[homes[0]].append(finding)
    return earlier


def build_records(extracts: list[FileExtract], same_area) -> list[InspectionRecord]:
    groups = group(extracts)
    records = [merge(files, same_area, earlier) for files, earlier in zip(groups, _earlier_for(groups))]
    return sorted(records, key=lambda r: (r.authority, r.date))
