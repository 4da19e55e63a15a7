"""The "You said, we did" action register: the rules for actions, their progress updates and the
findings they answer (rules.py), changes that flush (operations.py), CSV import and export (csv_io.py),
demo data (demo.py) and the `flask actions` commands (cli.py). Staff views call these; nothing here
imports Flask's request."""
