/* Annotated Readings: show an annotation's note next to its passage.
 *
 * The note's text lives once in the page, in the numbered "Notes" list (what
 * print and no-JavaScript readers get); the passage points at it through
 * aria-describedby. This script copies that note into one popover, opened by
 * hover, keyboard focus or a tap, and closed by Esc, moving away or a tap
 * elsewhere. Event delegation on the document keeps it working across
 * Material's instant navigation. No outside requests. */
(function () {
  "use strict";
  var popover = null;
  var current = null;
  var hideTimer = null;

  function ensurePopover() {
    if (popover && document.body.contains(popover)) return popover;
    popover = document.createElement("div");
    popover.className = "annotation-popover";
    popover.id = "annotation-popover";
    popover.setAttribute("role", "tooltip");
    popover.hidden = true;
    popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", function () { scheduleHide(); });
    document.body.appendChild(popover);
    return popover;
  }

  function passageOf(target) {
    return target && target.closest ? target.closest("mark.annotation") : null;
  }

  function show(mark) {
    var noteId = mark.getAttribute("aria-describedby");
    var note = noteId && document.getElementById(noteId);
    if (!note) return;
    clearTimeout(hideTimer);
    var box = ensurePopover();
    box.innerHTML = note.innerHTML;
    box.setAttribute("data-kind", mark.getAttribute("data-kind") || "");
    box.hidden = false;
    var rect = mark.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
    current = mark;
    mark.setAttribute("aria-expanded", "true");
  }

  function hide() {
    clearTimeout(hideTimer);
    if (popover) popover.hidden = true;
    if (current) current.setAttribute("aria-expanded", "false");
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  document.addEventListener("mouseover", function (event) {
    var mark = passageOf(event.target);
    if (mark && mark !== current) show(mark);
    else if (mark) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    if (passageOf(event.target) && !passageOf(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var mark = passageOf(event.target);
    if (mark) show(mark);
  });
  document.addEventListener("focusout", function (event) {
    if (passageOf(event.target)) scheduleHide();
  });
  document.addEventListener("click", function (event) {
    var mark = passageOf(event.target);
    if (mark) {
      show(mark);  /* a tap also focuses the passage: showing twice is harmless */
    } else if (popover && !popover.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) hide();
  });
})();
