"""Alembic environment: run migrations on the connection the store hands over."""

from alembic import context

from eventwire.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "eventwire migrations run through eventwire.store.Store, which passes a connection"
    )
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
