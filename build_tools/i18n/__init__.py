"""The playbook in other languages: gettext catalogs of every text, and the tools that keep them current.

`texts` finds the translatable text of every content file, `catalogs` writes the POT template
and merges it into each language's PO files, `check` validates those files, and `translate` turns a
validated project into its edition in one language.
"""
