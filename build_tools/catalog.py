"""Every interface string of generated pages and scripts, in one place.

Templates read `t.<key>` and scripts receive `SCRIPT_STRINGS` as JSON, so translating the
interface means editing this file only. `{name}` placeholders are filled by the caller.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from babel.dates import format_date

from .i18n.marks import marked

STRINGS: dict[str, str] = {
    # Site-wide
    "nav.home": "Home",
    "nav.checklists": "Printable checklists",
    "nav.quizzes": "Quizzes",
    "nav.sources": "Sources",
    "nav.disagreements": "Where the sources disagree",
    "nav.authors": "For authors",
    "nav.formats": "File formats",
    "nav.leads": "For team leads",
    "nav.checklist": "Checklist: {title}",
    "nav.chapter_quiz": "Chapter quiz",
    "nav.final_check": "Final onboarding check",
    "nav.assessments": "Self-assessments",
    "skip": "Skip to content",
    # Another language's edition (i18n)
    "edition.translated_by": "Translated from the English edition by {translated_by}.",
    "edition.untranslated": "Parts of this page are not translated yet and are shown in English.",
    "edition.english_only": "This page is for authors of the playbook's YAML files and is available in English only.",
    "provenance.reviewed": "Last reviewed",
    "provenance.owner": "Kept up to date by {owner}",
    # Home
    "home.lead": "Client Craft turns hard-won advice on client relationships into guidance you can use "
                 "today: read a guide, print a checklist before the call, and check yourself with a quiz.",
    "home.path": "Your onboarding path",
    "home.path_lead": "Each chapter is a stage of client work: read its guides, try its checklists, then "
                      "pass its quiz. After the last chapter comes the final check. Your progress is kept "
                      "in this browser only.",
    "home.start": "Start with {title}",
    "home.stage": "Stage {number}: {title}",
    "home.final": "Final step",
    "home.minutes": "{minutes} min",
    # My progress
    "progress.title": "My progress",
    "progress.lead": "Every quiz and self-assessment you have taken in this browser, and how far along the path "
                     "you are. It is kept in this browser only: nothing is sent anywhere.",
    "progress.no_js": "This page reads your results from this browser's storage, which needs JavaScript (a page "
                      "opened from a file cannot run it).",
    "progress.name": "Your name",
    "progress.name_hint": "For your printed record and downloads; kept in this browser only.",
    "progress.record_title": "Onboarding record",
    "progress.final": "The final check",
    "progress.final_waiting": "{done} of {total} chapter quizzes passed. The final check is recommended once "
                              "you have passed them all.",
    "progress.quizzes": "Quizzes",
    "progress.reading": "Along the path",
    "progress.keep": "Keep a copy",
    "progress.export": "Download everything (JSON)",
    "progress.print": "Print my onboarding record",
    "progress.privacy": "The file holds your name (if given), the guides you marked read, your checklist ticks "
                        "and every quiz attempt. Clearing this site's data in your browser removes all of it.",
    "progress.count": "{done} of {total}",
    "progress.col.quiz": "Quiz",
    "progress.col.best": "Best",
    "progress.col.last": "Last",
    "progress.col.date": "Date",
    "progress.col.status": "Status",
    "progress.col.assessment": "Self-assessment",
    "progress.col.result": "Last result",
    "progress.col.attempts": "Times taken",
    "progress.col.stage": "Chapter",
    "progress.col.guides": "Guides read",
    "progress.col.checklists": "Checklists done",
    "home.progress_link": "See all of it on My progress.",
    "home.assessments_lead": "Not part of the path: use these when a real situation calls for them, as "
                             "often as you like.",
    "path.not_started": "Not started",
    "path.kind.guide": "Guide",
    "path.kind.checklist": "Checklist",
    "path.kind.quiz": "Quiz",
    "path.stage_progress": "{done} of {total} done",
    # Chapter
    "chapter.path": "Your steps in this chapter",
    "chapter.path_lead": "Read the guides in order, try the checklists, then take the quiz.",
    "chapter.stage": "Stage {number} of {total}",
    # Guide
    "guide.why": "Why it matters",
    "guide.how": "How to do it",
    "guide.phrases": "What you can say",
    "guide.pitfalls": "Pitfalls",
    "guide.contested": "Where we part from the sources",
    "guide.contested.claim": "What the source advises",
    "guide.contested.claim.disagreement": "What the sources say",
    "guide.contested.concern": "Our concern",
    "guide.contested.recommendation": "What we recommend",
    "guide.contested.also": "Also discussed in",
    "guide.related": "Related guides",
    "guide.sources": "Sources",
    "guide.checklist_label": "checklist",
    "guide.chapter": "Chapter: {title}",
    "guide.reading_time": "{minutes} min read",
    "guide.mark_read": "Mark as read",
    "guide.mark_read_hint": "Marking a guide read is up to you: reaching the bottom of a page is not "
                            "the same as reading it. It shows on the home page and in the navigation.",
    "guide.next": "Next on your path",
    "guide.next_step": "Next: {title}",
    "guide.chapter_quiz": "Once you have read the chapter, check yourself:",
    "contested.manipulative": "Manipulative",
    "contested.disagreement": "Sources disagree",
    "contested.risky": "Risky if taken literally",
    # Sources
    "sources.title": "Sources",
    "sources.lead": "Everything in this playbook traces back to one of these articles. Each point is "
                    "summarised in our own words and links to the guides that use it.",
    "sources.this_language": "Originally written in the language of this edition",
    "sources.language": "Language",
    "sources.publisher": "Publisher",
    "sources.author": "Author",
    "sources.published": "Published",
    "sources.original_title": "Original title",
    "sources.no_title": "None: the article has no heading, so the name above is ours.",
    "sources.used_by": "Used by",
    "sources.excluded": "Not used: {reason}",
    "sources.coverage": "{total} points: {used} used by guides, {excluded} deliberately excluded.",
    "sources.contents": "The articles on this page",
    "sources.points": "{count} points",
    "sources.point": "1 point",
    # Disagreements
    "disagreements.title": "Where the sources disagree",
    "disagreements.lead": "Some advice in our sources works on the client rather than with them, or "
                          "contradicts another source. We show it honestly here, with what we recommend instead.",
    "disagreements.in_guides": "Discussed in",
    # What changed
    "changes.title": "What changed",
    "changes.lead": "Each release of the playbook, newest first, with the pages it changed and why.",
    # Checklists
    "checklists.title": "Printable checklists",
    "checklists.lead": "Print a checklist before a client call, or tick it on screen during one. "
                       "Every checklist is also a PDF, and the booklet has them all.",
    "checklists.booklet": "Download the booklet of all checklists (PDF)",
    "checklists.items": "{count} items",
    "checklists.stage": "Stage {number}: {title}",
    "checklist.when": "When to use this",
    "checklist.pdf": "Download as PDF",
    "checklist.print": "Print",
    "checklist.print_blank": "Print a blank copy",
    "checklist.reset": "Reset",
    "checklist.undo": "Undo reset",
    "checklist.export": "Download my ticks (JSON)",
    "checklist.progress": "{done} of {total} done",
    "checklist.name": "Name",
    "checklist.date": "Date",
    "checklist.client": "Client",
    "checklist.from_guide": "From the guide",
    "checklist.online": "Online version",
    "checklist.no_js": "Ticking on screen needs JavaScript, which is off or cannot run here (a page opened "
                       "from a file cannot load it). The PDF and your browser's Print work either way.",
    "checklist.reset_done": "All ticks cleared.",
    "checklist.undo_done": "Your ticks are back.",
    # Quizzes
    "quizzes.title": "Quizzes",
    "quizzes.lead": "Knowledge checks for onboarding and self-assessments for real situations. Everything "
                    "is scored in your browser; nothing is sent anywhere.",
    "quizzes.knowledge": "Knowledge quizzes",
    "quizzes.assessments": "Self-assessments",
    "quizzes.length": "{count} questions · about {minutes} min",
    "quizzes.items_length": "{count} statements · about {minutes} min",
    "quiz.no_js": "Scoring needs JavaScript, which is off or cannot run here (a page opened from a file "
                  "cannot load it; open the site from its web address). You can still read the questions "
                  "and the guides they link to.",
    "quiz.pass_mark": "Pass mark: {percent}%.",
    "quiz.tests": "Tests the guides",
    "quiz.question": "Question {number} of {total}",
    "quiz.points": "{points} points",
    "quiz.point": "1 point",
    "quiz.select_all": "Select all that apply.",
    "quiz.order_hint": "Put the steps in order with the arrow buttons: first at the top.",
    "quiz.move_up": "Move up: {step}",
    "quiz.move_down": "Move down: {step}",
    "quiz.true": "True",
    "quiz.false": "False",
    "quiz.statement": "Statement {number} of {total}",
    "quiz.export_gift": "Moodle (GIFT)",
    "quiz.export_qti": "QTI 2.1 package",
    "quiz.export_scorm": "SCORM 1.2 package (scored here, reported to the platform)",
    "quiz.exports": "Use this quiz in your learning platform",
    "quiz.exports_summary": "For team leads: this quiz in a learning platform",
    "assessment.exports": "Use this self-assessment in your learning platform",
    "assessment.exports_summary": "For team leads: this self-assessment in a learning platform",
    # The standalone page of a SCORM package (build_tools/lms/scorm.py); its script's strings are
    # SCORM_SCRIPT_STRINGS below
    "scorm.no_js": "Scoring needs JavaScript, which is off here. You can still read the questions.",
    "scorm.looking": "Looking for your learning platform…",
    "scorm.from": "From the Client Craft playbook",
    # Team results (team.md.j2); its script's strings are TEAM_SCRIPT_STRINGS below
    "team.title": "Team results",
    "team.lead": "Load the results your team downloaded from their quiz pages, checklists or My progress: see who "
                 "has finished, where the team is weak, and which questions do not work. The files are read in "
                 "this browser only; nothing is uploaded, and nothing is kept once you close the tab unless you "
                 "ask for it below.",
    "team.no_js": "This page reads the files with JavaScript, which a page opened from a file cannot run: open the "
                  "site from its address (or `make serve`).",
    "team.load": "Load results",
    "team.pick": "Choose results files",
    "team.drop": "or drop them anywhere in this box. Any number of files; each is checked, and a line below says "
                 "what was read and what was skipped.",
    "team.keep": "Keep these results in this browser until I clear them",
    "team.clear": "Clear all",
    "team.people": "People",
    "team.people_lead": "Each person's best result per quiz and their latest self-assessment; files with the same "
                        "name are one person. Sort by any column with its button.",
    "team.assessments": "Self-assessments",
    "team.assessments_lead": "The team's latest answers: mean and spread (standard deviation, lowest and highest) "
                             "per dimension, 0 to 100.",
    "team.items": "Questions",
    "team.items_lead": "Item analysis of each knowledge quiz, from each person's first attempt (later attempts "
                       "follow the quiz's own feedback). Figures appear once {min} people have taken a quiz.",
    "team.reading": "How to read these figures",
    "team.glossary.facility": "Facility",
    "team.glossary.facility_text": "The share of a question's points the team earned: 100% means everyone got it "
                                   "fully right. Above {too_easy}% a question is flagged *too easy*, below "
                                   "{too_hard}% *too hard*. This is Moodle's *facility index*.",
    "team.glossary.discrimination": "Discrimination",
    "team.glossary.discrimination_text": "How well a question separates people who know the material from those who "
                                         "do not: the correlation (−1 to 1) between the question's score and the "
                                         "score on the rest of the quiz (the corrected point-biserial; Moodle shows "
                                         "the same figure times 100 as its *discrimination index*). Around 0.3 and "
                                         "above is good; near 0 the question measures something else; below 0 it is "
                                         "flagged, since the people who did best elsewhere did worst here: the key "
                                         "may be wrong or the question ambiguous.",
    "team.glossary.answers": "Answers chosen",
    "team.glossary.answers_text": "How many people picked each option. A wrong option nobody picks is flagged: it is "
                                  "not a plausible answer, so the question is easier than it looks.",
    "team.glossary.alpha": "Cronbach's alpha",
    "team.glossary.alpha_text": "Whether a quiz's questions (or a self-assessment dimension's statements) hang "
                                "together as one measure, from 0 to 1 (it can fall below 0). From 0.7 a short quiz "
                                "is consistent enough for a team check; below it, look at the flagged questions "
                                "first. For a dimension, only people who answered every statement on the scale "
                                "count.",
    "team.glossary.people": "How many people",
    "team.glossary.people_text": "Figures for a quiz or a dimension appear once {min} people have taken it. With "
                                 "fewer, one person moves a facility by {points} points or more and a correlation "
                                 "can take almost any value; even with {min} to 30 people, read them as hints to "
                                 "look at a question, not verdicts.",
    "team.glossary.attempts": "Which attempts count",
    "team.glossary.attempts_text": "The question figures use each person's first attempt, made before the quiz's "
                                   "feedback showed the answers; the people table shows the best. Attempts of another "
                                   "version of a quiz (its questions changed since), of quizzes this site does not "
                                   "have, and the same attempt found in two files are set aside, and the line for "
                                   "each file says so.",
}

# The SCORM bridge of a package (build_tools/lms/scorm12/scorm.js): what it says about the platform.
SCORM_SCRIPT_STRINGS: dict[str, str] = {
    "connected": "Your learning platform is recording this quiz: your answers and your result are saved there.",
    "none": "No learning platform found: the quiz works on its own and keeps your answers in this browser.",
    "not_started": "Your learning platform did not start this quiz, so nothing is reported to it; the quiz works on "
                   "its own and keeps your answers in this browser.",
    "refused": "Your learning platform refused to save part of this quiz (error {code}: {text}). The quiz goes on "
               "and keeps your answers in this browser; tell whoever runs the platform.",
    "too_long": "Your answers are more than your learning platform can keep between visits; they are kept in this "
                "browser instead.",
}

# Strings of the onboarding path (build_tools/assets/path.js), in every page's head.
PATH_SCRIPT_STRINGS: dict[str, str] = {
    "state_not_started": "Not started",
    "state_read": "Read",
    "state_started": "Started",
    "state_ticked": "{done} of {total} ticked",
    "state_done": "Done",
    "state_in_progress": "In progress",
    "state_tried": "Tried: {percent}%",
    "state_passed": "Passed: {percent}%",
    "state_assessed": "Done",
    "stage_progress": "{done} of {total} done",
    "start": "Start with {title}",
    "continue": "Continue where you left off: {title}",
    "finished": "Every step is done: see My progress",
    "mark_read": "Mark as read",
    "marked_read": "Read ✓ (press to undo)",
    "marked_read_status": "Marked as read.",
    "unmarked_read_status": "No longer marked as read.",
    "not_saved": "Your progress is not being saved in this browser (storage is full or turned off).",
}

# Strings of My progress (build_tools/assets/progress.js), in that page's JSON data.
PROGRESS_SCRIPT_STRINGS: dict[str, str] = {
    "percent": "{percent}%",
    "band": "{band} ({score} of 100)",
    "count": "{done} of {total}",
    "final_waiting": STRINGS["progress.final_waiting"],
    "final_ready": "All {total} chapter quizzes passed: the final check is next.",
    "final_passed": "Final check passed ({percent}%). Your onboarding path is complete.",
    "printed": "Printed on {date}.",
    "record_for": "Onboarding record of {name}",
    "record": "Onboarding record",
    "not_saved": PATH_SCRIPT_STRINGS["not_saved"],
}

# What the readers of results files (build_tools/results/read.py and assets/team-read.js) say about
# each file: the team page shows these lines, `python -m build_tools results` prints them.
RESULTS_READ_STRINGS: dict[str, str] = {
    "too_big": "larger than {size} MB, so not a results file. Skipped.",
    "not_json": "not JSON, so not a results file (a results file is the .json a Client Craft page downloads). "
                "Skipped.",
    "not_results": "JSON, but not a Client Craft results file. Skipped.",
    "newer": "made by a newer Client Craft (results format {version}; this site reads format 1). Update this "
             "site, or ask for the file again. Skipped.",
    "invalid": "does not follow the results format: {problem}. Skipped.",
    "bad_date": "is not a real date and time",
    "legacy_quiz": "an older quiz download, read as one attempt.",
    "legacy_progress": "an older My progress download: its attempts carry no answers or quiz versions, so only "
                       "its guides and checklists can be counted.",
    "counted": "Attempts counted: {count}.",
    "other_site": "Not counted: {count} attempt(s) of quizzes this site does not have ({quizzes}); the file may "
                  "come from another site.",
    "unversioned": "Not counted: {count} attempt(s) saved before results recorded the quiz's version, so they "
                   "cannot be checked against today's questions: {quizzes}.",
    "stale": "Not counted (stale version): {count} attempt(s) made with an older version of the quiz, whose "
             "questions have changed since: {quizzes}.",
    "no_answers": "Not counted: {count} attempt(s) without their answers: {quizzes}.",
    "quiz_count": "“{title}” ({count})",
    "duplicate": "Counted once: {count} attempt(s) read before, from another file or earlier in this one.",
    "rescored": "The file's scores did not match its answers for {count} attempt(s); the scores of the answers "
                "are used.",
    "unknown_items": "Not counted: {count} guide(s) or checklist(s) this site does not have.",
    "nothing": "Nothing in it can be counted. Skipped.",
    "unnamed": "Unnamed ({file})",
}

# Strings of the team page's script (assets/team.js), with the readers' lines, in its JSON data.
TEAM_SCRIPT_STRINGS: dict[str, str] = {
    "summary": "{files} file(s) read: {people} people, {attempts} attempts counted, {skipped} file(s) skipped.",
    "summary_empty": "No results loaded yet.",
    "kept": "Kept in this browser: {files} file(s). Clear all to forget them.",
    "not_kept": "Could not keep the files in this browser (storage is full or turned off); they stay until the "
                "tab closes.",
    "reading": "Reading {count} file(s)…",
    "status.counted": "Read",
    "status.partly": "Partly read",
    "status.skipped": "Skipped",
    "col.person": "Person",
    "col.guides": "Guides read",
    "col.checklists": "Checklists done",
    "sort": "Sort by {column}",
    "sorted_up": "Sorted by {column}, lowest first.",
    "sorted_down": "Sorted by {column}, highest first.",
    "cell.knowledge": "{percent}% · {verdict}",
    "cell.assessment": "{band} ({score})",
    "cell.attempts": "{count} attempt(s) · best {date}",
    "cell.assessed": "{date}",
    "flagged": "Questions flagged: {count} of {total}",
    "passed": "passed",
    "not_passed": "not passed",
    "none": "–",
    "of_total": "{count} of {total}",
    "csv": "Download this table (CSV)",
    "people_count": "{count} people (latest attempt each).",
    "dimension": "Dimension",
    "overall": "Overall",
    "n": "People",
    "mean": "Mean",
    "sd": "Spread (SD)",
    "min": "Lowest",
    "max": "Highest",
    "alpha": "Alpha",
    "chart_label": "Team mean per dimension, with the range from lowest to highest",
    "quiz_people": "From {count} people's first attempts. Cronbach's alpha: {alpha}.",
    "alpha_none": "not defined (every total the same)",
    "alpha_low": "{alpha}: below 0.7, the questions do not yet hang together as one measure; look at the flagged "
                 "ones first",
    "alpha_ok": "{alpha}",
    "not_enough": "Not yet meaningful: {count} of the {min} people needed have taken this quiz. With fewer, one "
                  "person moves every figure a long way.",
    "dimension_not_enough": "–",
    "col.number": "#",
    "col.facility": "Facility",
    "col.discrimination": "Discrimination",
    "col.question": "Question, and how many chose each answer",
    "col.flags": "Flags",
    "right": "right answer",
    "blank": "left blank: {count}",
    "picks": "{count} ×",
    "no_options": "Ordering: no options to count.",
    "discrimination_none": "– (no spread)",
    "flag.too_easy": "Too easy: nearly everyone earns its points, so it tells no one apart. Make the wrong options "
                     "more plausible, or ask about a harder case.",
    "flag.too_hard": "Too hard: most people miss it. Check the key and the wording, and that the guide teaches it.",
    "flag.negative": "Negative discrimination: people who did well on the rest of the quiz did worse on this one. "
                     "The key may be wrong or the question ambiguous.",
    "flag.unused": "A distractor nobody picks ({options}): it is not a plausible wrong answer. Rewrite it or "
                   "drop it.",
    "flags_none": "None",
    **RESULTS_READ_STRINGS,
}

# Strings the browser scripts need; sent to each page as JSON.
SCRIPT_KEYS = (
    "checklist.progress",
    "checklist.reset_done",
    "checklist.undo_done",
)

SCRIPT_STRINGS_EXTRA: dict[str, str] = {
    "submit": "Check my answers",
    "check": "Check answer",
    "next": "Next question",
    "retry": "Start again",
    "correct": "Correct.",
    "partly": "Partly right: {score} of {max} points.",
    "wrong": "Not quite.",
    "unanswered": "Not answered.",
    "your_answer": "Your answer",
    "result": "Your result",
    "score": "{score} of {max} points ({percent}%)",
    "passed": "Passed: you reached the pass mark of {mark}%.",
    "failed": "Not passed yet: the pass mark is {mark}%.",
    "by_chapter": "By chapter",
    "review": "Review these guides",
    "nothing_to_review": "Nothing to review: every answer earned full points.",
    "resume": "Welcome back: your earlier answers are filled in.",
    "stale": "This quiz changed since your last visit, so your saved answers were cleared.",
    "corrupt": "Saved progress could not be read and was cleared.",
    "history": "Your attempts",
    "history_empty": "No finished attempts yet.",
    "history_row": "{date}: {score}",
    "export_json": "Download result (JSON)",
    "export_csv": "Download result (CSV)",
    "print_result": "Print my result",
    "answered": "{count} of {total} answered",
    "no_result_yet": "No result yet: your last result will show here.",
    "last_result": "Your last result: {outcome}, {date}.",
    "see_result": "See it",
    "see_history": "See your attempts",
    "finished_on": "Finished on {date}.",
    "finished_by": "{name}, finished on {date}.",
    "overall": "Overall",
    "dimension": "Dimension",
    "score_col": "Score (0–100)",
    "band_col": "Result",
    "no_score": "Not enough answers",
    "recommended": "Read next",
    "dimension_advice": "{title} ({band})",
    "chart_label": "Score by dimension, 0 to 100",
    # Quiz runtime (build_tools/assets/quiz.js)
    "submit_assessment": "See my result",
    "choose_first": "Answer this question first.",
    "missing_submit": "{count} not answered yet (question {numbers}). Answer them, or press the button "
                      "again to score them as they are: a blank answer scores 0.",
    "missing_items": "{count} not answered yet (statement {numbers}). Answer them, or press the button "
                     "again to leave them out of your result.",
    "right_answer": "Right answer",
    "right_order": "The right order:",
    "moved": "Now {position} of {total}.",
    "chapter_score": "{title}: {score} of {max} points",
    "passed_short": "passed",
    "failed_short": "not passed",
    "history_band": "{band} ({score} of 100)",
    "overall_result": "Overall: {band} ({score} of 100)",
    "dimension_notes": "What each result means",
    "nothing_answered": "Nothing is answered yet, so there is nothing to score.",
    "synced": "Updated from another tab.",
    # Quiz and checklist runtimes: the first write that storage refuses (build_tools/assets/storage.js)
    "not_saved": "Your progress is not being saved in this browser (storage is full or turned off): "
                 "it will be gone when you leave this page.",
}



def fill_in(template: str, **values: object) -> str:
    """`template` with each `{name}` replaced, exactly as the browser's strings.js fillIn does."""
    import re

    return re.sub(r"\{(\w+)\}", lambda match: str(values[match[1]]) if match[1] in values else match[0], template)


