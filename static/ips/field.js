/* Field logging that survives no signal (issue 23; docs/offline.md). Plain JS, no build.
 *
 * On the two field forms (a <form data-field-form="employer-contact|support-contact">):
 * - registers the service worker (static/ips/field-sw.js) with the form's URL as scope;
 * - offline (or when saving fails for the network) a saved entry goes into a queue on the
 *   phone (IndexedDB, one database per user: "ips-field-u<user id>"), keyed by its
 *   idempotency key, with the time it was made;
 * - at each page load and when the connection returns, the queue is sent through the API
 *   (the same key, so an entry is recorded once however many times it is sent);
 * - an entry the server refuses (4xx) stays, marked "needs attention" with the server's
 *   reason, until it is fixed in the form or discarded; 5xx and network errors: later.
 * On every workspace page: signing out with entries waiting asks first.
 */
(function () {
  "use strict";

  var API = "/api/v1";
  var KINDS = {
    "employer-contact": { url: API + "/employer-contacts", read: readContact, fill: contactFields },
    "support-contact": { url: API + "/field/support-contacts", read: readSupport, fill: supportFields },
  };

  // ---- The queue: IndexedDB, one database per user, entries keyed by idempotency key ----

  function openQueue(userId) {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("ips-field-u" + userId, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("entries", { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function inStore(db, mode, work) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction("entries", mode);
      var result = work(tx.objectStore("entries"));
      tx.oncomplete = function () { resolve(result && result.result); };
      tx.onerror = function () { reject(tx.error); };
    });
  }

  function allEntries(db) {
    return inStore(db, "readonly", function (store) { return store.getAll(); }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
    });
  }
  function putEntry(db, entry) { return inStore(db, "readwrite", function (s) { s.put(entry); }); }
  function dropEntry(db, key) { return inStore(db, "readwrite", function (s) { s.delete(key); }); }

  // ---- Forms to API fields and back ----

  function localToday() {
    var now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }
  // The program's today by this device's clock: the day in the time zone the server dated
  // the form in (the form's data-field-zone), whatever zone the device itself is set to.
  function programToday(zone) {
    if (zone) {
      try {
        var parts = {};
        new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
          .formatToParts(new Date())
          .forEach(function (p) { parts[p.type] = p.value; });
        return parts.year + "-" + parts.month + "-" + parts.day;
      } catch (e) { /* a zone this browser does not know: the device's own day */ }
    }
    return localToday();
  }
  function number(value) { return value ? Number(value) : null; }
  function checkedLabel(form, selector) {
    var box = form.querySelector(selector + ":checked");
    var label = box && box.closest("label");
    return label ? label.textContent.trim() : "";
  }

  // The quick log (employers/forms.py QuickLogForm) as POST /employer-contacts wants it.
  function readContact(form, data) {
    if ((data.get("new_employer_name") || "").trim()) {
      return { problem: "Adding a new employer needs a connection. Pick one from the list, or save it when online." };
    }
    if (!data.get("employer")) { return { problem: "Pick the employer." }; }
    if (!data.get("date")) { return { problem: "Give the date." }; }
    return {
      label: checkedLabel(form, 'input[name="employer"]') + ", " + data.get("date"),
      fields: {
        employer_id: number(data.get("employer")),
        date: data.get("date"),
        mode: data.get("mode") || "face_to_face",
        client_present: data.get("client_present") === "on",
        purpose: data.get("purpose") || "",
        notes: data.get("notes") || "",
        next_step: data.get("next_step") || "",
        next_step_due: data.get("next_step_due") || null,
        seeker_ids: data.getAll("seekers").map(Number),
        allow_duplicate: data.get("save_anyway") === "on",
      },
    };
  }
  function contactFields(f) {
    return {
      employer: String(f.employer_id), date: f.date, mode: f.mode,
      client_present: f.client_present ? ["on"] : [], purpose: f.purpose, notes: f.notes,
      next_step: f.next_step, next_step_due: f.next_step_due || "",
      seekers: f.seeker_ids.map(String),
    };
  }

  // The support log (coaching/forms.py SupportContactForm) as POST /field/support-contacts.
  function readSupport(form, data) {
    if (!data.get("seeker")) { return { problem: "Choose who was supported." }; }
    if (!data.get("date")) { return { problem: "Give the date." }; }
    var who = form.querySelector('select[name="seeker"]');
    var still = data.get("still_employed");
    return {
      label: who.options[who.selectedIndex].text + ", " + data.get("date"),
      fields: {
        seeker_id: number(data.get("seeker")),
        job_id: number(data.get("job")),
        date: data.get("date"),
        mode: data.get("mode") || "face_to_face",
        location: data.get("location") || "",
        with_whom: data.getAll("with_whom"),
        minutes: number(data.get("minutes")),
        support_types: data.getAll("support_types"),
        still_employed: still === "yes" ? true : still === "no" ? false : null,
        check: number(data.get("check")),
        notes: data.get("notes") || "",
        allow_duplicate: data.get("save_anyway") === "on",
      },
    };
  }
  function supportFields(f) {
    var still = f.still_employed === true ? "yes" : f.still_employed === false ? "no" : "";
    return {
      seeker: String(f.seeker_id), job: f.job_id ? String(f.job_id) : "", date: f.date,
      mode: f.mode, location: f.location, with_whom: f.with_whom,
      minutes: f.minutes ? String(f.minutes) : "", support_types: f.support_types,
      still_employed: still, check: f.check ? String(f.check) : "", notes: f.notes,
    };
  }

  // Put {name: value or [values]} back into the form's fields.
  function fillForm(form, values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in values) || el.type === "hidden" && el.name !== "check") { return; }
      var value = values[el.name];
      var list = Array.isArray(value) ? value : [value];
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = list.indexOf(el.value) !== -1;
      } else {
        el.value = list[0] === undefined || list[0] === null ? "" : list[0];
        // A select may narrow the ones after it (job_filter.js: the person's jobs).
        if (el.tagName === "SELECT") { el.dispatchEvent(new Event("change", { bubbles: true })); }
        if (el.type === "date") { el.dispatchEvent(new Event("ips:date-set")); }
      }
    });
  }

  // ---- Sending ----

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // The server's reason, from its problem details (api/errors.py).
  function reasonOf(response) {
    return response.json().then(function (problem) {
      var reasons = (problem.errors || []).map(function (e) { return e.reason; });
      return reasons.length ? reasons.join(" ") : problem.detail || "Refused.";
    }, function () { return "Refused by the server (" + response.status + ")."; });
  }

  function signedInUser() {
    return fetch(API + "/field/me", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json().then(function (me) { return me.user_id; }) : r.status === 401 ? "signed-out" : null; });
  }

  function sendOne(entry) {
    return fetch(KINDS[entry.kind].url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": entry.key,
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(entry.fields),
    });
  }

  function countEntries(n) { return n + (n === 1 ? " entry" : " entries"); }

  // ---- The form page ----

  function fieldPage(form) {
    var userId = form.dataset.fieldUser;
    var kind = KINDS[form.dataset.fieldForm];
    var status = document.getElementById("field-status");
    var list = document.getElementById("field-attention");
    var button = form.querySelector('button[type="submit"]');
    var keyInput = form.elements.idempotency_key;
    var dateInput = form.elements.date;
    var db = null;
    var sending = false;
    var busy = false; // a double tap saves one entry...
    var justKept = false; // ...and a tap on the emptied form just after it saves nothing
    var lastSent = "";

    function freshKey() { keyInput.value = crypto.randomUUID(); }
    // Said beside the box as "Tue 1 Dec 2026" (static/ips/date_echo.js).
    function dateSet() { dateInput.dispatchEvent(new Event("ips:date-set")); }

    var zone = form.dataset.fieldZone;

    // A page opened from the phone's copy holds the day and key it was copied with: a
    // copy from an earlier day moves on to the program's today. A date the server filled
    // in that is still today for the program stays, even on a device whose own date is
    // already tomorrow (another time zone; issue 17).
    if (form.dataset.fieldBound !== "1") {
      freshKey();
      var today = programToday(zone);
      if (dateInput && dateInput.value === dateInput.defaultValue && today > dateInput.value) {
        dateInput.value = today;
        dateSet();
      }
    }

    function say(text) { status.textContent = text; }

    function render() {
      return allEntries(db).then(function (queued) {
        var waiting = queued.filter(function (e) { return e.status === "waiting"; });
        var stuck = queued.filter(function (e) { return e.status === "attention"; });
        var parts = [];
        if (lastSent) { parts.push(lastSent); }
        if (waiting.length) {
          parts.push("Saved on this phone, will send when online (" + waiting.length + " waiting).");
        }
        if (stuck.length) {
          parts.push(countEntries(stuck.length) + (stuck.length === 1 ? " needs" : " need") + " attention: see below.");
        }
        say(parts.join(" "));
        list.replaceChildren();
        list.hidden = stuck.length === 0;
        if (!stuck.length) { return; }
        var heading = document.createElement("h2");
        heading.className = "w-h3";
        heading.textContent = "Needs attention: not sent";
        var items = document.createElement("ul");
        items.className = "field-attention-list";
        stuck.forEach(function (entry) { items.appendChild(attentionItem(entry)); });
        list.append(heading, items);
      });
    }

    function attentionItem(entry) {
      var item = document.createElement("li");
      var what = document.createElement("p");
      var made = new Date(entry.made_at).toLocaleString();
      what.textContent = entry.label + " (saved on this phone " + made + "). The server said: " + entry.reason;
      var fix = document.createElement("button");
      fix.type = "button";
      fix.className = "button button-small";
      fix.textContent = "Fix it in the form";
      fix.setAttribute("aria-label", "Fix it in the form: " + entry.label);
      fix.addEventListener("click", function () {
        fillForm(form, kind.fill(entry.fields));
        keyInput.value = entry.key; // saving it again replaces this entry, never adds one
        justKept = false;
        say("Opened in the form: correct it and save. It stays here until saved or discarded.");
        form.querySelector("input, select, textarea").focus();
      });
      var drop = document.createElement("button");
      drop.type = "button";
      drop.className = "button button-small button-secondary";
      drop.textContent = "Discard";
      drop.setAttribute("aria-label", "Discard: " + entry.label);
      drop.addEventListener("click", function () {
        if (!window.confirm("Discard this entry? It was never recorded: " + entry.label)) { return; }
        dropEntry(db, entry.key).then(function () {
          lastSent = "Discarded: " + entry.label + ".";
          return render();
        });
      });
      item.append(what, fix, " ", drop);
      return item;
    }

    function sendQueue() {
      if (sending || !navigator.onLine) { return Promise.resolve(); }
      sending = true;
      return allEntries(db).then(function (queued) {
        var waiting = queued.filter(function (e) { return e.status === "waiting"; });
        if (!waiting.length) { return; }
        return signedInUser().then(function (who) {
          if (who === "signed-out") {
            lastSent = "Sign in again to send the entries saved on this phone.";
            return;
          }
          if (who === null) { return; }
          var sent = 0;
          // One after another; a network failure stops the round (the rest wait).
          return waiting.reduce(function (chain, entry) {
            return chain.then(function (go) {
              if (!go) { return false; }
              if (String(who) !== String(entry.owner)) { return true; } // never as another user
              return sendOne(entry).then(function (response) {
                if (response.ok) {
                  sent += 1;
                  return dropEntry(db, entry.key).then(function () { return true; });
                }
                var later = response.status >= 500 || [401, 408, 429].indexOf(response.status) !== -1;
                if (later) {
                  entry.tries = (entry.tries || 0) + 1;
                  return putEntry(db, entry).then(function () { return false; });
                }
                return reasonOf(response).then(function (reason) {
                  entry.status = "attention"; // not sent again until fixed
                  entry.reason = reason;
                  return putEntry(db, entry).then(function () { return true; });
                });
              }, function () { return false; });
            });
          }, Promise.resolve(true)).then(function () {
            // What was refused is told by the "need attention" line that follows.
            lastSent = sent ? "Sent " + countEntries(sent) + " saved on this phone." : "";
          });
        });
      }).catch(function () {}).then(function () {
        sending = false;
        return render();
      });
    }

    function queueFromForm() {
      var read = kind.read(form, new FormData(form));
      if (read.problem) {
        lastSent = read.problem; // shown with what still waits
        return render();
      }
      var entry = {
        key: keyInput.value,
        owner: userId,
        kind: form.dataset.fieldForm,
        made_at: new Date().toISOString(),
        fields: read.fields,
        label: read.label,
        status: "waiting",
      };
      return putEntry(db, entry).then(function () {
        lastSent = "";
        justKept = true;
        form.reset();
        freshKey();
        if (dateInput) { dateInput.value = programToday(zone); dateSet(); }
        return render();
      }).then(function () {
        status.scrollIntoView({ block: "nearest" }); // the form is long: show that it was kept
      });
    }

    ["input", "change"].forEach(function (type) {
      form.addEventListener(type, function () { justKept = false; });
    });

    form.addEventListener("submit", function (event) {
      if (!db) { return; } // no IndexedDB: the screen's own saving, as before
      event.preventDefault();
      if (busy || justKept) { return; }
      busy = true;
      button.disabled = true;
      var done = function () { busy = false; button.disabled = false; };
      if (!navigator.onLine) {
        queueFromForm().then(done, done);
        return;
      }
      // Online: the screen's own saving. A queued copy being fixed leaves the queue first.
      dropEntry(db, keyInput.value).then(signedInUser).then(function () {
        form.submit(); // the server answered: it is reachable
      }, function () {
        queueFromForm().then(done, done); // the network failed: keep it on the phone
      });
    });

    openQueue(userId).then(function (opened) {
      db = opened;
      window.addEventListener("online", sendQueue);
      window.addEventListener("offline", render);
      return render().then(sendQueue);
    }).catch(function () {
      say("This browser cannot keep entries offline: save them when online.");
    });

    if ("serviceWorker" in navigator) {
      navigator.serviceWorker
        .register("/field-sw.js", { scope: form.dataset.fieldScope })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function () { document.documentElement.dataset.fieldReady = "1"; })
        .catch(function () {});
    }
  }

  // ---- Sign-out: warn when entries are still waiting on this phone ----

  function waitingCount(userId) {
    return openQueue(userId).then(allEntries).then(function (queued) { return queued.length; });
  }

  document.addEventListener("submit", function (event) {
    var target = event.target;
    if (!/\/admin\/logout\/$/.test(new URL(target.action, location.href).pathname)) { return; }
    if (target.dataset.fieldChecked) { return; }
    event.preventDefault();
    var form = document.querySelector("form[data-field-form]");
    var known = form ? Promise.resolve(form.dataset.fieldUser) : signedInUser();
    known.then(function (userId) {
      return /^\d+$/.test(String(userId)) ? waitingCount(userId) : 0;
    }).catch(function () { return 0; }).then(function (count) {
      if (count && !window.confirm(
        countEntries(count) + " saved on this phone " +
        (count === 1 ? "has" : "have") + " not been sent. They stay on this phone and are sent " +
        "when you sign in again. Sign out anyway?")) {
        return;
      }
      // The copies of the forms hold your people's names: they go with you.
      var cleared = window.caches ? caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf("ips-field-") === 0; })
          .map(function (n) { return caches.delete(n); }));
      }) : Promise.resolve();
      cleared.catch(function () {}).then(function () {
        setOwner(null);
        target.dataset.fieldChecked = "1";
        target.submit();
      });
    });
  }, true);

  // ---- The phone's copies of the forms belong to one user ----
  // The copies hold that user's caseload names, and an entry made in one is theirs. When
  // someone else is signed in on this browser (a session that ran out without signing
  // out, then another sign-in), the copies go at the first page loaded online, and a copy
  // of another user's form never takes an entry.
  var OWNER = "ips-field-owner";

  function owner() {
    try { return window.localStorage.getItem(OWNER); } catch (e) { return null; }
  }
  function setOwner(userId) {
    try {
      if (userId) { window.localStorage.setItem(OWNER, userId); } else { window.localStorage.removeItem(OWNER); }
    } catch (e) { /* private mode: nothing kept */ }
  }
  function clearCopies() {
    if (!window.caches) { return Promise.resolve(); }
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("ips-field-") === 0; })
        .map(function (n) { return caches.delete(n); }));
    }).catch(function () {});
  }

  var form = document.querySelector("form[data-field-form]");
  var usable = form && window.indexedDB && window.crypto && crypto.randomUUID;
  var kept = owner();
  if (form && navigator.onLine) {
    // Served by the server (the worker goes to the network first): this is the user.
    if (kept && kept !== form.dataset.fieldUser) {
      clearCopies().then(function () {
        setOwner(form.dataset.fieldUser);
        return fetch(location.href, { credentials: "same-origin" }); // a fresh copy, theirs
      }).catch(function () {});
    } else {
      setOwner(form.dataset.fieldUser);
    }
  } else if (form && kept && kept !== form.dataset.fieldUser) {
    usable = false; // an old copy of someone else's form: it takes no entry
    var button = form.querySelector('button[type="submit"]');
    if (button) { button.disabled = true; }
    var status = document.getElementById("field-status");
    if (status) {
      status.textContent = "This saved form belongs to another account. Connect to the " +
        "internet and open the form again to log.";
    }
  } else if (!form && kept && navigator.onLine) {
    signedInUser().then(function (who) {
      if (who !== null && String(who) !== kept) {
        // The copies go first: the mark of their owner stays until they are gone, so a
        // page closed half-way clears them again at the next page.
        return clearCopies().then(function () { setOwner(null); });
      }
    }).catch(function () {});
  }
  if (usable) {
    fieldPage(form);
  }
})();
