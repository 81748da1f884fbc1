import pytest
from django.db import IntegrityError, transaction

from ips.models import Occupation, StaffMember


def test_onet_occupations_are_loaded_by_migration(db):
    assert Occupation.objects.count() == 1016
    assert Occupation.objects.get(code="35-2014.00").title == "Cooks, Restaurant"


@pytest.mark.parametrize("fte", ["0", "1.01", "-0.5"])
def test_database_rejects_fte_outside_0_to_1(program, fte):
    from tests.conftest import make_user

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffMember.objects.create(user=make_user("x"), program=program, role="specialist", fte=fte)


def test_specialist_reaches_the_workspace(client, users):
    client.force_login(users["specialist"])
    assert client.get("/admin/").status_code == 200
