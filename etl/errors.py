"""The one error type of the ETL: it names the file, the record and the field."""

from __future__ import annotations


class CurationError(ValueError):
    def __init__(self, file: str, row: int | None, field: str | None, message: str, record_id: str | None = None):
        self.file, self.row, self.field, self.record_id, self.message = file, row, field, record_id, message
        where = file
        if row is not None:
            where += f", row {row}"
        if record_id:
            where += f" (id {record_id})"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
