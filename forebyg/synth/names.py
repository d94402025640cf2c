# SPDX-License-Identifier: MPL-2.0
"""Synthetic Danish-looking names.

The lists are common given names and surnames in Denmark; every person in the
synthetic data is a random combination of them, never a real person.
"""

from __future__ import annotations

from random import Random

GIRLS = (
    "Emma", "Ida", "Clara", "Freja", "Alma", "Ella", "Sofia", "Karla", "Agnes", "Olivia",
    "Josefine", "Laura", "Lærke", "Nora", "Asta", "Ellen", "Frida", "Mathilde", "Anna",
    "Maja", "Isabella", "Emilie", "Luna", "Liva", "Vigga", "Alberte", "Signe", "Marie",
    "Caroline", "Sara", "Cecilie", "Julie", "Silje", "Aya", "Esther", "Thea", "Lily",
    "Mille", "Astrid", "Sofie", "Andrea", "Filippa", "Ronja", "Leonora", "Amalie", "Victoria",
    "Nadia", "Yasmin", "Zainab", "Hanna",
)
BOYS = (
    "William", "Noah", "Oscar", "Lucas", "Carl", "Victor", "Alfred", "Malthe", "Emil",
    "Aksel", "Oliver", "Valdemar", "Elias", "August", "Arthur", "Felix", "Magnus", "Anton",
    "Frederik", "Johan", "Theo", "Storm", "Villads", "Mikkel", "Christian", "Mads", "Sebastian",
    "Tobias", "Jonas", "Mathias", "Rasmus", "Kasper", "Gustav", "Otto", "Bertram", "Liam",
    "Milas", "Elliot", "Ali", "Adam", "Omar", "Hugo", "Konrad", "Sigurd", "Laurits", "Marius",
    "Benjamin", "Philip", "Adrian", "Yusuf",
)
WOMEN = (
    "Mette", "Anne", "Camilla", "Louise", "Maria", "Helle", "Susanne", "Tina", "Charlotte",
    "Maja", "Pernille", "Line", "Rikke", "Trine", "Hanne", "Heidi", "Katrine", "Sanne",
    "Stine", "Christina", "Lene", "Gitte", "Lone", "Karina", "Dorthe", "Marianne", "Malene",
    "Julie", "Sara", "Signe", "Anja", "Betina", "Mia", "Nanna", "Cecilie", "Birgitte",
    "Fatima", "Amina", "Agnieszka", "Sidsel",
)
MEN = (
    "Thomas", "Martin", "Jesper", "Lars", "Michael", "Henrik", "Søren", "Peter", "Jens",
    "Anders", "Morten", "Niels", "Rasmus", "Christian", "Jacob", "Kim", "Brian", "Jan",
    "Mads", "Nikolaj", "Kasper", "Jonas", "Simon", "Torben", "Steffen", "Bo", "Allan",
    "René", "Kenneth", "Dennis", "Kristian", "Mikkel", "Ole", "Per", "Tobias", "Jakob",
    "Ahmed", "Hassan", "Tomasz", "Frederik",
)
SURNAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
    "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen",
    "Jakobsen", "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund",
    "Schmidt", "Eriksen", "Holm", "Kristiansen", "Clausen", "Simonsen", "Svendsen",
    "Andreasen", "Iversen", "Jeppesen", "Vestergaard", "Mogensen", "Nissen", "Lauridsen",
    "Jespersen", "Kjær", "Bertelsen", "Bach", "Dahl", "Lassen", "Overgaard", "Mathiasen",
    "Berg", "Damgaard", "Skov", "Bruun", "Krogh", "Friis", "Winther", "Thygesen", "Toft",
    "Ahmed", "Hussein", "Yilmaz", "Nowak", "Ibrahim", "Ali", "Kaya",
)
_NORDIC = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})


class NamePicker:
    """Draws names from one random stream; compound surnames now and then."""

    def __init__(self, rng: Random):
        self._rng = rng

    def surname(self) -> str:
        rnd = self._rng.random
        first = SURNAMES[int(rnd() * len(SURNAMES))]
        if rnd() < 0.1:
            second = SURNAMES[int(rnd() * len(SURNAMES))]
            if second != first:
                return f"{first} {second}"
        return first

    def child_first(self, girl: bool) -> str:
        names = GIRLS if girl else BOYS
        return names[int(self._rng.random() * len(names))]

    def adult_first(self, woman: bool) -> str:
        names = WOMEN if woman else MEN
        return names[int(self._rng.random() * len(names))]

    def adult(self, woman: bool | None = None) -> str:
        if woman is None:
            woman = self._rng.random() < 0.5
        return f"{self.adult_first(woman)} {self.surname()}"


def username(name: str) -> str:
    """A login name from a person's name: lower case ASCII, dots between parts."""
    parts = name.lower().translate(_NORDIC).replace("-", " ").split()
    return ".".join("".join(ch for ch in part if ch.isalnum()) for part in parts)
