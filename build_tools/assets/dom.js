// Elements for the quiz and team scripts, built node by node and never parsed from HTML, so text
// from the page data stays text.

export const find = (selector, scope) => scope.querySelector(selector);
export const findAll = (selector, scope) => [...scope.querySelectorAll(selector)];

// Children may be nested arrays; null, undefined and false are left out, so that
// `condition && child` reads "only if". 0 and "" are kept: a score of 0 is shown.
export function appendAll(parent, children) {
  parent.append(...children.flat(9).filter((child) => child != null && child !== false));
  return parent;
}

// builder()(tag, attributes, ...children); attributes that are null or undefined are not set.
const builder = (namespace) => (tag, attributes, ...children) => {
  const node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
  for (const name in attributes) {
    if (attributes[name] != null) node.setAttribute(name, attributes[name]);
  }
  return appendAll(node, children);
};
export const html = builder();
export const svg = builder("http://www.w3.org/2000/svg");

// Live regions announce changes, not content: empty the region, then fill it 60 ms later,
// so that the same message said twice is heard twice.
export function announce(region, text) {
  region.hidden = false;
  region.textContent = "";
  clearTimeout(region.timer);
  region.timer = setTimeout(() => (region.textContent = text), 60);
}
