import numpy as np
import pytest
from geopy.distance import great_circle

from ips import geo


def test_zip_centroid_is_offline_and_accepts_zip_plus_four():
    assert geo.zip_centroid("48226-1234") == pytest.approx((42.3333, -83.0484))


@pytest.mark.parametrize(
    "bad", ["", "4822", "ABCDE", None, "99999", "４８２２６", "٤٨٢٢٦-１２３４"]
)
def test_unknown_or_malformed_zip_has_no_centroid(bad):
    assert geo.zip_centroid(bad) is None


def test_haversine_agrees_with_geopy_great_circle():
    detroit, flint = (42.3333, -83.0484), (43.0125, -83.6875)
    expected = great_circle(detroit, flint).miles
    assert geo.haversine_miles(*detroit, *flint) == pytest.approx(expected, rel=1e-4)
    many = geo.haversine_miles_many(*detroit, np.array([flint[0]]), np.array([flint[1]]))
    assert many[0] == pytest.approx(expected, rel=1e-4)


def test_default_geocoder_is_offline_zip_centroid(settings):
    settings.USE_NOMINATIM = False
    found = geo.default_geocoder()("1 Main St", "48226")
    assert found == geo.Location(42.3333, -83.0484, "zip_centroid")


@pytest.mark.parametrize("typed", ["４８２２６", "٤٨٢٢٦", "48226-１２３４"])
def test_a_zip_in_other_digits_is_no_us_zip_anywhere_it_is_typed(typed):
    """Only ASCII digits are a ZIP code: `\\d` matches any script's digits, which then
    reached the ASCII-only ZIP table (a 500 on the public listing) or were stored."""
    from importer.parsers import _ZIP
    from ips.domain import postal_code_problem

    assert geo.normalise_zip(typed) is None
    assert "is not a US ZIP code" in postal_code_problem(typed, "US")
    assert not _ZIP.match(typed)
