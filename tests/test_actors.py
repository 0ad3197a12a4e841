"""Actors: the registry, linking names to canonical actors, roles, affiliations and references."""

from __future__ import annotations

import pytest
from tests.conftest import run_eventwire

from eventwire import extract
from eventwire.actors import RegistryError, load_registry
from eventwire.actors.registry import ACTOR_KINDS, bundled_path, read_actor_file


def _entities(text: str, **kwargs) -> dict[str, dict]:
    return {e["name"]: e for e in extract(text=text, **kwargs).to_dict()["entities"]}


@pytest.fixture(scope="module")
def sample_entities(sample_document) -> dict[str, dict]:
    return {e["name"]: e for e in sample_document["entities"]}


# --- the registry -------------------------------------------------------------------------------


def test_the_bundled_registry_loads_and_every_actor_cites_a_source():
    registry = load_registry()
    assert len(registry) >= 60
    for actor in registry.actors.values():
        assert actor.source.strip()
        assert actor.kind in ACTOR_KINDS
        assert actor.affiliation is None or actor.affiliation in registry.actors


def test_the_bundled_registry_knows_afghanistan_2021_with_both_names_of_the_resistance():
    registry = load_registry()
    assert [a.id for a in registry.lookup("Northern Alliance")] == ["af-nrf"]
    assert [a.id for a in registry.lookup("National Resistance Front")] == ["af-nrf"]
    assert registry["zabihullah-mujahid"].affiliation == "taliban"


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_yaml_file_adds_actors_and_replaces_rows_with_the_same_id(tmp_path):
    path = _write(
        tmp_path,
        "mine.yaml",
        "- id: taliban\n  name: Islamic Emirate\n  type: ORG\n  kind: government\n"
        "  source: my desk\n"
        "- id: karimi\n  name: Omar Karimi\n  type: PERSON\n  kind: rebel group\n"
        "  affiliation: taliban\n  aliases: [Omar Kareemi]\n  source: my desk\n",
    )
    registry = load_registry([path])
    assert registry["taliban"].kind == "government"
    assert registry["karimi"].origin == f"{path}:6"
    assert [a.id for a in registry.lookup("omar kareemi")] == ["karimi"]


def test_a_user_json_lines_file_is_read_too(tmp_path):
    path = _write(
        tmp_path,
        "mine.jsonl",
        '{"id": "x-front", "name": "Xanadu Liberation Front", "type": "ORG", '
        '"kind": "rebel group", "aliases": ["XLF"], "source": "my desk"}\n',
    )
    assert [a.id for a in load_registry([path]).lookup("XLF")] == ["x-front"]


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("broken.yaml", "- id: a\n  name: [unclosed\n", "broken.yaml:3: not valid YAML"),
        (
            "noname.yaml",
            "- id: a\n  type: ORG\n  kind: media\n  source: s\n",
            "noname.yaml:1: missing name",
        ),
        (
            "dupes.yaml",
            "- {id: a, name: A, type: ORG, kind: media, source: s}\n"
            "- {id: a, name: B, type: ORG, kind: media, source: s}\n",
            "dupes.yaml:2: duplicate id 'a'",
        ),
        (
            "kind.yaml",
            "- {id: a, name: A, type: ORG, kind: pirates, source: s}\n",
            "kind.yaml:1: kind 'pirates'",
        ),
        ("row.jsonl", '{"id": "a", "name": "A"\n', "row.jsonl:1: not valid JSON"),
        ("scalar.yaml", "- just a name\n", "scalar.yaml:0: an actor must be a mapping"),
        (
            "affil.yaml",
            "- {id: a, name: A, type: ORG, kind: media, source: s, affiliation: zz}\n",
            "affil.yaml:1: affiliation 'zz'",
        ),
    ],
)
def test_a_bad_registry_file_names_the_file_line_and_problem(tmp_path, name, text, problem):
    path = _write(tmp_path, name, text)
    with pytest.raises(RegistryError) as caught:
        load_registry([path])
    assert problem in str(caught.value)


def test_the_bundled_file_reads_row_by_row():
    actors = list(read_actor_file(bundled_path()))
    assert len({a.id for a in actors}) == len(actors)


