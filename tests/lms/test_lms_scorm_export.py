"""SCORM 1.2 packages, read as a learning platform reads them: the zip, the manifest, the page it plays.

The manifest is validated against IMS's and ADL's own schemas (tests/lms/scorm12_schemas/, from the
npm registry, with the `xmlschema` package); the page is checked for anything it would fetch from
outside the package. What the runtime records is proven in Chromium (test_lms_scorm_browser.py).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import xmlschema
from support import ROOT

from benchmarks.budgets import load_budgets
from build_tools import lms, models, urls
from build_tools.__main__ import main
from build_tools.client_data import quiz_version
from build_tools.lms import scorm
from build_tools.lms.bundle import BundleError, bundle
from build_tools.project import Project

SCHEMAS = Path(__file__).with_name("scorm12_schemas")
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
SITE_URL = "https://playbook.example.com/client-craft/"
PACKAGE_FILES = {"imsmanifest.xml", "index.html", "client-craft.js", "client-craft.css"}
BUDGET_BYTES = load_budgets().scorm_package_zip_kb * 1000


@pytest.fixture(scope="module")
def manifest_schema() -> xmlschema.XMLSchema:
    """IMS CP 1.1.2 with ADL's SCORM 1.2 extensions.

    IMS's ims_xml.xsd binds the default namespace to the XML namespace, which Namespaces in XML
    forbids and today's parsers refuse; it only declares xml:lang, so xmlschema's own copy of the
    W3C schema for that namespace stands in for it.
    """
    xml_xsd = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"
    return xmlschema.XMLSchema([(SCHEMAS / "imscp_rootv1p1p2.xsd").resolve().as_uri(),
                                (SCHEMAS / "adlcp_rootv1p2.xsd").resolve().as_uri()],
                               uri_mapper=lambda url: xml_xsd.as_uri() if url.endswith("/ims_xml.xsd") else url)


@pytest.fixture(scope="module")
def packages(project: Project) -> dict[str, dict[str, bytes]]:
    """Every package of the real content, unzipped: quiz id → file name → bytes."""
    site = lms.Site(project, SITE_URL)
    unzipped = {}
    for quiz in project.quizzes.values():
        result = lms.export(quiz, "scorm12", site)
        with zipfile.ZipFile(io.BytesIO(result.content)) as archive:
            assert archive.testzip() is None
            unzipped[quiz.id] = {name: archive.read(name) for name in archive.namelist()}
    return unzipped


def test_every_quiz_and_self_assessment_has_a_package_under_budget(project: Project) -> None:
    site = lms.Site(project, SITE_URL)
    kinds = set()
    for quiz in project.quizzes.values():
        result = lms.export(quiz, "scorm12", site)
        kinds.add(quiz.kind)
        assert result.filename == f"{quiz.id}-scorm12.zip" and not result.skipped
        assert result.questions == len(quiz.questions if isinstance(quiz, models.Quiz) else quiz.items)
        assert len(result.content) < BUDGET_BYTES, f"{quiz.id}: {len(result.content)} bytes"
        assert lms.export(quiz, "scorm12", lms.Site(project, SITE_URL)).content == result.content  # reproducible
    assert kinds == {"knowledge", "assessment"}


def test_the_manifest_is_valid_scorm_12_with_one_sco_listing_every_file(
        project: Project, packages: dict[str, dict[str, bytes]], manifest_schema: xmlschema.XMLSchema) -> None:
    for quiz_id, files in packages.items():
        quiz = project.quizzes[quiz_id]
        assert set(files) == PACKAGE_FILES, quiz_id
        text = files["imsmanifest.xml"].decode("utf-8")
        manifest_schema.validate(text)
        root = ET.fromstring(text)
        assert root.tag == f"{CP}manifest" and root.get("identifier") == f"client-craft-{quiz_id}"
        assert root.get("version") == quiz_version(project, quiz)
        assert "imscp_rootv1p1p2.xsd" in root.get(f"{XSI}schemaLocation")
        assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
        assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
        organizations = root.find(f"{CP}organizations")
        (organization,) = organizations.findall(f"{CP}organization")
        assert organizations.get("default") == organization.get("identifier")
        assert organization.findtext(f"{CP}title") == quiz.title
        (item,) = organization.findall(f"{CP}item")
        assert item.findtext(f"{CP}title") == quiz.title
        mastery = item.findtext(f"{ADLCP}masteryscore")
        assert mastery == (str(quiz.pass_mark) if isinstance(quiz, models.Quiz) else None)
        (resource,) = root.findall(f"{CP}resources/{CP}resource")
        assert item.get("identifierref") == resource.get("identifier")
        assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("type") == "webcontent"
        assert resource.get("href") == "index.html"
        listed = [file.get("href") for file in resource.findall(f"{CP}file")]
        assert sorted(listed) == sorted(PACKAGE_FILES - {"imsmanifest.xml"})


@pytest.mark.parametrize(("change", "reason"), [
    (('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'), "scormtype"),
    (("<organizations ", "<organisations "), "organisations"),
    (('identifier="sco"', 'identifier="1sco"'), "1sco"),
])
def test_the_schema_check_catches_a_broken_manifest(packages: dict[str, dict[str, bytes]],
                                                    manifest_schema: xmlschema.XMLSchema,
                                                    change: tuple[str, str], reason: str) -> None:
    text = next(iter(packages.values()))["imsmanifest.xml"].decode("utf-8")
    broken = text.replace(*change).replace("</organizations>", "</organisations>" if "organisations" in
                                           change[1] else "</organizations>")
    assert broken != text
    errors = list(manifest_schema.iter_errors(broken))
    assert errors and reason in str(errors[0])


class _Page(HTMLParser):
    """What a page would fetch (src, stylesheet href) and where its links lead."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[tuple[str, str | None]] = []
        self.modules = 0
        self.handlers: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [name for name in values if name.startswith("on")]
        if values.get("src"):
            self.fetched.append(values["src"])
        if tag == "link":
            self.fetched.append(values["href"])
        if tag == "a" and values.get("href"):
            self.links.append((values["href"], values.get("target")))
        if tag == "script":
            self.modules += values.get("type") == "module"
            self._in_script = not values.get("src") and values.get("type") is None

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def test_the_page_fetches_nothing_outside_its_package(packages: dict[str, dict[str, bytes]]) -> None:
    for quiz_id, files in packages.items():
        page = _Page()
        page.feed(files["index.html"].decode("utf-8"))
        assert sorted(page.fetched) == ["client-craft.css", "client-craft.js"], quiz_id
        assert page.modules == 0 and page.handlers == []  # a classic script: it also runs from a folder
        # The only inline script marks that scripts can run, before the first paint (as on the site).
        assert page.inline_scripts == ['document.documentElement.setAttribute("data-cc-scripts", "")']
        for href, target in page.links:
            assert href.startswith(SITE_URL) and target == "_blank" or href.startswith("#"), (quiz_id, href)
        css = files["client-craft.css"].decode("utf-8")
        assert not re.search(r"url\(|@import", css), "the styles fetch nothing"
        assert "import(" not in files["client-craft.js"].decode("utf-8")


