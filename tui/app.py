"""The Textual app (arriving with the TUI issue)."""


def run(path, mouse=True, theme=None) -> int:
    print(f"ceasefire-tui: the TUI is not built yet; try `ceasefire-tui compare russia ukraine` ({path})")
    return 0
