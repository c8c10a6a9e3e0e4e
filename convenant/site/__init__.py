"""The project's shell: what shows or builds several apps at once.

The main navigation (context processor), the home page and the meeting-structure page, the
template filter `mag` that asks every app's permission module, the demo (`maak_demo`) and the
loading of every app's data (`laad_convenant`). The shell may import every app; no app imports
the shell (only the project's settings and root URLs name it), and the covenant's domain
(`convenant/` outside this package) depends on partijen alone, so meldingen and overleggen may
read the covenant (tests/project/test_afhankelijkheden.py).
"""
