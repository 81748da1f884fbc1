/* The field forms' service worker (issue 23; docs/offline.md).
 *
 * Registered once for each of the two field forms, with the form's own URL as its scope
 * (/admin/crm/log/ and /admin/coaching/log/), so it only ever controls those pages. For
 * them it keeps a copy of: the form page, the static files the page loads, and the
 * pickers' data (/api/v1/field/pickers). Every request is tried on the network first;
 * the copy is used only when the network fails. Anything else (other pages, every POST,
 * every other API call) is left alone and goes to the network untouched.
 *
 * Queued entries are not kept here: the page keeps them in IndexedDB (static/ips/field.js).
 */
"use strict";

var CACHE = "ips-field-v1"; // field.js deletes every "ips-field-" cache on sign-out
var PICKERS = "/api/v1/field/pickers";

function scopePath() {
  return new URL(self.registration.scope).pathname;
}

// Besides /static/, what Wagtail's pages load from the workspace: its icon sprite
// (fetched by icons.js from data-icon-url) and its JavaScript translations.
var WAGTAIL_ASSETS = ["/admin/sprite/", "/admin/jsi18n/"];

function isAsset(url) {
  return url.pathname.indexOf("/static/") === 0 || WAGTAIL_ASSETS.indexOf(url.pathname) !== -1;
}

// The page's own files (href="...", src="...", data-icon-url="..."), to open offline.
function assetsOf(html) {
  var found = [];
  var pattern = /(?:href|src|data-icon-url)="(\/[^"]+)"/g;
  var match;
  while ((match = pattern.exec(html)) !== null) {
    var url = match[1].replace(/&amp;/g, "&");
    if (isAsset(new URL(url, self.location.origin))) {
      found.push(url);
    }
  }
  return found;
}

// The images and fonts a style sheet names (url(...)), as paths of this site.
function assetsOfCss(css, sheetUrl) {
  var found = [];
  var pattern = /url\(\s*["']?([^"')]+)["']?\s*\)/g;
  var match;
  while ((match = pattern.exec(css)) !== null) {
    if (match[1].indexOf("data:") === 0) {
      continue;
    }
    var url = new URL(match[1], new URL(sheetUrl, self.location.origin));
    if (url.origin === self.location.origin && isAsset(url)) {
      found.push(url.pathname + url.search);
    }
  }
  return found;
}

// Keep one file; a style sheet also keeps what it names. A missing file stops nothing.
async function keepAsset(cache, url) {
  try {
    var response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) {
      return;
    }
    await cache.put(url, response.clone());
    if (/\.css(\?|$)/.test(url)) {
      var names = assetsOfCss(await response.text(), url);
      await Promise.all(
        names.map(function (name) {
          return cache.add(name).catch(function () {});
        })
      );
    }
  } catch (error) {
    // no network for this one file: the page still opens, without it
  }
}

// A page is kept only if it is the form itself (not a sign-in page it was sent to).
function keepable(response, path) {
  return response.ok && !response.redirected && new URL(response.url).pathname === path;
}

async function saveForm(cache) {
  var path = scopePath();
  var response = await fetch(path, { credentials: "same-origin" });
  if (!keepable(response, path)) {
    return;
  }
  var html = await response.clone().text();
  await cache.put(path, response);
  await Promise.all(
    assetsOf(html).map(function (url) {
      return keepAsset(cache, url);
    })
  );
  await keepAsset(cache, PICKERS);
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(saveForm)
      .catch(function () {
        // No copy this time (the network failed mid-way): the worker still installs, and
        // the next visit with a signal keeps the copy (network first, see below).
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// Network first; a good answer refreshes the copy; no network: the copy (if any).
async function networkFirst(request, cacheKey, keep) {
  var cache = await caches.open(CACHE);
  try {
    var response = await fetch(request);
    if (keep(response)) {
      await cache.put(cacheKey, response.clone());
    }
    return response;
  } catch (error) {
    var copy = await cache.match(cacheKey);
    if (copy) {
      return copy;
    }
    throw error;
  }
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return; // saving goes to the network untouched (the page queues it if that fails)
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  var path = scopePath();
  if (request.mode === "navigate" && url.pathname === path) {
    // "?saved=12" pages are not kept: the copy is the empty form.
    event.respondWith(
      networkFirst(request, path, function (response) {
        return url.search === "" && keepable(response, path);
      })
    );
  } else if (isAsset(url)) {
    event.respondWith(
      networkFirst(request, url.pathname + url.search, function (response) {
        return response.ok;
      })
    );
  } else if (url.pathname === PICKERS) {
    event.respondWith(
      networkFirst(request, PICKERS, function (response) {
        return response.ok;
      })
    );
  }
  // Anything else: not answered here, so the browser asks the network as usual.
});
