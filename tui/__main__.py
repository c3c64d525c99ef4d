"""`python -m ceasefire_tui.tui`: the same as the `ceasefire-tui` command."""

from .main import main

main()
