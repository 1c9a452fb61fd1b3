"""Bad input in mkdocs.yml's `languages:`: each mistake is one line naming the entry and what to write.

The same rule decides what a language code is for mkdocs.yml and for `i18n update` (see
test_i18n_catalogs.py), so a catalog made by `update` can always be published under its code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT, run_mkdocs_build

from build_tools.i18n.editions import LanguageError, languages_of

CREDIT = "a language model, not reviewed"
CASES = {
    "not-a-code": ([{"code": "Vietnamese", "translated_by": CREDIT}],
                   "languages, entry 1: 'Vietnamese' is not a language code; write it as ISO 639-1 does, such as "
                   "`vi` or `nb` (`pt_BR` with a region)"),
    "a-path": ([{"code": "vi", "translated_by": CREDIT}, {"code": "../nb", "translated_by": CREDIT}],
               "languages, entry 2: '../nb' is not a language code; write it as ISO 639-1 does, such as `vi` or "
               "`nb` (`pt_BR` with a region)"),
    "english": ([{"code": "en", "translated_by": CREDIT}],
                "languages, entry 1: `en` is the English edition at the site's root; list only the other languages"),
    "unknown-to-babel": ([{"code": "qq", "translated_by": CREDIT}],
                         "languages, entry 1: `qq` is not a language Babel knows, so its dates and numbers cannot "
                         "be written; use an ISO 639-1 code such as `vi`"),
    "twice": ([{"code": "vi", "translated_by": CREDIT}, {"code": "vi", "translated_by": CREDIT}],
              "languages, entry 2: `vi` is listed twice"),
    "no-credit": ([{"code": "nb", "translated_by": "  "}],
                  "languages, entry 1: say who translated `nb` under `translated_by` (a person, a team, or the "
                  "tool); every page of the edition shows it"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_wrong_languages_entry_is_named_with_what_to_write(case: str) -> None:
    options, message = CASES[case]
    with pytest.raises(LanguageError) as caught:
        languages_of(options)
    assert str(caught.value) == message


def test_codes_with_a_region_are_languages_too() -> None:
    (brazil, taiwan) = languages_of([{"code": "pt_BR", "translated_by": CREDIT},
                                     {"code": "zh-TW", "translated_by": CREDIT}])
    assert (brazil.code, taiwan.code) == ("pt_BR", "zh-TW")
    assert brazil.own_name == "Português (Brasil)"


def test_the_build_names_the_entry_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", root)
    shutil.copytree(ROOT / "theme", root / "theme")
    (root / "pages").mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("      languages:"), config.index("\nvalidation:")
    (root / "mkdocs.yml").write_text(config[:start] + "      languages:\n        - code: english\n"
                                     "          translated_by: nobody\n" + config[end:], encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(root / "mkdocs.yml", site, pdf=False)
    assert result.returncode != 0
    assert ("client-craft plugin in mkdocs.yml: languages, entry 1: 'english' is not a language code; write it as "
            "ISO 639-1 does, such as `vi` or `nb` (`pt_BR` with a region)") in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
