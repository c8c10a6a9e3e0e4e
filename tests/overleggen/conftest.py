"""Fixtures for the meeting tests."""

from datetime import date

import pytest


@pytest.fixture
def ondertekend(convenant_data, stad):
    """Both boards of the small city signed with the first partners (art. 10.1)."""
    from convenant.models import Convenant, Ondertekening

    convenant = Convenant.objects.actueel()
    for bestuur in (stad.bestuur_x, stad.bestuur_y):
        Ondertekening.objects.create(
            convenant=convenant, organisatie=bestuur, datum=date(2023, 11, 14)
        )
    return stad
