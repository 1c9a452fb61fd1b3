// Registers the offline copy of the site (sw.js at the site root) once the page has loaded.
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url)).catch(() => {});
  });
}
