"""The word lists and relation sets the subject rules read (data/fact_words.tsv, data/features.tsv)."""

from __future__ import annotations

import re

from .. import recache
from ..data import load_rows
from .wordlist import alternation

WORDS: dict[str, set[str]] = {}
for _kind, _word in load_rows("fact_words.tsv"):
    WORDS.setdefault(_kind, set()).add(_word.replace("ё", "е"))
SOURCE_RE = recache.compile(
    r"(?:^|[^\w])(?:" + alternation(WORDS["source"]) + r")"
    r"(?:\s+[а-яёa-z-]+){0,3}\s*[«\"“„]?\s*$",
    re.IGNORECASE,
)
# "как и у X", "в отличие от X": X is the yardstick, not what the text is about
COMPARE_RE = recache.compile(r"(?:^|[^\w])(?:" + alternation(WORDS["compare"]) + r")\s*[«\"“„]?\s*$", re.IGNORECASE)
REPORT_VERBS = frozenset(WORDS["report"])
SPEC_NOUNS = frozenset(WORDS["spec"])
OWNED_NOUNS = frozenset(WORDS["owned"])
TERMS = frozenset(WORDS["term"])
NOT_PREDICATES = frozenset(WORDS["not_predicate"])
CHIP_UNITS = frozenset(WORDS["chip_unit"])
CHIP_PARTS = frozenset(WORDS["chip_part"])
DEVICE_FEATURES = frozenset(w.lower() for w in WORDS["device_feature"])
CHIP_FEATURE_NOUNS = frozenset(w.lower() for w in WORDS["chip_feature"])
MEMORY_UNITS = frozenset(WORDS["memory_unit"])
GENERIC_MODIFIERS = frozenset(WORDS["generic"])
COMPANY_OWNED = frozenset(WORDS["company_owned"])
MEMORYLESS = frozenset(WORDS["memoryless"])
# Feature nouns a spec amount may name beside it when the parse loses them ("64 ГБ или 128 ГБ
# постоянной памяти", "накопителем на 512 ГБ").
FEATURE_NOUNS = DEVICE_FEATURES | CHIP_FEATURE_NOUNS | {"память"}
FEATURES = dict(load_rows("features.tsv"))
# Unit symbols the parse may offer as a predicate ("6/128 ГБ — $508" -> "гб"): they name no feature.
UNIT_WORDS = frozenset(u.lower() for u in FEATURES)
PRICE = "цена"
# A holder that the text only implies must be named at least this often to be "the text's".
TOPIC_MENTIONS = 2

VERB_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})
NOUN_POS = frozenset({"NOUN"})
HOLDER_RELS = frozenset({"nmod", "nmod:poss", "appos", "flat", "flat:name", "flat:foreign", "det", "obl", "nsubj"})
# Relations that open a new clause: its holder is not the amount's.
CLAUSE_RELS = frozenset({"ccomp", "parataxis", "csubj", "advcl", "root"})
SUBJECT_RELS = frozenset({"nsubj", "nsubj:pass"})
MAX_CLIMB = 8
LIST_RELS = frozenset({"conj", "appos", "parataxis"})
NAME_RELS = ("appos", "flat", "flat:name", "flat:foreign", "nmod")
GOAL_PREPOSITIONS = frozenset({"для", "против", "из", "среди", "от", "после", "без", "кроме"})

DEVICE_CATEGORIES = frozenset({"device", "console"})

# How many sentences back a holder just linked still stands for an unnamed one.
RECENT_SENTENCES = 2
