// Keeps what a person typed in a form when sending it fails, and fills it in again when they
// return to the form.
//
// On submit, the fields of the form are kept in sessionStorage (this tab only, gone when the
// tab closes). The page that answers decides what happens next:
// - the 503 page (the database was unreachable, <body data-bewaar-mislukt>) marks them failed;
// - any other page (a redirect after success, or the form shown again with errors by the
//   server, which then holds the values itself) forgets them.
// When the form's page loads after a failure, the kept values are put back once.
//
// Never kept: passwords and one-time codes (such a form is skipped entirely), files, hidden
// fields (the CSRF token must stay fresh, formset counts must match the rows). A form opts out
// with data-niet-bewaren.
(function () {
  "use strict";

  var SLEUTEL = "bewaar-formulier";
  var script = document.currentScript;
  var opslag;
  try {
    opslag = window.sessionStorage;
  } catch (e) {
    return; // storage disabled: the browser behaves as without this script
  }

  // Passwords and one-time codes (two-factor login, backup codes): the form is never kept.
  var GEHEIM = "input[type=password], [autocomplete=one-time-code]";
  var NIET_BEWAREN = ["password", "file", "hidden", "submit", "button", "reset", "image"];

  function pagina() {
    return window.location.pathname + window.location.search;
  }

  function bewaarbaar(form) {
    return (
      (form.getAttribute("method") || "").toLowerCase() === "post" &&
      !form.hasAttribute("data-niet-bewaren") &&
      !form.querySelector(GEHEIM)
    );
  }

  function formulieren() {
    return Array.prototype.filter.call(document.forms, bewaarbaar);
  }

  function velden(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      var soort = (el.type || "").toLowerCase();
      return (
        el.name &&
        !el.disabled &&
        /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) &&
        NIET_BEWAREN.indexOf(soort) === -1
      );
    });
  }

  function waarde(el) {
    if (el.type === "checkbox" || el.type === "radio") return el.checked;
    if (el.tagName === "SELECT" && el.multiple) {
      return Array.prototype.filter
        .call(el.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
    }
    return el.value;
  }

  function zetTerug(el, w) {
    if (el.type === "checkbox" || el.type === "radio") {
      el.checked = w === true;
    } else if (el.tagName === "SELECT" && el.multiple && Array.isArray(w)) {
      Array.prototype.forEach.call(el.options, function (o) {
        o.selected = w.indexOf(o.value) !== -1;
      });
    } else if (typeof w === "string") {
      el.value = w;
    }
  }

  function lees() {
    try {
      return JSON.parse(opslag.getItem(SLEUTEL));
    } catch (e) {
      return null;
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !bewaarbaar(form)) return;
    var lijst = velden(form);
    if (!lijst.length) return;
    opslag.setItem(
      SLEUTEL,
      JSON.stringify({
        pagina: pagina(),
        formulier: formulieren().indexOf(form),
        velden: lijst.map(function (el) { return [el.name, waarde(el)]; }),
        mislukt: false,
      })
    );
  });

  var bewaard = lees();

  if (document.body.hasAttribute("data-bewaar-mislukt")) {
    if (bewaard) {
      bewaard.mislukt = true;
      opslag.setItem(SLEUTEL, JSON.stringify(bewaard));
      // The form may post elsewhere than the page it is on: lead back to that page.
      var terug = document.querySelector("[data-terug-naar-formulier]");
      if (terug) terug.setAttribute("href", bewaard.pagina);
    }
    return;
  }

  opslag.removeItem(SLEUTEL);
  if (!bewaard || !bewaard.mislukt || bewaard.pagina !== pagina()) return;
  var form = formulieren()[bewaard.formulier];
  if (!form) return;
  var lijst = velden(form);
  bewaard.velden.forEach(function (paar, i) {
    if (lijst[i] && lijst[i].name === paar[0]) zetTerug(lijst[i], paar[1]);
  });
  var melding = script && script.getAttribute("data-teruggezet");
  if (melding) {
    var div = document.createElement("div");
    div.className = "alert alert-warning";
    div.setAttribute("role", "status");
    div.textContent = melding;
    form.parentNode.insertBefore(div, form);
  }
})();
