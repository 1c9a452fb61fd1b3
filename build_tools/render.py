"""Render the Project into Markdown pages (with HTML blocks) that Material styles.

Templates are Jinja2 with autoescaping on: every text from YAML is escaped, and only
fields declared as inline Markdown are turned into markup, by a Markdown instance that
treats HTML as text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2
from babel import Locale
from markupsafe import Markup

from . import catalog, client_data, lms, models, urls
from .compiled_templates import COMPILED_TEMPLATES
from .formats import file_formats
from .i18n.marks import unmarked, wholly_marked
from .markup import TextOnlyMarkdown, front_matter_value, json_for_script, plain_text
from .path import OnboardingPath, Step, onboarding_path
from .pdf import page_url
from .project import Project
from .results.site_data import site_data

TEMPLATES = Path(__file__).parent / "templates"
# Words per minute of a careful first reading of practical guidance (adult silent reading of
# non-fiction runs at about 240; a new hire stops to think about the phrases and pitfalls).
READING_WORDS_PER_MINUTE = 200
# Chinese is written without spaces: a careful reader takes in about 350 characters a minute, so
# 1.75 characters count as one word of the rate above.
CHARACTERS_PER_WORD = {"zh": 1.75}


def reading_units(texts: list[str]) -> int:
    """How many words `texts` hold for the reading rate, in the current language."""
    per_word = CHARACTERS_PER_WORD.get(catalog.current().language)
    if per_word is None:
        return sum(len(text.split()) for text in texts)
    return round(sum(len("".join(text.split())) for text in texts) / per_word)


def language_name(code: str) -> str:
    """The name of a source's language, in the language of the site (`Vietnamese`, `Tiếng Việt`)."""
    if catalog.current().language == "en":
        return models.LANGUAGES[code]
    name = Locale.parse(catalog.current().locale).languages.get(code, models.LANGUAGES[code])
    return LANGUAGE_NAME_FORM.get(catalog.current().language, "{name}").format(name=name[:1].upper() + name[1:])


# A source's language code (models.LANGUAGES) for an edition's code: Norwegian Bokmål (`nb`) is the
# written Norwegian (`no`) of the Norwegian source.
SOURCE_LANGUAGE = {"nb": "no", "nn": "no"}
# CLDR names a language by its country's name in Indonesian ("Vietnam"); in running text it is "bahasa Vietnam".
LANGUAGE_NAME_FORM = {"id": "Bahasa {name}"}


@dataclass(frozen=True)
class RenderedPage:
    """A generated page: where it goes, its plain-text title and its Markdown."""

    src_uri: str
    title: str
    markdown: str


@dataclass(frozen=True)
class NavEntry:
    """One entry of the site navigation: a page, or a section with children."""

    title: str
    src_uri: str | None = None
    children: tuple[NavEntry, ...] = ()


