// Interface text for the quiz and checklist scripts. The scripts carry no text of their own:
// each page ships the strings catalog (build_tools/catalog.py) in its JSON data.

/** `template` with each `{name}` replaced by `values[name]`; unknown names stay as written. */
export function fillIn(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? values[name] : placeholder));
}

/** The page's language (`<html lang>`), for the dates and numbers the scripts write, as Babel writes the page's. */
export const pageLanguage = globalThis.document?.documentElement.lang || undefined; // none in Node (tests)

/** A number as the page's language writes it, with one decimal at most: `2.5`, `2,5`. */
export function number(value) {
  return new Intl.NumberFormat(pageLanguage, { maximumFractionDigits: 1 }).format(value);
}
