"""The production settings, plus one URL: the anchor admin of `scripts.bench.urls`.

Everything else is `convenant.settings` read from the same environment, so what is measured is
what production runs."""

from convenant.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench.urls"