def test_the_page_carries_the_site_pages_quiz_and_version(project: Project,
                                                          packages: dict[str, dict[str, bytes]]) -> None:
    for quiz_id, files in packages.items():
        quiz = project.quizzes[quiz_id]
        text = files["index.html"].decode("utf-8")
        data = json.loads(re.search(r"<script type=\"application/json\" data-quiz-data>(.*?)</script>", text,
                                    re.S).group(1))
        # The version of the site's page, so results from the platform and from the site are one quiz.
        assert data["version"] == quiz_version(project, quiz)
        assert f'data-quiz-id="{quiz_id}"' in text and f"<h1>{quiz.title}</h1>" in text.replace("&#39;", "'")
        entries = quiz.questions if isinstance(quiz, models.Quiz) else quiz.items
        assert text.count("data-question-id=") == len(entries)
        for guide in data["guides"].values():
            assert guide["url"].startswith(SITE_URL)
        settings = json.loads(re.search(r"data-scorm-data>(.*?)</script>", text, re.S).group(1))
        assert set(settings["strings"]) == {"connected", "none", "not_started", "refused", "too_long"}


def test_without_a_site_url_the_guides_are_named_not_linked(project: Project) -> None:
    quiz = project.quizzes["quiz-delivering"]
    with zipfile.ZipFile(io.BytesIO(lms.export(quiz, "scorm12", lms.Site(project)).content)) as archive:
        text = archive.read("index.html").decode("utf-8")
    page = _Page()
    page.feed(text)
    assert all(href.startswith("#") for href, _ in page.links)
    first_guide = project.guides[quiz.questions[0].guides[0]].title
    assert f"Tests the guides: {first_guide}" in text.replace("&#39;", "'")


def test_suspend_data_stays_under_scorm_12s_limit_for_any_quiz_the_models_allow(project: Project) -> None:
    """4,096 characters: the bound of the compact record, for today's quizzes and the largest possible."""
    for quiz in project.quizzes.values():
        assert scorm.suspend_data_bound(quiz) < scorm.SUSPEND_DATA_LIMIT
    long_id = "q" * 64
    options = [{"id": f"{long_id[:60]}{n:04d}", "text": "An option.", "feedback": "Why."} for n in range(8)]
    largest = models.Quiz.model_validate({
        "schema_version": 1, "last_reviewed": "2026-11-01", "kind": "knowledge", "id": "largest",
        "title": "Largest", "description": "As large as the models allow.", "pass_mark": 60, "mode": "per_question",
        "questions": [{"id": f"{long_id[:60]}{n:04d}", "type": "multiple", "prompt": "Which?", "options": options,
                       "guides": ["some-guide"], "explanation": "Because."} for n in range(60)]})
    assert scorm.suspend_data_bound(largest) < scorm.SUSPEND_DATA_LIMIT
    assessment = project.quizzes["my-client-habits"]
    items = [{**assessment.items[0].model_dump(), "id": f"item-{n}"} for n in range(80)]
    biggest = models.Assessment.model_validate({**assessment.model_dump(), "items": items})
    assert scorm.suspend_data_bound(biggest) < scorm.SUSPEND_DATA_LIMIT


