"""The checks `flask questionnaires check` adds to loading: routing (`for:` against `show_if`), jargon
(questionnaires/glossary.yaml) and reading age."""
