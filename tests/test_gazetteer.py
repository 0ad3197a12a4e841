"""The offline gazetteer: the sample's places, name variants, type words, and a broken file."""

import json
import math

import pytest

from conftest import run_eventwire
from eventwire.places import Gazetteer, GazetteerError
from eventwire.places.build import GazetteerBuildError, build, read_supplement
from eventwire.places.names import name_forms, skeleton

# Reference points (provincial capitals and district seats), for "within 60 km of the real place".
BAZARAK = (35.31, 69.52)
FAYZABAD = (37.12, 70.58)
TALOQAN = (36.74, 69.53)
BANU = (35.63, 69.26)
SALANG_TUNNEL = (35.32, 69.03)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gazetteer():
    found = Gazetteer()
    yield found
    found.close()


def _best(gazetteer, name, country=None):
    return gazetteer.candidates(name, country)[0]


@pytest.mark.parametrize(
    ("name", "reference", "kind"),
    [
        ("Panjshir", BAZARAK, "admin1"),
        ("Panjshir valley", BAZARAK, "valley"),
        ("Badakhshan", FAYZABAD, "admin1"),
        ("Takhar", TALOQAN, "admin1"),
        ("Andarab", BANU, "valley"),
        ("Andrab Valley", BANU, "valley"),
        ("Salang", SALANG_TUNNEL, "pass"),
    ],
)
def test_the_sample_places_are_in_afghanistan_near_the_real_place(gazetteer, name, reference, kind):
    best = _best(gazetteer, name, "AF")
    assert best.country == "AF"
    assert best.kind == kind
    assert km((best.lat, best.lon), reference) < 60


def test_andarab_and_andrab_valley_are_the_same_valley(gazetteer):
    assert _best(gazetteer, "Andrab Valley").id == _best(gazetteer, "Andarab valley").id


def test_russia_is_a_country(gazetteer):
    best = _best(gazetteer, "Russia")
    assert (best.kind, best.country) == ("country", "RU")


def test_a_type_word_routes_to_the_province_not_a_town_carrying_its_name(gazetteer):
    best = _best(gazetteer, "Parwan province")
    assert best.kind == "admin1"
    assert best.name == "Parwān"


def test_transliteration_variants_meet_on_their_skeleton(gazetteer):
    assert skeleton("panjsher") == skeleton("panjshir") == skeleton("panjshayr")
    best = _best(gazetteer, "Panjsher")
    assert (best.name, best.matched) == ("Panjshayr", "skeleton")


def test_the_izafe_form_and_the_bare_form_are_one_name():
    assert "mazar sharif" in name_forms("Mazār-e Sharīf")


def test_a_country_focus_picks_the_place_in_that_country(gazetteer):
    assert _best(gazetteer, "Andarab").country in {"AF", "IR"}
    assert _best(gazetteer, "Andarab", "AF").country == "AF"


def test_unknown_names_and_other_scripts_find_nothing(gazetteer):
    assert gazetteer.candidates("Qwxzzyvk") == []
    assert gazetteer.candidates("Кабул") == []
    assert gazetteer.candidates("") == []


def test_a_missing_gazetteer_says_how_to_rebuild(tmp_path):
    with pytest.raises(GazetteerError, match="not found; rebuild it with `eventwire gazetteer"):
        Gazetteer(tmp_path / "missing.sqlite")


def test_a_corrupted_gazetteer_says_how_to_rebuild(tmp_path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match=r"damaged .*rebuild it with"):
        Gazetteer(broken)


def _supplement(tmp_path, rows):
    path = tmp_path / "supplement.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


GOOD_ROW = {
    "id": "x:1",
    "name": "Test Pass",
    "kind": "pass",
    "lat": 35.0,
    "lon": 69.0,
    "country": "AF",
    "source": "test",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lat": 135.0}, "bad coordinates"),
        ({"lon": "69E"}, "bad coordinates"),
        ({"kind": "volcano"}, "unknown kind"),
        ({"country": "Afghanistan"}, "ISO 3166-1"),
        ({"source": ""}, "needs a source"),
    ],
)
def test_a_bad_supplement_row_is_rejected_with_its_file_and_line(tmp_path, change, message):
    path = _supplement(tmp_path, [GOOD_ROW, {**GOOD_ROW, **change}])
    with pytest.raises(GazetteerBuildError, match=rf"{path}:2: .*{message}"):
        read_supplement(path)
    with pytest.raises(GazetteerBuildError, match=f"{path}:2: "):
        build(tmp_path / "gazetteer.sqlite", supplement=path)
    assert not (tmp_path / "gazetteer.sqlite").exists()


