"""Checklist PDFs: page counts, extractable text, whole items, paper sizes and reproducible bytes."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from build_tools import assets, catalog, models, pdf, urls
from build_tools.path import onboarding_path
from build_tools.project import Project

SOURCE_DATE_EPOCH = "1700000000"
SITE_URL = "https://example.org/playbook/"

MM = 72 / 25.4  # PDF points per millimetre
PAPER = {"A4": (210, 297), "letter": (215.9, 279.4)}


def items_of(checklist: models.Checklist) -> list[models.ChecklistItem]:
    return [item for section in checklist.sections for item in section.items]


def page_texts(data: bytes) -> list[str]:
    """Each page's text with whitespace runs folded to one space."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


@pytest.fixture(scope="module", params=sorted(PAPER))
def paper(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def pdfs(project: Project, paper: str) -> dict[str, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        return pdf.checklist_pdfs(project, SITE_URL, page_size=paper)


def test_every_checklist_is_one_page_with_all_its_text(project: Project, pdfs: dict[str, bytes], paper: str) -> None:
    width, height = PAPER[paper]
    for checklist in project.checklists.values():
        data = pdfs[urls.checklist_pdf(checklist.id)]
        reader = PdfReader(io.BytesIO(data))
        # One sheet to take into a call, on either paper size.
        assert len(reader.pages) == 1, checklist.id
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (round(width), round(height))
        text = page_texts(data)[0]
        for expected in (checklist.title, checklist.when_to_use, catalog.t("checklist.when"),
                         catalog.t("checklist.name"), catalog.t("checklist.date"), catalog.t("checklist.client"),
                         f"{catalog.t('checklist.online')}: {SITE_URL}checklists/{checklist.id}.html"):
            assert expected in text, (checklist.id, expected)
        for section in checklist.sections:
            assert section.title in text
        for item in items_of(checklist):
            assert item.text in text, (checklist.id, item.id)
            if item.hint:
                assert item.hint in text, (checklist.id, item.id)
        assert reader.metadata.title == checklist.title


def test_booklet_is_a_title_page_then_every_checklist_from_a_new_page(project: Project,
                                                                        pdfs: dict[str, bytes]) -> None:
    # In the order of the stages of an engagement, as the checklists index has them.
    in_order = [checklist for _chapter, checklist in onboarding_path(project).checklists_by_stage]
    assert sorted(c.id for c in in_order) == sorted(project.checklists)
    booklet = page_texts(pdfs[urls.BOOKLET_PDF])
    counts = [len(PdfReader(io.BytesIO(pdfs[urls.checklist_pdf(c.id)])).pages) for c in in_order]
    assert len(booklet) == 1 + sum(counts)
    cover = booklet[0]
    assert catalog.t("checklists.title") in cover
    assert f"{catalog.t('checklist.online')}: {SITE_URL}checklists/index.html" in cover
    first_page = 2
    for checklist, count in zip(in_order, counts, strict=True):
        # The contents give each checklist's page number, and the checklist starts there.
        assert re.search(re.escape(checklist.title) + r"[ .]*" + str(first_page) + r"\b", cover), checklist.id
        assert checklist.title in booklet[first_page - 1][:80], checklist.id
        text = " ".join(booklet[first_page - 1:first_page - 1 + count])
        for item in items_of(checklist):
            assert item.text in text, (checklist.id, item.id)
        first_page += count
    outline = PdfReader(io.BytesIO(pdfs[urls.BOOKLET_PDF])).outline
    assert [entry.title for entry in outline] == [c.title for c in in_order]


def test_text_stays_inside_the_margins(project: Project, paper: str) -> None:
    import weasyprint

    width = PAPER[paper][0]
    entries = pdf._entries(project, "https://example.org/a-rather-long/site-address/", False)
    document = weasyprint.HTML(string=pdf.print_html(entries, booklet=True, page_size=paper)).render()
    right_edge = (width - 20) * 96 / 25.4 + 0.5  # CSS px; the margin is 20 mm on each side

    def boxes(box):
        yield box
        for child in getattr(box, "children", ()):
            yield from boxes(child)

    for page in document.pages:
        for box in boxes(page._page_box):
            if type(box).__name__ == "TextBox":
                assert box.position_x + box.width <= right_edge, box.text


def long_checklist(count: int = 45, per_section: int = 9) -> models.Checklist:
    """A checklist longer than a page, with wrapping items and hints, in sections as long as allowed."""
    items = [{"id": f"item-{n}", "text": f"Item {n}: " + "check this carefully before the call " * 3,
              "hint": f"Hint {n} for the item.", "guide": "g"} for n in range(count)]
    return models.Checklist.model_validate({
        "schema_version": 1, "last_reviewed": "2026-11-01",
        "id": "long", "title": "A long checklist", "when_to_use": "Testing page breaks.",
        "sections": [{"title": f"Part {start // per_section + 1}", "items": items[start:start + per_section]}
                     for start in range(0, count, per_section)],
    })


def test_no_item_splits_across_a_page_break(paper: str) -> None:
    checklist = long_checklist()
    data = pdf.checklist_pdf(pdf.PrintEntry(checklist, f"{SITE_URL}checklists/long.html"), page_size=paper)
    pages = page_texts(data)
    assert len(pages) >= 2
    for item in items_of(checklist):
        # The item's text and its hint sit whole on exactly one page.
        assert sum(f"{item.text.strip()} {item.hint}" in page for page in pages) == 1, item.id
    # The page's address is printed on every page.
    assert all(f"{SITE_URL}checklists/long.html" in page for page in pages)


def test_without_a_site_url_no_address_is_printed(project: Project) -> None:
    # A site-relative path such as "checklists/project-kickoff.html" leads nowhere from paper.
    files = pdf.checklist_pdfs(project)
    assert set(files) == {urls.checklist_pdf(c) for c in project.checklists} | {urls.BOOKLET_PDF}
    for path, data in files.items():
        text = " ".join(page_texts(data))
        assert catalog.t("checklist.online") not in text, path
        assert ".html" not in text, path
    for checklist in project.checklists.values():
        text = page_texts(files[urls.checklist_pdf(checklist.id)])[0]
        # The rest of the footer stays: when the checklist was last reviewed.
        assert f"{catalog.t('provenance.reviewed')} {catalog.long_date(checklist.last_reviewed)}" in text


def test_a_relative_address_given_anyway_is_not_printed() -> None:
    checklist = long_checklist(count=3)
    text = page_texts(pdf.checklist_pdf(pdf.PrintEntry(checklist, "checklists/long.html")))[0]
    assert "checklists/long.html" not in text and catalog.t("checklist.online") not in text


def test_text_from_yaml_is_escaped() -> None:
    checklist = models.Checklist.model_validate({
        "schema_version": 1, "last_reviewed": "2026-11-01",
        "id": "esc", "title": "<b>Bold</b> & co", "when_to_use": "When <i>x</i>.",
        "sections": [{"title": "S", "items": [{"id": "a", "text": "Say <script>hi</script>", "guide": "g"}]}],
    })
    html = pdf.print_html([pdf.PrintEntry(checklist, "checklists/esc.html")])
    assert "<script>hi" not in html and "&lt;script&gt;hi&lt;/script&gt;" in html
    assert "Say <script>hi</script>" in page_texts(pdf.render_pdf(html))[0]


def test_builds_are_byte_for_byte_reproducible(project: Project) -> None:
    first = pdf.checklist_pdfs(project, "https://example.org/")
    pdf._CACHE.clear()
    second = pdf.checklist_pdfs(project, "https://example.org/")
    assert first == second
    info = PdfReader(io.BytesIO(first[urls.BOOKLET_PDF])).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20231114221320Z"


def counting_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each booklet laid out from now on (the site's PDFs all come from that one layout)."""
    rendered: list[str] = []
    render = pdf.render_booklet_and_checklists
    monkeypatch.setattr(pdf, "render_booklet_and_checklists",
                        lambda html, entries: rendered.append(html) or render(html, entries))
    return rendered


def test_unchanged_checklists_come_from_the_cache(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    first = pdf.checklist_pdfs(project, "https://cache.example/")
    rendered = counting_renders(monkeypatch)
    assert pdf.checklist_pdfs(project, "https://cache.example/") == first
    assert rendered == []
    # A changed site address changes every PDF's footer, so the booklet is laid out anew, once.
    pdf.checklist_pdfs(project, "https://other.example/")
    assert len(rendered) == 1


def test_a_later_build_takes_the_pdfs_from_the_disk_cache(project: Project, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_CACHE", {})
    pdf.use_disk_cache(tmp_path / "pdf")
    try:
        first = pdf.checklist_pdfs(project, "https://disk.example/")
        stored = sorted((tmp_path / "pdf").glob("*.pdf"))
        assert len(stored) == len(first)  # every checklist and the booklet
        rendered = counting_renders(monkeypatch)
        pdf._CACHE.clear()  # as in a new build process
        assert pdf.checklist_pdfs(project, "https://disk.example/") == first
        assert rendered == []
        # A file cut short (a build stopped while writing it) is not used: the PDFs are made again.
        stored[0].write_bytes(stored[0].read_bytes()[:100])
        pdf._CACHE.clear()
        assert pdf.checklist_pdfs(project, "https://disk.example/") == first
        assert len(rendered) == 1
    finally:
        pdf.use_disk_cache(None)


def first_words(data: bytes) -> list[str]:
    """The first word of each page as it is laid out (the booklet's page numbers sit top right)."""
    return [page.extract_text(extraction_mode="layout").split()[0] for page in PdfReader(io.BytesIO(data)).pages]


def test_a_checklists_pdf_is_its_pages_of_the_booklet_without_the_page_number(project: Project,
                                                                              pdfs: dict[str, bytes]) -> None:
    booklet, booklet_first = page_texts(pdfs[urls.BOOKLET_PDF]), first_words(pdfs[urls.BOOKLET_PDF])
    assert not booklet_first[0].isdigit()  # the title page has no number
    number = 2
    for _chapter, checklist in onboarding_path(project).checklists_by_stage:
        own, own_first = page_texts(pdfs[urls.checklist_pdf(checklist.id)]), first_words(
            pdfs[urls.checklist_pdf(checklist.id)])
        for page, text in enumerate(own):
            # The same words, and one more in the booklet: the page's number.
            more = Counter(booklet[number - 1 + page].split()) - Counter(text.split())
            assert more == Counter({str(number + page): 1}), checklist.id
            assert not Counter(text.split()) - Counter(booklet[number - 1 + page].split()), checklist.id
        assert booklet_first[number - 1:number - 1 + len(own)] == [str(n) for n in range(number, number + len(own))]
        assert not any(word.isdigit() for word in own_first), checklist.id
        number += len(own)


def test_site_assets_include_the_pdfs_only_when_asked(project: Project) -> None:
    with_pdfs = assets.site_assets(project, pdf=True)
    without = assets.site_assets(project, pdf=False)
    expected = {urls.checklist_pdf(c) for c in project.checklists} | {urls.BOOKLET_PDF}
    assert expected <= set(with_pdfs)
    assert not expected & set(without)
    assert all(isinstance(with_pdfs[path], bytes) and with_pdfs[path].startswith(b"%PDF-") for path in expected)


def test_built_site_ships_the_pdfs(project: Project, checklist_site: Path) -> None:
    for checklist in project.checklists.values():
        text = page_texts((checklist_site / urls.checklist_pdf(checklist.id)).read_bytes())[0]
        assert checklist.title in text
        # Built without a site_url: no address at all, never the page's site-relative path.
        assert f"checklists/{checklist.id}.html" not in text and catalog.t("checklist.online") not in text
    assert (checklist_site / urls.BOOKLET_PDF).is_file()