def test_the_command_line_rejects_a_bad_registry_in_one_line_and_keeps_the_store(tmp_path):
    db = f"sqlite:///{tmp_path / 'kept.db'}"
    story = _write(
        tmp_path, "story.txt", "Rebels attacked a police post on Tuesday, officials said."
    )
    assert run_eventwire("ingest", str(story), "--db", db).returncode == 0
    bad = _write(tmp_path, "bad.yaml", "- id: a\n  type: ORG\n")
    result = run_eventwire("ingest", str(story), "--actors", str(bad), "--db", db)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "bad.yaml:1: missing name" in lines[0]
    assert "Traceback" not in result.stderr.decode()
    listed = run_eventwire("articles", "--db", db, "--format", "jsonl")
    assert len(listed.stdout.decode().splitlines()) == 1


# --- linking ------------------------------------------------------------------------------------


def test_the_sample_links_its_actors(sample_entities):
    assert sample_entities["Taliban"]["actor_id"] == "taliban"
    assert sample_entities["Northern Alliance"]["actor_id"] == "af-nrf"
    assert sample_entities["Zabihullah Mujahid"]["kind"] == "rebel group"


def test_a_misspelt_first_name_links_to_its_actor(sample_entities):
    saleh = sample_entities["Amrullah Saleh"]
    assert saleh["actor_id"] == "amrullah-saleh"
    assert "Armrullah" in saleh["aliases"]
    assert "Armrullah" not in sample_entities


def test_the_bare_surname_goes_to_the_son_not_the_father(sample_document, sample_text):
    by_name = {e["name"]: e for e in sample_document["entities"]}
    son, father = by_name["Ahmad Massoud"], by_name["Ahmad Shah Massoud"]
    assert son["actor_id"] == "ahmad-massoud" and father["actor_id"] == "ahmad-shah-massoud"
    bare = [m for m in son["mentions"] if m["text"] == "Massoud"]
    assert len(bare) == 3
    assert not any(m["text"] == "Massoud" for m in father["mentions"])


def test_a_possessive_role_gives_the_role_and_the_group(sample_entities):
    mujahid = sample_entities["Zabihullah Mujahid"]
    assert mujahid["roles"] == ["spokesperson"]
    assert mujahid["affiliation"] == "Taliban"


def test_coordinated_roles_before_a_name_are_both_kept(sample_entities):
    saleh = sample_entities["Amrullah Saleh"]
    assert set(saleh["roles"]) >= {"leader", "acting president"}
    assert saleh["affiliation"] == "National Resistance Front of Afghanistan"


def test_an_apposition_of_kinship_becomes_a_role(sample_entities):
    assert "son of Ahmad Shah Massoud" in sample_entities["Ahmad Massoud"]["roles"]


def test_a_capitalised_title_is_not_an_organisation(sample_entities):
    assert "National Hero and Lion" not in sample_entities


def test_an_apposition_after_the_name_gives_role_and_affiliation():
    people = _entities(
        "Sergei Lavrov, the foreign minister of Russia, said talks would resume on Friday."
    )
    lavrov = people["Sergei Lavrov"]
    assert lavrov["actor_id"] == "sergei-lavrov"
    assert lavrov["roles"] == ["foreign minister"]
    assert lavrov["affiliation"] == "Government of Russia"


def test_a_misspelt_full_name_links_when_every_word_is_close():
    people = _entities("Zabiulah Mujahed told reporters in Kabul that the fighting was over.")
    assert people["Zabiulah Mujahed"]["actor_id"] == "zabihullah-mujahid"


def test_a_relative_with_the_same_surname_is_not_linked_to_the_famous_one():
    people = _entities("Hunter Biden arrived in Delaware on Monday. Biden declined to comment.")
    assert people["Hunter Biden"]["actor_id"] is None


def test_an_unknown_one_word_name_is_not_linked_by_chance():
    people = _entities("Mujahir, a shopkeeper in the town, said prices had doubled.")
    assert all(e["actor_id"] is None for e in people.values())


def test_a_user_registry_links_names_in_text(tmp_path):
    path = _write(
        tmp_path,
        "desk.yaml",
        "- id: karimi\n  name: Omar Karimi\n  type: PERSON\n  kind: rebel group\n"
        "  aliases: [Omar Kareemi]\n  source: desk notes\n",
    )
    people = _entities("Omar Kareemi said his fighters had left the town.", actors=[path])
    assert people["Omar Kareemi"]["actor_id"] == "karimi"
    assert (
        _entities("Omar Kareemi said his fighters had left the town.")["Omar Kareemi"]["actor_id"]
        is None
    )
