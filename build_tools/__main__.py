"""Command line: `python -m build_tools check|schemas|export|import-gift`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError, problems_as_json
from .project import build_project


def _check(args: argparse.Namespace) -> int:
    try:
        project = build_project(Path(args.root))
    except ContentError as error:
        if args.format == "json":
            print(problems_as_json(error.problems))
        else:
            print(error, file=sys.stderr)
        return 1
    if args.format == "json":
        print(problems_as_json([]))
    else:
        print(f"Content is valid. {project.coverage().summary()}")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from .schemas import write_schemas

    for path in write_schemas():
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command named on the command line; return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description="Client Craft content tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every content and quiz file")
    check.add_argument("--root", default=".", help="folder holding content/ and quizzes/ (default: .)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_check)
    schemas = commands.add_parser("schemas", help="write JSON Schemas for editors to build_tools/schemas/")
    schemas.set_defaults(run=_schemas)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
