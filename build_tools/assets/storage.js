// localStorage that never throws, for the quiz and checklist scripts.
// Privacy modes make every use of localStorage throw, and a full store throws on write: the page
// must keep working and simply forget (and say so, once: see storeJSON), so each access is guarded
// on its own.

/** The text saved under `key`: null if there is none, undefined if storage cannot be used. */
export function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return undefined;
  }
}

let refused; // a write has failed on this page, and the reader was told

/** Save `value` as JSON under `key`. If storage refuses (full, or turned off), this visit still
 * works; the first refusal on the page calls `warn()`, so the reader is told once, not on every click. */
export function storeJSON(key, value, warn) {
  const text = JSON.stringify(value);
  try {
    localStorage.setItem(key, text);
  } catch {
    if (!refused) {
      refused = true;
      warn();
    }
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
