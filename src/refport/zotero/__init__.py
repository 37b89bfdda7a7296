"""Pushing references into a Zotero library through the Web API v3.

`api` is the HTTP client (retries, backoff, write tokens), `push` the upload
logic and its report, `landing` the table of where each model field lands in
Zotero for each export path, asked of the writers by `probes` (see the README
and `IMPORTERS.md`).
"""
