"""Rules that span fields and files: unique ids, resolved references, bands, coverage.

Each rule is a small function that yields problems; `check(loaded)` runs them all.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from pathlib import PurePosixPath

from . import models
from .errors import Problem
from .item_rules import item_problems
from .kinds import KIND
from .load import Loaded
from .yamlfile import YamlDocument, dotted


def _at(document: YamlDocument, path: tuple, message: str) -> Problem:
    line, column = document.position(path)
    return Problem(document.path, line, column, dotted(path), message)


def _duplicates(document: YamlDocument, ids: list[str], path: tuple, what: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield _at(document, path + (index, "id"),
                      f"{what} id '{item_id}' is already used by {dotted(path + (seen[item_id],))}; ids must be unique")
        else:
            seen[item_id] = index


class Index:
    """Every id that a reference may name, with where it was declared."""

    def __init__(self, loaded: Loaded):
        self.points: dict[str, models.SourcePoint] = {}
        for _doc, registry in loaded.of_kind("sources"):
            for source in registry.sources:
                for point in source.points:
                    self.points[f"{source.id}/{point.id}"] = point
        self.guides = {guide.id: guide for _doc, guide in loaded.of_kind("guide")}
        self.chapters = {chapter.id: chapter for _doc, chapter in loaded.of_kind("chapter")}
        self.checklists = {checklist.id: checklist for _doc, checklist in loaded.of_kind("checklist")}
        self.quizzes = {quiz.id: quiz for _doc, quiz in loaded.of_kind("quiz")}
        # A file that could not be read has had its own problem reported; references to it are
        # not reported again, or one typo would show up as a dozen "does not exist" lines.
        self.contested = {entry.id: entry for _doc, registry in loaded.of_kind("contested")
                          for entry in registry.entries}
        self.unreadable: dict[str, Container[str]] = {kind: set(ids) for kind, ids in loaded.unreadable.items()}
        # A registry that could not be read may hold any id: nothing that names one is reported.
        if "sources" in self.unreadable:
            self.unreadable["point"] = _Everything()
        if "contested" in self.unreadable:
            self.unreadable["contested entry"] = _Everything()

    def skipped(self, kind: str) -> Container[str]:
        """Ids of `kind` whose files could not be read (references to them are not checked)."""
        return self.unreadable.get(kind, ())


class _Everything:
    """Contains every id: used when the sources registry itself could not be read."""

    def __contains__(self, item: object) -> bool:
        return True


# Where an author finds the ids each kind of reference may name.
_DECLARED_IN = {name: KIND[name] for name in ("guide", "chapter", "checklist", "quiz")}


def _reference(document: YamlDocument, path: tuple, value: str, known: dict, what: str,
               skipped: Container[str] = ()) -> Iterator[Problem]:
    if value not in known and value not in skipped:
        hint = _suggest(value, [*known, *(skipped if isinstance(skipped, set) else ())])
        if not hint and what in _DECLARED_IN:
            hint = f": there is no file {_DECLARED_IN[what].file_of(value)}"
        elif not hint and what == "source point":
            hint = " in content/sources.yml"
        elif not hint and what == "band":
            hint = " in this file's `bands:`"
        elif not hint and what == "dimension":
            hint = " in this file's `dimensions:`"
        elif not hint and what == "contested entry":
            hint = f" in {KIND['contested'].pattern}"
        yield _at(document, path, f"{what} '{value}' does not exist{hint}")


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- Per-file rules -------------------------------------------------------------------


def file_name_matches_id(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """A file is named after its id, so authors and links find it by the same word."""
    for kind, document, model in loaded.entries:
        if KIND[kind].single_file:
            continue
        stem = PurePosixPath(document.path).stem
        if model.id != stem:
            yield _at(document, ("id",), f"id '{model.id}' differs from the file name '{stem}.yml'; "
                                         f"rename the file or change the id")


def unique_ids(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Ids are unique where they are looked up: across the site, or within their parent."""
    for document, registry in loaded.of_kind("sources"):
        yield from _duplicates(document, [s.id for s in registry.sources], ("sources",), "source")
        for s_index, source in enumerate(registry.sources):
            yield from _duplicates(document, [p.id for p in source.points], ("sources", s_index, "points"), "point")
    for document, registry in loaded.of_kind("contested"):
        yield from _duplicates(document, [entry.id for entry in registry.entries], ("entries",), "contested entry")
    for document, log in loaded.of_kind("changes"):
        seen_versions: dict[str, int] = {}
        for r_index, release in enumerate(log.releases):
            if release.version in seen_versions:
                yield _at(document, ("releases", r_index, "version"),
                          f"release '{release.version}' is already listed at releases[{seen_versions[release.version]}]"
                          f"; give each release its own version")
            seen_versions.setdefault(release.version, r_index)
    orders: dict[int, str] = {}
    for document, chapter in loaded.of_kind("chapter"):
        if chapter.order in orders:
            yield _at(document, ("order",), f"order {chapter.order} is already taken by chapter "
                                            f"'{orders[chapter.order]}'; give each chapter its own number")
        orders.setdefault(chapter.order, chapter.id)
    for kind in ("chapter", "guide", "checklist", "quiz"):
        seen: dict[str, str] = {}
        # The file named after the id keeps it; the copy (which also has a name problem) is blamed.
        files = sorted(loaded.of_kind(kind), key=lambda pair: (PurePosixPath(pair[0].path).stem != pair[1].id,
                                                                pair[0].path))
        for document, model in files:
            if model.id in seen:
                yield _at(document, ("id",), f"{kind} id '{model.id}' is already used by {seen[model.id]}; "
                                             f"ids must be unique")
            seen.setdefault(model.id, document.path)
    for document, checklist in loaded.of_kind("checklist"):
        all_items = [(s, i, item) for s, section in enumerate(checklist.sections)
                     for i, item in enumerate(section.items)]
        first: dict[str, tuple] = {}
        for s, i, item in all_items:
            if item.id in first:
                yield _at(document, ("sections", s, "items", i, "id"),
                          f"item id '{item.id}' is already used by {dotted(first[item.id])}; ids must be unique")
            first.setdefault(item.id, ("sections", s, "items", i))
    for document, quiz in loaded.of_kind("quiz"):
        if isinstance(quiz, models.Quiz):
            yield from _duplicates(document, [q.id for q in quiz.questions], ("questions",), "question")
            for q_index, question in enumerate(quiz.questions):
                choices = question.steps if isinstance(question, models.Ordering) else getattr(question, "options", [])
                field = "steps" if isinstance(question, models.Ordering) else "options"
                yield from _duplicates(document, [c.id for c in choices], ("questions", q_index, field), field[:-1])
        else:
            yield from _duplicates(document, [d.id for d in quiz.dimensions], ("dimensions",), "dimension")
            yield from _duplicates(document, [i.id for i in quiz.items], ("items",), "item")
            yield from _duplicates(document, [b.id for b in quiz.bands], ("bands",), "band")
            yield from _duplicates(document, [b.id for b in quiz.overall_bands], ("overall_bands",), "band")