def test_a_reference_point_row_with_bad_coordinates_is_rejected_with_its_file_and_line(
    tmp_path,
):
    point = {"point_of": "geonames:6252001", "lat": 39.8, "lon": -198.6, "source": "test"}
    path = _supplement(tmp_path, [GOOD_ROW, point])
    with pytest.raises(GazetteerBuildError, match=rf"{path}:2: bad coordinates"):
        read_supplement(path)


def test_a_reference_point_row_replaces_the_country_point():
    gazetteer = Gazetteer()
    united_states = gazetteer.country("US")
    assert (round(united_states.lat, 2), round(united_states.lon, 2)) == (39.83, -98.58)


def test_geocode_prints_scored_candidates():
    result = run_eventwire("geocode", "Andrab valley", "--country", "AF", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["name"] == "Andarab Valley"
    assert rows[0]["score"] >= rows[-1]["score"]
    assert {"score", "matched", "kind", "country", "lat", "lon", "id"} <= set(rows[0])


def test_geocode_of_an_unknown_name_or_a_bad_country_fails_cleanly():
    unknown = run_eventwire("geocode", "Qwxzzyvk")
    assert unknown.returncode == 1
    assert unknown.stderr.decode().strip() == (
        "eventwire: error: Qwxzzyvk: no place of that name in the gazetteer"
    )
    assert run_eventwire("geocode", "Kabul", "--country", "Afghanistan").returncode == 2


def test_an_article_naming_ten_thousand_places_is_resolved(gazetteer):
    import sqlite3

    from eventwire import extract
    from eventwire.document import validate

    with sqlite3.connect(gazetteer.path) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT DISTINCT name FROM places WHERE kind = 'populated_place' "
                "AND country = 'US' AND name GLOB '[A-Z]*' AND name NOT GLOB '*[^A-Za-z ]*' "
                "ORDER BY population DESC LIMIT 10000"
            )
        ]
    assert len(names) == 10000
    sentences = [
        "Storms were reported in " + ", ".join(names[i : i + 9]) + f" and {names[i + 9]}."
        for i in range(0, len(names), 10)
    ]
    document = extract(text=" ".join(sentences), published="2024-01-01").to_dict()
    validate(document)
    assert len(document["places"]) > 1000
    assert {p["country"] for p in document["places"]} >= {"US"}


def test_nationality_words_point_to_the_most_populous_country_of_that_people(gazetteer):
    assert gazetteer.demonym_country("Afghan") == "AF"
    assert gazetteer.demonym_country("American") == "US"
    assert gazetteer.demonym_country("Martian") is None


def test_news_abbreviations_of_us_states_are_names_of_the_state(gazetteer):
    assert _best(gazetteer, "W.Va.").name == "West Virginia"
    assert _best(gazetteer, "Ky.").name == "Kentucky"


def test_nationality_words_set_the_country_focus_and_only_refer_to_their_country():
    from eventwire import extract

    document = extract(
        text="Afghan security forces said fighting continued near Charikar and in Andarab, "
        "where Afghan officials reported heavy losses on Monday."
    ).to_dict()
    assert {p["country"] for p in document["places"]} == {"AF"}
    (country,) = [p for p in document["places"] if p["feature"] == "country"]
    assert country["mentions"] == []
    assert [r["text"] for r in country["references"]] == ["Afghan", "Afghan"]
    assert all(e["place"] != country["id"] for e in document["events"])


def _places(text):
    from eventwire import extract

    return {p["name"]: p for p in extract(text=text).to_dict()["places"]}


def test_a_place_inside_an_institution_name_is_a_reference_not_a_place_mention():
    by_name = _places(
        "The Athens Police Department arrested a man on Tuesday, and the Florida Highway "
        "Patrol closed the road near Gainesville, Georgia, after the crash."
    )
    assert [r["text"] for r in by_name["Athens"]["references"]] == ["Athens"]
    assert by_name["Athens"]["country"] == "US" and by_name["Athens"]["mentions"] == []
    assert [r["text"] for r in by_name["Florida"]["references"]] == ["Florida"]
    assert [m["text"] for m in by_name["Gainesville"]["mentions"]] == ["Gainesville"]


def test_an_institution_named_after_a_direction_or_colour_refers_to_no_place():
    names = set(
        _places(
            "The White House said on Monday that patients were taken to North Memorial "
            "Medical Center in Robbinsdale, Minnesota."
        )
    )
    assert "White" not in names and "North" not in names
    assert "Robbinsdale" in names


def test_a_bare_capital_name_is_the_capital_in_a_document_about_another_country():
    gazetteer = Gazetteer()
    assert _best(gazetteer, "Moscow").country == "RU"
    assert _best(gazetteer, "Washington").admin1 == "District of Columbia"


