"""Page paths and the relative links between them, with and without directory URLs."""

from __future__ import annotations

import pytest

from build_tools.urls import Urls


@pytest.mark.parametrize(("from_src", "to_src", "anchor", "expected"), [
    ("index.md", "choosing-clients/index.md", "", "choosing-clients/index.html"),
    ("index.md", "sources.md", "a--b", "sources.html#a--b"),
    ("sources.md", "delivering/work-as-one-team.md", "", "delivering/work-as-one-team.html"),
    ("delivering/work-as-one-team.md", "sources.md", "x", "../sources.html#x"),
    ("delivering/work-as-one-team.md", "delivering/index.md", "", "index.html"),
    ("checklists/index.md", "checklists/pdf/a.pdf", "", "pdf/a.pdf"),
    ("quizzes/a.md", "assets/client-craft/quiz.js", "", "../assets/client-craft/quiz.js"),
])
def test_relative_links_without_directory_urls(from_src: str, to_src: str, anchor: str, expected: str) -> None:
    assert Urls(directory_urls=False).relative(from_src, to_src, anchor) == expected


@pytest.mark.parametrize(("from_src", "to_src", "expected"), [
    ("index.md", "choosing-clients/index.md", "choosing-clients/"),
    ("index.md", "sources.md", "sources/"),
    ("sources.md", "index.md", "../"),
    ("delivering/work-as-one-team.md", "sources.md", "../../sources/"),
    ("delivering/index.md", "delivering/work-as-one-team.md", "work-as-one-team/"),
])
def test_relative_links_with_directory_urls(from_src: str, to_src: str, expected: str) -> None:
    assert Urls(directory_urls=True).relative(from_src, to_src) == expected


def test_links_do_not_depend_on_the_working_directory(tmp_path, monkeypatch) -> None:
    before = Urls(directory_urls=False).relative("index.md", "sources.md")
    monkeypatch.chdir(tmp_path)
    assert Urls(directory_urls=False).relative("index.md", "sources.md") == before == "sources.html"