def test_the_site_ships_every_package_and_each_quiz_page_links_it(real_site: Path, project: Project) -> None:
    for quiz in project.quizzes.values():
        package = real_site / urls.quiz_export_scorm(quiz.id)
        assert package.is_file() and zipfile.is_zipfile(package)
        page = (real_site / urls.Urls(False).output_file(urls.quiz_page(quiz.id))).read_text(encoding="utf-8")
        assert f'href="export/{quiz.id}-scorm12.zip" download>SCORM 1.2 package' in page


def test_the_cli_writes_one_package_per_quiz_and_self_assessment(tmp_path: Path, project: Project,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "packages"
    assert main(["export", "--format", "scorm12", "-o", str(out), "--root", str(ROOT),
                 "--site-url", SITE_URL]) == 0
    written = capsys.readouterr().out.splitlines()
    assert sorted(path.name for path in out.iterdir()) == sorted(f"{q}-scorm12.zip" for q in project.quizzes)
    assert f"wrote {out / 'client-fit-scorm12.zip'} (19 statements)" in written
    habits = project.quizzes["quiz-delivering"]
    assert f"wrote {out / 'quiz-delivering-scorm12.zip'} ({len(habits.questions)} questions)" in written
    site = lms.Site(project, SITE_URL)
    assert (out / "quiz-delivering-scorm12.zip").read_bytes() == lms.export(habits, "scorm12", site).content


def test_the_cli_refuses_a_site_url_that_is_not_an_address(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "scorm12", "-o", str(tmp_path / "out"), "--root", str(ROOT),
                 "--site-url", "playbook.example.com"]) == 2
    assert capsys.readouterr().err == ("--site-url playbook.example.com: give the site's full address, e.g. "
                                       "https://playbook.example.com/; nothing was written\n")
    assert not (tmp_path / "out").exists()


def test_the_cli_says_when_the_packages_cannot_link_the_guides(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "quizzes", root / "quizzes")
    assert main(["export", "--format", "scorm12", "client-fit", "-o", str(tmp_path / "out"),
                 "--root", str(root)]) == 0
    assert capsys.readouterr().err == ("note: no site_url in mkdocs.yml and no --site-url, so the packages name the "
                                       "guides without linking them\n")


# --- the bundle: our modules as one classic script --------------------------------------------


def _run(script: str) -> str:
    node = shutil.which("node")
    assert node, "these tests need Node (make test installs it with npm)"
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_bundle_runs_each_module_once_after_what_it_imports() -> None:
    sources = {
        "main.js": 'import { greet, NAME as who } from "./words.js";\nimport { count } from "./count.js";\n'
                   'console.log(greet(who), count());\n',
        "words.js": 'import { count } from "./count.js";\nexport const NAME = "world";\n'
                    'export function greet(name) { count(); return `hello ${name}`; }\n',
        "count.js": 'let calls = 0;\nconsole.log("count.js runs");\nexport const count = () => ++calls;\n',
    }
    script = bundle(["main.js"], sources.__getitem__)
    assert "import" not in script and "export" not in script
    assert _run(script) == "count.js runs\nhello world 2\n"


@pytest.mark.parametrize(("source", "form"), [
    ('export default function main() {}\n', "export default"),
    ('const a = 1;\nexport { a };\n', "export { a }"),
    ('import * as all from "./x.js";\n', "import * as"),
    ('const later = () => import("./x.js");\n', "dynamic import"),
])
def test_the_bundle_refuses_a_form_it_cannot_translate(source: str, form: str) -> None:
    with pytest.raises(BundleError) as caught:
        bundle(["odd.js"], {"odd.js": source}.__getitem__)
    line = source.count("\n", 0, source.find("import" if "import" in form else "export")) + 1
    assert str(caught.value) == (f"odd.js: line {line}: an import or export form the package bundle cannot "
                                 f"translate (use `import {{ … }} from \"./x.js\"` and `export function|const`)")


def test_the_package_script_parses_and_holds_no_module_syntax(packages: dict[str, dict[str, bytes]]) -> None:
    script = next(iter(packages.values()))["client-craft.js"].decode("utf-8")
    _run(f"new Function({json.dumps(script)});")  # parses as a classic script body