def test_two_names_that_can_share_a_state_set_the_state_focus():
    from eventwire.places.readings import document_focus

    gazetteer = Gazetteer()
    focus, region = document_focus(gazetteer, ["Paris", "Henry County", "Puryear"])
    assert (focus, region) == ("US", "Tennessee")
    found = gazetteer.candidates("Paris", focus, limit=1, admin1=region)[0]
    assert found.admin1 == "Tennessee"


def test_a_street_takes_the_point_of_the_town_named_beside_it():
    places = _places(
        "Traffic was closed on Darby Street in St. Petersburg, Florida, after the crash on "
        "Tuesday, police said."
    )
    street, town = places["Darby Street"], places["St. Petersburg"]
    assert street["feature"] == "street" and street["precision"] == 1
    assert (street["lat"], street["lon"]) == (town["lat"], town["lon"])
    assert town["admin1"] == "Florida"


def test_a_street_with_no_town_beside_it_is_in_the_document_town_with_a_coarser_precision():
    places = _places(
        "Gainesville police said the crash happened in Gainesville, Georgia, on Monday. "
        "Witnesses said a truck struck a car on Main Street at noon."
    )
    street = places["Main Street"]
    assert street["precision"] == 2
    assert (street["lat"], street["lon"]) == (
        places["Gainesville"]["lat"],
        places["Gainesville"]["lon"],
    )


def test_a_dateline_in_capitals_is_a_place():
    places = _places("Drug dealer arrested near airport. BEIRUT: A major drug dealer was arrested.")
    assert places["Beirut"]["country"] == "LB"
    assert [m["text"] for m in places["Beirut"]["mentions"]] == ["BEIRUT"]


def test_a_town_qualified_with_its_state_lies_in_that_state():
    places = _places(
        "The convoy left St. Petersburg and Tampa in Florida and reached Gainesville, Texas, "
        "on Friday."
    )
    assert places["Gainesville"]["admin1"] == "Texas"


def test_a_legislators_party_tag_refers_to_the_state_they_represent():
    places = _places('"We want our money back," said Rep. Charles Rangel, D-N.Y., in Washington.')
    new_york = places["New York"]
    assert [r["text"] for r in new_york["references"]] == ["N.Y."]
    assert new_york["mentions"] == []


def test_a_direction_before_a_state_names_a_part_of_it():
    places = _places(
        "Most school systems in Northeast Georgia, from Gainesville to Athens and Commerce, "
        "are reviewing their budgets."
    )
    georgia = places["Georgia"]
    assert georgia["country"] == "US" and georgia["feature"] == "admin1"
    assert georgia["precision"] == 3


def test_an_acronym_in_capitals_is_not_a_town_of_that_ordinary_name():
    gazetteer = Gazetteer()
    assert _best(gazetteer, "EU").name == "European Union"


def test_a_town_before_a_word_for_its_people_refers_to_it():
    places = _places(
        "About 55 Gainesville residents marched on Friday near City Hall in Gainesville, "
        "Florida, and Gainesville officials said the march was peaceful."
    )
    gainesville = places["Gainesville"]
    assert gainesville["admin1"] == "Florida"
    assert len(gainesville["mentions"]) + len(gainesville["references"]) == 3


def test_a_countrys_own_name_stays_the_country_beside_its_same_name_province():
    from eventwire.places.readings import document_focus
    from eventwire.places.resolve import lookup

    gazetteer = Gazetteer()
    names = ["Mexico", "Mexico City", "Toluca", "Guadalajara"]
    focus, region = document_focus(gazetteer, names)
    assert focus == "MX"
    assert lookup(gazetteer, "Mexico", focus, region).kind == "country"


def test_a_town_beside_the_documents_other_places_wins_over_a_bigger_one_far_away():
    places = _places(
        "Firefighters from Shelbyville and Lebanon were called to Marion County on Monday, "
        "and the fire chief in Paris said crews from Cynthiana also helped."
    )
    assert places["Paris"]["country"] == "US"
    assert places["Paris"]["admin1"] == "Kentucky"


def test_the_province_of_a_name_is_the_province_not_a_town():
    places = _places(
        "Hospitals in the province of Ontario are full, and some women were sent to Buffalo, "
        "New York, officials in Toronto said."
    )
    assert places["Ontario"]["feature"] == "admin1" and places["Ontario"]["country"] == "CA"


def test_a_place_name_opening_an_institution_ner_calls_a_place_is_a_reference():
    places = _places(
        "State Representative Richard Harper told Lamar County Commissioners on Monday that "
        "the bridge in Paris, Texas, would be repaired."
    )
    lamar = places["Lamar County"]
    assert [r["text"] for r in lamar["references"]] == ["Lamar County"]
    assert lamar["admin1"] == "Texas"


