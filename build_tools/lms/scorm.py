"""SCORM 1.2 packages: a quiz or self-assessment that runs inside a learning platform and reports to it.

GIFT and QTI hand the platform our questions to score its own way; a SCORM package hands it our
page, scored by our runtime, so ordering questions, partial credit, feedback and self-assessments
work as on the site. Each zip holds:

- `imsmanifest.xml`: SCORM 1.2 content packaging (IMS CP 1.1.2 with ADL's extensions): metadata
  "ADL SCORM" 1.2, one organization with one item, one SCO resource listing every file, and for a
  knowledge quiz its pass mark as `adlcp:masteryscore`;
- `index.html`: the quiz as on its site page, without the site around it (templates/scorm12.html.j2);
- `client-craft.js`: quiz.js, the scoring module and the platform bridge (lms/scorm12/scorm.js) as one
  classic script (lms/bundle.py), which also runs when the page is opened from a folder;
- `client-craft.css`: the quiz's styles and the few of Material's they build on (lms/scorm12/package.css).

Every file is listed in the SCO resource. The schema files the manifest names are not shipped (no
platform reads them; they would add 8 KB to a 40 KB budget): the tests validate every manifest
against them (tests/lms/scorm12_schemas/).

What the bridge records (SCORM 1.2 run-time, `cmi.*`):

- `core.lesson_status`: `incomplete` once opened; `passed`/`failed` by the pass mark (knowledge) or
  `completed` (self-assessment) on each result;
- `core.score.raw` 0–100 with `min` 0 and `max` 100: a quiz's percent rounded down to one decimal (so
  it passes the mastery score exactly when our verdict passes), a self-assessment's overall score;
- `core.session_time` (HHHH:MM:SS.SS) on each result and on leaving; `core.exit` `suspend` unless the
  attempt is finished; `suspend_data` after every answer, compact (answers by position, see scorm.js)
  so that the largest quiz the models allow stays under SCORM 1.2's 4,096 characters;
- one `interactions.n` per question: `id` (the question id), `type` (`choice`, `true-false`,
  `sequencing`, `likert`), `time`, `weighting` (points or item weight), `student_response` and
  `correct_responses.0.pattern` (options and steps as letters a, b, c… in the authored order,
  true/false as t/f, a scale point as its number and "not applicable" as 0), `result` (`correct`,
  `wrong`, the points of a partly right answer, `neutral` for a self-assessment statement).
"""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import catalog, models
from ..assets import STATIC
from ..minify import minify_css, minify_js
from ..scoring import scoring_module_source
from . import Export, Site
from .bundle import bundle
from .package import XSI, element, reproducible_zip, xml_document

RUNTIME = Path(__file__).parent / "scorm12"
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
SCHEMA_FILES = {CP: "imscp_rootv1p1p2.xsd", ADLCP: "adlcp_rootv1p2.xsd"}
PAGE, SCRIPT, STYLESHEET = "index.html", "client-craft.js", "client-craft.css"
SUSPEND_DATA_LIMIT = 4096  # characters SCORM 1.2 guarantees cmi.suspend_data can hold
# The bundle runs the bridge before the quiz, so the bridge hears the quiz open.
SCRIPT_ENTRIES = ("scorm.js", "quiz.js")
STYLES = ((RUNTIME, "package.css"), (STATIC, "base.css"), (STATIC, "quiz.css"))


def _module_source(name: str) -> str:
    if name == "scoring.js":
        return scoring_module_source()
    folder = RUNTIME if (RUNTIME / name).is_file() else STATIC
    return (folder / name).read_text(encoding="utf-8")


@functools.cache
def _runtime_files(sources: tuple[tuple[str, str], ...]) -> dict[str, bytes]:
    del sources  # the cache key: the files change while `mkdocs serve` runs
    script = minify_js(bundle(list(SCRIPT_ENTRIES), _module_source))
    styles = minify_css("\n".join((folder / name).read_text(encoding="utf-8") for folder, name in STYLES))
    return {SCRIPT: script.encode("utf-8"), STYLESHEET: styles.encode("utf-8")}


