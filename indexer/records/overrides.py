"""Grades a person wrote in a document's sidecar (or front matter) replace the detected ones in
its inspection records, as they do in its metadata: detection is sometimes wrong, and a wrong
grade is the one mistake the records must let people correct."""

from __future__ import annotations

from pathlib import Path

from indexer.loaders.common import LoadError
from indexer.metadata import _FIND, read_override
from indexer.records.grades import area_named
from indexer.records.terms import grade_of
from indexer.records.types import Citation, FindingSource, GradeFinding


def override_grades(path: Path, source: str, data: bytes | None = None, sidecar=_FIND) -> list[GradeFinding] | None:
    """The grades the override states, cited to the sidecar's own line; None when it states
    none. A name that is not a judgement area or a grade fails the file, naming the field.
    `data` and `sidecar` are the bytes the pipeline already read (one read of each file)."""
    given = read_override(path, data, sidecar)
    if given is None or given.grades is None:
        return None
    if sidecar is _FIND:
        from indexer.metadata import read_sidecar

        sidecar = read_sidecar(path)
    name = sidecar.path.name if sidecar else None
    where = name if name else f"the front matter of {path.name}"
    cited_as = source + name[len(path.name):] if name else source
    findings = []
    for area_name, grade_name in given.grades.items():
        area, grade = area_named(str(area_name)), grade_of(str(grade_name))
        if area is None:
            raise LoadError(f"{where}: field 'grades.{area_name}': not a judgement area (e.g. Overall effectiveness, Help and protection)")
        if grade is None:
            raise LoadError(
                f"{where}: field 'grades.{area_name}': '{grade_name}' is not a grade "
                "(Outstanding, Good, Requires improvement to be good, Inadequate)"
            )
        quote = f"{area_name}: {grade_name}"
        findings.append(GradeFinding(area=area, grade=grade, how=FindingSource.OVERRIDE, citation=Citation(source=cited_as, quote=quote)))
    return findings