def test_a_nationality_word_ner_left_untagged_or_called_a_person_refers_to_its_country():
    places = _places(
        "Canadians are among the most optimistic people in the world, a survey found in Ottawa."
    )
    assert [r["text"] for r in places["Canada"]["references"]] == ["Canadians"]


def test_the_people_of_a_region_or_a_us_state_refer_to_it():
    places = _places(
        "Russian, North Ossetian, South Ossetian and Georgian officials met in Tbilisi, while "
        "Minnesotans watched from St. Paul."
    )
    assert places["South Ossetia"]["references"][0]["text"] == "South Ossetian"
    assert places["Minnesota"]["references"][0]["text"] == "Minnesotans"


def test_a_town_named_as_a_persons_home_is_a_place_whatever_ner_calls_it():
    places = _places(
        "Police in Atlanta, Georgia, arrested Rebecca Sears, 41, of Grovetown, and Daniel Ray "
        "Hufstetler of Roswell on Monday."
    )
    assert places["Grovetown"]["admin1"] == "Georgia"
    assert places["Roswell"]["admin1"] == "Georgia"


def test_a_dateline_with_its_state_and_the_wire_service_is_a_place_in_that_state():
    places = _places(
        "Shooting probed. CARTHAGE, N.C. (AP) - Investigators are looking into whether a "
        "gunman acted alone."
    )
    assert places["Carthage"]["admin1"] == "North Carolina"
    assert places["Carthage"]["mentions"][0]["text"] == "CARTHAGE"


def test_a_harbour_or_a_township_lies_near_the_place_it_is_named_after():
    places = _places(
        "Tolls rose from $3.50 to $5.50 at the Boston Harbor tunnels, officials in "
        "Massachusetts said."
    )
    harbor = next(
        p for p in places.values() if any(m["text"] == "Boston Harbor" for m in p["mentions"])
    )
    assert harbor["name"] == "Boston" and harbor["admin1"] == "Massachusetts"
    assert harbor["precision"] == 2


def test_a_state_or_country_after_a_town_and_a_comma_is_not_a_same_name_town():
    places = _places(
        "Catherine Fleming, 38, from Glasgow, Scotland, died at a hospital in Texas, the US "
        "health service said."
    )
    assert places["Scotland"]["feature"] == "admin1" and places["Scotland"]["country"] == "GB"


def test_an_ocean_named_with_a_nationality_word_refers_to_no_country():
    places = _places(
        "The virus is also present in the Indian Ocean, in the Seychelles and Mayotte."
    )
    assert "India" not in places


def test_a_long_name_without_its_article_is_the_same_name(gazetteer):
    assert _best(gazetteer, "Democratic Republic of Congo").country == "CD"


def test_a_provinces_point_follows_its_area_not_where_its_towns_crowd():
    from eventwire.places.build import PlaceRow, _unit_coordinates

    def town(lat, lon):
        return PlaceRow(
            id=f"t{lat},{lon}", name="T", kind="populated_place", country="XX", lat=lat, lon=lon
        )

    coast = [town(-27.0 + i * 0.001, 153.0 + i * 0.001) for i in range(200)]
    inland = [town(-22.5, 144.5), town(-20.5, 141.5), town(-25.5, 146.5)]
    province = PlaceRow(id="p", name="P", kind="admin1", country="XX", lat=None, lon=None)
    lat, lon = _unit_coordinates(province, coast + inland)
    assert 143.0 < lon < 148.0 and -25.0 < lat < -22.0


def test_institutions_place_names_set_the_document_country():
    places = _places(
        "The Athens Police Department arrested a 33-year-old man on Monday. He was held at the "
        "Henderson County Jail on a $50,000 bond."
    )
    assert places["Athens"]["country"] == "US"


def test_a_name_the_text_calls_a_town_is_a_place_whatever_ner_calls_it():
    places = _places(
        "Two dead swans were discovered in the northern town of Toruń, famous as the "
        "birthplace of Copernicus."
    )
    assert places["Toruń"]["country"] == "PL"
    assert places["Toruń"]["mentions"][0]["text"] == "Toruń"


def test_a_name_before_a_comma_and_a_state_is_a_town_in_that_state():
    places = _places(
        "Some women may be sent out of the country. Buffalo, New York in the United States may "
        "be a destination."
    )
    assert places["Buffalo"]["admin1"] == "New York"


def test_an_agency_named_after_its_country_refers_to_it():
    places = _places("The U.S. Food and Drug Administration recalled the product on Friday.")
    assert [r["text"] for r in places["United States"]["references"]] == ["U.S."]


