/* Annotated Readings: notes beside the text, and filters by kind.
 *
 * Each note's text lives once in the page, in the numbered "Notes" list (what print and no-JavaScript readers
 * get); a passage points at it with aria-describedby. This script shows that note where the reader is:
 *   - wide screens: every note stands in the margin beside its passage (sidenotes), no hover needed;
 *   - medium screens: a popover that opens below the passage, or above it when there is no room, and never
 *     leaves the viewport;
 *   - phones: a bottom sheet.
 * A passage opens by mouse, keyboard focus or tap; a tap on a context link inside a passage first opens the
 * note (which holds "More about ..."), a second tap follows the link. A context link outside any passage shows
 * its summary in the same box (hover, focus). One box at a time; Esc closes. Arriving at a passage from a link
 * (#id) marks it briefly and opens nothing.
 * Filters: ?kinds=claim,correction shows those kinds only, ?kinds=none hides every highlight; the choice is kept
 * (localStorage) while moving between readings. No outside requests. Works over http and file://. */
(function () {
  "use strict";
  var STORE = "ar-kinds";
  var KINDS = ["claim", "source", "context", "rhetoric", "correction", "capture", "question"];
  var body = document.querySelector(".reading-body");
  var popover = null;
  var current = null;
  var hideTimer = null;
  var mode = "popover";
  var sidenotes = {};

  function marks() { return Array.prototype.slice.call(document.querySelectorAll("mark.annotation")); }
  function passageOf(target) { return target && target.closest ? target.closest("mark.annotation") : null; }
  function noteOf(mark) { var id = mark.getAttribute("aria-describedby"); return id && document.getElementById(id); }
  function numberOf(mark) {
    var ref = mark.parentNode && mark.parentNode.querySelector("sup.annotation-ref a");
    return ref && ref.lastChild ? ref.lastChild.textContent.trim() : "";
  }

  /* ---- The note's content, copied from the Notes list (never from anything a script wrote). ---- */
  function fill(box, mark) {
    var note = noteOf(mark);
    box.textContent = "";
    if (!note) return false;
    var label = document.createElement("span");
    label.className = "sidenote-number";
    var ref = mark.parentNode && mark.parentNode.querySelector("sup.annotation-ref a");
    if (ref) Array.prototype.forEach.call(ref.childNodes, function (node) { label.appendChild(node.cloneNode(true)); });
    box.appendChild(label);
    Array.prototype.forEach.call(note.childNodes, function (node) {
      if (node.nodeType === 3 && !node.textContent.replace(/[\s\u00a0]+/g, "")) return;  /* the no-break spaces between parts */
      box.appendChild(node.cloneNode(true));
    });
    box.setAttribute("data-kind", mark.getAttribute("data-kind") || "");
    speaks(box, note);
    return true;
  }

  /* The box speaks the note's language, not the place it is put in (a sidenote sits inside the article, which may
     be in another language and direction): the nearest lang and dir of the note in the Notes list. */
  function speaks(box, from) {
    var lang = from.closest("[lang]"), dir = from.closest("[dir]");
    if (lang) box.setAttribute("lang", lang.getAttribute("lang")); else box.removeAttribute("lang");
    if (dir) box.setAttribute("dir", dir.getAttribute("dir")); else box.removeAttribute("dir");
  }
  function isRtl(el) { return window.getComputedStyle(el).direction === "rtl"; }

  /* ---- Popover and bottom sheet. ---- */
  function ensurePopover() {
    if (popover && document.body.contains(popover)) return popover;
    popover = document.createElement("div");
    popover.className = "annotation-popover";
    popover.hidden = true;
    popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", function () { if (mode === "popover") scheduleHide(); });
    /* Inside the page's main landmark, so that assistive technology finds it among the page's content. */
    (document.querySelector("main") || document.body).appendChild(popover);
    return popover;
  }

  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  function place(box, mark) {
    var gap = 6, margin = 8, top0 = headerBottom() + margin;
    var viewW = document.documentElement.clientWidth, viewH = window.innerHeight;
    var rects = mark.getClientRects();
    var rect = rects.length ? rects[0] : mark.getBoundingClientRect();
    var last = rects.length ? rects[rects.length - 1] : rect;
    box.style.maxHeight = "";
    var below = viewH - last.bottom - gap - margin, above = rect.top - gap - top0;
    var height = box.offsetHeight;
    var top;
    if (height <= below || below >= above) {
      if (height > below) box.style.maxHeight = Math.max(below, 80) + "px";
      top = last.bottom + gap;
    } else {
      if (height > above) box.style.maxHeight = Math.max(above, 80) + "px";
      top = rect.top - gap - Math.min(height, Math.max(above, 80));
    }
    var width = box.offsetWidth;
    /* Under the passage's start: its left edge in a left-to-right text, its right edge in a right-to-left one. */
    var start = isRtl(mark) ? rect.right - width : rect.left;
    var left = Math.max(margin, Math.min(start, viewW - width - margin));
    var origin = (box.offsetParent || document.body).getBoundingClientRect();  /* the box is placed in its container */
    box.style.left = (left - origin.left) + "px";
    box.style.top = (Math.max(top0, top) - origin.top) + "px";
  }

  /* A context link outside any passage: its summary (the link's title, moved to data-summary by start()). */
  function fillSummary(box, link) {
    box.textContent = "";
    var label = document.createElement("span");
    label.className = "annotation-label";
    label.textContent = link.textContent.trim();
    box.appendChild(label);
    box.appendChild(document.createTextNode(link.getAttribute("data-summary") || ""));
    box.setAttribute("data-kind", "context");
    speaks(box, document.body);  /* the summary is the desk's, in the site's language; the name is the article's: */
    var own = link.closest("[lang]");
    if (own) label.setAttribute("lang", own.getAttribute("lang"));
    label.setAttribute("dir", "auto");
    return true;
  }
  function summaryLinkOf(target) {
    var link = target && target.closest ? target.closest("a[data-summary]") : null;
    return link && !passageOf(link) ? link : null;
  }

  function openBox(mark, asSheet) {
    var box = ensurePopover();
    if (!(mark.matches("a[data-summary]") ? fillSummary(box, mark) : fill(box, mark))) return;
    clearTimeout(hideTimer);
    box.classList.toggle("is-sheet", asSheet);
    box.setAttribute("role", asSheet ? "dialog" : "tooltip");
    if (asSheet) {
      box.setAttribute("aria-label", "Note " + numberOf(mark));
      var close = document.createElement("button");
      close.className = "sheet-close";
      close.type = "button";
      close.setAttribute("aria-label", "Close the note");
      close.textContent = "×";
      close.addEventListener("click", function () { hide(); mark.focus({ preventScroll: true }); });
      box.insertBefore(close, box.firstChild);
      box.style.left = box.style.top = box.style.maxHeight = "";
    } else {
      box.removeAttribute("aria-label");
    }
    box.hidden = false;
    if (asSheet) {
      var rect = mark.getBoundingClientRect(), sheetTop = window.innerHeight - box.offsetHeight;
      if (rect.bottom > sheetTop - 8 || rect.top < 0) window.scrollBy(0, rect.top - Math.max(8, (sheetTop - rect.height) / 3));
    } else {
      place(box, mark);
    }
  }

  function activate(mark) {
    if (current && current !== mark) deactivate();
    current = mark;
    mark.classList.add("is-active");
    if (mode === "sidenotes") {
      var side = sidenotes[mark.id];
      if (side) {
        var r = side.getBoundingClientRect();
        if (r.top >= headerBottom() && r.bottom <= window.innerHeight) {  // beside its passage, in view: no other box
          side.classList.add("is-active");
          if (popover) popover.hidden = true;
          return;
        }
      }
      openBox(mark, false);  // pushed out of view by the notes above it: show it by the passage instead
      return;
    }
    openBox(mark, mode === "sheet");
  }

  function deactivate() {
    if (current) {
      current.classList.remove("is-active");
      var side = sidenotes[current.id];
      if (side) side.classList.remove("is-active");
    }
    current = null;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (popover) popover.hidden = true;
    deactivate();
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  /* ---- Sidenotes. ---- */
  function clearSidenotes() {
    Object.keys(sidenotes).forEach(function (id) { sidenotes[id].remove(); });
    sidenotes = {};
  }

  /* A sidenote stands beside its passage or not at all: one that would sit more than DRIFT pixels below its
     passage (the notes above it fill the margin) is left out, and its passage opens a popover instead. The
     layout reads every position first, then writes: one layout pass however many notes. */
  var DRIFT = 120;
  function layoutSidenotes() {
    clearSidenotes();
    if (mode !== "sidenotes" || !body) return;
    var origin = body.getBoundingClientRect().top;
    var limit = body.querySelector(".annotation-notes");
    var bottom = limit ? limit.getBoundingClientRect().top - origin : Infinity;
    var candidates = marks().filter(function (mark) { return mark.id && !mark.classList.contains("is-filtered"); });
    var tops = candidates.map(function (mark) { return mark.getClientRects().length ? mark.getClientRects()[0].top - origin : 0; });
    var built = candidates.map(function (mark) {
      var side = document.createElement("aside");
      side.className = "sidenote";
      side.setAttribute("aria-hidden", "true");  /* the Notes list is what assistive technology reads */
      if (!fill(side, mark)) return null;
      Array.prototype.forEach.call(side.querySelectorAll("a, button, [tabindex]"), function (el) { el.setAttribute("tabindex", "-1"); });
      side.style.visibility = "hidden";
      body.appendChild(side);
      return side;
    });
    var heights = built.map(function (side) { return side ? side.offsetHeight : 0; });  /* one forced layout for all */
    var floor = 0;
    candidates.forEach(function (mark, i) {
      var side = built[i];
      if (!side) return;
      var top = Math.max(tops[i], floor);
      if (top - tops[i] > DRIFT || top + heights[i] > bottom) { side.remove(); return; }
      side.style.top = top + "px";
      side.style.visibility = "";
      floor = top + heights[i] + 8;
      side.addEventListener("mouseenter", function () { mark.classList.add("is-active"); side.classList.add("is-active"); });
      side.addEventListener("mouseleave", function () { if (current !== mark) { mark.classList.remove("is-active"); side.classList.remove("is-active"); } });
      sidenotes[mark.id] = side;
    });
  }
  var layoutPending = false;
  function scheduleLayout() {
    if (layoutPending) return;
    layoutPending = true;
    window.requestAnimationFrame(function () { layoutPending = false; layoutSidenotes(); });
  }

  function chooseMode() {
    var was = mode;
    var narrow = document.documentElement.clientWidth < 600;
    var coarse = window.matchMedia && window.matchMedia("(hover: none) and (pointer: coarse)").matches;
    if (body) body.classList.remove("ar-sidenotes");
    var room = body ? body.getBoundingClientRect().width : 0;
    if (narrow || (coarse && room < 900)) mode = "sheet";
    else if (room >= 860) mode = "sidenotes";
    else mode = "popover";
    if (body) body.classList.toggle("ar-sidenotes", mode === "sidenotes");
    hide();  /* a box placed for the old size would sit apart from its passage */
    scheduleLayout();
  }

  /* ---- Filters by kind: ?kinds=a,b | none; kept while moving between readings. ---- */
  var legend = document.querySelector(".annotation-legend");
  var kindsPresent = legend ? Array.prototype.map.call(legend.querySelectorAll(".kind-chip"), function (c) { return c.getAttribute("data-kind"); }) : [];
  var shown = null;  /* null: every kind */

  function readChoice() {
    var value = null;
    try { value = new URLSearchParams(window.location.search).get("kinds"); } catch (e) { value = null; }
    if (value === null) { try { value = window.localStorage.getItem(STORE); } catch (e) { value = null; } }
    if (value === null) return null;
    value = value.trim().toLowerCase();
    if (value === "all" || value === "") return null;
    if (value === "none") return [];
    var known = value.split(",").map(function (k) { return k.trim(); }).filter(function (k) { return KINDS.indexOf(k) >= 0; });
    return known.length ? known : null;  /* nothing we know: show everything rather than nothing */
  }

  function writeChoice() {
    var value = shown === null ? null : (shown.length ? shown.join(",") : "none");
    try { window.localStorage.setItem(STORE, value === null ? "all" : value); } catch (e) { /* private mode: the URL still says it */ }
    try {
      var url = new URL(window.location.href);
      if (value === null) url.searchParams.delete("kinds"); else url.searchParams.set("kinds", value);
      history.replaceState(history.state, "", url.toString());
    } catch (e) { /* file:// in some browsers: the filter still applies */ }
  }

  function applyFilter() {
    marks().forEach(function (mark) {
      var off = shown !== null && shown.indexOf(mark.getAttribute("data-kind")) < 0;
      mark.classList.toggle("is-filtered", off);
      if (off) { mark.setAttribute("tabindex", "-1"); mark.removeAttribute("aria-describedby"); mark.setAttribute("data-note", mark.getAttribute("data-note") || ("note-" + mark.id)); }
      else { mark.setAttribute("tabindex", "0"); if (mark.getAttribute("data-note")) mark.setAttribute("aria-describedby", mark.getAttribute("data-note")); }
    });
    if (legend) {
      Array.prototype.forEach.call(legend.querySelectorAll("button[data-kind]"), function (button) {
        button.setAttribute("aria-pressed", String(shown === null || shown.indexOf(button.getAttribute("data-kind")) >= 0));
      });
    }
    hide();
    scheduleLayout();
  }

  function buildFilters() {
    if (!legend) return;
    Array.prototype.forEach.call(legend.querySelectorAll(".kind-chip"), function (chip) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kind-chip";
      button.setAttribute("data-kind", chip.getAttribute("data-kind"));
      button.setAttribute("title", "Show or hide " + chip.textContent.replace(/\s+\d+\s*$/, "").trim() + " notes: " + (chip.getAttribute("title") || ""));
      while (chip.firstChild) button.appendChild(chip.firstChild);
      chip.parentNode.replaceChild(button, chip);
      button.addEventListener("click", function () {
        var kind = button.getAttribute("data-kind");
        var set = shown === null ? kindsPresent.slice() : shown.slice();
        var at = set.indexOf(kind);
        if (at >= 0) set.splice(at, 1); else set.push(kind);
        shown = set.length === kindsPresent.length ? null : set;
        writeChoice();
        applyFilter();
      });
    });
    [["All", null, "Show every kind of note"], ["None", [], "Hide every highlight for a clean read"]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "legend-all";
      button.textContent = spec[0];
      button.setAttribute("title", spec[2]);
      button.addEventListener("click", function () { shown = spec[1] === null ? null : []; writeChoice(); applyFilter(); });
      legend.appendChild(button);
    });
  }

  /* ---- Events (delegated: they keep working across Material's instant navigation). ---- */
  function isOpen(mark) {
    return current === mark && ((popover && !popover.hidden) || (mode === "sidenotes" && sidenotes[mark.id] && sidenotes[mark.id].classList.contains("is-active")));
  }
  /* What the passage was before a press: a tap that focuses a link inside it must open the note, not the link. */
  var pressed = null;
  document.addEventListener("pointerdown", function (event) {
    var mark = passageOf(event.target);
    pressed = mark ? { mark: mark, wasOpen: isOpen(mark), at: Date.now() } : null;
  }, true);
  function pressedOn(mark) { return pressed && pressed.mark === mark && Date.now() - pressed.at < 1500; }

  function showSummary(link) {
    if (current === link) { clearTimeout(hideTimer); return; }
    deactivate();
    current = link;
    openBox(link, false);
  }
  document.addEventListener("mouseover", function (event) {
    if (mode === "sheet") return;
    var link = summaryLinkOf(event.target);
    if (link) { showSummary(link); return; }
    var mark = passageOf(event.target);
    if (!mark || mark.classList.contains("is-filtered")) return;
    if (mark !== current) activate(mark); else clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    if (mode === "sheet") return;
    var from = passageOf(event.target) || summaryLinkOf(event.target);
    if (!from || (passageOf(event.relatedTarget) || summaryLinkOf(event.relatedTarget)) === from) return;
    if (popover && popover.contains(event.relatedTarget)) return;
    scheduleHide();
  });
  /* Focus that arrives with the page (a link to #mention-x focuses it) only marks the target: no box opens. */
  var arrived = { id: "", at: 0 };
  function isArrival(target) {
    return arrived.id && Date.now() - arrived.at < 1500 && target && (target.id === arrived.id || (passageOf(target) && passageOf(target).id === arrived.id));
  }
  document.addEventListener("focusin", function (event) {
    if (popover && popover.contains(event.target)) return;
    var link = summaryLinkOf(event.target);
    var mark = passageOf(event.target);
    if (isArrival(event.target)) { hide(); return; }
    if (link) { if (mode !== "sheet") showSummary(link); else hide(); return; }
    if (!mark || mark.classList.contains("is-filtered")) { if (current) hide(); return; }  /* one box, for what has focus */
    if (mark === current) return;
    if (pressedOn(mark)) return;  /* focus from a press: the click decides */
    activate(mark);
  });
  document.addEventListener("click", function (event) {
    var ref = event.target.closest && event.target.closest("sup.annotation-ref");
    var refMark = ref && ref.parentNode && ref.parentNode.querySelector("mark.annotation");
    if (refMark && !refMark.classList.contains("is-filtered")) {
      event.preventDefault();
      if (!isOpen(refMark)) activate(refMark);
      return;
    }
    var mark = passageOf(event.target);
    if (mark && !mark.classList.contains("is-filtered")) {
      var link = event.target.closest && event.target.closest("a");
      var open = pressedOn(mark) ? pressed.wasOpen : isOpen(mark);
      pressed = null;
      if (link && open) return;  /* the note was showing: the link is followed */
      event.preventDefault();     /* otherwise the tap opens the note, not the link */
      if (!isOpen(mark)) activate(mark);
      return;
    }
    if (popover && popover.contains(event.target)) return;
    if (event.target.closest && event.target.closest(".sidenote")) return;
    hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      var mark = current;
      hide();
      if (document.activeElement && popover && popover.contains(document.activeElement)) mark.focus({ preventScroll: true });
    } else if ((event.key === "Enter" || event.key === " ") && passageOf(event.target) === event.target) {
      event.preventDefault();
      activate(event.target);
    }
  });

  function markTarget() {
    /* Arriving from a back-link: show where, without opening a box. From a search result (?h=word), the word is
       in the note: open it. A passage a filter hides is shown, since the reader asked for it. */
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var mark = target && (passageOf(target) || (target.matches && target.matches("mark.annotation") ? target : null));
    if (!mark) return;
    arrived = { id: mark.id, at: Date.now() };
    if (current) hide();
    if (mark.classList.contains("is-filtered")) {  /* hidden by a filter: this one is shown, as asked for */
      mark.classList.remove("is-filtered");
      mark.setAttribute("tabindex", "0");
      if (mark.getAttribute("data-note")) mark.setAttribute("aria-describedby", mark.getAttribute("data-note"));
    }
    var fromSearch = /[?&]h=/.test(window.location.search);
    if (fromSearch) window.setTimeout(function () { activate(mark); }, 50);  /* the searched word is in the note */
    mark.classList.remove("is-target");
    void mark.offsetWidth;
    mark.classList.add("is-target");
  }

  function start() {
    body = document.querySelector(".reading-body");
    legend = document.querySelector(".annotation-legend");
    if (!body) return;
    /* The passages open their notes: their numbers need not be tab stops too. */
    Array.prototype.forEach.call(document.querySelectorAll("sup.annotation-ref a"), function (a) { a.setAttribute("tabindex", "-1"); });
    /* Context links outside passages: their summaries open in the same box as the notes (one box at a time, by
       keyboard too), not as the browser's title tooltip beside it. */
    Array.prototype.forEach.call(body.querySelectorAll("a.context-link[title]"), function (link) {
      if (passageOf(link)) return;
      link.setAttribute("data-summary", link.getAttribute("title"));
      link.removeAttribute("title");
    });
    buildFilters();
    shown = readChoice();
    writeChoice();  /* the URL says what is shown; the choice is kept as given, whatever kinds this reading has */
    applyFilter();
    chooseMode();
    markTarget();
    var pending = null;
    window.addEventListener("resize", function () { clearTimeout(pending); pending = setTimeout(chooseMode, 150); });
    window.addEventListener("hashchange", markTarget);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(scheduleLayout);
    window.addEventListener("load", scheduleLayout);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
