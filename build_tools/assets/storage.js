// localStorage that never throws, for the quiz and checklist scripts.
// Privacy modes make every use of localStorage throw, and a full store throws on write: the page
// must keep working and simply forget, so each access is guarded on its own.

/** The text saved under `key`: null if there is none, undefined if storage cannot be used. */
export function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return undefined;
  }
}

/** Save `value` as JSON under `key`, or do nothing if storage refuses. */
export function storeJSON(key, value) {
  const text = JSON.stringify(value);
  try {
    localStorage.setItem(key, text);
  } catch {
    // Not kept; this visit still works.
  }
}

/** Remove `key`, or do nothing if storage cannot be used. */
export function forget(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to remove from a store we cannot reach.
  }
}

/** Every key saved for this site, or none if storage cannot be used. */
export function storedKeys() {
  try {
    return Object.keys(localStorage);
  } catch {
    return [];
  }
}