# --- Languages ------------------------------------------------------------------------
# Every string above is English. An edition in another language installs its translations with
# `speaking(...)`; each lookup then returns the translation, or the English with the marks of
# `i18n.marks` (the page shows it with lang="en"). A context variable, not a global, so that nothing leaks from one
# language's build into the next.

# Each group of strings by the name its gettext contexts use (`interface/site:nav.home`).
GROUPS: dict[str, dict[str, str]] = {
    "site": STRINGS,
    "quiz": SCRIPT_STRINGS_EXTRA,
    "path": PATH_SCRIPT_STRINGS,
    "progress": PROGRESS_SCRIPT_STRINGS,
    "results": RESULTS_READ_STRINGS,
    "team": TEAM_SCRIPT_STRINGS,
    "scorm": SCORM_SCRIPT_STRINGS,
}
# Strings one group borrows from another: translated once, under the group that owns them.
ALIASES: dict[tuple[str, str], tuple[str, str]] = {
    **{("team", key): ("results", key) for key in RESULTS_READ_STRINGS},
    ("progress", "final_waiting"): ("site", "progress.final_waiting"),
    ("progress", "not_saved"): ("path", "not_saved"),
}
# The site's own dates are written the way Babel writes them for this locale: `1 December 2026`.
ENGLISH_LOCALE = "en_GB"


