"""`python -m ceasefire_tui.tui`: the same as the `ceasefire-tui` command."""

from .launch import main

main()
