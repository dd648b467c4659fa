// Service worker (registered by web/boot.js on http/https only): after the first visit the app,
// the PDF worker and the font are kept in this browser, so the page opens and exports PDFs with
// no network. scripts/finish-build.mjs fills in BUILD (a version that changes with any file, and
// the files to keep) when Trunk builds; a new version installs beside the old one and replaces
// it once all its files are stored.
//
//   page (navigation) and stable-named files (PDF worker, font): network first, so an update on
//     the host is seen at once; the stored copy when the host cannot be reached.
//   hashed files (app-<hash>.js/.wasm, main-<hash>.css): stored copy first (their content never
//     changes under a name).
//   anything else (e.g. jixiao.html offered as a download): not touched.
const BUILD = { version: "dev", files: [] }; // replaced by scripts/finish-build.mjs

const SCOPE = self.registration.scope;
// Several copies may live under different sub-paths of one host: keep their caches apart.
const PREFIX = `jixiao:${SCOPE}:`;
const CACHE = PREFIX + BUILD.version;
// Trunk writes the hash in hex without leading zeros: 16 digits or a few fewer.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
const INDEX = new URL("./index.html", SCOPE).href;
const KEPT = new Set(BUILD.files.map((f) => new URL(f, SCOPE).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // Stable names straight from the host (`reload`), not from a possibly older HTTP cache
      // entry; hashed names may come from the HTTP cache (the page has just loaded them).
      .then((cache) => cache.addAll(BUILD.files.map((f) => new Request(f, { cache: HASHED.test(f) ? "default" : "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (request.mode === "navigate") {
    if (url.href === SCOPE || url.href === INDEX) event.respondWith(networkFirst(request, INDEX));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (KEPT.has(url.href)) {
    event.respondWith(networkFirst(request, url.href));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(request, { ignoreSearch: true });
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** The host's answer, kept under `key`; the kept copy if the host cannot be reached or fails. */
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(key, response.clone());
      return response;
    }
    const stored = await cache.match(key);
    return stored || response;
  } catch (error) {
    const stored = await cache.match(key);
    if (stored) return stored;
    throw error;
  }
}
