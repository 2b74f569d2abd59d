"""Each rule in RULES decides a case that no other rule decides (issue 8, item 5).

For every rule: the text gives no quantity with all rules, and gives one once that
rule alone is taken out, so deleting any rule from RULES turns its test red.
"""

from __future__ import annotations

import pytest

from newsfacts.extractors.quantities import RULES, QuantityExtractor
from newsfacts.extractors.quantities import rules as rules_module

# rule name -> a sentence only that rule keeps from being an amount
ONLY_IT_DECIDES = {
    "is_out_of_range": "Капитализация достигла 999999999999999999 трлн долларов.",
    "is_glued_code": "В конфиге задано size=5 ГБ.",
    "is_version": "Вышла версия 5 программ.",
    "is_ordinal": "Рынок изменился в 90-х годах.",
    "is_date": "Встреча пройдёт 2 мая.",
    "is_time_of_day": "Встреча назначена на 5 часов утра.",
    "is_year": "Это было в 2021 году.",
    "is_model_number": "У Xiaomi 14 камер.",
    "is_fraction_or_path": "Объектив F/1.8 мм.",
    "is_rank": "Компания получила ровно 1 место в рейтинге.",
    "is_address": "Офис на улице Мира, 36 этажей.",
    "is_negated": "Ни одной копейки платить не нужно.",
    "is_indefinite_one": "Одна компания отказалась.",
    "is_unitless": "Ответ 42.",
    "is_adjective_count": "Вручили призы, из них две новые.",
    "is_ordinal_by_agreement": "Собор построили в конце 15 века.",
}


@pytest.fixture(scope="module")
def ex() -> QuantityExtractor:
    return QuantityExtractor()


def test_every_rule_has_a_case() -> None:
    assert sorted(ONLY_IT_DECIDES) == sorted(r.__name__ for r in RULES)


@pytest.mark.parametrize("name", sorted(ONLY_IT_DECIDES))
def test_rule_drops_its_case(ex: QuantityExtractor, name: str) -> None:
    assert ex.find(ONLY_IT_DECIDES[name]) == []


@pytest.mark.parametrize("name", sorted(ONLY_IT_DECIDES))
def test_only_this_rule_decides(ex: QuantityExtractor, name: str) -> None:
    rule = getattr(rules_module, name)
    at = RULES.index(rule)
    RULES.remove(rule)
    try:
        assert ex.find(ONLY_IT_DECIDES[name]) != []
    finally:
        RULES.insert(at, rule)


def test_is_date_fires() -> None:
    """The date rule, not the unit test, drops "2 мая" (issue 8: it fired on no test input)."""
    fired: list[bool] = []
    ex = QuantityExtractor()
    original = rules_module.is_date
    at = RULES.index(original)

    def spy(lex, ctx, c):  # noqa: ANN001, ANN202 - same signature as every rule
        got = original(lex, ctx, c)
        fired.append(got)
        return got

    RULES[at] = spy
    try:
        assert ex.find("Он родился 2 мая.") == []
    finally:
        RULES[at] = original
    assert True in fired
