"""The build ships each quiz's GIFT, QTI and SCORM files (a self-assessment's SCORM package) and links them."""

from __future__ import annotations

import posixpath
import re

from build_tools import assets, catalog, models, urls
from build_tools.lms import Site, export
from build_tools.render import Renderer


def test_quiz_pages_link_the_exports_the_build_ships(project) -> None:
    renderer = Renderer(project, directory_urls=False)
    pages = {page.src_uri: page.markdown for page in renderer.pages()}
    files = assets.site_assets(project, pdf=False)
    for quiz in project.quizzes.values():
        page = pages[urls.quiz_page(quiz.id)]
        links = re.findall(r'<a href="([^"]+)" download>([^<]+)</a>', page)
        scorm = urls.quiz_export_scorm(quiz.id)
        assert scorm == f"quizzes/export/{quiz.id}-scorm12.zip"
        assert files[scorm] == export(quiz, "scorm12", Site(project)).content
        for href, _label in links:
            # The link, resolved from the page, names a file the build writes.
            target = posixpath.normpath(posixpath.join(posixpath.dirname(urls.quiz_page(quiz.id)), href))
            assert target in files, href
        if isinstance(quiz, models.Assessment):
            assert renderer.exports_of(quiz) == [(catalog.t("quiz.export_scorm"), scorm)]
            assert [label for _href, label in links] == [catalog.t("quiz.export_scorm")]
            assert catalog.t("assessment.exports") in page
            continue
        gift, qti = urls.quiz_export_gift(quiz.id), urls.quiz_export_qti(quiz.id)
        assert gift == f"quizzes/export/{quiz.id}.gift" and qti == f"quizzes/export/{quiz.id}-qti21.zip"
        labels = [catalog.t("quiz.export_gift"), catalog.t("quiz.export_qti"), catalog.t("quiz.export_scorm")]
        assert renderer.exports_of(quiz) == list(zip(labels, [gift, qti, scorm], strict=True))
        assert [label for _href, label in links] == labels
        assert files[gift] == export(quiz, "gift").content
        assert files[qti] == export(quiz, "qti21").content
        assert catalog.t("quiz.exports") in page


def test_a_quiz_of_ordering_questions_only_offers_no_gift(quiz_from, project) -> None:
    quiz = quiz_from([{"id": "order-only", "type": "ordering", "prompt": "Order.",
                       "steps": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]}])
    assert [label for label, _path in Renderer(project).exports_of(quiz)] == [catalog.t("quiz.export_qti"),
                                                                             catalog.t("quiz.export_scorm")]
