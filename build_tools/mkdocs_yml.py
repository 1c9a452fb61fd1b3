"""mkdocs.yml read and written as data, without MkDocs: its `!ENV` and `!relative` tags are kept.

The generator reads the project's mkdocs.yml and writes another; `check` reads it to learn where
the hand-written pages are. Neither needs MkDocs itself, so neither imports it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# The name under which mkdocs.yml lists our plugin.
PLUGIN = "client-craft"


class ConfigFileError(Exception):
    """mkdocs.yml cannot be read or is not the settings of a site."""


@dataclass(frozen=True)
class Tagged:
    """A YAML value carrying a MkDocs tag (`!ENV`, `!relative`), kept to be written back unchanged."""

    tag: str
    value: Any


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml keeping MkDocs' own tags instead of failing on them."""


def _construct_tagged(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.SequenceNode):
        value: Any = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged("!" + tag_suffix, value)


_ConfigLoader.add_multi_constructor("!", _construct_tagged)


class _ConfigDumper(yaml.SafeDumper):
    """Writes the tags back as they were read."""


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, with MkDocs' tags kept as `Tagged` values."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot read it ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ConfigFileError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(config, dict):
        raise ConfigFileError(f"{path}: expected the settings of a MkDocs site (`site_name: …` and so on)")
    return config


def resolve(value: Any) -> Any:
    """The value MkDocs would see: `!ENV [NAME, …, default]` reads the first variable that is set."""
    if not (isinstance(value, Tagged) and value.tag == "!ENV"):
        return value
    names = value.value if isinstance(value.value, list) else [value.value]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if name in os.environ:
            # MkDocs reads an environment value as a YAML scalar: `false` is a boolean, `8` a number.
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def plugin_name(entry: Any) -> str:
    """The name of one entry of mkdocs.yml's `plugins:` list (`search`, or `{client-craft: {...}}`)."""
    return entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""


def our_plugin_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """Our plugin's options, resolved (`{}` when listed without options); None when it is not listed."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also takes `plugins:` as a mapping of name → options
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if plugin_name(entry) == PLUGIN:
            options = entry[PLUGIN] if isinstance(entry, dict) else None
            return {key: resolve(value) for key, value in (options or {}).items()} if isinstance(options, dict) \
                else {}
    return None


def config_text(config: dict[str, Any]) -> str:
    """A mkdocs.yml's text, tags written back as they were read."""
    return yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False, width=120)


def hand_written_pages(project_dir: Path, config: dict[str, Any] | None = None) -> dict[str, str]:
    """Source path → shown path of every Markdown page in the docs folder that mkdocs.yml names."""
    if config is None:
        try:
            config = read_config(project_dir / "mkdocs.yml")
        except ConfigFileError:
            return {}
    docs_name = str(resolve(config.get("docs_dir", "docs")))
    return pages_in(project_dir / docs_name, docs_name)


def pages_in(docs: Path, shown_as: str) -> dict[str, str]:
    """Source path → `shown_as/path` of every Markdown page under the folder `docs` (hidden ones aside)."""
    pages = {}
    for directory, folders, names in os.walk(docs):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if name.endswith(".md") and not name.startswith("."):
                src = (Path(directory) / name).relative_to(docs).as_posix()
                pages[src] = f"{shown_as}/{src}"
    return pages
