# SPDX-License-Identifier: MPL-2.0
"""The `forebyg` command: run Forebyg, move its data in and out, manage users, backups and scheduled jobs.

Run `forebyg --help` or `forebyg COMMAND --help` (every command is in docs/cli.md). The database is chosen by
DATABASE_URL (a SQLite file under var/ when unset).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:  # a missing or wrong setting: say which, without a traceback
        sys.exit(f"Forebyg cannot start: {exc}")


def _migrate(verbosity: int = 0) -> None:
    from forebyg.core.database import migrate

    migrate(verbosity)


def cmd_import(args: argparse.Namespace) -> int:
    from forebyg.cases.services.interchange import interchange_import
    from forebyg.domain.interchange import InterchangeError

    _migrate()
    try:
        with open(args.file, encoding="utf-8") as fh:
            result = interchange_import(lines=fh, progress=lambda s: print(s, file=sys.stderr, flush=True),
                                        files=args.files or Path(args.file).resolve().parent / "files")
    except InterchangeError as exc:
        print(f"Nothing was imported. {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Imported {result.total} records: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from forebyg.cases.services.interchange import interchange_export

    _migrate()
    out = args.output or "/dev/stdout"
    files = args.files or (Path(args.output).resolve().parent / "files" if args.output else None)
    n = interchange_export(path=out, municipalities=args.municipality or None,
                           exported_at=args.exported_at, files=files)
    if args.output:
        print(f"Exported {n} records to {args.output}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from forebyg.domain.interchange import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from forebyg.demo import demo_build

    _migrate()
    logins = demo_build(children=args.children, seed=args.seed, reset=args.reset, log=print)
    print("\nDemo logins (password: demo):")
    for username, role in logins:
        print(f"  {username:<14} {role}")
    if args.no_serve:
        return 0
    return _serve(args.port)


def _serve(port: int) -> int:
    from django.core.management import call_command

    print(f"\nForebyg is running at http://127.0.0.1:{port}/  (Ctrl+C stops it)\n", flush=True)
    call_command("runserver", f"127.0.0.1:{port}", insecure_serving=True, use_reloader=False)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _migrate()
    return _serve(args.port)


def cmd_deadlines(args: argparse.Namespace) -> int:
    from forebyg.deadlines.cli import run

    return run(args)


def cmd_review(args: argparse.Namespace) -> int:
    from forebyg.review.cli import run

    return run(args)


def cmd_keyfigures(args: argparse.Namespace) -> int:
    from forebyg.keyfigures.cli import run

    return run(args)


def cmd_backup(args: argparse.Namespace) -> int:
    from forebyg.ops.backup import BackupError, backup

    try:
        outcome = backup(args.file)
    except BackupError as exc:
        print(f"No backup was made. {exc}", file=sys.stderr)
        return 2
    print(f"Backed up the {outcome.kind} database, {outcome.files} uploaded files and keys to {outcome.path} "
          f"({outcome.size / 1e6:.1f} MB, checksums in its manifest)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from forebyg.ops.backup import BackupError, holds_data, restore

    found = holds_data()
    if found and not args.yes:
        shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        print(f"The database is not empty (it holds rows in {shown}), and restoring replaces all of it. "
              "Stop the application, then run again with --yes.", file=sys.stderr)
        return 2
    try:
        outcome = restore(args.file)
    except BackupError as exc:
        print(f"Nothing was restored. {exc}", file=sys.stderr)
        return 2
    _migrate()
    print(f"Restored the {outcome.kind} database and {outcome.files} uploaded files and keys from {outcome.path}")
    for kept in outcome.kept:
        print(f"  the directory it replaced is kept as {kept}")
    return 0


def cmd_api_token(args: argparse.Namespace) -> int:
    from forebyg.api.cli import run

    _migrate()
    return run(args)


def cmd_user(args: argparse.Namespace) -> int:
    from forebyg.accounts.cli import run

    _migrate()
    return run(args)


def cmd_cpr(args: argparse.Namespace) -> int:
    from forebyg.people.cli import run

    _migrate()
    return run(args)


def cmd_ops(args: argparse.Namespace) -> int:
    from forebyg.ops.cli import run

    _migrate()
    return run(args)


def cmd_letters(args: argparse.Namespace) -> int:
    from forebyg.letters.cli import run

    _migrate()
    return run(args)


def cmd_network_reminders(args: argparse.Namespace) -> int:
    from datetime import datetime

    from forebyg.network.services.reminders import network_send_reminders

    as_of = datetime.fromisoformat(args.as_of) if args.as_of else None
    result = network_send_reminders(as_of=as_of)
    print(f"Event reminders sent: {result.event_reminders}; application-deadline reminders: "
          f"{result.deadline_reminders}; failed: {len(result.failed)}")
    for failure in result.failed:
        print(f"  failed: {failure}", file=sys.stderr)
    return 1 if result.failed else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="forebyg", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("demo", help="build the synthetic demo municipality and serve it on 127.0.0.1")
    s.add_argument("--no-serve", action="store_true", help="build the demo data without starting the server")
    s.add_argument("--children", type=int, default=20000, help="children aged 0-17 (default 20000)")
    s.add_argument("--seed", type=int, default=2024, help="random seed (same seed, same data)")
    s.add_argument("--reset", action="store_true", help="rebuild even if the demo data exists")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("import", help="import an interchange file (all or nothing)")
    s.add_argument("file")
    s.add_argument("--files", help="folder of the documents' files (default: files/ beside FILE)")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("export", help="export to the interchange format")
    s.add_argument("-o", "--output", help="file to write (default: standard output)")
    s.add_argument("--municipality", type=int, action="append", help="only this municipality code (repeatable)")
    s.add_argument("--exported-at", help="timestamp for the header (default: now)")
    s.add_argument("--files", help="folder for the documents' files (default: files/ beside --output)")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("schema", help="write the interchange JSON Schema")
    s.add_argument("-o", "--output")
    s.set_defaults(func=cmd_schema)

    s = sub.add_parser("serve", help="serve the application on 127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("deadlines", help="statutory deadlines as of a moment, from the database or a file")
    s.add_argument("--file", help="an interchange file: compute from it, without a database")
    s.add_argument("--as-of", help="ISO timestamp (default: now), e.g. 2025-03-01T12:00+01:00")
    s.add_argument("--municipality", type=int, help="only this municipality code")
    s.add_argument("--status", action="append", help="only these statuses (repeatable)")
    s.add_argument("--format", choices=["table", "json"], default="table")
    s.add_argument("--limit", type=int, default=0, help="at most this many rows in the table (0: all)")
    s.add_argument("--settings", help="with --file: the municipalities' deadline settings (closing days, Saturdays, "
                   "rules), as written by `forebyg deadlines settings-export`")
    da = s.add_subparsers(dest="dl_action", metavar="{settings-export}")
    e = da.add_parser("settings-export", help="write the deadline settings saved in the database as a settings file")
    e.add_argument("--municipality", type=int, action="append", dest="export_municipality",
                   help="only this municipality code (repeatable)")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    s.set_defaults(func=cmd_deadlines)
    s = sub.add_parser("review", help="case review (sagsgennemgang) from the database or a file, as JSON or text")
    from forebyg.review.cli import add_arguments as review_arguments

    review_arguments(s)
    s.set_defaults(func=cmd_review)
    s = sub.add_parser("backup", help="back up the database, uploaded files and signing keys to one file")
    s.add_argument("file", help="the backup file to write (must not exist)")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser("restore", help="replace the database, uploaded files and keys with a backup")
    s.add_argument("file")
    s.add_argument("--yes", action="store_true", help="replace a database that holds any user, setting or record")
    s.set_defaults(func=cmd_restore)
    from forebyg.api.cli import add_parser as api_token_parser

    api_token_parser(sub)
    sub.choices["api-token"].set_defaults(func=cmd_api_token)
    from forebyg.keyfigures.cli import add_parser as keyfigures_parser

    keyfigures_parser(sub).set_defaults(func=cmd_keyfigures)
    s = sub.add_parser("network-reminders", help="send reminders before network events and application deadlines")
    s.add_argument("--as-of", help="ISO timestamp (default: now)")
    s.set_defaults(func=cmd_network_reminders)
    from forebyg.accounts.cli import add_parser as user_parser

    user_parser(sub).set_defaults(func=cmd_user)
    from forebyg.people.cli import add_parser as cpr_parser

    cpr_parser(sub).set_defaults(func=cmd_cpr)
    from forebyg.ops.cli import add_parsers as ops_parsers

    for s in ops_parsers(sub):
        s.set_defaults(func=cmd_ops)
    from forebyg.letters.cli import add_parsers as letters_parsers

    for s in letters_parsers(sub):
        s.set_defaults(func=cmd_letters)
    return p


def _keyfigures_needs_django(args: argparse.Namespace) -> bool:
    from forebyg.keyfigures.cli import needs_django

    return needs_django(args)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.command == "schema" or (args.command == "deadlines" and args.file and not args.dl_action)
            or (args.command == "review" and (args.file or args.print_rules))
            or (args.command == "keyfigures" and not _keyfigures_needs_django(args))):
        _setup()
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into e.g. `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
