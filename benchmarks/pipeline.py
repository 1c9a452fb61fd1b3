"""Our pipeline alone, without MkDocs or the theme: `python -m benchmarks.pipeline ROOT [--pdf]`.

Runs what the plugin does (load → validate → resolve, render every page, collect the assets)
and prints the CPU seconds of each stage as JSON, so its growth with content can be seen
apart from the theme's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run the pipeline once over ROOT and print stage timings as one JSON object."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pipeline")
    parser.add_argument("root", type=Path)
    parser.add_argument("--pdf", action="store_true", help="also build the checklist PDFs")
    args = parser.parse_args(argv)
    clock = time.process_time
    start = clock()
    from build_tools import assets
    from build_tools.project import build_project
    from build_tools.render import Renderer

    imported = clock()
    project = build_project(args.root)
    loaded = clock()
    pages = Renderer(project, directory_urls=False).pages()
    rendered = clock()
    files = assets.site_assets(project, pdf=args.pdf)
    collected = clock()
    json.dump({
        "pages": len(pages),
        "files": len(files),
        "import": imported - start,
        "load_validate": loaded - imported,
        "render": rendered - loaded,
        "assets": collected - rendered,
    }, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
