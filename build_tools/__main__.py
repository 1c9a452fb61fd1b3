"""Command line: `python -m build_tools check|i18n|generate|schemas|export|import-gift|results`."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .errors import ContentError, problems_as_json
from .project import build_project
from .review import ReviewPolicy, ReviewPolicyError, policy_from_plugin_options


def _review_policy(args: argparse.Namespace) -> ReviewPolicy:
    """The review settings of the project's mkdocs.yml, with --review-strict on top."""
    from .mkdocs_yml import ConfigFileError, our_plugin_options, read_config

    try:
        options = our_plugin_options(read_config(Path(args.root) / "mkdocs.yml")) or {}
    except ConfigFileError:
        options = {}  # a content tree without a site configuration: the defaults apply
    policy = policy_from_plugin_options(options)
    return ReviewPolicy(policy.interval_months, strict=True) if args.review_strict else policy


def _check(args: argparse.Namespace) -> int:
    try:
        policy = _review_policy(args)
    except ReviewPolicyError as error:
        print(f"{Path(args.root) / 'mkdocs.yml'}: client-craft plugin: {error}", file=sys.stderr)
        return 2
    try:
        project = build_project(Path(args.root), review=policy, today=args.today)
        catalogs = _check_translations(project, args)
    except ContentError as error:
        if args.format == "json":
            print(problems_as_json(error.problems))
        else:
            print(error, file=sys.stderr)
        return 1
    if args.format == "json":
        print(problems_as_json([], notes=project.review_notes))
        return 0
    for note in project.review_notes:
        print(f"review due: {note}", file=sys.stderr)
    due = len(project.review_notes)
    reviews = f" {due} file{'s are' if due != 1 else ' is'} due for a review." if due else ""
    print(f"Content is valid. {project.coverage().summary()}{reviews}")
    for line in catalogs.summary():
        print(f"Translations: {line}")
    return 0


def _check_translations(project, args: argparse.Namespace):
    """Every PO file under locales/ checked against the content; with --complete, every language complete too."""
    from .errors import Problem
    from .i18n.editions import checked_catalogs, languages_on_disk

    root = Path(args.root)
    languages = languages_on_disk(root)
    catalogs, problems = checked_catalogs(root, project, languages)
    problems += catalogs.stale  # a build goes on past them; a check names them
    if args.complete:
        for language in languages:
            found = catalogs.catalogs[language.code]
            if not found.complete and not found.problems:
                problems.append(Problem(f"locales/{language.code}", 1, 1, "", f"{found.summary()}: a language that "
                                        f"ships is 100 % translated with 0 fuzzy; translate the rest (`python -m "
                                        f"build_tools i18n update {language.code}` lists every text in its PO files)"))
    if problems:
        raise ContentError(problems)
    return catalogs


def _i18n_extract(args: argparse.Namespace) -> int:
    from .i18n.catalogs import extract

    try:
        path, count = extract(Path(args.root))
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{path}: {count} texts")
    return 0


def _i18n_update(args: argparse.Namespace) -> int:
    from .i18n.catalogs import update
    from .i18n.editions import code_problem

    for code in args.languages:
        problem = code_problem(code)
        if problem:
            print(f"i18n update: {problem}", file=sys.stderr)
            return 2
    try:
        merged = update(Path(args.root), args.languages)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    for result in merged:
        state = "created" if result.created else "updated"
        print(f"{result.path}: {state}; {result.untranslated} untranslated, {result.fuzzy} fuzzy, "
              f"{result.obsolete} obsolete")
    return 0


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {text!r}") from None