class Renderer:
    """Renders every page of the site from one Project."""

    def __init__(self, project: Project, *, directory_urls: bool = True, site_url: str = ""):
        self.project = project
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        # Built once: looking it up per guide page keeps rendering linear in the content.
        self._checklists_by_guide: dict[str, list[models.Checklist]] = {}
        for checklist in project.checklists.values():
            for guide_id in dict.fromkeys(item.guide for section in checklist.sections for item in section.items):
                self._checklists_by_guide.setdefault(guide_id, []).append(checklist)
        self._guides_by_entry = {entry.id: guides for entry, guides in project.contested}
        self.urls = urls.Urls(directory_urls)
        self.route = onboarding_path(project)
        pages = self._path_pages()
        self._next = dict(zip((src for src, _ in pages), pages[1:], strict=False))
        self._markdown = TextOnlyMarkdown()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=COMPILED_TEMPLATES,  # an environment per edition, the templates compiled once
        )
        self.env.filters.update(
            md=self._block,
            md_inline=self._markdown.inline,
            fm=front_matter_value,
            plain=plain_text,
            json_script=json_for_script,
            long_date=catalog.long_date,
        )
        self.env.globals.update(
            t=catalog.t,
            project=project,
            pages=urls,
            language_name=language_name,
            edition_source_language=SOURCE_LANGUAGE.get(catalog.current().language, catalog.current().language),
            minutes_of=self.minutes_of,
            guide_src=self.guide_src,
            checklists_using=self.checklists_using,
            guides_showing=self.guides_showing,
            changed_page=self.changed_page,
            ordering_start=ordering_start,
            route=self.route,
            reading_minutes=self.reading_minutes,
            checklist_items=checklist_items,
            next_step=self._next.get,
            script_strings=catalog.script_strings(),
        )

    # --- helpers shared by templates ---------------------------------------------------

    def _block(self, text: str) -> Markup:
        """Markdown paragraphs; English left in an edition over several paragraphs gets one lang="en" block."""
        if wholly_marked(text) and "\n\n" in text.strip():
            return Markup('<div lang="en">') + self._markdown.block(unmarked(text)) + Markup("</div>")
        return self._markdown.block(text)

    def minutes_of(self, quiz: models.Quiz | models.Assessment) -> int:
        """Declared minutes, or one per question / one per four statements."""
        if quiz.minutes:
            return quiz.minutes
        if isinstance(quiz, models.Quiz):
            return max(1, len(quiz.questions))
        return max(1, (len(quiz.items) + 3) // 4)

    def reading_minutes(self, guide: models.Guide) -> int:
        """Minutes a careful first reading of the guide takes, with the contested boxes it shows."""
        texts = [guide.summary, guide.why, *guide.steps, *guide.pitfalls]
        texts += [text for phrase in guide.phrases for text in (phrase.situation, phrase.say)]
        texts += [text for entry in self.project.contested_of(guide)
                  for text in (entry.title, entry.claim, entry.concern, entry.recommendation)]
        return max(1, -(-reading_units(texts) // READING_WORDS_PER_MINUTE))

    def _path_pages(self) -> list[tuple[str, str]]:
        """(source path, title as a next step) of every page on the path, in order, ending at My progress."""
        def title(step: Step) -> str:
            if step.kind == "chapter":
                return catalog.t("home.stage", number=step.stage, title=step.item.title)
            if step.kind == "checklist":
                return catalog.t("nav.checklist", title=step.item.title)
            return step.item.title

        return [(step.src, title(step)) for step in self.route.steps] + [(urls.PROGRESS, catalog.t("progress.title"))]

    def guide_src(self, guide_id: str) -> str:
        """Source path of a guide's page."""
        return urls.guide_page(self.project.chapter_of_guide[guide_id], guide_id)

    def checklists_using(self, guide_id: str) -> list[models.Checklist]:
        """The checklists with an item drawn from the guide, in checklist order."""
        return self._checklists_by_guide.get(guide_id, [])

    def guides_showing(self, entry_id: str) -> list[models.Guide]:
        """The guides that show a contested entry, in reading order."""
        return self._guides_by_entry.get(entry_id, [])

    def changed_page(self, page: str) -> tuple[str, str]:
        """(source path, title) of a page named in the change log: `guide/<id>`, `sources`…"""
        project = self.project
        if page == "sources":
            return urls.SOURCES, catalog.t("sources.title")
        if page == "disagreements":
            return urls.DISAGREEMENTS, catalog.t("disagreements.title")
        kind, page_id = page.split("/")
        if kind == "guide":
            return self.guide_src(page_id), project.guides[page_id].title
        if kind == "checklist":
            return urls.checklist_page(page_id), project.checklists[page_id].title
        if kind == "quiz":
            return urls.quiz_page(page_id), project.quizzes[page_id].title
        return urls.chapter_page(page_id), project.chapter_by_id[page_id].title

    def quiz_client_data(self, quiz: models.Quiz | models.Assessment, src: str) -> dict:
        """Everything the quiz script needs, as JSON: the scoring key, texts and links."""
        return client_data.quiz_client_data(
            self.project, quiz, link=lambda to_src: self.urls.relative(src, to_src), guide_src=self.guide_src,
        )

    def progress_data(self) -> dict:
        """What My progress needs beside the page: titles of everything tracked, and the path's stages."""
        quizzes: dict[str, dict] = {}
        for quiz in self.project.quizzes_in_order():
            entry: dict = {"title": quiz.title, "kind": quiz.kind}
            if isinstance(quiz, models.Assessment):
                entry["bands"] = {band.id: band.label for band in quiz.overall_bands}
            quizzes[quiz.id] = entry
        route = self.route
        return {
            "quizzes": quizzes,
            "guides": {guide.id: guide.title for stage in route.stages for guide in stage.guides},
            "checklists": {c.id: {"title": c.title, "total": checklist_items(c)} for _, c in route.checklists_by_stage},
            "stages": [{"chapter": stage.chapter.id, "guides": [guide.id for guide in stage.guides],
                        "checklists": [c.id for c in stage.checklists], "quizzes": [q.id for q in stage.quizzes]}
                       for stage in route.stages],
            "final": [quiz.id for quiz in route.final_checks],
            "strings": catalog.strings("progress"),
        }

    def exports_of(self, quiz: models.Quiz | models.Assessment) -> list[tuple[str, str]]:
        """(label, path) of the learning-platform exports of a quiz or self-assessment."""
        labels = {"gift": catalog.t("quiz.export_gift"), "qti21": catalog.t("quiz.export_qti"),
                  "scorm12": catalog.t("quiz.export_scorm")}
        return [(labels[fmt], path) for fmt, path in lms.site_export_paths(quiz)]

    def _render(self, template: str, src_uri: str, title: str, **context: object) -> RenderedPage:
        def link(to_src: str, anchor: str = "") -> str:
            return self.urls.relative(src_uri, to_src, anchor)

        def asset(path: str) -> str:
            return self.urls.relative(src_uri, f"{urls.ASSETS}/{path}")

        text = self.env.get_template(template).render(src_uri=src_uri, link=link, asset=asset, title=title,
                                                        **context)
        return RenderedPage(src_uri, title, text)

    def package_page(self, quiz: models.Quiz | models.Assessment, *, script: str, stylesheet: str,
                     settings: dict) -> tuple[dict, str]:
        """(the quiz's page data, the standalone HTML page of its SCORM package).

        The page sits outside the site, so its links to guides and checklists are the site's full
        addresses (or none without a site_url); `settings` go to the platform bridge as JSON.
        """
        def link(to_src: str, anchor: str = "") -> str:
            address = page_url(to_src, self.site_url, directory_urls=self.urls.directory_urls)
            return address + f"#{anchor}" if address and anchor else address

        data = client_data.quiz_client_data(self.project, quiz, link=link, guide_src=self.guide_src)
        page = self.env.get_template("scorm12.html.j2").render(
            quiz=quiz, client_data=client_data.without_option_texts(data), version=data["version"], link=link,
            script=script, stylesheet=stylesheet, scorm_data=settings, site_url=self.site_url)
        return data, page

    # --- pages --------------------------------------------------------------------------

    def pages(self) -> list[RenderedPage]:
        """Every generated page, in navigation order."""
        project = self.project
        pages = [self._render("home.md.j2", urls.HOME, "Client Craft")]
        for chapter in project.chapters:
            chapter_src = urls.chapter_page(chapter.id)
            stage = self.route.stage_of(chapter.id)
            pages.append(self._render("chapter.md.j2", chapter_src, chapter.title, chapter=chapter, stage=stage,
                                      stage_number=self.route.stages.index(stage) + 1))
            for guide in project.guides_of(chapter):
                pages.append(self._render("guide.md.j2", urls.guide_page(chapter.id, guide.id), guide.title,
                                          guide=guide, chapter=chapter, chapter_src=chapter_src))
        pages.append(self._render("checklists.md.j2", urls.CHECKLISTS, catalog.t("checklists.title")))
        for checklist in project.checklists.values():
            src = urls.checklist_page(checklist.id)
            pages.append(self._render("checklist.md.j2", src, checklist.title, checklist=checklist,
                                      page_url=self.site_url + self.urls.url(src)))
        pages.append(self._render("quizzes.md.j2", urls.QUIZZES, catalog.t("quizzes.title")))
        for quiz in project.quizzes.values():
            template = "quiz.md.j2" if isinstance(quiz, models.Quiz) else "assessment.md.j2"
            src = urls.quiz_page(quiz.id)
            data = self.quiz_client_data(quiz, src)
            pages.append(self._render(template, src, quiz.title, quiz=quiz,
                                      client_data=client_data.without_option_texts(data),
                                      version=data["version"], exports=self.exports_of(quiz)))
        pages.append(self._render("progress.md.j2", urls.PROGRESS, catalog.t("progress.title"),
                                  progress_data=self.progress_data()))
        pages.append(self._render("team.md.j2", urls.TEAM, catalog.t("team.title"),
                                  team_data={"site": site_data(project), "strings": catalog.strings("team")}))
        pages.append(self._render("sources.md.j2", urls.SOURCES, catalog.t("sources.title")))
        pages.append(self._render("disagreements.md.j2", urls.DISAGREEMENTS, catalog.t("disagreements.title")))
        if project.releases:
            pages.append(self._render("changes.md.j2", urls.CHANGES, catalog.t("changes.title")))
        pages.append(self._render("formats.md.j2", urls.FORMATS, catalog.t("nav.formats"), formats=file_formats()))
        return pages


def checklist_items(checklist: models.Checklist) -> int:
    """How many items a checklist has (what "done" means for it)."""
    return sum(len(section.items) for section in checklist.sections)


def ordering_start(question: models.Ordering) -> list[models.OrderStep]:
    """The order an ordering question starts in: the same on every build, with no step in its right place.

    Steps sorted by a hash of their ids; any step that lands in its right place swaps with its
    neighbour, which cannot put either of the two in place (two distinct steps). Untouched, the
    list then scores nothing, under partial scoring too.
    """
    right = question.right_order
    start = sorted(right, key=lambda step: hashlib.sha256(f"{question.id}/{step.id}".encode()).hexdigest())
    for index in range(len(start)):
        if start[index] is right[index]:
            other = index + 1 if index + 1 < len(start) else index - 1
            start[index], start[other] = start[other], start[index]
    return start


def navigation(project: Project) -> list[NavEntry]:
    """The site's navigation in the order of the onboarding path, which Previous/Next follow too.

    Each chapter holds its guides, its checklists and its quiz; then come the final check, My progress,
    the self-assessments apart from the quizzes, the indexes and references, and the team leads' pages last.
    """
    route = onboarding_path(project)
    entries = [NavEntry(catalog.t("nav.home"), urls.HOME)]
    for stage in route.stages:
        chapter = stage.chapter
        children = [NavEntry(chapter.title, urls.chapter_page(chapter.id))]
        children += [NavEntry(g.title, urls.guide_page(chapter.id, g.id)) for g in stage.guides]
        children += [NavEntry(catalog.t("nav.checklist", title=c.title), urls.checklist_page(c.id))
                     for c in stage.checklists]
        children += [NavEntry(catalog.t("nav.chapter_quiz") if len(stage.quizzes) == 1 else q.title,
                              urls.quiz_page(q.id)) for q in stage.quizzes]
        entries.append(NavEntry(chapter.title, children=tuple(children)))
    for quiz in route.final_checks:
        title = catalog.t("nav.final_check") if len(route.final_checks) == 1 else quiz.title
        entries.append(NavEntry(title, urls.quiz_page(quiz.id)))
    entries.append(NavEntry(catalog.t("progress.title"), urls.PROGRESS))
    if route.assessments:
        entries.append(NavEntry(catalog.t("nav.assessments"), children=tuple(
            NavEntry(a.title, urls.quiz_page(a.id)) for a in route.assessments)))
    entries.append(NavEntry(catalog.t("nav.checklists"), urls.CHECKLISTS))
    entries.append(NavEntry(catalog.t("nav.quizzes"), urls.QUIZZES))
    entries.append(NavEntry(catalog.t("nav.sources"), urls.SOURCES))
    entries.append(NavEntry(catalog.t("nav.disagreements"), urls.DISAGREEMENTS))
    if project.releases:
        entries.append(NavEntry(catalog.t("changes.title"), urls.CHANGES))
    entries.append(NavEntry(catalog.t("nav.leads"), children=(
        NavEntry(catalog.t("team.title"), urls.TEAM),
        NavEntry(catalog.t("nav.authors"), urls.AUTHORS),
        NavEntry(catalog.t("nav.formats"), urls.FORMATS),
    )))
    return entries


def path_steps(route: OnboardingPath) -> dict[str, dict[str, object]]:
    """Source path → {"step": "kind:id", "total": items} of every page whose state the browser tracks.

    The nav partial marks those links; a checklist's total says when it is done (every item ticked).
    Chapter pages have no state of their own; self-assessments, off the path, have one.
    """
    steps: dict[str, dict[str, object]] = {}
    for step in route.steps:
        if step.kind == "checklist":
            steps[step.src] = {"step": f"checklist:{step.item.id}", "total": checklist_items(step.item)}
        elif step.kind != "chapter":
            steps[step.src] = {"step": f"{step.kind}:{step.item.id}"}
    steps.update({urls.quiz_page(a.id): {"step": f"quiz:{a.id}"} for a in route.assessments})
    return steps