def runtime_files() -> dict[str, bytes]:
    """The files every package shares: the script and the stylesheet."""
    watched = [*(RUNTIME / name for name in ("scorm.js", "package.css")), *STATIC.glob("*.js"), *STATIC.glob("*.css")]
    return _runtime_files(tuple((str(path), path.read_text(encoding="utf-8")) for path in sorted(watched)))


_el = functools.partial(element, ns=CP)


def manifest(quiz: models.Quiz | models.Assessment, version: str, files: list[str]) -> ET.Element:
    """imsmanifest.xml: one organization, one item, one SCO resource that lists `files`."""
    locations = " ".join(f"{namespace} {name}" for namespace, name in SCHEMA_FILES.items())
    root = _el(None, "manifest", {"identifier": f"client-craft-{quiz.id}", "version": version,
                                  f"{{{XSI}}}schemaLocation": locations})
    metadata = _el(root, "metadata")
    _el(metadata, "schema", text="ADL SCORM")
    _el(metadata, "schemaversion", text="1.2")
    organizations = _el(root, "organizations", {"default": "client-craft"})
    organization = _el(organizations, "organization", {"identifier": "client-craft"})
    _el(organization, "title", text=quiz.title)
    item = _el(organization, "item", {"identifier": "quiz", "identifierref": "sco", "isvisible": "true"})
    _el(item, "title", text=quiz.title)
    if isinstance(quiz, models.Quiz):
        _el(item, "masteryscore", text=str(quiz.pass_mark), ns=ADLCP)
    resources = _el(root, "resources")
    resource = _el(resources, "resource", {"identifier": "sco", "type": "webcontent",
                                           f"{{{ADLCP}}}scormtype": "sco", "href": PAGE})
    for name in files:
        _el(resource, "file", {"href": name})
    return root


def package_files(quiz: models.Quiz | models.Assessment, site: Site) -> dict[str, bytes]:
    """Every file of the quiz's package, by path inside the zip."""
    files = runtime_files()
    data, page = site.renderer.package_page(quiz, script=SCRIPT, stylesheet=STYLESHEET,
                                            settings={"strings": catalog.strings("scorm"),
                                                      "suspend_limit": SUSPEND_DATA_LIMIT})
    files = {PAGE: page.encode("utf-8"), **files}
    files["imsmanifest.xml"] = xml_document(manifest(quiz, data["version"], [PAGE, SCRIPT, STYLESHEET]), CP,
                                            {ADLCP: "adlcp"})
    return files


def export_quiz(quiz: models.Quiz | models.Assessment, site: Site) -> Export:
    """The quiz or self-assessment as a SCORM 1.2 package (zip)."""
    count = len(quiz.questions) if isinstance(quiz, models.Quiz) else len(quiz.items)
    return Export(f"{quiz.id}-scorm12.zip", reproducible_zip(package_files(quiz, site)), count, ())


def _widest_answer(question: models.Question) -> list[int]:
    """The positions of the longest answer a question can get: every option or step, or its last option."""
    if isinstance(question, models.Ordering):
        return list(range(len(question.steps)))
    if isinstance(question, models.MultipleChoice):
        return list(range(len(question.options)))
    if isinstance(question, models.TrueFalse):
        return [1]
    return [len(question.options) - 1]


def suspend_data_bound(quiz: models.Quiz | models.Assessment) -> int:
    """The most characters the bridge can write to cmi.suspend_data for `quiz` (compact() in scorm.js).

    Every question answered with the longest answer its type allows, every question checked, and
    the longest seed, dates and attempt id.
    """
    date = "2026-12-01T17:41:37.123Z"
    if isinstance(quiz, models.Quiz):
        answers: list = [_widest_answer(question) for question in quiz.questions]
    else:
        answers = ["na"] * len(quiz.items)
    record = {"v": "0" * 12, "s": 2**32 - 1, "a": answers, "c": list(range(len(answers))), "t": date, "d": date,
              "i": "00000000-0000-4000-8000-000000000000"}
    return len(json.dumps(record, separators=(",", ":")))
