"""`make bench` (issue 15): the application at the scale of a city, measured, not asserted.

Two PostgreSQL databases filled by `manage.py vul_stad` (scale 1 = Almere today, scale 10), each
served by gunicorn with the production settings; every main page of every role timed over HTTP,
interleaved, with its queries counted in-process; then the background jobs. Prints one table and
writes JSON. `python -m scripts.bench --help` lists the options; `--rook` is the smoke run that
`tests/project/test_bench.py` keeps from rotting.

The modules: `databases` (templates, filling, reuse), `server` (environment, static files,
gunicorn), `binnen` (the part that runs inside Django, one process per database), `paginas`
(what is measured), `meten` (HTTP timings), `verslag` (table, goals, JSON).
"""
