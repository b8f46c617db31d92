// Accessibility repairs to the DOM that Dash 4's components render (served from our own assets; no inline script).
// Each control built by dashboard/components/filters.py `labelled()` has <label id="ID-label" for="ID">; here its
// visible label becomes part of the control's accessible name. Runs after every render (a MutationObserver).
(function () {
  "use strict";

  function named(el, ids) {
    if (el && el.getAttribute("aria-labelledby") !== ids) { el.setAttribute("aria-labelledby", ids); }
  }

  function fixDropdown(button, label) {
    // the wrapper's focus target takes the keyboard focus but was hidden from assistive technology: it is the combobox
    var wrapper = button.parentElement;
    var target = wrapper && wrapper.querySelector(".dash-dropdown-focus-target");
    var value = button.id + "-value";
    var ids = (label ? label.id + " " : "") + (document.getElementById(value) ? value : "");
    named(button, ids.trim());
    if (target) {
      if (target.hasAttribute("aria-hidden")) { target.removeAttribute("aria-hidden"); }
      if (target.getAttribute("role") !== "combobox") { target.setAttribute("role", "combobox"); }
      target.setAttribute("aria-haspopup", "listbox");
      var open = button.getAttribute("aria-expanded") || "false";
      if (target.getAttribute("aria-expanded") !== open) { target.setAttribute("aria-expanded", open); }
      named(target, ids.trim());
      var popup = button.getAttribute("aria-controls");
      if (open === "true" && popup) {
        if (target.getAttribute("aria-controls") !== popup) { target.setAttribute("aria-controls", popup); }
        var dialog = document.getElementById(popup);  // the open list is a dialog: named by the control's label
        if (dialog && label) {
          named(dialog, label.id);
          var list = dialog.querySelector(".dash-dropdown-options[role=listbox]");
          if (list) { named(list, label.id); }
        }
      } else if (target.hasAttribute("aria-controls")) {
        target.removeAttribute("aria-controls");
      }
    }
  }

  function fixRange(container, label) {
    var words = [container.closest("[data-range-from]"), "from", "to"];
    var from = words[0] ? words[0].getAttribute("data-range-from") : words[1];
    var to = words[0] ? words[0].getAttribute("data-range-to") : words[2];
    var text = label ? label.textContent.trim() : "";
    var min = container.querySelector(".dash-range-slider-min-input");
    var max = container.querySelector(".dash-range-slider-max-input");
    if (min && min.getAttribute("aria-label") !== text + " " + from) { min.setAttribute("aria-label", text + " " + from); }
    if (max && max.getAttribute("aria-label") !== text + " " + to) { max.setAttribute("aria-label", text + " " + to); }
    container.querySelectorAll("[role=slider]").forEach(function (thumb, i) {
      var name = text + " " + (i === 0 ? from : to);
      if (thumb.getAttribute("aria-label") !== name) { thumb.setAttribute("aria-label", name); }
    });
  }

  function fixOptionsList(list) {
    // checkboxes and radio buttons are native inputs in labels: a group of them, not a listbox of options
    var role = list.classList.contains("dash-radioitems") ? "radiogroup" : "group";
    if (list.getAttribute("role") !== role) { list.setAttribute("role", role); }
    list.querySelectorAll("[role=option]").forEach(function (o) {
      o.removeAttribute("role");
      o.removeAttribute("aria-selected");
    });
  }

  function fixDropdownOption(label) {
    // a <label role=option> around a checkbox is not allowed (and nests a control in an option): the option is the
    // label's text; the checkbox is only its picture (the option's aria-selected says whether it is chosen)
    var text = label.querySelector(".dash-options-list-option-text");
    if (!text) { return; }
    if (label.hasAttribute("role")) { label.removeAttribute("role"); text.setAttribute("role", "option"); }
    if (label.hasAttribute("aria-selected")) {
      text.setAttribute("aria-selected", label.getAttribute("aria-selected"));
      label.removeAttribute("aria-selected");
    }
    var box = label.querySelector("input");
    if (box && box.getAttribute("tabindex") !== "-1") { box.setAttribute("tabindex", "-1"); box.setAttribute("aria-hidden", "true"); }
  }

  function repair() {
    document.querySelectorAll(".dash-dropdown-options label.dash-dropdown-option").forEach(fixDropdownOption);
    document.querySelectorAll("label[id][for]").forEach(function (label) {
      var control = document.getElementById(label.getAttribute("for"));
      if (!control) { return; }
      if (control.classList.contains("dash-dropdown")) { fixDropdown(control, label); }
      else if (control.classList.contains("dash-slider-container")) { fixRange(control, label); }
    });
    document.querySelectorAll("button.dash-dropdown").forEach(function (b) {
      if (!document.querySelector('label[for="' + b.id + '"]')) { fixDropdown(b, null); }
    });
    document.querySelectorAll(".dash-checklist[role=listbox], .dash-radioitems[role=listbox]").forEach(fixOptionsList);
    // the chart toolbar stays for the mouse but leaves the tab order: the frame's export links and Data list are the
    // keyboard path (80 of the overview's 129 tab stops were toolbar buttons)
    document.querySelectorAll(".modebar-btn:not([tabindex='-1'])").forEach(function (b) { b.setAttribute("tabindex", "-1"); });
    document.querySelectorAll("[data-grid-label]").forEach(function (slot) {
      var name = slot.getAttribute("data-grid-label");
      slot.querySelectorAll("[role=grid], [role=treegrid]").forEach(function (g) {
        if (g.getAttribute("aria-label") !== name) { g.setAttribute("aria-label", name); }
      });
    });
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; repair(); });
  }
  function start() {
    new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                           attributeFilter: ["aria-expanded", "aria-controls", "aria-selected", "role", "aria-hidden"]});
    schedule();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
