// Interface text for the quiz and checklist scripts. The scripts carry no text of their own:
// each page ships the strings catalog (build_tools/catalog.py) in its JSON data.

/** `template` with each `{name}` replaced by `values[name]`; unknown names stay as written. */
export function fillIn(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? values[name] : placeholder));
}
