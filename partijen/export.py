"""Spreadsheet downloads: one place that turns a tablib dataset into a CSV or Excel response."""

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def als_download(data, basisnaam: str, formaat: str) -> HttpResponse:
    """`formaat` "xlsx" gives Excel, anything else CSV with semicolons (Dutch Excel's default)."""
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