def answer_keys(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Every question can be answered right: single needs one correct option, multiple at least one."""
    for document, quiz in loaded.of_kind("quiz"):
        if not isinstance(quiz, models.Quiz):
            continue
        for q_index, question in enumerate(quiz.questions):
            path = ("questions", q_index, "options")
            if isinstance(question, models.SingleChoice):
                marked = [o_index for o_index, option in enumerate(question.options) if option.correct]
                if not marked:
                    yield _at(document, path, "a single-choice question needs exactly one correct option "
                                              "(found 0); mark it with `correct: true`")
                for o_index in marked[1:]:
                    # Point at each extra `correct: true`: that is the line to change.
                    yield _at(document, path + (o_index, "correct"),
                              f"a single-choice question needs exactly one correct option (found {len(marked)}); "
                              f"{dotted(path + (marked[0],))} is already correct, so remove this `correct: true` or "
                              f"make the question `type: multiple`")
            elif isinstance(question, models.MultipleChoice):
                if not any(option.correct for option in question.options):
                    yield _at(document, path, "a multiple-choice question needs at least one correct option "
                                              "(found 0); mark them with `correct: true`")


def band_coverage(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Bands cover 0–100 exactly once, so every score has one meaning."""
    for document, quiz in loaded.of_kind("quiz"):
        if not isinstance(quiz, models.Assessment):
            continue
        for field in ("bands", "overall_bands"):
            bands = getattr(quiz, field)
            inverted = False
            for b_index, band in enumerate(bands):
                if band.min > band.max:
                    inverted = True
                    yield _at(document, (field, b_index, "min"),
                              f"band '{band.id}' starts at {band.min} but ends at {band.max}; min must not exceed max")
            if inverted:
                continue  # gaps and overlaps computed from an inverted band would only add noise
            ordered = sorted(enumerate(bands), key=lambda pair: (pair[1].min, pair[1].max))
            expected = 0
            previous: models.Band | None = None
            for b_index, band in ordered:
                if band.min > expected:
                    after = f"band '{previous.id}' ends at {previous.max}" if previous else "no band starts at 0"
                    yield _at(document, (field, b_index, "min"),
                              f"bands leave a gap: scores {expected}–{band.min - 1} fall in no band "
                              f"({after}, band '{band.id}' starts at {band.min}); start '{band.id}' at {expected}")
                elif band.min < expected and previous is not None:
                    fix = (f"start '{band.id}' at {previous.max + 1}" if previous.max < band.max
                           else f"'{band.id}' lies inside '{previous.id}', so change their ranges")
                    yield _at(document, (field, b_index, "min"),
                              f"bands overlap: scores {band.min}–{min(previous.max, band.max)} are in both "
                              f"'{previous.id}' and '{band.id}'; {fix}")
                expected = max(expected, band.max + 1)
                previous = band if previous is None or band.max >= previous.max else previous
            if expected <= 100 and previous is not None:
                last = max(range(len(bands)), key=lambda b_index: bands[b_index].max)
                yield _at(document, (field, last, "max"),
                          f"bands leave a gap: scores {expected}–100 fall in no band; the last band must end at 100")


def dimensions_have_items(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """A dimension without items could never be scored; an item's dimension must exist."""
    for document, quiz in loaded.of_kind("quiz"):
        if not isinstance(quiz, models.Assessment):
            continue
        declared = {d.id: d for d in quiz.dimensions}
        used = Counter(item.dimension for item in quiz.items)
        for d_index, dimension in enumerate(quiz.dimensions):
            if not used[dimension.id]:
                yield _at(document, ("dimensions", d_index),
                          f"dimension '{dimension.id}' has no items; add items with `dimension: {dimension.id}` "
                          f"or remove the dimension")
        for i_index, item in enumerate(quiz.items):
            yield from _reference(document, ("items", i_index, "dimension"), item.dimension, declared, "dimension")


def ordering_positions(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """When steps carry explicit positions, they must be 1…n, each used once."""
    for document, quiz in loaded.of_kind("quiz"):
        if not isinstance(quiz, models.Quiz):
            continue
        for q_index, question in enumerate(quiz.questions):
            if not isinstance(question, models.Ordering):
                continue
            positions = [step.position for step in question.steps]
            if all(p is None for p in positions):
                continue
            taken: dict[int, int] = {}
            for s_index, position in enumerate(positions):
                path = ("questions", q_index, "steps", s_index, "position")
                if position is None:
                    yield _at(document, ("questions", q_index, "steps", s_index),
                              "give every step a position, or none of them (then their order is the answer)")
                elif position > len(question.steps):
                    yield _at(document, path, f"position {position} is past the last step ({len(question.steps)})")
                elif position in taken:
                    yield _at(document, path, f"duplicate position {position}: step "
                                              f"'{question.steps[taken[position]].id}' already has it; "
                                              f"each step needs its own position")
                else:
                    taken[position] = s_index


# --- Cross-file references -------------------------------------------------------------


def guide_references(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """A guide's sources, related guides and contested points all exist."""
    for document, guide in loaded.of_kind("guide"):
        for r_index, ref in enumerate(guide.sources):
            yield from _reference(document, ("sources", r_index), ref, index.points, "source point",
                                  index.skipped("point"))
            point = index.points.get(ref)
            if point is not None and point.excluded:
                yield _at(document, ("sources", r_index),
                          f"source point '{ref}' is marked excluded in content/sources.yml; "
                          f"remove its `excluded:` or do not cite it")
        for r_index, related in enumerate(guide.related):
            yield from _reference(document, ("related", r_index), related, index.guides, "guide",
                                  index.skipped("guide"))
            if related == guide.id:
                yield _at(document, ("related", r_index), "a guide cannot be related to itself")
        for c_index, entry_id in enumerate(guide.contested):
            yield from _reference(document, ("contested", c_index), entry_id, index.contested, "contested entry",
                                  index.skipped("contested entry"))


def contested_entries(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Each contested entry cites points that exist, is shown by a guide, and is the only one on its points.

    An entry is written once and shown wherever it applies; two entries over the same pair of
    points would be the same disagreement written out twice, which is what the registry prevents.
    """
    shown = {entry_id for _doc, guide in loaded.of_kind("guide") for entry_id in guide.contested}
    # A guide that names an unknown entry may mean one of these (a typo): that is reported, not this.
    every_guide_read = "guide" not in index.unreadable and shown <= set(index.contested)
    for document, registry in loaded.of_kind("contested"):
        pair_owner: dict[frozenset[str], int] = {}
        for e_index, entry in enumerate(registry.entries):
            for p_index, ref in enumerate(entry.points):
                yield from _reference(document, ("entries", e_index, "points", p_index), ref, index.points,
                                      "source point", index.skipped("point"))
            points = sorted(set(entry.points))
            pairs = [frozenset(pair) for pair in _pairs(points)] or [frozenset(points)]
            clash = next((pair for pair in pairs if pair in pair_owner), None)
            if clash is not None:
                other = registry.entries[pair_owner[clash]]
                yield _at(document, ("entries", e_index, "points"),
                          f"contested entry '{entry.id}' is about the same points as '{other.id}' "
                          f"({', '.join(sorted(clash))}); write the disagreement once, in '{other.id}', and "
                          f"list that id in the guides that show '{entry.id}'")
            elif every_guide_read and entry.id not in shown:  # a duplicate is told to go, not to be shown
                yield _at(document, ("entries", e_index, "id"),
                          f"contested entry '{entry.id}' is shown by no guide; add '{entry.id}' to the `contested:` "
                          f"list of each guide it concerns, or delete the entry")
            for pair in pairs:
                pair_owner.setdefault(pair, e_index)


def _pairs(items: list[str]) -> Iterator[tuple[str, str]]:
    for i, first in enumerate(items):
        for second in items[i + 1:]:
            yield first, second


def citations_use_their_points(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """A guide that cites a point says something about it: it uses at least one of the point's key terms.

    A key term is matched without case at the start of a word (`promise` finds `promised`), in
    everything the guide's page shows: its own text and the contested entries it lists.
    """
    for document, guide in loaded.of_kind("guide"):
        text = None
        for r_index, ref in enumerate(guide.sources):
            point = index.points.get(ref)
            if point is None or not point.terms:
                continue
            if text is None:
                text = _guide_words(guide, index)
            if not any(_term_pattern(term).search(text) for term in point.terms):
                terms = ", ".join(f"'{term}'" for term in point.terms)
                yield _at(document, ("sources", r_index),
                          f"the guide cites '{ref}' but uses none of its key terms ({terms}); say in the guide "
                          f"what it takes from that point, or drop the citation (the terms are in "
                          f"{KIND['sources'].pattern})")


def _guide_words(guide: models.Guide, index: Index) -> str:
    """Everything a guide's page says, lower-cased, without Markdown emphasis, for matching key terms."""
    parts = [guide.title, guide.summary, guide.why, *guide.steps, *guide.pitfalls]
    parts += [part for phrase in guide.phrases for part in (phrase.situation, phrase.say)]
    for entry_id in guide.contested:
        entry = index.contested.get(entry_id)
        if entry is not None:
            parts += [entry.title, entry.claim, entry.concern, entry.recommendation]
    return _normalised(" ".join(parts))


def _normalised(text: str) -> str:
    return re.sub(r"[*_`]", "", text.replace("\u2019", "'")).lower()


def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, _normalised(term).split())))


def chapter_references(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Every guide belongs to exactly one chapter; chapters list guides that exist."""
    owner: dict[str, str] = {}
    for document, chapter in loaded.of_kind("chapter"):
        for g_index, guide_id in enumerate(chapter.guides):
            yield from _reference(document, ("guides", g_index), guide_id, index.guides, "guide",
                                  index.skipped("guide"))
            if guide_id in owner and owner[guide_id] != chapter.id:  # a repeat within a chapter: see above
                yield _at(document, ("guides", g_index),
                          f"guide '{guide_id}' is already in chapter '{owner[guide_id]}'; "
                          f"a guide belongs to one chapter")
            owner.setdefault(guide_id, chapter.id)
    for document, guide in loaded.of_kind("guide"):
        if guide.id not in owner and index.chapters and "chapter" not in index.unreadable:
            yield _at(document, ("id",), f"guide '{guide.id}' is in no chapter; add it to the `guides:` list of a "
                                         f"file in {KIND['chapter'].folder}/")


def checklist_references(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Every checklist item links to a guide that exists."""
    for document, checklist in loaded.of_kind("checklist"):
        for s_index, section in enumerate(checklist.sections):
            for i_index, item in enumerate(section.items):
                yield from _reference(document, ("sections", s_index, "items", i_index, "guide"), item.guide,
                                      index.guides, "guide", index.skipped("guide"))


def quiz_references(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Questions, dimensions and bands name guides, chapters and checklists that exist."""
    for document, quiz in loaded.of_kind("quiz"):
        if isinstance(quiz, models.Quiz):
            if quiz.chapter is not None:
                yield from _reference(document, ("chapter",), quiz.chapter, index.chapters, "chapter",
                                      index.skipped("chapter"))
            for q_index, question in enumerate(quiz.questions):
                for g_index, guide_id in enumerate(question.guides):
                    yield from _reference(document, ("questions", q_index, "guides", g_index), guide_id,
                                          index.guides, "guide", index.skipped("guide"))
            continue
        for path, entry in _advice_of(quiz):
            for g_index, guide_id in enumerate(entry.guides):
                yield from _reference(document, (*path, "guides", g_index), guide_id, index.guides,
                                      "guide", index.skipped("guide"))
            for c_index, checklist_id in enumerate(entry.checklists):
                yield from _reference(document, (*path, "checklists", c_index), checklist_id,
                                      index.checklists, "checklist", index.skipped("checklist"))


def _advice_of(quiz: models.Assessment) -> Iterator[tuple[tuple, models.BandAdvice | models.OverallBand]]:
    """(path, entry) of everything in an assessment that lists guides and checklists."""
    for d_index, dimension in enumerate(quiz.dimensions):
        for a_index, advice in enumerate(dimension.advice):
            yield ("dimensions", d_index, "advice", a_index), advice
    for b_index, band in enumerate(quiz.overall_bands):
        yield ("overall_bands", b_index), band


def assessment_advice(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Advice follows the scores: each dimension has its own material for every band below the top.

    And the overall band cannot contradict the dimensions: every overall band above the lowest
    says how many dimensions it allows in the lowest band (`max_weak`), a higher band no more
    than the one below it, so that a result with weak dimensions always steps down far enough.
    """
    for document, quiz in loaded.of_kind("quiz"):
        if not isinstance(quiz, models.Assessment):
            continue
        band_ids = {band.id: band for band in quiz.bands}
        top = next((band.id for band in quiz.bands if band.max == 100), None)
        for d_index, dimension in enumerate(quiz.dimensions):
            given: dict[str, int] = {}
            for a_index, advice in enumerate(dimension.advice):
                path = ("dimensions", d_index, "advice", a_index, "band")
                if advice.band not in band_ids:
                    yield from _reference(document, path, advice.band, band_ids, "band")
                elif advice.band in given:
                    yield _at(document, path, f"band '{advice.band}' already has advice at "
                                              f"advice[{given[advice.band]}]; list each band once")
                given.setdefault(advice.band, a_index)
            missing = [band.id for band in sorted(quiz.bands, key=lambda b: b.min)
                       if band.id != top and band.id not in given]
            if missing and top is not None:  # without a band up to 100 the bands themselves are reported
                yield _at(document, ("dimensions", d_index),
                          f"dimension '{dimension.id}' has no advice for band{'s' if len(missing) > 1 else ''} "
                          f"{', '.join(repr(b) for b in missing)}; add `advice:` entries (`- band: {missing[0]}` "
                          f"with the guides and checklists to read) so a weak result says what to do")
        ordered = sorted(enumerate(quiz.overall_bands), key=lambda pair: pair[1].min)
        previous: int | None = None
        for position, (b_index, band) in enumerate(ordered):
            path = ("overall_bands", b_index)
            if position == 0:
                if band.max_weak is not None:
                    yield _at(document, (*path, "max_weak"),
                              f"band '{band.id}' is the lowest overall band, so it takes any number of weak "
                              f"dimensions; remove `max_weak`")
                continue
            if band.max_weak is None:
                yield _at(document, path, f"overall band '{band.id}' needs `max_weak`: how many dimensions may score "
                                          f"in the lowest band for the result to be '{band.label}' (without it a "
                                          f"result could read '{band.label}' with every dimension weak)")
            elif previous is not None and band.max_weak > previous:
                yield _at(document, (*path, "max_weak"),
                          f"band '{band.id}' allows {band.max_weak} weak dimensions, more than the band below it "
                          f"({previous}); a higher band must allow no more")
            if band.max_weak is not None:
                previous = band.max_weak


def source_coverage(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Every source point is used by a guide or excluded with a reason: nothing is silently dropped."""
    cited = {ref for _doc, guide in loaded.of_kind("guide") for ref in guide.sources}
    if not index.guides or "guide" in index.unreadable:
        return  # an unreadable guide may cite the points that look unused
    for document, registry in loaded.of_kind("sources"):
        for s_index, source in enumerate(registry.sources):
            for p_index, point in enumerate(source.points):
                ref = f"{source.id}/{point.id}"
                if ref not in cited and not point.excluded:
                    yield _at(document, ("sources", s_index, "points", p_index),
                              f"source point '{ref}' is used by no guide; cite it from a guide's `sources:` "
                              f"or add `excluded:` with the reason")


def quiz_coverage(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Every guide is tested by at least one knowledge question."""
    knowledge = [quiz for _doc, quiz in loaded.of_kind("quiz") if isinstance(quiz, models.Quiz)]
    if not knowledge or "quiz" in index.unreadable:
        return  # an unreadable quiz may test the guides that look untested
    tested = {guide_id for quiz in knowledge for question in quiz.questions for guide_id in question.guides}
    for document, guide in loaded.of_kind("guide"):
        if guide.id not in tested:
            yield _at(document, ("id",), f"guide '{guide.id}' is tested by no quiz question; add a question "
                                         f"whose `guides:` lists it")


def change_log(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """Releases are listed newest first, name pages that exist, and postdate no review of what they changed.

    A page a release changed was reviewed that day at the latest: a `last_reviewed` before the
    release means one of the two dates is wrong.
    """
    documents = {(kind, model.id): (document, model) for kind, document, model in loaded.entries
                 if kind in ("chapter", "guide", "checklist", "quiz")}
    known = {"chapter": index.chapters, "guide": index.guides, "checklist": index.checklists, "quiz": index.quizzes}
    for document, log in loaded.of_kind("changes"):
        for r_index, release in enumerate(log.releases):
            if r_index and release.date > log.releases[r_index - 1].date:
                newer = log.releases[r_index - 1]
                yield _at(document, ("releases", r_index, "date"),
                          f"release '{release.version}' ({release.date}) is newer than '{newer.version}' "
                          f"({newer.date}) above it; list releases newest first")
            for c_index, change in enumerate(release.changes):
                if "/" not in change.page:
                    continue  # `sources` and `disagreements` always exist
                kind, page_id = change.page.split("/")
                path = ("releases", r_index, "changes", c_index, "page")
                if page_id not in known[kind]:
                    yield from _reference(document, path, page_id, known[kind], kind, index.skipped(kind))
                    continue
                changed_document, model = documents.get((kind, page_id), (None, None))
                reviewed = getattr(model, "last_reviewed", None)
                if reviewed is not None and reviewed < release.date:
                    yield _at(changed_document, ("last_reviewed",),
                              f"release '{release.version}' of {document.path} changed this {kind} on "
                              f"{release.date}, after its last_reviewed ({reviewed}); set last_reviewed to "
                              f"{release.date} or later")


def _reference_lists(loaded: Loaded) -> Iterator[tuple[YamlDocument, tuple, list[str]]]:
    """(document, path, ids) of every list of references in the content."""
    for document, chapter in loaded.of_kind("chapter"):
        yield document, ("guides",), chapter.guides
    for document, guide in loaded.of_kind("guide"):
        yield document, ("related",), guide.related
        yield document, ("sources",), guide.sources
        yield document, ("contested",), guide.contested
    for document, registry in loaded.of_kind("contested"):
        for e_index, entry in enumerate(registry.entries):
            yield document, ("entries", e_index, "points"), entry.points
    for document, quiz in loaded.of_kind("quiz"):
        if isinstance(quiz, models.Quiz):
            for q_index, question in enumerate(quiz.questions):
                yield document, ("questions", q_index, "guides"), question.guides
            continue
        for path, entry in _advice_of(quiz):
            yield document, (*path, "guides"), entry.guides
            yield document, (*path, "checklists"), entry.checklists


def repeated_references(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """A list names each guide, point or checklist once: a repeat is a slip, and would show twice."""
    for document, path, ids in _reference_lists(loaded):
        first: dict[str, int] = {}
        for position, ref in enumerate(ids):
            if ref in first:
                yield _at(document, path + (position,), f"'{ref}' is already listed at {dotted(path + (first[ref],))}; "
                                                        f"list it once")
            else:
                first[ref] = position


def item_writing(loaded: Loaded, index: Index) -> Iterator[Problem]:
    """The item-writing rules over every knowledge quiz and across quizzes (see `item_rules`)."""
    yield from item_problems(loaded)


RULES: tuple[Callable[[Loaded, Index], Iterator[Problem]], ...] = (
    file_name_matches_id,
    unique_ids,
    repeated_references,
    answer_keys,
    ordering_positions,
    band_coverage,
    dimensions_have_items,
    assessment_advice,
    guide_references,
    contested_entries,
    citations_use_their_points,
    chapter_references,
    checklist_references,
    quiz_references,
    source_coverage,
    quiz_coverage,
    change_log,
    item_writing,
)


def check(loaded: Loaded) -> list[Problem]:
    """Run every rule over what could be loaded; return all problems found."""
    index = Index(loaded)
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(loaded, index))
    return problems
