"""The run's one batching setting and the store's lock wait, from the environment."""

import pytest

from newsfacts.errors import SettingError
from newsfacts.settings import BATCH, DB_TIMEOUT, Settings, from_env


def test_defaults():
    assert from_env({}) == Settings(batch=BATCH, db_timeout=DB_TIMEOUT) == Settings(32, 60.0)


def test_batch_and_its_old_name():
    assert from_env({"NEWSFACTS_BATCH": "8"}).batch == 8
    assert from_env({"NEWSFACTS_DB_BATCH": " 5 "}).batch == 5
    assert from_env({"NEWSFACTS_BATCH": "8", "NEWSFACTS_DB_BATCH": "5"}).batch == 8  # the new name wins
    assert from_env({"NEWSFACTS_BATCH": ""}).batch == BATCH


def test_timeout():
    assert from_env({"NEWSFACTS_DB_TIMEOUT": "0"}).db_timeout == 0.0
    assert from_env({"NEWSFACTS_DB_TIMEOUT": "2.5"}).db_timeout == 2.5


@pytest.mark.parametrize(
    "env, message",
    [
        ({"NEWSFACTS_BATCH": "abc"}, "NEWSFACTS_BATCH must be a whole number >= 1, not 'abc'"),
        ({"NEWSFACTS_BATCH": "0"}, "NEWSFACTS_BATCH must be a whole number >= 1, not '0'"),
        ({"NEWSFACTS_DB_TIMEOUT": "-1"}, "NEWSFACTS_DB_TIMEOUT must be a number of seconds >= 0, not '-1'"),
        ({"NEWSFACTS_DB_TIMEOUT": "nan"}, "NEWSFACTS_DB_TIMEOUT must be a number of seconds >= 0, not 'nan'"),
    ],
)
def test_malformed_values(env, message):
    with pytest.raises(SettingError) as info:
        from_env(env)
    assert str(info.value) == message


def test_batches_of_text_items_keep_other_items_in_place():
    from newsfacts import batch
    from newsfacts.readers import Item

    items = [Item(f"{i}.txt", f"/{i}.txt", text="x") for i in range(5)]
    items.insert(2, Item("bad.txt", "/bad.txt", error="not a text file"))
    sizes = [len(b) for b in batch.split_batches(items, 2)]
    assert sizes == [2, 1, 2, 1]  # the error item passes through alone, in its place
