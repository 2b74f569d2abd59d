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
  the unit of a neighbour ("5 стеков ... из 6", "с 5 до 10%", "4/64 ГБ"), of an
  amount written alike earlier in the sentence ("224 тысячи ускорителей …,
  Amazon – 196 тысяч"; "от 400 до 450 долларов, i5 — от 250 до 300"), of the
  amount they are compared with ("192 ядер против 128"), or take the noun before
  them ("ядер восемь"; "численность сотрудников … на 2 тыс.");
- a number inside an adjective is an amount: "двухпроцентным" = 2 %,
  "8-ядерный" = 8 ядро, "5-кратный" = 5 раз, "7-нм-технологии" = 7 нм;
- shares are percent: "треть" = 33.33 %, "три четверти" = 75 %; "топ-10
  производителей" = 10 производитель, a bare "топ-10" = 10 место;
- dimensions "172,1 × 75 × 9,5 мм" are one measure written as several numbers:
  one record per number with the shared unit, spans side by side, never
  overlapping ("172,1", "75", "9,5 мм");
- a sign counts only for signed units (units.tsv): "от −20 до +60 °C" = -20..60;
- money units below the currency are converted: "50 копеек" = 0.5 RUB, "один
  пенс" = 0.01 GBP; "¥" is JPY in a text that names Japan more than China, else CNY;
- every value is finite: more than MAX_DIGITS digits, or a value beyond
  MAX_VALUE (1e18), is not a quantity (rules.is_out_of_range).
"""

from .extractor import QuantityExtractor
from .rules import RULES

__all__ = ["QuantityExtractor", "RULES"]
