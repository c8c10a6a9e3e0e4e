"""Spreadsheet downloads: one place that turns a tablib dataset into a CSV or Excel response."""

import csv

import tablib
from django.http import HttpResponse, StreamingHttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet reads as the start of a formula (OWASP "CSV injection"); a tab or carriage
# return first is skipped by some spreadsheets, which then see the formula behind it.
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def als_tekst(waarde):
    """A text that a spreadsheet would run as a formula (a HYPERLINK that sends another cell
    away when clicked) gets a leading apostrophe: shown as text, never evaluated. Numbers stay
    numbers."""
    if isinstance(waarde, str) and waarde.startswith(FORMULETEKENS):
        return "'" + waarde
    return waarde


def _onschadelijk(data) -> tablib.Dataset:
    veilig = tablib.Dataset(headers=[als_tekst(h) for h in data.headers or []] or None)
    for rij in data:
        veilig.append([als_tekst(w) for w in rij])
    return veilig


def als_download(data, basisnaam: str, formaat: str) -> HttpResponse:
    """`formaat` "xlsx" gives Excel, anything else CSV with semicolons (Dutch Excel's default).
    Every text cell is neutralised first, so a name typed by anyone cannot become a formula."""
    data = _onschadelijk(data)
    if formaat == "xlsx":
        response = HttpResponse(data.export("xlsx"), content_type=XLSX)
        naam = f"{basisnaam}.xlsx"
    else:
        # A BOM so that Excel on Windows opens the Dutch characters correctly.
        response = HttpResponse(
            "\ufeff" + data.export("csv", delimiter=";"), content_type="text/csv; charset=utf-8"
        )
        naam = f"{basisnaam}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


def als_werkboek(bladen: list, basisnaam: str) -> HttpResponse:
    """Several datasets (each with a `title`) as one Excel workbook, every text cell neutralised
    as in als_download."""
    boek = tablib.Databook()
    for blad in bladen:
        veilig = _onschadelijk(blad)
        veilig.title = (blad.title or "")[:31]  # Excel's longest sheet name
        boek.add_sheet(veilig)
    response = HttpResponse(boek.export("xlsx"), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{basisnaam}.xlsx"'
    return response


class _Regel:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, regel):
        return regel


def als_stroom(koppen: list, rijen, basisnaam: str, formaat: str):
    """As als_download, for an export of many rows (issue 15): CSV is streamed row by row while
    `rijen` (an iterator of lists) is read, so memory and the first byte do not wait for the
    whole list; Excel, which needs the whole file, is built from the same rows."""
    if formaat == "xlsx":
        data = tablib.Dataset(headers=[str(k) for k in koppen])
        for rij in rijen:
            data.append(rij)
        return als_download(data, basisnaam, formaat)
    schrijver = csv.writer(_Regel(), delimiter=";")

    def regels():
        # A BOM so that Excel on Windows opens the Dutch characters correctly.
        yield "\ufeff" + schrijver.writerow([als_tekst(str(k)) for k in koppen])
        for rij in rijen:
            yield schrijver.writerow([als_tekst(w) for w in rij])

    response = StreamingHttpResponse(regels(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{basisnaam}.csv"'
    return response