@dataclass(frozen=True)
class Speaking:
    """The language the interface speaks: its code and its translations, keyed by gettext context."""

    language: str = "en"
    translations: Mapping[str, str] = field(default_factory=dict)
    mark: bool = True
    """Mark English left untranslated (pages); off for files that cannot say which language a text is in."""

    @property
    def locale(self) -> str:
        """The Babel locale of dates and numbers."""
        return ENGLISH_LOCALE if self.language == "en" else self.language

    def translate(self, context: str, english: str) -> str:
        """The translation of `english` (found under `context`), or the English, marked when it should not be."""
        if self.language == "en":
            return english
        found = self.translations.get(context)
        if found is not None:
            return found
        return marked(english) if self.mark else english


# Speaking is frozen and English has no translations to change: a shared default is safe.
_speaking: ContextVar[Speaking] = ContextVar("client_craft_speaking", default=Speaking())  # noqa: B039


@contextmanager
def speaking(language: Speaking) -> Iterator[Speaking]:
    """Make every lookup in this block speak `language`."""
    token = _speaking.set(language)
    try:
        yield language
    finally:
        _speaking.reset(token)


def current() -> Speaking:
    """The language lookups speak now (English unless inside `speaking`)."""
    return _speaking.get()


def context_of(group: str, key: str) -> str:
    """The gettext context of one interface string: `interface/site:nav.home`."""
    group, key = ALIASES.get((group, key), (group, key))
    return f"interface/{group}:{key}"


def text(group: str, key: str) -> str:
    """The string `key` of `group` in the current language."""
    return current().translate(context_of(group, key), GROUPS[group][key])


def config_text(key: str, english: str) -> str:
    """A text of mkdocs.yml (`copyright`, `palette/0` for a colour toggle) in the current language."""
    return current().translate(f"{CONFIG_CONTEXT}{key}", english)


# The texts of mkdocs.yml are extracted under this context (see i18n.catalogs.config_entries).
CONFIG_CONTEXT = "interface/config:"


def strings(group: str) -> dict[str, str]:
    """A whole group of strings in the current language (for a script's JSON data)."""
    return {key: text(group, key) for key in GROUPS[group]}


def t(key: str, **values: object) -> str:
    """The interface string `key`, with `{placeholders}` filled in."""
    template = text("site", key)
    return template.format(**values) if values else template


def long_date(day: datetime.date) -> str:
    """`1 December 2026`, as the current language writes a date."""
    return format_date(day, format="long", locale=current().locale)


def script_strings() -> dict[str, str]:
    """The strings browser scripts need, keyed by short names."""
    strings_ = {key.split(".", 1)[1]: text("site", key) for key in SCRIPT_KEYS}
    strings_.update(strings("quiz"))
    return strings_
