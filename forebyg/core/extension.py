# SPDX-License-Identifier: MPL-2.0
"""Forebyg's extension points: every place where one app adds to another, in one module.

Each extension point is one typed registry, filled through its ``register_*`` function from the
owning app's ``AppConfig.ready()`` (never by reassigning or appending to another module's
globals). The registries hold frozen dataclasses, so a reader sees named fields, not ``v[2]``.
docs/extending.md has the checklists; tests/test_extending.py checks that every registered item
has its docs, schema, audit type and API where one is needed.

The registries (in the order an app usually needs them):

``register_record_type(RecordType)``
    A record type of the interchange format (forebyg/domain/interchange/schema.py) and the model
    that stores it: import, export, DSAR, local standards and the child's revision read it.
``register_audit_actions(owner, {name: label})``
    The change-log action types an app writes (``<owner>.<entity>.<verb>``); the audit app
    refuses a name nobody registered and shows the label in the audit log.
``register_redacted_fields(owner, names)``
    Personal free-text fields kept out of the change log's payloads (and blanked on anonymising).
``register_child_action(ChildAction)``
    A form on the child's page run by the one generic child-action view (cases.views.child).
``register_timeline_source(TimelineSource)`` and ``register_child_page_prefetch(ChildPagePrefetch)``
    Events an app adds to the child's timeline, and what its part of the child page reads about
    the child (read once for the whole page).
``register_nav(NavItem)``
    A main-menu entry for some roles.
``register_measure_steps(MeasureSteps)``
    Where new measures land on a municipality's intervention staircase (one resolver at most;
    without one the national default steps apply).
``register_record_prompt(RecordPrompt)`` and ``register_page_section(PageSection)``
    What another app does right after the case pages write a record (a letter drafted in the same
    transaction, issue #18), and what it shows on the notification page or "My work".
``register_deadline_action(DeadlineActionOverride)``
    The page a deadline's row on "Mine frister" leads to, when an app does the work better than the
    bare form (the receipt and the feedback as letters).
``register_retention_hooks(RetentionHooks)``
    What else goes with a child's data under retention, and what else counts as activity about a child.
``register_file_store(FileStoreEntry)``
    Files that travel beside the interchange file for a record type (a document's versions).
``register_demo_loader(DemoLoader)``
    Demo content an app adds once the demo users exist.
``register_aggregation(Aggregation)`` (forebyg.domain.keyfigures.aggregations)
    How a key figure is computed from its fact table; an indicator names its aggregation in its
    catalogue entry (``computed=by(family, aggregation, ...)``), see docs/extending.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from forebyg.domain.interchange import schema as ix
from forebyg.domain.keyfigures.aggregations import AGGREGATIONS, Aggregation, register_aggregation

if TYPE_CHECKING:
    from forebyg.core.models import Record

__all__ = [
    "AGGREGATIONS", "AUDIT_ACTIONS", "CHILD_ACTIONS", "CHILD_PAGE_PREFETCHES", "NAV_ITEMS", "RECORD_TYPES",
    "REDACTED_FIELDS", "TIMELINE_SOURCES", "ActionCall", "Aggregation", "ChildAction", "ChildPagePrefetch",
    "MeasureSteps", "NavItem", "RecordType", "TimelineSource", "audit_label", "child_action", "child_actions",
    "measure_steps", "nav_for", "record_models", "register_aggregation", "register_audit_actions",
    "register_child_action", "register_child_page_prefetch", "register_measure_steps", "register_nav",
    "register_record_type", "register_redacted_fields", "register_timeline_source",
    "DeadlineActionOverride", "DemoLoader", "FileStoreEntry", "PageSection", "RecordPrompt", "RetentionHooks",
    "register_deadline_action", "register_demo_loader", "register_file_store", "register_page_section",
    "register_record_prompt", "register_retention_hooks",
]


class RegistryError(ValueError):
    """Two apps claimed the same name, or a declaration is incomplete."""


def _claim(registry: dict[str, Any], key: str, value: Any, what: str) -> None:
    """Register once: the same declaration again is a no-op (ready() may run twice in tests)."""
    if key in registry and registry[key] != value:
        raise RegistryError(f"{what} {key!r} is registered twice")
    registry[key] = value


# -- Record types ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class RecordType:
    name: str  # the interchange format's type name, e.g. "scaling_round"
    model: type[Record]  # the Django model storing it; its fields are named as in the format
    organisation: bool = False  # no child: left out when exporting some children only
    audit: tuple[str, ...] = ()  # the change-log action types written when one is created
    api: str | None = None  # the REST API's path for it ("/api/v1/..."); None: listed in docs/extending.md


RECORD_TYPES: dict[str, RecordType] = {}
_record_type_listeners: list[Callable[[RecordType], None]] = []


def register_record_type(rt: RecordType) -> None:
    if rt.name not in ix.TYPE_ORDER:
        raise RegistryError(f"record type {rt.name!r} is not in the interchange format (schema.TYPE_ORDER)")
    _claim(RECORD_TYPES, rt.name, rt, "record type")
    for listener in _record_type_listeners:
        listener(rt)


def on_record_type(listener: Callable[[RecordType], None]) -> None:
    """Call `listener` for every record type registered, now and later (the child's revision)."""
    if listener not in _record_type_listeners:
        _record_type_listeners.append(listener)
    for rt in list(RECORD_TYPES.values()):
        listener(rt)


class _Models(Mapping[str, "type[Record]"]):
    """A live read-only view: record type -> model."""

    def __getitem__(self, key: str) -> type[Record]:
        return RECORD_TYPES[key].model

    def __iter__(self) -> Iterator[str]:
        return iter(RECORD_TYPES)

    def __len__(self) -> int:
        return len(RECORD_TYPES)


class _OrganisationTypes:
    """A live view: the names of record types without a child."""

    def __contains__(self, name: object) -> bool:
        rt = RECORD_TYPES.get(name) if isinstance(name, str) else None
        return bool(rt and rt.organisation)

    def __iter__(self) -> Iterator[str]:
        return iter([n for n, rt in RECORD_TYPES.items() if rt.organisation])


def record_models() -> Mapping[str, type[Record]]:
    return _Models()


def organisation_types() -> _OrganisationTypes:
    return _OrganisationTypes()


# -- Audit action types ---------------------------------------------------------------------------

AUDIT_ACTIONS: dict[str, Any] = {}  # action type -> label (lazy translation)
_AUDIT_OWNERS: dict[str, str] = {}


def register_audit_actions(owner: str, actions: Mapping[str, Any]) -> None:
    """`owner` is the app label; every name starts with it (``cases.measure.decided``)."""
    for name, label in actions.items():
        if not name.startswith(f"{owner}."):
            raise RegistryError(f"audit action {name!r} does not belong to {owner!r}")
        _claim(AUDIT_ACTIONS, name, label, "audit action")
        _AUDIT_OWNERS[name] = owner


def audit_label(name: str) -> str:
    return str(AUDIT_ACTIONS.get(name, name))


REDACTED_FIELDS: set[str] = set()  # one set object: importers see later registrations


def register_redacted_fields(owner: str, names: Iterable[str]) -> None:
    REDACTED_FIELDS.update(names)


# -- The child page -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActionCall:
    """What a child action's `run` gets: the user, the child, the record acted on (or None), the
    valid form and its cleaned data (without the optimistic-locking ``version``)."""

    actor: Any
    child: Any
    obj: Any
    form: Any
    data: dict[str, Any]


@dataclass(frozen=True)
class ChildAction:
    key: str  # in the URL: /children/<pk>/<key>/ or /children/<pk>/<key>/<obj_pk>/
    title: Any  # the page's heading and the menu entry (lazy translation)
    form: type  # a Django form class
    run: Callable[[ActionCall], object]  # calls the service; ValidationError -> shown on the form
    object_getter: Callable[[Any, Any], Any] | None = None  # (child, obj_pk) -> record; Http404 if not the child's
    form_kwargs: Callable[[Any, Any], dict[str, Any]] | None = None  # (request, child) -> extra form arguments
    initial: Callable[[dict[str, Any], Any], dict[str, Any]] | None = None  # (defaults, obj) -> initial values
    initial_from_query: tuple[str, ...] = ()  # fields a link may preset (?measure=<id>)
    after_save: Callable[[Any, Any], None] | None = None  # (request, form): e.g. a warning message
    template: str = "cases/form.html"
    permission: str = "cases.casework"

    @property
    def on_record(self) -> bool:
        """Acts on one of the child's records (needs an ``obj_pk``); otherwise listed on the page."""
        return self.object_getter is not None


CHILD_ACTIONS: dict[str, ChildAction] = {}


def register_child_action(action: ChildAction) -> None:
    _claim(CHILD_ACTIONS, action.key, action, "child action")


def child_action(key: str) -> ChildAction | None:
    return CHILD_ACTIONS.get(key)


def child_actions() -> list[ChildAction]:
    """The actions listed on the child page, in registration order."""
    return [a for a in CHILD_ACTIONS.values() if not a.on_record]


@dataclass(frozen=True)
class TimelineSource:
    name: str
    events: Callable[[Any], Iterable[Any]]  # child -> forebyg.cases.selectors.child.Event


@dataclass(frozen=True)
class ChildPagePrefetch:
    name: str
    lookups: Callable[[], Iterable[Any]]  # () -> lookups or Prefetch objects on the Child model


TIMELINE_SOURCES: dict[str, TimelineSource] = {}
CHILD_PAGE_PREFETCHES: dict[str, ChildPagePrefetch] = {}


def register_timeline_source(source: TimelineSource) -> None:
    _claim(TIMELINE_SOURCES, source.name, source, "timeline source")


def register_child_page_prefetch(prefetch: ChildPagePrefetch) -> None:
    _claim(CHILD_PAGE_PREFETCHES, prefetch.name, prefetch, "child-page prefetch")


# -- Navigation -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any  # lazy translation
    roles: tuple[str, ...] | None  # None: every role
    position: int = 0  # items sort by position, then by registration order (100: last)


NAV_ITEMS: list[NavItem] = []


def register_nav(item: NavItem) -> None:
    for other in NAV_ITEMS:
        if other.url_name == item.url_name and (other.roles is None or item.roles is None
                                                 or set(other.roles) & set(item.roles)):
            if other == item:
                return
            raise RegistryError(f"menu entry {item.url_name!r} is registered twice for a role")
    NAV_ITEMS.append(item)


def nav_for(role: str) -> list[NavItem]:
    items = [i for i in NAV_ITEMS if i.roles is None or role in i.roles]
    return sorted(items, key=lambda i: i.position)  # stable: registration order within a position


# -- Measure steps --------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeasureSteps:
    """A municipality's own intervention staircase (the progression app)."""

    kind_steps: Callable[[int], dict[str, int]]  # municipality code -> {measure kind: step}
    staircase: Callable[[int], Any]  # municipality code -> the configuration (step names for the form)


_MEASURE_STEPS: dict[str, MeasureSteps] = {}


def register_measure_steps(resolver: MeasureSteps) -> None:
    if _MEASURE_STEPS and _MEASURE_STEPS["resolver"] != resolver:
        raise RegistryError("a measure-step resolver is registered already")
    _MEASURE_STEPS["resolver"] = resolver


def measure_steps() -> MeasureSteps | None:
    return _MEASURE_STEPS.get("resolver")


# -- After a record is written; page sections -----------------------------------------------------

RECORD_EVENTS = ("notification_registered", "decision_recorded", "measure_decided")
PAGES = ("notification", "my_work")


@dataclass(frozen=True)
class RecordPrompt:
    """Runs inside the transaction that wrote the record; may return the page to go to next."""

    event: str  # one of RECORD_EVENTS; the record is the Notification, the Decision or the Measure
    name: str
    run: Callable[..., str | None]  # (*, actor, record) -> URL or None


@dataclass(frozen=True)
class PageSection:
    page: str  # one of PAGES
    name: str
    render: Callable[..., str]  # "notification": (request, notification) -> HTML; "my_work": (request) -> HTML


RECORD_PROMPTS: dict[str, RecordPrompt] = {}
PAGE_SECTIONS: dict[str, PageSection] = {}


def register_record_prompt(prompt: RecordPrompt) -> None:
    if prompt.event not in RECORD_EVENTS:
        raise RegistryError(f"unknown record event {prompt.event!r}; one of {RECORD_EVENTS}")
    _claim(RECORD_PROMPTS, f"{prompt.event}:{prompt.name}", prompt, "record prompt")


def record_prompts(event: str) -> list[RecordPrompt]:
    return [p for p in RECORD_PROMPTS.values() if p.event == event]


def register_page_section(section: PageSection) -> None:
    if section.page not in PAGES:
        raise RegistryError(f"unknown page {section.page!r}; one of {PAGES}")
    _claim(PAGE_SECTIONS, f"{section.page}:{section.name}", section, "page section")


def page_sections(page: str) -> list[PageSection]:
    return [s for s in PAGE_SECTIONS.values() if s.page == page]


# -- Deadline rows ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DeadlineActionOverride:
    kind: str  # the deadline rule's kind, e.g. "acknowledgement"
    label: Any  # lazy translation: the button on the row
    url: Callable[[Any], str]  # obligation -> URL
    permission: str  # who sees the button


DEADLINE_ACTIONS: dict[str, DeadlineActionOverride] = {}


def register_deadline_action(action: DeadlineActionOverride) -> None:
    _claim(DEADLINE_ACTIONS, action.kind, action, "deadline action")


# -- Retention, interchange files, demo ------------------------------------------------------------

@dataclass(frozen=True)
class RetentionHooks:
    name: str
    remove_for_child: Callable[[str], dict[str, int]] | None = None  # child pk -> {what: how many removed}
    activity: Callable[[], tuple[Any, str, str]] | None = None  # () -> (queryset, child field, time field)


@dataclass(frozen=True)
class FileStoreEntry:
    record_type: str  # its records name a file by SHA-256 (the file travels in files/<sha256>)
    store: Any  # forebyg.cases.services.interchange.FileStore


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[..., None]  # called by the demo builder once the demo users exist


RETENTION_HOOKS: dict[str, RetentionHooks] = {}
FILE_STORES: dict[str, FileStoreEntry] = {}
DEMO_LOADERS: dict[str, DemoLoader] = {}


def register_retention_hooks(hooks: RetentionHooks) -> None:
    _claim(RETENTION_HOOKS, hooks.name, hooks, "retention hooks")


def register_file_store(entry: FileStoreEntry) -> None:
    if entry.record_type not in ix.TYPE_ORDER:
        raise RegistryError(f"record type {entry.record_type!r} is not in the interchange format")
    if entry.record_type in FILE_STORES and type(FILE_STORES[entry.record_type].store) is type(entry.store):
        return  # ready() may run twice in tests; the store is stateless
    _claim(FILE_STORES, entry.record_type, entry, "file store")


def register_demo_loader(loader: DemoLoader) -> None:
    _claim(DEMO_LOADERS, loader.name, loader, "demo loader")


def registries() -> dict[str, Any]:
    return {"record types": RECORD_TYPES, "audit actions": AUDIT_ACTIONS, "child actions": CHILD_ACTIONS,
            "timeline sources": TIMELINE_SOURCES, "child-page prefetches": CHILD_PAGE_PREFETCHES,
            "navigation": NAV_ITEMS, "measure steps": _MEASURE_STEPS, "key-figure aggregations": AGGREGATIONS,
            "record prompts": RECORD_PROMPTS, "page sections": PAGE_SECTIONS, "deadline actions": DEADLINE_ACTIONS,
            "retention hooks": RETENTION_HOOKS, "interchange file stores": FILE_STORES,
            "demo loaders": DEMO_LOADERS}
