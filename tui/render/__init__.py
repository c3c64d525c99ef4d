"""How records become text on screen: cleaning (`safe`), glyphs and styles, the one-line
prompts of lists, the cells of tables. No Textual screens here."""
