"""The facts on the command line: the sample's subjects and dates in -f json, and --no-facts."""

import json

from click.testing import CliRunner

from newsfacts.cli import cli

from .conftest import SAMPLES

SAMPLE = str(SAMPLES / "twitter-gpus.txt")


def run_json(*args):
    result = CliRunner().invoke(cli, [SAMPLE, "-f", "json", "-q", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_sample_json_shows_twitter_as_the_holder_and_the_dates():
    doc = run_json()
    by_value = {q["value"]: q for q in doc["quantities"]}
    assert (by_value[10000.0]["subject"]["normal"], by_value[10000.0]["predicate"]) == ("Twitter", "приобрести")
    assert (by_value[1e7]["subject"]["normal"], by_value[1e7]["predicate"]) == ("Twitter", "потратить")
    assert [(e["text"], e["normal"]) for e in doc["entities"] if e["type"] == "DATE"] == [
        ("в конце декабря", "--12"),
        ("этого года", None),
    ]


def test_no_facts_leaves_out_dates_subjects_and_roles():
    doc = run_json("--no-facts")
    assert doc["roles"] == []
    assert all(q["subject"] is None and q["predicate"] is None for q in doc["quantities"])
    assert not [e for e in doc["entities"] if e["type"] == "DATE"]
    assert {"Twitter", "DeepMind"} <= {e["normal"] for e in doc["entities"]}
