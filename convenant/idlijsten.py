"""A long list of ids in a query, as one PostgreSQL array (issue 15).

`school_id__in=[...]` with the 700 schools of a safety manager's area wrote 700 placeholders,
and psycopg splits and binds a query's placeholders in Python, once per query: 25 ms each on
her home page, three times, more than the database took to answer. On PostgreSQL a list longer
than LANG of whole numbers is sent as one array parameter instead: `school_id = ANY(%s)`,
the form PostgreSQL turns an IN list into itself, so the plan is the same.

Registered for every field and relation in ConvenantConfig.ready, so every `__in` of the access
querysets and the pages benefits; short lists, other types, subqueries and other databases keep
Django's IN.
"""

from django.db.models import Field, ForeignObject
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

# Up to this many values a list stays an IN list: cheap to bind, and readable in a log.
LANG = 32
# The column types an array of whole numbers is compared with (their btree operators accept
# every integer width, so an index still serves).
GEHELE_GETALLEN = {"smallint", "integer", "bigint"}


class _AlsArray:
    """The IN lookup, as `= ANY(array)` for a long list of whole numbers on PostgreSQL."""

    _array = False

    def _array_type(self, connection) -> str | None:
        if connection.vendor != "postgresql" or not self.rhs_is_direct_value():
            return None
        if isinstance(self.lhs, tuple) or not hasattr(self.lhs, "output_field"):
            return None  # a composite key compares tuples
        soort = self.lhs.output_field.db_type(connection)
        return soort if soort in GEHELE_GETALLEN else None

    def process_rhs(self, compiler, connection):
        soort = self._array_type(connection)
        if soort is None:
            return super().process_rhs(compiler, connection)
        waarden = [w for w in dict.fromkeys(self.rhs) if w is not None]
        if len(waarden) <= LANG:
            return super().process_rhs(compiler, connection)
        sqls, params = self.batch_process_rhs(compiler, connection, waarden)
        # Only plain values: an expression in the list keeps Django's IN.
        if any(sql != "%s" for sql in sqls) or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in params
        ):
            return super().process_rhs(compiler, connection)
        self._array = True
        return f"%s::{soort}[]", [list(params)]

    def get_rhs_op(self, connection, rhs):
        if self._array:
            return f"= ANY({rhs})"
        return super().get_rhs_op(connection, rhs)


class InLijst(_AlsArray, In):
    pass


class GerelateerdInLijst(_AlsArray, RelatedIn):
    pass


def registreer() -> None:
    Field.register_lookup(InLijst)
    ForeignObject.register_lookup(GerelateerdInLijst)
