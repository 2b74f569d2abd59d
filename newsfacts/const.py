"""One spelling for every label used across the package."""

PER = "PER"
ORG = "ORG"
LOC = "LOC"
HARDWARE = "HARDWARE"
DATE = "DATE"
ENTITY_TYPES = (PER, ORG, LOC, HARDWARE, DATE)

QUANTITY = "QUANTITY"
COUNT = "count"
MONEY = "money"
PERCENT = "percent"
MEASURE = "measure"
RATIO = "ratio"
QUANTITY_KINDS = (COUNT, MONEY, PERCENT, MEASURE, RATIO)

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "highlight", "html")
STDIN_NAME = "<stdin>"
SCHEMA_VERSION = 2  # the JSON document shape (DESIGN.md); v2 adds published, DATE, subject, predicate, roles
ROLE = "ROLE"
# The kinds --types selects: entity types, amounts, and posts (roles).
FACT_KINDS = (*ENTITY_TYPES, QUANTITY, ROLE)
