"""The program import, by step (spec/interchange.md, Import):

- `run`: `import_program` (check, then write all in one transaction or nothing) and its
  `ImportResult`;
- `checks`: every check of every row before anything is written;
- `writers`: one writer per file, upserting into the program;
- `context`: what the checks hand to the writers.

Callers import from `importer.services` as before.
"""

from importer.services.run import ImportResult, import_program

__all__ = ["ImportResult", "import_program"]
