"""Generate realistic dossiers of any size, deterministically: the generator lives in
`ceasefire_tui.fixtures.generate` (tests use it too); this runs it.

    python benchmarks/generate.py --quotes 100000 --out benchmarks/data/q100k   # a folder
    python benchmarks/generate.py --quotes 200 --out small.json                 # one file
"""

from ceasefire_tui.fixtures.generate import main

if __name__ == "__main__":
    main()
