"""QUANTITY extractor: every amount in a text with its unit or counted object.

A hand-written scanner over one compiled token regex, chosen over yargy for
speed (the whole pass must stay within a few milliseconds per 3 000-character
article). Only the text around digits and number words is tokenized. For each
token that can start an amount (digits, a currency sign, a number word) the
scanner reads

    [approx word [preposition]] [currency sign] number [multiplier]
        [range | dimensions] [unit | counted noun phrase]

and then asks the ordered RULES list whether the candidate is not a quantity
at all (a year, a date, a model number, ...). Unit, currency, numeral and
approximation knowledge lives in the data files (units.tsv, currencies.tsv,
numerals.tsv, approx.tsv, quantity_filters.tsv); pymorphy (shared, cached)
gives lemmas and case agreement for counted nouns.

One module per part, in reading order:
    text.py       fold() (the one ё-folding helper) and character tests
    lexicon.py    the data files as lookup tables (Lexicon, Unit)
    tokens.py     the tokenizer and the per-call context (Tok, Ctx)
    numbers.py    digits and number words (Num)
    phrases.py    the counted noun phrase in nominative singular
    units.py      the unit, currency or counted noun after a number
    grammar.py    one candidate amount from a start token (Cand)
    rules.py      RULES: when a candidate is not a quantity
    extractor.py  QuantityExtractor.find, the scan that ties them together

Conventions (also in the tests):
- vague amounts take their lower bound and approx=True: "тысячи" = 1000,
  "десятки миллионов" = 1e7, "несколько миллионов" = 1e6 (несколько X = X);
- "от 5 до 10 тысяч" is value 5000, max 10000; a multiplier after the upper
  end applies to the lower one when that keeps the range ascending;
- "до", "около", "более" etc. set approx=True; a bare range is exact;
- "один" counts only units, measures and money ("один час"), never "одна из
  компаний" / "в одном из двух" (there it is an indefinite pronoun);
- numbers without any unit or counted noun are dropped, except when they share
  the unit of a neighbour ("5 стеков ... из 6", "с 5 до 10%", "4/64 ГБ").
"""

from .extractor import QuantityExtractor
from .rules import RULES

__all__ = ["QuantityExtractor", "RULES"]