def _generate(args: argparse.Namespace) -> int:
    from .generate import GenerateError, generate

    out = Path(args.out)
    try:
        site = generate(Path(args.config), out, force=args.force)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except GenerateError as error:
        print(f"{error}; nothing was written", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{error.filename or out}: cannot write there ({error.strerror}); nothing was written", file=sys.stderr)
        return 2
    print(f"wrote {out}: {len(site.pages)} pages and {len(site.files)} files; build it with "
          f"`mkdocs build --strict -f {out / 'mkdocs.yml'}`")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from .schemas import write_schemas

    for path in write_schemas():
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


def _site_address(args: argparse.Namespace) -> tuple[str, bool]:
    """(site URL, directory URLs) for the links of a SCORM package: --site-url, else mkdocs.yml's."""
    from .mkdocs_yml import ConfigFileError, read_config, resolve

    try:
        config = read_config(Path(args.root) / "mkdocs.yml")
    except ConfigFileError:
        config = {}
    site_url = args.site_url if args.site_url is not None else resolve(config.get("site_url")) or ""
    if not (isinstance(site_url, str) and site_url.startswith(("https://", "http://"))):
        site_url = ""
    return site_url, resolve(config.get("use_directory_urls", True)) is not False


def _export(args: argparse.Namespace) -> int:
    from .lms import Site, export
    from .lms.output import PathError, check_export_folder, write_export

    folder = Path(args.output)
    if args.site_url is not None and not args.site_url.startswith(("https://", "http://")):
        print(f"--site-url {args.site_url}: give the site's full address, e.g. https://playbook.example.com/; "
              f"nothing was written", file=sys.stderr)
        return 2
    try:
        check_export_folder(folder, args.output)  # before the build: a mistyped -o fails at once
    except PathError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        project = build_project(Path(args.root))
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    ids = args.quiz_ids or list(project.quizzes)
    unknown = [quiz_id for quiz_id in ids if quiz_id not in project.quizzes]
    if unknown:
        print(f"unknown quiz id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}; "
              f"known: {', '.join(project.quizzes)}", file=sys.stderr)
        return 2
    files: dict[str, bytes] = {}
    counts: dict[str, str] = {}
    site = Site(project, *_site_address(args)) if args.format == "scorm12" else None
    for quiz_id in ids:
        result = export(project.quizzes[quiz_id], args.format, site)
        for item in result.skipped:
            print(f"warning: {item}", file=sys.stderr)
        if result.questions:
            files[result.filename] = result.content
            noun = "question" if project.quizzes[quiz_id].kind == "knowledge" else "statement"
            counts[result.filename] = f"{result.questions} {noun}{'s' if result.questions != 1 else ''}"
    if not files:
        print("nothing exported", file=sys.stderr)
        return 1
    try:
        written = write_export(folder, args.output, files, force=args.force)
    except PathError as error:
        print(error, file=sys.stderr)
        return 2
    for target in written:
        print(f"wrote {target} ({counts[target.name]})")
    if site is not None and not site.site_url:
        print("note: no site_url in mkdocs.yml and no --site-url, so the packages name the guides without linking "
              "them", file=sys.stderr)
    return 0


def _import_gift(args: argparse.Namespace) -> int:
    from .lms.gift_import import import_gift
    from .lms.output import PathError

    source, target = Path(args.file), Path(args.output)
    try:
        result = import_gift(source, target, source_display=args.file, target_display=args.output,
                             force=args.force)
    except PathError as error:
        print(error, file=sys.stderr)
        return 2
    for line in result.errors + result.report:
        print(line, file=sys.stderr)
    if result.written is None:
        print(f"nothing was written to {args.output}", file=sys.stderr)
        return 1
    skipped = len(result.not_imported)
    print(f"wrote {args.output}: {result.imported} question{'s' if result.imported != 1 else ''} imported"
          f"{f', {skipped} not imported' if skipped else ''}. Add `guides:` to every question (see the TODO "
          f"comments), then run `make check`.")
    return 0


def _read_named(paths: list[str]) -> list[tuple[str, bytes]] | str:
    """(file name, bytes) of each results file, or the message for the first that cannot be read."""
    files = []
    for name in paths:
        try:
            files.append((Path(name).name, Path(name).read_bytes()))
        except OSError as error:
            return f"{name}: cannot read it ({error.strerror}); nothing was reported"
    return files


def _results_report(args: argparse.Namespace) -> int:
    from .results.read import read_files
    from .results.report import csv_report, json_report, text_report
    from .results.site_data import site_data
    from .results.stats import analyse

    files = _read_named(args.files)
    if isinstance(files, str):
        print(files, file=sys.stderr)
        return 2
    try:
        site = site_data(build_project(Path(args.root)))
    except ContentError as error:
        print(error, file=sys.stderr)
        return 2
    figures = analyse(read_files(files, site), site)
    if args.format == "text":
        print(text_report(figures, site), end="")
    else:
        # The lines about each file go to the terminal, the table alone to the output.
        for report in figures["files"]:
            print(f"{report['file']}: {' '.join(report['lines'])}", file=sys.stderr)
        print(csv_report(figures, site, args.table) if args.format == "csv" else json_report(figures), end="")
    return 0 if figures["people"] else 1


def _home_page(args: argparse.Namespace) -> str | None:
    """--home-page, else the site_url of the project's mkdocs.yml."""
    if args.home_page:
        return args.home_page
    from .mkdocs_yml import ConfigFileError, read_config, resolve

    try:
        site_url = resolve(read_config(Path(args.root) / "mkdocs.yml").get("site_url"))
    except ConfigFileError:
        return None
    return site_url if isinstance(site_url, str) and site_url.startswith(("https://", "http://")) else None


def _results_to_xapi(args: argparse.Namespace) -> int:
    import json

    from .results.model import results_schema
    from .results.read import parse
    from .results.site_data import MAX_FILE_BYTES
    from .results.xapi import statements

    home_page = _home_page(args)
    if home_page is None:
        print("say where the site lives, as the statements name its quizzes by their address: --home-page "
              "https://…/ (or set site_url in mkdocs.yml)", file=sys.stderr)
        return 2
    files = _read_named([args.file])
    if isinstance(files, str):
        print(files, file=sys.stderr)
        return 2
    data, lines = parse(files[0][1], {"max_file_bytes": MAX_FILE_BYTES, "schema": results_schema()})
    if data is None:
        print(f"{args.file}: {' '.join(lines)}", file=sys.stderr)
        return 1
    for line in lines:
        print(f"{args.file}: {line}", file=sys.stderr)
    try:
        made = statements(data, home_page)
    except ValueError as error:
        print(f"{args.file}: {error}; nothing was printed", file=sys.stderr)
        return 1
    print(json.dumps(made, ensure_ascii=False, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command named on the command line; return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description="Client Craft content tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every content and quiz file")
    check.add_argument("--root", default=".", help="folder holding content/ and quizzes/ (default: .)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--review-strict", action="store_true",
                       help="count files due for a review as problems (as `review_strict: true` in mkdocs.yml)")
    check.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                       help="check reviews as of this day (default: SOURCE_DATE_EPOCH, else today)")
    check.add_argument("--complete", action="store_true",
                       help="also require every language under locales/ to be 100 %% translated, none fuzzy")
    check.set_defaults(run=_check)
    i18n = commands.add_parser("i18n", help="the translation catalogs (gettext) under locales/")
    i18n_commands = i18n.add_subparsers(dest="i18n_command", required=True)
    extract = i18n_commands.add_parser("extract", help="write locales/client-craft.pot: every text to translate")
    extract.add_argument("--root", default=".", help="folder holding content/ and quizzes/ (default: .)")
    extract.set_defaults(run=_i18n_extract)
    update = i18n_commands.add_parser("update", help="merge today's texts into each language's PO files, as msgmerge")
    update.add_argument("languages", nargs="+", metavar="LANG", help="language codes, e.g. vi id zh nb")
    update.add_argument("--root", default=".", help="folder holding content/ and quizzes/ (default: .)")
    update.set_defaults(run=_i18n_update)
    generate = commands.add_parser("generate", help="write the site as a plain MkDocs project (no plugin needed)")
    generate.add_argument("--out", required=True, metavar="DIR", help="folder to write the project into")
    generate.add_argument("--config", default="mkdocs.yml", help="the project's mkdocs.yml (default: mkdocs.yml)")
    generate.add_argument("--force", action="store_true", help="replace DIR if it is not empty")
    generate.set_defaults(run=_generate)
    schemas = commands.add_parser("schemas", help="write JSON Schemas for editors to build_tools/schemas/")
    schemas.set_defaults(run=_schemas)
    export = commands.add_parser("export", help="write quizzes as GIFT (Moodle), QTI 2.1 or SCORM 1.2 packages")
    export.add_argument("--format", choices=("gift", "qti21", "scorm12"), required=True,
                        help="scorm12: one package per quiz and self-assessment, scored by our own runtime")
    export.add_argument("quiz_ids", nargs="*", metavar="QUIZ_ID",
                        help="quizzes and self-assessments to export (default: all)")
    export.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the exported files")
    export.add_argument("--root", default=".", help="folder holding content/ and quizzes/ (default: .)")
    export.add_argument("--force", action="store_true", help="replace exported files already in DIR")
    export.add_argument("--site-url", metavar="URL",
                        help="scorm12: where the site lives, for the packages' links to guides (default: site_url "
                             "in mkdocs.yml; none: the guides are named, not linked)")
    export.set_defaults(run=_export)
    importer = commands.add_parser("import-gift", help="turn a GIFT question bank into a quiz YAML file")
    importer.add_argument("file", metavar="FILE.gift")
    importer.add_argument("-o", "--output", required=True, metavar="quizzes/NEW.yml",
                          help="quiz file to write; its name is the quiz id")
    importer.add_argument("--force", action="store_true", help="replace the output file if it exists")
    importer.set_defaults(run=_import_gift)
    results = commands.add_parser("results", help="read results files people downloaded from the site")
    results_commands = results.add_subparsers(dest="results_command", required=True)
    report = results_commands.add_parser("report", help="the team page's figures: people, self-assessments, "
                                                        "item analysis")
    report.add_argument("files", nargs="+", metavar="FILE", help="results files (.json) downloaded from the site")
    report.add_argument("--format", choices=("text", "csv", "json"), default="text")
    report.add_argument("--table", choices=("items", "people", "dimensions"), default="items",
                        help="with --format csv: a row per question (default), per person and quiz, or per "
                             "self-assessment dimension")
    report.add_argument("--root", default=".", help="folder holding content/ and quizzes/ (default: .)")
    report.set_defaults(run=_results_report)
    to_xapi = results_commands.add_parser("to-xapi", help="print a results file's attempts as xAPI statements")
    to_xapi.add_argument("file", metavar="FILE")
    to_xapi.add_argument("--home-page", metavar="URL", help="the site's address (default: site_url in mkdocs.yml)")
    to_xapi.add_argument("--root", default=".", help="folder holding mkdocs.yml (default: .)")
    to_xapi.set_defaults(run=_results_to_xapi)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
