"""The forms of a page as a browser would send them, so the journeys post what a person posts
(the CSRF token, the formsets' management fields, a select's first option) instead of a hand-made
dictionary that drifts from the templates. Standard library only: locust brings no HTML parser."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Formulier:
    action: str
    method: str
    # What the browser sends untouched, in page order; a name may repeat (checkboxes).
    velden: list[tuple[str, str]] = field(default_factory=list)
    # The values a radio group, checkbox group or select offers, per name.
    keuzes: dict[str, list[str]] = field(default_factory=dict)
    # The submit buttons' name/value pairs; a button without a name sends nothing.
    knoppen: list[tuple[str, str]] = field(default_factory=list)

    def data(self, **vervangen) -> list[tuple[str, str]]:
        """The fields with some replaced: a list value for a repeated name (checkboxes)."""
        uit = [(n, w) for n, w in self.velden if n not in vervangen]
        for naam, waarde in vervangen.items():
            for w in waarde if isinstance(waarde, list | tuple) else [waarde]:
                uit.append((naam, str(w)))
        return uit

    def waarde(self, naam: str, standaard: str = "") -> str:
        return next((w for n, w in self.velden if n == naam), standaard)


class _Lezer(HTMLParser):
    def __init__(self, pad: str):
        super().__init__(convert_charrefs=True)
        self.pad = pad
        self.formulieren: list[Formulier] = []
        self._huidig: Formulier | None = None
        self._select: str | None = None
        self._select_eerste: str | None = None
        self._select_gekozen = False
        self._textarea: str | None = None
        self._tekst: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            # No action means "this page" for a browser.
            self._huidig = Formulier(
                a.get("action") or self.pad, (a.get("method") or "get").lower()
            )
            self.formulieren.append(self._huidig)
            return
        f = self._huidig
        if f is None:
            return
        naam = a.get("name")
        if tag == "input" and naam:
            soort = a.get("type", "text").lower()
            if soort in ("radio", "checkbox"):
                f.keuzes.setdefault(naam, []).append(a.get("value", "on"))
                if "checked" in a:
                    f.velden.append((naam, a.get("value", "on")))
            elif soort == "submit":
                f.knoppen.append((naam, a.get("value", "")))
            elif soort not in ("button", "file", "reset", "image"):
                f.velden.append((naam, a.get("value", "")))
        elif tag == "button" and naam and a.get("type", "submit") == "submit":
            f.knoppen.append((naam, a.get("value", "")))
        elif tag == "select" and naam:
            self._select, self._select_eerste, self._select_gekozen = naam, None, False
            f.keuzes[naam] = []
        elif tag == "option" and self._select:
            waarde = a.get("value", "")
            f.keuzes[self._select].append(waarde)
            if self._select_eerste is None:
                self._select_eerste = waarde
            if "selected" in a and not self._select_gekozen:
                self._select_gekozen = True
                f.velden.append((self._select, waarde))
        elif tag == "textarea" and naam:
            self._textarea, self._tekst = naam, []

    def handle_endtag(self, tag):
        if tag == "form":
            self._huidig = None
        elif tag == "select" and self._select and self._huidig is not None:
            # Without a selected option a browser sends the first one.
            if not self._select_gekozen and self._select_eerste is not None:
                self._huidig.velden.append((self._select, self._select_eerste))
            self._select = None
        elif tag == "textarea" and self._textarea and self._huidig is not None:
            self._huidig.velden.append((self._textarea, "".join(self._tekst).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._tekst.append(data)


def formulieren(html: str, pad: str) -> list[Formulier]:
    lezer = _Lezer(pad)
    lezer.feed(html)
    return lezer.formulieren


def formulier(html: str, pad: str, action: str | None = None, met_veld: str | None = None):
    """The first form posting to `action` (a path, or a regular expression when it starts
    with ^) and having the field `met_veld`; None when the page has none."""
    for f in formulieren(html, pad):
        if f.method != "post":
            continue
        if action is not None:
            if action.startswith("^"):
                if not re.match(action, f.action):
                    continue
            elif f.action != action:
                continue
        if met_veld is not None and met_veld not in {n for n, _ in f.velden} | set(f.keuzes):
            continue
        return f
    return None


def links(html: str, patroon: str) -> list[str]:
    """The distinct hrefs on the page matching a regular expression, in page order."""
    gezien = dict.fromkeys(re.findall(rf'href="({patroon})"', html))
    return list(gezien)