def test_a_name_in_a_list_of_states_or_countries_reads_as_one_of_them():
    states = _places(
        "Cases were reported in Tennessee, Texas, Utah, Virginia, Washington, West Virginia and "
        "Wyoming."
    )
    assert states["Washington"]["feature"] == "admin1"
    countries = _places(
        "The UN warned the neighbouring countries of Benin, Ghana, Guinea, Niger, and Senegal."
    )
    assert countries["Niger"]["feature"] == "country" and countries["Niger"]["country"] == "NE"
    pair = _places("Trade between Texas and Mexico grew last year.")
    assert pair["Mexico"]["feature"] == "country"


def test_a_sea_or_strait_is_open_water_not_a_same_name_province(gazetteer):
    red_sea = _best(gazetteer, "Red Sea")
    assert red_sea.kind == "sea" and red_sea.country is None
    assert km((red_sea.lat, red_sea.lon), (20.0, 38.5)) < 400
    assert _best(gazetteer, "Strait of Hormuz").kind == "sea"


def test_a_supplement_sea_needs_no_country_but_a_town_does(tmp_path):
    sea = {"id": "x:sea", "name": "Test Sea", "kind": "sea", "lat": 1.0, "lon": 2.0, "source": "t"}
    assert read_supplement(_supplement(tmp_path, [sea])).places[0].country is None
    town = {**sea, "id": "x:town", "kind": "populated_place"}
    with pytest.raises(GazetteerBuildError, match="missing country"):
        read_supplement(_supplement(tmp_path, [town]))


def _reading(name, kind, country, lat, lon, matched="name", score=2.0, population=1000):
    from eventwire.places.gazetteer import Candidate

    return Candidate(
        f"t:{name}:{kind}:{country}", name, kind, country, None, None, population, lat, lon,
        "test", score, matched,
    )  # fmt: skip


def test_a_world_region_lies_among_its_member_countries(gazetteer):
    middle_east = _best(gazetteer, "Middle East")
    assert middle_east.kind == "region" and middle_east.country is None
    assert 20 < middle_east.lat < 36 and 35 < middle_east.lon < 55
    east_africa = _best(gazetteer, "East Africa")
    assert east_africa.kind == "region" and -15 < east_africa.lat < 10
    places = _places("Aid agencies warned of hunger in the Middle East and across the Sahel.")
    assert places["Middle East"]["feature"] == "region"
    assert places["Sahel"]["feature"] == "region"


def test_a_region_file_row_naming_an_unknown_country_is_rejected(monkeypatch):
    from eventwire.places import build as build_module

    rows = ({"name": "Nowhere", "members": ["ZZ"], "source": "test"},)
    monkeypatch.setattr(build_module, "data_rows", lambda filename: rows)
    countries, _ = build_module._countries()
    with pytest.raises(GazetteerBuildError, match=r"world_regions\.jsonl:1: no such countries"):
        list(build_module._world_regions(countries))


def test_a_country_named_alone_is_the_country_whatever_ner_calls_it():
    places = _places("Aid convoys left Zambia for Malawi, and Mozambique, and later for Botswana.")
    for name, code in [("Malawi", "MW"), ("Mozambique", "MZ"), ("Botswana", "BW")]:
        assert places[name]["country"] == code and places[name]["feature"] == "country"


def test_a_misspelt_country_is_the_country_not_a_town_with_a_similar_skeleton():
    places = _places("Health officials in Mauritious reported a rise in dengue infections.")
    assert places["Mauritius"]["feature"] == "country"
    assert [m["text"] for m in places["Mauritius"]["mentions"]] == ["Mauritious"]


def test_the_second_half_of_a_lowercase_hyphenated_compound_is_not_a_place():
    places = _places(
        "Tbilisi seeks euro-Atlantic integration, the prime minister of Georgia said. Troops "
        "patrol the India-Pakistan border."
    )
    assert not any(p["feature"] == "sea" or "Atlantic" in name for name, p in places.items())
    assert {"India", "Pakistan"} <= set(places)


def test_an_office_only_a_country_has_makes_its_place_the_country():
    places = _places(
        "Irakli Kobakhidze, Prime Minister of Georgia, spoke to reporters. Georgia's "
        "Parliament voted on Friday."
    )
    assert places["Georgia"]["country"] == "GE" and places["Georgia"]["feature"] == "country"


def test_a_name_ner_cut_after_a_nationality_word_is_the_whole_place():
    places = _places("Smugglers cross the river between Suriname and French Guiana every night.")
    assert places["French Guiana"]["country"] == "GF"
    assert [m["text"] for m in places["French Guiana"]["mentions"]] == ["French Guiana"]
    assert "France" not in places


