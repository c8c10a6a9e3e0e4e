"""Property-based: random text, numbers, Unicode and NUL in every query parameter and every form
field of every URL pattern never give a 500 (hypothesis; see test_kwaadaardige_invoer for the
fixed hostile values and how the parameter list is kept complete)."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_kwaadaardige_invoer import (
    HOSTILE,
    PARAMETERS,
    _bevolk,
    _patterns,
    _urls,
    _velden,
    _vraag,
)

WAARDEN = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.sampled_from(HOSTILE),
    st.dates().map(str),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10).map(lambda t: t + "\x00"),
)
GEBRUIKERS = ["beheerder", "coordinator_veiligheid", None]


def _namen():
    return sorted(naam for naam, _ in _patterns())


@pytest.mark.django_db
@pytest.mark.parametrize("url_naam", _namen())
def test_random_input_never_gives_500(client, stad, gebruikers, url_naam):
    _bevolk(stad)
    urls = [
        u
        for u in _urls(stad, alleen=url_naam)
        if isinstance(u, str)  # string path parameters get the fixed hostile values elsewhere
    ]
    if not urls:
        pytest.skip("a pattern with a string parameter: covered by test_kwaadaardige_invoer")
    velden = {}
    for wie in GEBRUIKERS:
        client.logout()
        if wie:
            client.force_login(gebruikers[wie])
        for url in urls:
            fouten = []
            response = _vraag(client, fouten, "GET", url)
            gevonden = _velden(response) if response is not None else {"get": [], "post": []}
            velden[wie, url] = (sorted(set(PARAMETERS) | gevonden["get"]), sorted(gevonden["post"]))

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        wie=st.sampled_from(GEBRUIKERS),
        url=st.sampled_from(urls),
        data=st.data(),
    )
    def probeer(wie, url, data):
        client.logout()
        if wie:
            client.force_login(gebruikers[wie])
        get_namen, post_namen = velden[wie, url]
        parameters = data.draw(st.dictionaries(st.sampled_from(get_namen), WAARDEN))
        fouten = []
        _vraag(client, fouten, "GET", f"{url}?{urlencode(parameters)}")
        if post_namen:
            formulier = data.draw(st.fixed_dictionaries(dict.fromkeys(post_namen, WAARDEN)))
            _vraag(client, fouten, "POST", url, formulier)
        assert not fouten, "\n".join(fouten)

    probeer()
