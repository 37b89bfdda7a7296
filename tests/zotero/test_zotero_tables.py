"""The Zotero mapping tables: literal, consistent with Zotero's schema, documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from zotero_schema_check import ZoteroSchema, load_schema

from refport.formats import zotero_schema
from refport.formats.zotero_maps import (
    CSL_TYPE_OF_ITEM,
    FIELD_CANDIDATES,
    ITEM_TYPE_OF_CSL,
    ROLE_CREATOR_TYPES,
    creator_type_for,
    role_of_creator_type,
    slot_of,
)
from refport.model import CREATOR_ROLES, CSL_TYPES, DATE_FIELDS, STRING_FIELDS
from refport.zotero.landing import landing_table_markdown, with_table

SCHEMA_DATA = load_schema()
needs_schema = pytest.mark.skipif(SCHEMA_DATA is None, reason="../shared/schemas is absent")
README_SECTION = Path(__file__).resolve().parents[2] / "README.md"
ITEM_TYPES = sorted(zotero_schema.TYPE_FIELDS)


@needs_schema
def test_literal_tables_equal_zoteros_schema() -> None:
    assert SCHEMA_DATA is not None
    schema = ZoteroSchema(SCHEMA_DATA)
    regular = {t for t in schema.fields if t not in ("note", "attachment", "annotation")}
    assert set(zotero_schema.TYPE_FIELDS) == regular
    for item_type in regular:
        assert list(zotero_schema.TYPE_FIELDS[item_type]) == schema.fields[item_type]
        assert zotero_schema.TYPE_BASE_FIELDS.get(item_type, {}) == schema.base[item_type]
        assert set(zotero_schema.TYPE_CREATORS[item_type]) == set(schema.creators[item_type])
    assert SCHEMA_DATA["version"] == zotero_schema.SCHEMA_VERSION


@needs_schema
def test_the_first_creator_type_is_the_primary_one() -> None:
    assert SCHEMA_DATA is not None
    for entry in SCHEMA_DATA["itemTypes"]:
        primary = [c["creatorType"] for c in entry["creatorTypes"] if c.get("primary")]
        if primary:
            assert zotero_schema.TYPE_CREATORS[entry["itemType"]][0] == primary[0]


def test_every_csl_type_has_an_item_type_and_every_item_type_a_csl_type() -> None:
    assert set(ITEM_TYPE_OF_CSL) == CSL_TYPES
    assert set(ITEM_TYPE_OF_CSL.values()) <= set(ITEM_TYPES)
    assert set(CSL_TYPE_OF_ITEM) == set(ITEM_TYPES)


def test_the_type_mapping_inverts_where_zotero_has_the_csl_type() -> None:
    for csl_type, item_type in ITEM_TYPE_OF_CSL.items():
        if csl_type in zotero_schema.CSL_TYPE_TO_ITEM_TYPES:
            assert CSL_TYPE_OF_ITEM[item_type] == csl_type, csl_type


def test_every_model_field_has_a_slot_table_entry() -> None:
    assert set(FIELD_CANDIDATES) == {*STRING_FIELDS, *DATE_FIELDS, "page"} - {"note"}


@pytest.mark.parametrize("item_type", ITEM_TYPES)
def test_slots_are_fields_of_the_type_and_never_shared(item_type: str) -> None:
    slots = [slot_of(item_type, name) for name in FIELD_CANDIDATES]
    taken = [s for s in slots if s is not None]
    assert set(taken) <= set(zotero_schema.TYPE_FIELDS[item_type])
    assert len(taken) == len(set(taken))


@pytest.mark.parametrize("item_type", ITEM_TYPES)
def test_every_role_placed_in_creators_reads_back_as_the_same_role(item_type: str) -> None:
    for role in CREATOR_ROLES:
        creator_type = creator_type_for(item_type, role)
        if creator_type is not None:
            assert creator_type in zotero_schema.TYPE_CREATORS[item_type]
            assert role_of_creator_type(item_type, creator_type) == role


def test_role_table_covers_every_model_role() -> None:
    assert set(ROLE_CREATOR_TYPES) == set(CREATOR_ROLES)


def test_the_readme_section_holds_the_generated_table() -> None:
    text = README_SECTION.read_text(encoding="utf-8")
    assert landing_table_markdown() in text
    assert with_table(text) == text, "run: python -m refport.zotero.landing " + str(README_SECTION)
