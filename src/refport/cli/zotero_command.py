"""`refport zotero push INPUT --library user:ID|group:ID [--collection NAME] [--dry-run]`.

The API key comes from the `ZOTERO_API_KEY` environment variable only (a flag
would end up in shell history). The API address is `--api-url`, else
`REFPORT_ZOTERO_API`, else https://api.zotero.org. The report goes to stdout,
the progress bar to stderr (on a terminal only). Exit codes: 0 all sent or
already there, 1 some items failed, 2 usage, read or connection problems.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from refport.api import load
from refport.zotero.api import DEFAULT_API_URL, ApiError, Library, ZoteroClient
from refport.zotero.progress import ProgressBar
from refport.zotero.push import Pusher, dry_run_plan, find_or_create_collection, prepare_items

API_KEY_VARIABLE = "ZOTERO_API_KEY"
API_URL_VARIABLE = "REFPORT_ZOTERO_API"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "zotero", help="work with a Zotero library", description="Work with a Zotero library."
    )
    actions = parser.add_subparsers(dest="zotero_action", required=True)
    push = actions.add_parser(
        "push",
        help="upload references to a Zotero library (Web API v3)",
        description="Upload references; a re-run sends only what is not yet in the library. "
        f"The API key is read from ${API_KEY_VARIABLE}.",
    )
    push.add_argument("input", help="input file (any format refport reads), or - for stdin")
    push.add_argument("--library", required=True, help="user:ID or group:ID")
    push.add_argument(
        "-f",
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help="input format (default: detected)",
    )
    push.add_argument(
        "--collection",
        metavar="NAME",
        help="put the items into this collection (created when missing)",
    )
    push.add_argument(
        "--dry-run",
        action="store_true",
        help="print the batches that would be sent; contact nothing",
    )
    push.add_argument(
        "--api-url",
        default=None,
        help=f"API base URL (default: ${API_URL_VARIABLE} or {DEFAULT_API_URL})",
    )
    push.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        library = Library.parse(args.library)
    except ValueError as exc:
        print(f"refport: {exc}", file=sys.stderr)
        return 2
    loaded = load(args.input, args.source_format)
    for diagnostic in loaded.diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)
    if not loaded.references:
        print(f"refport: no references read from {args.input}", file=sys.stderr)
        return 2
    if args.dry_run:
        plan = dry_run_plan(prepare_items(loaded.references), str(library))
        if args.collection:
            plan["collection"] = f"{args.collection} (found or created at push time)"
        print(json.dumps(plan, ensure_ascii=False, indent=2))
        return 0
    api_key = os.environ.get(API_KEY_VARIABLE, "")
    if not api_key:
        print(
            f"refport: set {API_KEY_VARIABLE} to a Zotero API key with write access",
            file=sys.stderr,
        )
        return 2
    base_url = args.api_url or os.environ.get(API_URL_VARIABLE) or DEFAULT_API_URL
    with ZoteroClient(library, api_key, base_url=base_url) as client:
        return _push(client, args, loaded.references, str(library))


def _push(client: ZoteroClient, args: argparse.Namespace, references: list[Any], name: str) -> int:
    try:
        collection = find_or_create_collection(client, args.collection) if args.collection else None
    except ApiError as exc:
        print(f"refport: cannot use collection {args.collection!r}: {exc}", file=sys.stderr)
        return 2
    prepared = prepare_items(references, collection)
    try:
        report = Pusher(client, ProgressBar(len(prepared))).run(prepared)
    except ApiError as exc:
        print(
            f"refport: cannot read the library to see what is already there: {exc}", file=sys.stderr
        )
        return 2
    sys.stdout.write(report.format_text(name))
    return 0 if report.ok else 1
