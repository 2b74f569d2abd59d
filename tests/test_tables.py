"""The flat fact tables shared by --parquet and newsfacts.dask."""

import json

from newsfacts.tables import COLUMNS, error_record, rows

DOC = {
    "schema": 2, "source": "a.txt", "published": "2025-03-14", "chars": 60,
    "sentences": [{"index": 0, "start": 0, "stop": 60, "text": "..."}],
    "entities": [
        {"type": "PER", "text": "Тим Кук", "normal": "Тим Кук", "start": 0, "stop": 7, "sentence": 0},
        {"type": "HARDWARE", "text": "iPhone 17", "normal": "Apple iPhone 17", "vendor": "Apple", "category": "device",
         "model": "iPhone 17", "start": 20, "stop": 29, "sentence": 0},
        {"type": "DATE", "text": "14 марта", "normal": "14 марта", "value": "2025-03-14", "start": 40, "stop": 48,
         "sentence": 0},
    ],
    "quantities": [
        {"type": "QUANTITY", "text": "50 млн смартфонов", "value": 5e7, "max": None, "approx": False, "kind": "count",
         "unit": "смартфон", "subject": {"type": "ORG", "normal": "Apple", "text": "Apple", "start": 8, "stop": 13},
         "predicate": "продала", "start": 30, "stop": 47, "sentence": 0},
    ],
    "roles": [{"person": "Тим Кук", "org": "Apple", "role": "глава", "text": "Глава Apple Тим Кук", "start": 0,
               "stop": 19, "sentence": 0}],
}


def test_every_row_has_every_column_and_its_source():
    tables = rows(DOC)
    assert {t: len(r) for t, r in tables.items()} == {"documents": 1, "mentions": 3, "quantities": 1, "roles": 1}
    for table, table_rows in tables.items():
        for row in table_rows:
            assert list(row) == list(COLUMNS[table]) and row["source"] == "a.txt"


def test_documents_row_counts_the_facts():
    assert rows(DOC)["documents"] == [{"source": "a.txt", "published": "2025-03-14", "chars": 60, "sentences": 1,
                                       "entities": 3, "quantities": 1, "roles": 1, "schema": 2, "error": None}]


def test_hardware_columns_and_positions():
    hw = rows(DOC)["mentions"][1]
    got = (hw["idx"], hw["vendor"], hw["category"], hw["model"], hw["start"])
    assert got == (1, "Apple", "device", "iPhone 17", 20)
    assert rows(DOC)["mentions"][0]["vendor"] is None


def test_quantity_subject_is_flattened():
    q = rows(DOC)["quantities"][0]
    assert (q["subject_type"], q["subject_normal"], q["subject_text"], q["subject_start"], q["subject_stop"]) == (
        "ORG", "Apple", "Apple", 8, 13)
    assert (q["value"], q["max"], q["predicate"], q["attrs"]) == (5e7, None, "продала", None)


def test_a_quantity_without_subject_has_empty_subject_columns():
    doc = {**DOC, "quantities": [{**DOC["quantities"][0], "subject": None}]}
    q = rows(doc)["quantities"][0]
    assert [q[f"subject_{k}"] for k in ("type", "normal", "text", "start", "stop")] == [None] * 5


def test_fields_with_no_column_are_kept_in_attrs():
    date = rows(DOC)["mentions"][2]
    assert json.loads(date["attrs"]) == {"value": "2025-03-14"}
    assert rows(DOC)["mentions"][0]["attrs"] is None


def test_an_error_record_is_a_documents_row_without_facts():
    tables = rows(error_record("bad.html", "no article text found in page"))
    assert tables["documents"][0]["error"] == "no article text found in page"
    assert tables["documents"][0]["chars"] is None
    assert tables["mentions"] == tables["quantities"] == tables["roles"] == []
