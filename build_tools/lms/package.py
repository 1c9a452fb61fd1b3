"""What the zip packages (QTI 2.1, SCORM 1.2) share: XML written the same way every time, and zips
whose bytes depend on nothing but their files.

- `element`: a new element (under a parent, or a root) in a namespace, with attributes and text.
- `xml_document`: an element tree as an indented UTF-8 document under a default namespace.
- `reproducible_zip`: a zip of named files, sorted, with fixed times and modes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"  # the `xml:` prefix, bound by XML itself
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build clock in the bytes


def element(parent: ET.Element | None, tag: str, attrib: dict[str, str] | None = None, text: str | None = None,
            *, ns: str) -> ET.Element:
    """`<ns:tag>` with `attrib` and `text`, the last child of `parent` (or a new root without one).

    Each format binds its own namespace: `functools.partial(element, ns=…)`.
    """
    name = f"{{{ns}}}{tag}"
    made = ET.Element(name, attrib or {}) if parent is None else ET.SubElement(parent, name, attrib or {})
    if text is not None:
        made.text = text
    return made


def _namespaces(root: ET.Element) -> list[str]:
    """Every namespace a tag or attribute in the tree uses, in the order first met."""
    found: dict[str, None] = {}
    for node in root.iter():
        for name in (node.tag, *node.attrib):
            if name.startswith("{"):
                found[name[1:].split("}", 1)[0]] = None
    return list(found)


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        # Line breaks and tabs in attributes would be normalised to spaces by any parser.
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


class _Writer:
    def __init__(self, default: str, prefixes: dict[str, str]):
        self.default = default
        self.prefixes = {XML: "xml", **prefixes}
        self.lines = ['<?xml version="1.0" encoding="UTF-8"?>']

    def name(self, qualified: str) -> str:
        if not qualified.startswith("{"):
            return qualified
        namespace, local = qualified[1:].split("}", 1)
        return local if namespace == self.default else f"{self.prefixes[namespace]}:{local}"

    def write(self, node: ET.Element, depth: int, declarations: dict[str, str]) -> None:
        attributes = {**declarations, **{self.name(key): value for key, value in node.attrib.items()}}
        tag = self.name(node.tag)
        opening = tag + "".join(f' {key}="{_escape(value, True)}"' for key, value in attributes.items())
        pad = "  " * depth
        children = list(node)
        if children:
            self.lines.append(f"{pad}<{opening}>")
            for child in children:
                self.write(child, depth + 1, {})
            self.lines.append(f"{pad}</{tag}>")
        elif node.text:
            self.lines.append(f"{pad}<{opening}>{_escape(node.text)}</{tag}>")
        else:
            self.lines.append(f"{pad}<{opening}/>")


def xml_document(element: ET.Element, namespace: str, prefixes: dict[str, str] | None = None) -> bytes:
    """The element as an indented UTF-8 document with `namespace` as its default namespace.

    Every other namespace the tree uses is declared on the root with its prefix from `prefixes`
    (`xsi` needs none). Written by hand because ElementTree cannot put unprefixed attributes
    under a default namespace without registering prefixes for the whole process.
    """
    writer = _Writer(namespace, {XSI: "xsi", **(prefixes or {})})
    declarations = {"xmlns": namespace}
    for used in _namespaces(element):
        if used not in (namespace, XML):
            declarations[f"xmlns:{writer.prefixes[used]}"] = used
    writer.write(element, 0, declarations)
    return ("\n".join(writer.lines) + "\n").encode("utf-8")


def reproducible_zip(files: dict[str, bytes]) -> bytes:
    """A zip of `files` whose bytes depend on nothing but the files: sorted, fixed times and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