def test_an_abbreviation_a_place_introduces_is_the_place_wherever_it_recurs():
    places = _places(
        "Elections in the Democratic Republic of Congo (DRC) were delayed. Observers in the "
        "DRC counted ballots on Sunday."
    )
    congo = places["Democratic Republic of the Congo"]
    assert [m["text"] for m in congo["mentions"]].count("DRC") == 2


def test_letters_unicode_cannot_decompose_fold_to_latin(gazetteer):
    assert name_forms("Łódź") == {"lodz"}
    assert _best(gazetteer, "Lodz").country == "PL"
    assert _best(gazetteer, "Pulawy").matched == "name"


def test_an_institution_opening_with_a_city_refers_to_the_city_not_its_country():
    places = _places(
        "Mexico City Health Secretary Juan Perez said the clinics would reopen in June."
    )
    assert "Mexico City" in places and "Mexico" not in places


def test_an_institution_ending_with_a_comma_and_a_country_refers_to_it():
    places = _places("A statement from the Ministry of Defence, Angola, denied the report.")
    assert [r["text"] for r in places["Angola"]["references"]] == ["Angola"]


def test_a_capital_inside_an_institution_name_refers_to_the_capital_anywhere():
    places = _places("Protesters marched past Seoul City Hall at noon on Saturday.")
    assert places["Seoul"]["country"] == "KR"


def test_a_valley_the_gazetteer_lacks_lies_near_the_town_it_is_named_after():
    places = _places(
        "Fire crews from Burbank, Los Angeles and Santa Monica moved into San Fernando Valley."
    )
    valley = next(p for p in places.values() if "San Fernando Valley" in str(p["mentions"]))
    assert valley["country"] == "US" and valley["admin1"] == "California"
    assert valley["precision"] == 2


def test_a_large_island_is_a_place_of_its_own(gazetteer):
    luzon = _best(gazetteer, "Luzon")
    assert luzon.kind == "island" and luzon.country == "PH"
    assert _best(gazetteer, "Java").country == "ID"


def test_a_town_outside_the_document_country_needs_its_own_name_not_an_old_alternate():
    places = _places(
        "Hotels reopened in Pakistan this week, among them in the resort town of Kalam, high in "
        "the Swat Valley."
    )
    assert all(p["country"] == "PK" for p in places.values() if p["feature"] != "country")


def test_a_name_after_a_word_for_its_residents_and_of_is_a_place():
    places = _places("Anna Nowak, a resident of Toruń, said the Vistula rose overnight in Poland.")
    assert places["Toruń"]["country"] == "PL"


def test_readings_only_matching_a_skeleton_do_not_vote_on_the_country():
    from eventwire.places.readings import country_focus

    georgia = [
        _reading("Georgia", "country", "GE", 42.0, 43.5, score=3.0),
        _reading("Georgia", "admin1", "US", 32.5, -83.3, score=2.7),
    ]
    person = [_reading("Zhovnyne", "populated_place", "UA", 49.0, 32.0, matched="skeleton")]
    assert country_focus([georgia, person, person]) == "GE"


def test_a_countrys_own_name_is_not_taken_by_a_same_name_town_beside_nothing():
    from eventwire.places.readings import coherent_reading

    town = _reading("China", "populated_place", "US", 44.48, -69.52, score=3.4)
    country = _reading("China", "country", "CN", 35.0, 105.0, score=3.3)
    far = _reading("Portland", "populated_place", "US", 45.52, -122.68)
    assert coherent_reading([town, country], [far], "US") == country
    near = _reading("Augusta", "populated_place", "US", 44.31, -69.78)
    assert coherent_reading([town, country], [near], "US") == town


