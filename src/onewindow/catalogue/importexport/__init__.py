"""Import and export of the whole catalogue as JSON or .xlsx (format: docs/catalogue.md). The
services catalogue_export_json / catalogue_export_xlsx / catalogue_import in catalogue.services are
the entry points; this package holds the format (spec), the writer, the reader and the importer."""
