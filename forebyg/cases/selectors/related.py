# SPDX-License-Identifier: MPL-2.0
"""Reading a record's related records with SQL compiled once per process (issue #20).

The child page reads some twenty kinds of record about one child. Through Django's
`prefetch_related` each costs about a millisecond of CPU before and after the database's own work
(building the queryset, compiling it to SQL, a queryset per parent), while the database answers in
some 50 µs. Only the ids differ from one child to the next, so `read_related` compiles each query
once — with placeholder ids — and afterwards puts the ids in and turns the rows into model
instances exactly as Django's iterator does; each parent's records are then where
`parent.<relation>.all()` finds them, as after `prefetch_related_objects`.

What is kept between requests is SQL text and how a row becomes an instance: no ids, no rows, no
personal data. A compiled query is found again by

* the database connection (its own per thread; the converters belong to it),
* the relation and how its queryset is built (`shape`: the caller's name for its `build`),
* the number of parents rounded up to a power of two (the length of the `IN` list; the places
  beyond the parents repeat the first parent's id, which changes nothing in an `IN`), and
* the request's scope (the municipalities a scoped model filters on, `django_scopes`), since the
  scope's filter is part of the SQL; a scope that cannot be part of a key is never cached.

Nothing else goes into the SQL, so nothing else invalidates it (the models do not change while a
process runs). What is kept stays small: some thirty relations, a few widths, the scopes in use. Each read still goes to the database and is seen by query logging as any other.
tests/cases/test_read_related.py: the records equal Django's prefetch, a scope's records never
appear in another scope's read, and nothing but the key's parts are kept."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import ManyToManyField, Model, Prefetch, QuerySet, prefetch_related_objects
from django.db.models.fields.related_descriptors import ManyToManyDescriptor, ReverseManyToOneDescriptor
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler
from django_scopes import get_scope

Build = Callable[[QuerySet[Any]], QuerySet[Any]]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    positions: tuple[int, ...]  # where the parents' ids go in `params`
    compiler: SQLCompiler
    converters: dict[int, Any]
    model: type[Model]
    start: int
    end: int
    init_list: tuple[str, ...]
    populators: tuple[Any, ...]
    base: QuerySet[Any]  # the model's queryset in the scope, never evaluated: each parent's queryset starts from it


_CACHE_ATTR = "_forebyg_compiled_reads"  # on the connection object: one per thread and database


def _marker(i: int) -> str:
    return f"~forebyg-read-{i}~"  # stands for the i-th id while the SQL is compiled (no NUL: PostgreSQL)


def _scope_key() -> Hashable | None:
    """The current scope as part of a key, or None when it cannot be one (then nothing is cached)."""
    key: list[tuple[str, Hashable]] = []
    for name, value in sorted(get_scope().items()):
        if isinstance(value, list | tuple | set | frozenset):
            if not all(isinstance(v, int | str) for v in value):
                return None
            key.append((name, (type(value).__name__, tuple(value))))
        elif value is None or isinstance(value, bool | int | str):
            key.append((name, value))
        else:
            return None
    return tuple(key)


def _copy(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """A copy to build on (QuerySet._chain, as Django's related managers and prefetch use it)."""
    chain: Callable[[], QuerySet[Any]] = queryset._chain  # type: ignore[attr-defined]  # private in django-stubs
    return chain()


def _marker_positions(params: Sequence[Any], n: int) -> list[int]:
    """Where each of the n markers stands among a compiled query's parameters (-1: not there)."""
    markers = {_marker(i): i for i in range(n)}
    positions = [-1] * n
    for at, value in enumerate(params):
        if isinstance(value, str) and value in markers:
            positions[markers[value]] = at
    return positions


def _compile(base: QuerySet[Any], queryset: QuerySet[Any], n: int) -> _Compiled:
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    positions = _marker_positions(params, n)
    klass_info = compiler.klass_info
    if -1 in positions or klass_info is None or compiler.annotation_col_map:
        raise ValueError("read_related: a query of another shape than a relation's records")
    fields = [s[0] for s in compiler.select[0:compiler.col_count]]
    if compiler.has_composite_fields(fields):
        raise ValueError("read_related: composite fields are not supported")
    select_fields = klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    return _Compiled(
        sql=sql, params=tuple(params), positions=tuple(positions), compiler=compiler,
        converters=compiler.get_converters(fields), model=klass_info["model"], start=start, end=end,
        init_list=tuple(f[0].target.attname for f in compiler.select[start:end]),
        # django-stubs has Django 6's signature (with `fetch_mode`); Django 5.2's has three arguments.
        populators=tuple(get_related_populators(klass_info, compiler.select, queryset.db)),  # type: ignore[call-arg]
        base=base)


def read_related(parents: Sequence[Model], relation: str, *, shape: str = "", build: Build | None = None) -> list:
    """Read `relation` (a reverse foreign key, e.g. "measures" of a child) of every parent in one
    query, and leave each parent's records where `parent.<relation>.all()` finds them, in the
    queryset's order. `build` adds to the relation's queryset (`select_related`, say); `shape`
    names it, and must differ whenever `build` does. Returns all the records read."""
    if not parents:
        return []
    descriptor = getattr(type(parents[0]), relation)
    if not isinstance(descriptor, ReverseManyToOneDescriptor) or descriptor.field.many_to_many:
        raise ValueError(f"read_related: {relation} is not a reverse foreign key")
    fk = descriptor.field
    ids = [p.pk for p in parents]
    if not all(isinstance(i, str) for i in ids):  # the placeholders are text: other ids through Django
        queryset = fk.model._default_manager.get_queryset()
        prefetch_related_objects(list(parents), Prefetch(relation, queryset=build(queryset) if build else queryset))
        return [x for p in parents for x in getattr(p, relation).all()]
    width = 1 << (len(ids) - 1).bit_length()  # 1, 2, 4, 8, ...: few shapes for any number of parents
    db = router.db_for_read(fk.model, instance=parents[0])
    connection = connections[db]
    scope_key = _scope_key()
    key = (fk.model._meta.label, relation, shape, width, scope_key)
    cache: dict[Hashable, _Compiled] = connection.__dict__.setdefault(_CACHE_ATTR, {})
    compiled = cache.get(key) if scope_key is not None else None
    if compiled is None:
        base = fk.model._default_manager.db_manager(db).get_queryset()  # the scope's filter, or the scope's error
        shaped = build(_copy(base)) if build else _copy(base)
        compiled = _compile(base, shaped.filter(**{f"{fk.attname}__in": [_marker(i) for i in range(width)]}), width)
        if scope_key is not None:
            cache[key] = compiled
    params = list(compiled.params)
    for at, value in zip(compiled.positions, ids + [ids[0]] * (width - len(ids)), strict=True):
        params[at] = value
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows: Any = cursor.fetchall()
    if compiled.converters:
        rows = compiled.compiler.apply_converters(rows, compiled.converters)
    by_parent: dict[Any, list] = {i: [] for i in ids}
    by_id = dict(zip(ids, parents, strict=True))
    out = []
    start, end, model, init_list, populators = (compiled.start, compiled.end, compiled.model, compiled.init_list,
                                                compiled.populators)
    attname, cache_fk = fk.attname, fk.set_cached_value
    for row in rows:
        obj = model.from_db(db, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        parent_id = getattr(obj, attname)
        cache_fk(obj, by_id[parent_id])  # `record.child` is the child read, as after prefetch_related
        by_parent[parent_id].append(obj)
        out.append(obj)
    cache_name = fk.remote_field.cache_name
    for parent in parents:
        # What `parent.<relation>.all()` returns from now on: the relation's own queryset (its filter
        # applied only if someone builds on it), holding the records read.
        qs = getattr(parent, relation)._apply_rel_filters(_copy(compiled.base))
        qs._result_cache = by_parent[parent.pk]
        qs._prefetch_done = True
        parent.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = qs
    return out


@dataclass(frozen=True)
class Relation:
    """A relation of a record's to read with `read_relations` (a reverse foreign key, e.g. "goals"
    of a child), with the records its records refer to (`select_related`) and relations of their
    own to read (`then`)."""

    relation: str
    select_related: tuple[str, ...] = ()
    then: tuple[Relation, ...] = ()


def read_relations(parents: Sequence[Model], relations: Iterable[Relation]) -> None:
    """`read_related` for each relation, and its `then` for the records read; like
    `prefetch_related_objects`, a relation a parent has read already is not read again."""
    for r in relations:
        if not parents:
            return
        cache_name = getattr(type(parents[0]), r.relation).field.remote_field.cache_name
        todo = [p for p in parents if cache_name not in p.__dict__.get("_prefetched_objects_cache", {})]
        names = r.select_related
        build: Build | None = (lambda qs, names=names: qs.select_related(*names)) if names else None
        read_related(todo, r.relation, shape="+" + ",".join(names), build=build)
        if r.then:
            read_relations([x for p in parents for x in getattr(p, r.relation).all()], r.then)


@dataclass(frozen=True)
class _CompiledValues:
    sql: str
    params: tuple[Any, ...]
    positions: tuple[int, ...]
    compiler: SQLCompiler
    converters: dict[int, Any]
    base: QuerySet[Any]  # the values query compiled, never evaluated


def _values(key: Hashable, db: str, build: Callable[[list[str]], QuerySet[Any]], ids: Sequence[str]) -> list:
    """The rows of the values query `build(placeholders)`, compiled once per key, width and scope."""
    width = 1 << (len(ids) - 1).bit_length()
    connection = connections[db]
    scope_key = _scope_key()
    cache: dict[Hashable, Any] = connection.__dict__.setdefault(_CACHE_ATTR, {})
    full_key = ("values", key, width, scope_key)
    compiled = cache.get(full_key) if scope_key is not None else None
    if compiled is None:
        queryset = build([_marker(i) for i in range(width)])
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        positions = _marker_positions(params, width)
        if -1 in positions:
            raise ValueError("read_many_to_many: the ids are not parameters of the query")
        fields = [s[0] for s in compiler.select[0:compiler.col_count]]
        compiled = _CompiledValues(sql, tuple(params), tuple(positions), compiler, compiler.get_converters(fields),
                                   queryset)
        if scope_key is not None:
            cache[full_key] = compiled
    params = list(compiled.params)
    for at, value in zip(compiled.positions, list(ids) + [ids[0]] * (width - len(ids)), strict=True):
        params[at] = value
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows: Any = cursor.fetchall()
    if compiled.converters:
        rows = list(compiled.compiler.apply_converters(rows, compiled.converters))
    return rows


def read_many_to_many(parent: Model, relation: str, *, ids_of: str | None = None) -> list:
    """Read the many-to-many `relation` of one parent (e.g. "notifications" of a child) with SQL
    compiled once, and leave the records where `parent.<relation>.all()` finds them, in the
    queryset's order — as `prefetch_related_objects([parent], relation)`. With `ids_of` (a
    many-to-many field of those records, e.g. "children"), also which records each of them is
    related to, as instances holding only their id (as `Prefetch(ids_of,
    queryset=Model.objects.only("id"))`), in the related model's order. Returns the records read."""
    descriptor = getattr(type(parent), relation)
    if not isinstance(descriptor, ManyToManyDescriptor) or not isinstance(parent.pk, str):
        raise ValueError(f"read_many_to_many: {relation} is not a many-to-many relation of a text id")
    model = descriptor.rel.related_model if descriptor.reverse else descriptor.field.related_model
    query_name = descriptor.field.name if descriptor.reverse else descriptor.field.related_query_name()
    db = router.db_for_read(model, instance=parent)
    # The records, as instances: read_related's compiled shape with the parent's id in a `__in`.
    key = (model._meta.label, "m2m:" + relation, 1, _scope_key())
    connection = connections[db]
    cache: dict[Hashable, _Compiled] = connection.__dict__.setdefault(_CACHE_ATTR, {})
    compiled = cache.get(key) if key[-1] is not None else None
    if compiled is None:
        base = model._default_manager.db_manager(db).get_queryset()
        compiled = _compile(base, _copy(base).filter(**{f"{query_name}__in": [_marker(0)]}), 1)
        if key[-1] is not None:
            cache[key] = compiled
    params = list(compiled.params)
    params[compiled.positions[0]] = parent.pk
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows: Any = cursor.fetchall()
    if compiled.converters:
        rows = compiled.compiler.apply_converters(rows, compiled.converters)
    out = []
    for row in rows:
        obj = compiled.model.from_db(db, compiled.init_list, row[compiled.start:compiled.end])
        for populator in compiled.populators:
            populator.populate(row, obj)
        out.append(obj)
    _set_cache(parent, relation, compiled.base, out)
    if ids_of and out:
        field = model._meta.get_field(ids_of)
        if not isinstance(field, ManyToManyField) or not isinstance(field.related_model, type):
            raise ValueError(f"read_many_to_many: {ids_of} is not a many-to-many field")
        target: type[Model] = field.related_model
        back: str = field.related_query_name()
        record_ids = [o.pk for o in out]
        rows = _values((model._meta.label, "m2m-ids:" + ids_of), db, lambda marks: (
            target._default_manager.db_manager(db).filter(**{f"{back}__in": marks})
            .values_list(back, "pk")), record_ids)
        by_record: dict[Any, list] = {i: [] for i in record_ids}
        for record_id, target_id in rows:
            if record_id in by_record:
                by_record[record_id].append(target.from_db(db, [target._meta.pk.attname], (target_id,)))
        target_base = target._default_manager.db_manager(db).get_queryset()
        for o in out:
            _set_cache(o, ids_of, target_base.only("pk"), by_record[o.pk])
    return out


def _set_cache(parent: Model, relation: str, base: QuerySet[Any], records: list) -> None:
    """What `parent.<relation>.all()` returns from now on (as prefetch_related leaves it)."""
    manager = getattr(parent, relation)
    qs = manager._apply_rel_filters(_copy(base))
    qs._result_cache = records
    qs._prefetch_done = True
    parent.__dict__.setdefault("_prefetched_objects_cache", {})[manager.prefetch_cache_name] = qs
