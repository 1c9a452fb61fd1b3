"""Exported results: the file format, reading files from people, team statistics and xAPI.

One format (`model.py`) is written by the quiz pages, My progress and the checklist pages, read by
the team page in the browser and by `python -m build_tools results`. The browser mirrors `check.py`,
`read.py` and `stats.py` line for line (assets/team-read.js, assets/team-stats.js); differential tests
run both on the same files.
"""
