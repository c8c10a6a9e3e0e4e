"""Data that many tests need, built once per session and copied into each test that asks for it.

Loading the covenant's YAML or building the demo city costs seconds; copying the rows it made
costs one `INSERT ... SELECT` per table. `maak` builds the data on the empty test database (as
the migrations left it), copies every table it filled into a table of its own beside the
application's, and empties them again, so the committed database stays as the migrations left
it and a test that asks for nothing sees nothing. `zet_in` copies the rows back: inside the test's
transaction for an ordinary test (rolled back with it), committed for a transactional one
(Django's flush after the test empties the application's tables and leaves the copies alone).

The copy is only what the builders would have made when the tables they fill are still empty;
when a test made some of those rows first, `zet_in` says so and the fixture runs the builders.
"""

from dataclasses import dataclass

from django.db import connection, transaction

VOORVOEGSEL = "momentopname_"


@dataclass(frozen=True)
class Momentopname:
    naam: str
    # application table -> (copy table, quoted column list)
    tabellen: dict[str, tuple[str, str]]

    def zet_in(self) -> bool:
        """Copy the rows into the application's tables; False (and nothing copied) when one of
        those tables has rows already."""
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            bezet = " OR ".join(f"EXISTS (SELECT 1 FROM {qn(t)})" for t in self.tabellen)
            cursor.execute(f"SELECT 1 WHERE {bezet}")
            if cursor.fetchone():
                return False
            # Foreign keys are deferred (PostgreSQL and SQLite alike), so the order is free.
            with transaction.atomic():
                for tabel, (kopie, kolommen) in self.tabellen.items():
                    cursor.execute(
                        f"INSERT INTO {qn(tabel)} ({kolommen}) SELECT {kolommen} FROM {qn(kopie)}"
                    )
        return True


def _tabellen() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _aantallen(tabellen) -> dict[str, int]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {qn(t)}" for t in tabellen))
        return dict(cursor.fetchall())


def _verwijzingen_naar(tabel, cursor) -> set[str]:
    return {
        c["foreign_key"][0]
        for c in connection.introspection.get_constraints(cursor, tabel).values()
        if c["foreign_key"]
    }


def maak(naam: str, bouwen) -> Momentopname:
    """Run `bouwen()` on the database as the migrations left it and keep what it made.

    Needs database access outside any test (a session fixture under `django_db_blocker`)."""
    qn = connection.ops.quote_name
    tabellen = _tabellen()
    voor = _aantallen(tabellen)
    gevuld: dict[str, tuple[str, str]] = {}
    with transaction.atomic():
        bouwen()
        na = _aantallen(tabellen)
        # The rows the migrations made (content types, permissions) are made again with other
        # ids after each flush: the data may neither change them nor point at them.
        basis = {t for t, n in voor.items() if n}
        veranderd = sorted(t for t in basis if na[t] != voor[t])
        assert not veranderd, f"{naam}: de opbouw verandert tabellen van de migraties: {veranderd}"
        with connection.cursor() as cursor:
            for i, tabel in enumerate(t for t in tabellen if na[t] and t not in basis):
                naar_basis = _verwijzingen_naar(tabel, cursor) & basis
                assert not naar_basis, f"{naam}: {tabel} verwijst naar {sorted(naar_basis)}"
                kopie = f"{VOORVOEGSEL}{naam}_{i}"
                kolommen = ", ".join(
                    qn(k.name)
                    for k in connection.introspection.get_table_description(cursor, tabel)
                )
                cursor.execute(f"DROP TABLE IF EXISTS {qn(kopie)}")
                cursor.execute(f"CREATE TABLE {qn(kopie)} AS SELECT {kolommen} FROM {qn(tabel)}")
                gevuld[tabel] = (kopie, kolommen)
            for tabel in gevuld:
                cursor.execute(f"DELETE FROM {qn(tabel)}")
    return Momentopname(naam, gevuld)
