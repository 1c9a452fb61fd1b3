"""Our ES modules joined into one classic script, for pages that must run where modules cannot.

A SCORM package is opened by learning platforms, and also straight from a folder (`file://`),
where browsers refuse to load module scripts. The site keeps its modules; a package ships them
as one script: each module becomes a function returning its exports, run once in dependency
order, and each `import { a, b as c } from "./x.js"` becomes `const { a, b: c } = <x's exports>`.

Only the forms our own modules use are understood: named imports of a relative file at the top
of a module, and `export function`, `export const` and `export let` declarations. Anything else
(default exports, `export { … }`, `import * as`, dynamic import) is refused with the module
named, so a new form is met by this code, not shipped half-translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

IMPORT = re.compile(r'^import\s*\{(?P<names>[^}]*)\}\s*from\s*"\./(?P<module>[\w.-]+\.js)";?[ \t]*$', re.M)
EXPORT = re.compile(r"^export\s+(?:(?:async\s+)?function\*?|const|let)\s+(?P<name>[A-Za-z_$][\w$]*)", re.M)
# What is left after the forms above are taken out and still looks like an import or an export.
UNSUPPORTED = re.compile(r"^\s*(?:import\b(?!\.meta)|export\b)|\bimport\s*\(", re.M)


class BundleError(ValueError):
    """A module uses an import or export form the bundler does not translate."""


def _binding(name: str) -> str:
    """`b as c` → `b: c` (destructuring), `a` → `a`."""
    parts = name.split()
    if len(parts) == 3 and parts[1] == "as":
        return f"{parts[0]}: {parts[2]}"
    if len(parts) == 1:
        return parts[0]
    raise BundleError(f"cannot read the import {name!r}")


def _variable(module: str) -> str:
    return "$" + re.sub(r"\W", "_", module.removesuffix(".js"))


def _translate(module: str, source: str) -> tuple[list[str], str]:
    """(modules it imports, its body as a function returning its exports)."""
    imports: list[str] = []
    lines: list[str] = []

    def take_import(match: re.Match[str]) -> str:
        imports.append(match["module"])
        names = [name.strip() for name in match["names"].split(",") if name.strip()]
        lines.append(f"const {{ {', '.join(_binding(name) for name in names)} }} = {_variable(match['module'])};")
        return ""

    body = IMPORT.sub(take_import, source)
    exported = EXPORT.findall(body)
    body = EXPORT.sub(lambda match: match[0].removeprefix("export").lstrip(), body)
    leftover = UNSUPPORTED.search(body)
    if leftover:
        line = body.count("\n", 0, leftover.start()) + 1
        raise BundleError(f"{module}: line {line}: an import or export form the package bundle cannot translate "
                          f"(use `import {{ … }} from \"./x.js\"` and `export function|const`)")
    returned = ", ".join(exported)
    return imports, f"const {_variable(module)} = (() => {{\n{''.join(lines)}\n{body}\nreturn {{ {returned} }};\n}})();"


def bundle(entries: list[str], read: Callable[[str], str]) -> str:
    """One classic script running the modules `entries` (in that order) and everything they import.

    `read(name)` gives the source of a module by file name. Each module runs once, after the
    modules it imports, as an ES module would.
    """
    ordered: list[str] = []
    translated: dict[str, str] = {}
    visiting: set[str] = set()

    def visit(module: str) -> None:
        if module in translated:
            return
        if module in visiting:
            raise BundleError(f"{module}: imports itself through another module; a bundle needs an order")
        visiting.add(module)
        imports, code = _translate(module, read(module))
        for name in imports:
            visit(name)
        visiting.discard(module)
        translated[module] = code
        ordered.append(module)

    for entry in entries:
        visit(entry)
    return '(() => {\n"use strict";\n' + "\n".join(translated[name] for name in ordered) + "\n})();\n"
