"""Reads of personal data are logged on one base (meldingen.leeslog.Leeslog), and every such log
reaches the beheerder's audit log."""

from django.apps import apps

from meldingen.leeslog import Leeslog
from meldingen.meldcode import MeldcodeInzage
from meldingen.models import Inzage
from partijen import audit


def test_every_read_log_is_on_the_one_base_and_in_the_audit_log():
    leeslogs = {m for m in apps.get_models() if issubclass(m, Leeslog)}
    assert leeslogs == {Inzage, MeldcodeInzage}
    gelezen = {b.model for b in audit.bronnen() if b.code.startswith("r:")}
    assert leeslogs <= gelezen
    for model in leeslogs:
        assert {"gebruiker", "tijdstip"} <= {f.name for f in model._meta.fields}
        assert model._meta.ordering == ["-tijdstip"]
