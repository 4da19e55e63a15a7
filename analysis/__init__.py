"""Pure pandas analysis of survey rounds: no Flask, usable from a notebook.

Every function takes DataFrames and returns new ones; none mutates its input."""