def test_a_province_point_ignores_towns_linked_to_it_far_away():
    from eventwire.places.build import PlaceRow, _unit_coordinates

    def town(lat, lon):
        return PlaceRow(
            id=f"t{lat},{lon}", name="T", kind="populated_place", country="XX", lat=lat, lon=lon
        )

    home = [town(37.0 + i % 5, 114.0 + i // 5) for i in range(25)]
    strays = [town(32.0, 94.0), town(31.0, 95.0)]
    province = PlaceRow(id="p", name="P", kind="admin1", country="XX", lat=None, lon=None)
    lat, lon = _unit_coordinates(province, home + strays)
    assert 38.5 < lat < 39.5 and 115.5 < lon < 116.5


def test_a_large_foreign_city_the_text_uses_as_a_place_counts_in_a_document_about_another_country():
    places = _places(
        "Farmers in Texas, Kansas and Ohio were told on Monday that the national laboratory "
        "located in Winnipeg had confirmed the case."
    )
    assert places["Winnipeg"]["country"] == "CA"


def test_two_regions_named_with_one_head_are_two_places():
    places = _places("Coffee prices rose across Central and South America this year.")
    assert places["Central America"]["feature"] == "region"
    assert places["South America"]["feature"] == "region"


def test_a_big_city_keeps_its_name_from_a_small_namesake_only_a_state_named_elsewhere_favours():
    from eventwire.places.readings import coherent_reading

    hamlet = _reading("Boston", "populated_place", "US", 42.63, -78.74, score=3.5, population=8000)
    city = _reading("Boston", "populated_place", "US", 42.36, -71.06, score=3.2, population=675000)
    new_york = _reading("New York", "admin1", "US", 42.6, -75.3)
    assert coherent_reading([hamlet, city], [new_york], "US") == city
    buffalo = _reading("Buffalo", "populated_place", "US", 42.89, -78.88)
    assert coherent_reading([hamlet, city], [buffalo], "US") == hamlet


def test_a_named_event_opening_with_a_country_refers_to_the_country():
    from eventwire.nlp import load_pipeline

    doc = load_pipeline()("Veterans of the Vietnam War gathered in Washington on Monday.")
    assert [e.text for e in doc.ents if e.label_ == "EVENT"] == ["the Vietnam War"]
    vietnam = next(p for p in doc._.places if p.candidate.country == "VN")
    assert vietnam.mentions == [] and vietnam.references


def test_a_city_after_an_institution_word_and_of_is_a_place():
    places = _places("Nurses at the University Hospital of Pittsburgh went on strike on Monday.")
    assert places["Pittsburgh"]["admin1"] == "Pennsylvania"


def test_a_name_the_gazetteer_lacks_lies_in_the_place_named_after_it_and_a_comma():
    places = _places("Police closed two roads in Greenlane, Auckland, after the storm on Friday.")
    auckland = places["Auckland"]
    assert "Greenlane" in [m["text"] for m in auckland["mentions"]]
    assert auckland["country"] == "NZ"


@pytest.mark.parametrize(
    ("name", "country", "seat"),
    [
        ("Rift Valley", "KE", "Nakuru"),
        ("Binh Phuoc", "VN", "Đồng Xoài"),
        ("Rhône-Alpes", "FR", "Lyon"),
        ("Western Kasai", "CD", "Kananga"),
        ("SNNPR", "ET", "Awasa"),
        ("Strathclyde", "GB", "Glasgow"),
    ],
)
def test_a_former_province_is_a_place_at_its_former_seat(gazetteer, name, country, seat):
    unit = _best(gazetteer, name)
    town = next(c for c in gazetteer.candidates(seat, country) if c.kind == "populated_place")
    assert (unit.kind, unit.country) == ("admin1", country)
    assert km((unit.lat, unit.lon), (town.lat, town.lon)) < 1


@pytest.mark.parametrize(
    ("old", "current"),
    [
        ("Orissa", "Odisha"),
        ("NWFP", "Khyber Pakhtunkhwa"),
        ("Zaire", "Democratic Republic of the Congo"),
        ("Arakan", "Rakhine"),
        ("Irian Jaya", "Papua"),
        ("Northern Areas", "Gilgit-Baltistan"),
    ],
)
def test_a_renamed_place_answers_to_its_old_name(gazetteer, old, current):
    assert _best(gazetteer, old).name == current


def test_a_former_units_row_whose_seat_is_no_town_is_rejected(monkeypatch):
    from eventwire.places import build as build_module

    rows = ({"name": "Old Province", "country": "KE", "seat": "Nowhere Town", "source": "test"},)
    monkeypatch.setattr(build_module, "data_rows", lambda filename: rows)
    with pytest.raises(GazetteerBuildError, match=r"former_units\.jsonl:1: no town 'Nowhere Town'"):
        list(build_module._former_units([]))


def test_an_army_named_after_its_country_refers_to_the_country():
    places = _places("The U.S. Army flew relief missions over the flooded valley on Monday.")
    assert places["United States"]["references"] and not places["United States"]["mentions"]


def test_names_listed_before_a_plural_type_word_are_places_of_that_kind():
    places = _places(
        "Cholera cases rose in the Mashonaland East, Manicaland and Midlands provinces last month."
    )
    for name in ("Mashonaland East", "Manicaland", "Midlands"):
        assert (places[name]["country"], places[name]["feature"]) == ("ZW", "admin1")


def test_a_province_after_a_town_and_a_comma_is_a_place_whatever_ner_calls_it():
    places = _places(
        "The trader from Sukoharjo, Central Java, died on Friday after a week in hospital."
    )
    province = places["Jawa Tengah"]
    assert [m["text"] for m in province["mentions"]] == ["Central Java"]


def test_words_ner_cut_from_the_start_of_a_place_name_are_given_back():
    places = _places(
        "Health inspectors closed two sushi restaurants in Mission Viejo and Fullerton on "
        "Tuesday, the county said."
    )
    assert [m["text"] for m in places["Mission Viejo"]["mentions"]] == ["Mission Viejo"]
    assert places["Mission Viejo"]["admin1"] == "California"


def test_a_city_after_a_plural_institution_word_and_of_is_a_place():
    places = _places(
        "Scientists from the universities of Oxford and Glasgow in Britain have found the gene, "
        "the journal said."
    )
    assert places["Oxford"]["country"] == places["Glasgow"]["country"] == "GB"


def test_the_name_before_based_is_a_place():
    places = _places(
        "The chief will visit the Gori-based unit in Georgia, the Georgian ministry said."
    )
    assert places["Gori"]["country"] == "GE"


def test_a_dateline_in_capitals_ending_with_the_wire_credit_is_a_place_and_the_credit_is_not():
    places = _places(
        "New arena fee\n\nBOWLING GREEN, Ohio (AP) Students voted for a new fee on Monday."
    )
    assert places["Bowling Green"]["admin1"] == "Ohio"
    assert [m["text"] for m in places["Ohio"]["mentions"]] == ["Ohio"]


def test_a_province_the_text_calls_one_is_a_place_in_a_story_set_elsewhere():
    places = _places(
        "China pledged aid on Monday. At a fundraiser in the town of Midrand, in the province "
        "Gauteng, near Johannesburg, the singer spoke about Beijing and Shanghai."
    )
    assert (places["Gauteng"]["country"], places["Gauteng"]["feature"]) == ("ZA", "admin1")


def test_names_a_type_word_is_said_to_be_are_places_of_that_kind():
    places = _places(
        "Mexico, Brazil and France reported cases. Other cities affected by the flu are Kisumu "
        "and Rift Valley, which reported ten cases."
    )
    assert (places["Kisumu"]["country"], places["Kisumu"]["feature"]) == ("KE", "populated_place")
    assert places["Rift Valley"]["country"] == "KE"
    assert not any(p["country"] == "AI" for p in places.values())  # not The Valley, Anguilla


def test_a_world_city_keeps_its_old_name_from_a_village_abroad():
    places = _places("Floods hit Calcutta and Dhaka on Monday, officials said.")
    assert places["Kolkata"]["country"] == "IN"


def test_central_america_is_the_isthmus_without_mexico(gazetteer):
    region = _best(gazetteer, "Central America")
    managua = _best(gazetteer, "Managua", "NI")
    mexico_city = _best(gazetteer, "Mexico City", "MX")
    assert km((region.lat, region.lon), (managua.lat, managua.lon)) < 300
    assert km((region.lat, region.lon), (mexico_city.lat, mexico_city.lon)) > 1000


def test_a_countrys_name_of_two_words_is_a_place_whatever_ner_calls_it():
    places = _places(
        "The UN envoy for South Sudan David Shearer said aid workers were attacked on the road "
        "to the border."
    )
    assert places["South Sudan"]["feature"] == "country"


def test_an_institution_in_a_city_takes_its_own_name_over_a_variant_in_the_document_state():
    places = _places(
        "Doctors in Los Angeles and San Diego were consulted, said the director of the wellness "
        "center at Children's Hospital of Pittsburgh, who said people want a quick fix."
    )
    assert places["Pittsburgh"]["admin1"] == "Pennsylvania"
    assert "Pittsburg" not in places


def test_a_village_the_gazetteer_lacks_lies_in_the_place_named_after_it_with_in():
    places = _places(
        "Bird flu was found in a dead swan in the village of Cellardyke in Fife, Scotland, on "
        "Thursday."
    )
    fife = places["Fife"]
    assert fife["country"] == "GB" and fife["precision"] >= 2
    assert "Cellardyke" in [m["text"] for m in fife["mentions"]]


def test_a_name_split_in_two_meets_the_one_word_town_an_appositive_calls_a_town():
    places = _places(
        "Turkish doctors said the children were from Dogu Beyazit, a farming town in eastern "
        "Turkey."
    )
    assert places["Doğubayazıt"]["country"] == "TR"


def test_a_canal_or_airport_named_after_a_place_lies_at_that_place():
    places = _places("The frogs crossed the Panama Canal towards Colombia last year.")
    assert [m["text"] for m in places["Panama"]["mentions"]] == ["Panama Canal"]
    places = _places(
        "Thousands gathered at the gates of Kabul Airport on Monday as flights resumed."
    )
    assert [m["text"] for m in places["Kabul"]["mentions"]] == ["Kabul Airport"]
