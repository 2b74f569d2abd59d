"""One spelling for every label used across the package."""

PER = "PER"
ORG = "ORG"
LOC = "LOC"
HARDWARE = "HARDWARE"
ENTITY_TYPES = (PER, ORG, LOC, HARDWARE)

QUANTITY = "QUANTITY"
COUNT = "count"
MONEY = "money"
PERCENT = "percent"
MEASURE = "measure"
RATIO = "ratio"
QUANTITY_KINDS = (COUNT, MONEY, PERCENT, MEASURE, RATIO)

FORMATS = ("table", "json", "jsonl")
STDIN_NAME = "<stdin>"
SCHEMA_VERSION = 1
