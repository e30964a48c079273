"""The CLI through click's CliRunner: output, messages and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, build_cli_ok
from kg import __version__
from kg.cli import cli

README = Path(__file__).parent.parent / "README.md"
# Three documents holding four meetings (one quoted in another) and 15 items.
LAYOUTS = [str(DATA / d) for d in ("minutes_inline_headings", "punkt_agenda_embedded_minutes", "chapter_numbered")]


@pytest.fixture()
def built(tmp_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", *LAYOUTS, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"kg {command}" in README.read_text(encoding="utf-8")


def test_build_summarises_on_stderr(tmp_path):
    result = CliRunner().invoke(cli, ["build", *LAYOUTS, "--store", str(tmp_path / "s")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "3 documents: 3 built, 0 unchanged, 0 failed" in result.stderr
    assert "built: 4 meetings, 15 items" in result.stderr


def test_build_reports_a_bad_file_and_exits_1(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(DATA / "broken_inputs" / "empty.txt"),
                                      LAYOUTS[0], "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "error: " in result.stderr and "empty.txt" in result.stderr and "is empty" in result.stderr
    assert "1 built" in result.stderr


def test_build_of_a_missing_path_exits_1(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_query_agenda_csv_columns(built):
    result = CliRunner().invoke(cli, ["query", "agenda", "--store", str(built), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["body", "meeting_date", "item", "title", "presenters", "outcome", "source"]
    assert len(rows) == 15
    mobility = next(r for r in rows if r["meeting_date"] == "2025-06-06" and r["item"] == "2")
    assert mobility["presenters"] == "Frida Berg; Karen Juhl"
    assert mobility["source"] == "kdnet_agenda.txt:52"


@pytest.mark.parametrize("value", ["KD-Net", "kd-net", "Kommunaldirektørnetværket", "KD-net"])
def test_query_param_matches_body_names_any_case(built, value):
    result = CliRunner().invoke(cli, ["query", "agenda", "--store", str(built), "--format", "csv",
                                      "--param", f"body={value}"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 15 - 4 and {r["body"] for r in rows} == {"KD-Net"}


def test_query_param_value_cannot_inject(built):
    result = CliRunner().invoke(cli, ["query", "agenda", "--store", str(built), "--format", "csv",
                                      "--param", 'body=x") } } SELECT * WHERE { ?s ?p ?o #'])
    assert result.exit_code == 0
    assert result.stdout.strip() == "body,meeting_date,item,title,presenters,outcome,source"


def test_query_json_is_w3c_results(built):
    result = CliRunner().invoke(cli, ["query", "agenda", "--store", str(built), "--format", "json",
                                      "--param", "date=2024-03-15"])
    data = json.loads(result.stdout)
    assert data["head"]["vars"][:3] == ["body", "meeting_date", "item"]
    assert len(data["results"]["bindings"]) == 4


def test_query_unknown_param_is_an_error(built):
    result = CliRunner().invoke(cli, ["query", "agenda", "--store", str(built), "--param", "colour=red"])
    assert result.exit_code == 1 and "no parameter colour" in result.stderr


def test_query_inline_expression(built):
    result = CliRunner().invoke(cli, ["query", "-e", "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m kg:documentedIn ?d }",
                                      "--store", str(built), "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.split() == ["n", "4"]


def test_query_without_a_store_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(cli, ["query", "agenda", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "run `kg build" in result.stderr


def test_query_list_names_the_queries():
    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0 and result.stdout.startswith("agenda")


def test_stats(built):
    result = CliRunner().invoke(cli, ["stats", "--store", str(built), "--warnings"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["documents  3", "meetings   4", "items      15"]
    assert "kdnet_agenda.txt:3: the header says agenda" in result.stdout


def test_extract_dumps_json_lines():
    result = CliRunner().invoke(cli, ["extract", str(DATA / "no_agenda_table" / "minutes_without_table.txt")])
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert [f["type"] for f in facts].count("item") == 3
    assert facts[0]["type"] == "document" and facts[0]["encoding"] == "utf-8"


def test_people_variants_show_merges_with_reason_and_source(tmp_path):
    store = tmp_path / "s"
    build_cli_ok([DATA / "minutes_inline_headings"], store)
    result = CliRunner().invoke(cli, ["people", "--store", str(store), "--person", "Erik Moe"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Erik Moe"
    assert "'Erik Moe': canonical spelling; seen at kdnet_minutes.txt:24 kdnet_minutes.txt:26" in result.stdout
