"""The book on disk: engine and pragmas, tables, migrations, reads, writes, the audit
chain, the data-folder lock and paths."""
