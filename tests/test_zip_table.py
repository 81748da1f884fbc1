"""The compact ZIP centre table (ips.zip_table) agrees with the `zipcodes` package it is
written from, so a web worker need not load that package's 40 MB of records."""

from __future__ import annotations

import random

import zipcodes

from ips.geo import is_known_zip, zip_centroid
from ips.zip_table import LINE, TABLE, centroid


def test_the_table_gives_the_packages_centre_for_zips_across_the_table():
    data = TABLE.read_bytes()
    codes = [data[at : at + 5].decode() for at in range(0, len(data), LINE)]
    sample = [codes[0], codes[-1], "48226", "49503", *random.Random(21).sample(codes, 300)]
    for code in sample:
        found = zipcodes.matching(code)[0]
        assert centroid(code) == (float(found["lat"]), float(found["long"])), code


def test_unknown_and_malformed_zips_have_no_centre():
    assert zip_centroid("00000") is None  # not a ZIP
    assert zip_centroid("99999") is None
    assert zip_centroid("4822") is None
    assert zip_centroid(None) is None
    assert not is_known_zip("00001")
    assert zip_centroid("48226-1234") == zip_centroid("48226") == (42.3333, -83.0484)
