"""Round reports: the report data (build), exports (CSV, XLSX, JSON) and the `report` CLI command."""
