# SPDX-License-Identifier: MPL-2.0
"""`field__any_of=[...]`: membership in a list passed as one array parameter on PostgreSQL.

`field__in=[...]` with a team's thousands of ids makes Django prepare and psycopg parse one
placeholder per id, in every query; `= ANY(%s)` sends the list as a single array. SQLite has no
arrays: there the lookup is the ordinary IN list."""

from __future__ import annotations

from django.db.models import CharField, ForeignKey, Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [str(v) for v in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::text[])", [*lhs_params, list(self.rhs)]
        if not self.rhs:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*lhs_params, *self.rhs]


def register() -> None:
    CharField.register_lookup(AnyOf)
    ForeignKey.register_lookup(AnyOf)
