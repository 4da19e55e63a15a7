"""Flask extensions, created unbound and initialised in create_app()."""

import hashlib
import hmac
from typing import TYPE_CHECKING

from flask import current_app, request
from flask_compress import Compress
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Constraints made from the models get predictable names, so a later migration can name the one it alters.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
# Models subclass Model: Flask-SQLAlchemy's db.Model at run time, which type checkers cannot see
# through; to them it is the declarative Base it extends.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


def reads_only() -> None:
    """This request only reads: run its statements without BEGIN and ROLLBACK around them (autocommit),
    two round trips fewer on PostgreSQL. Call it before the request's first query, and never in a request
    that writes: each write would then be kept at once, alone. The connection goes back to the pool with
    its usual transactions (SQLAlchemy resets the isolation level on return)."""
    db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


migrate = Migrate()
csrf = CSRFProtect()
compress = Compress()


def hashed_client(*more: str) -> str:
    """The client's address (and `more`, such as the email typed) as a limiter key, so limiter storage
    never holds an address. Keyed with SECRET_KEY: a plain hash of an IPv4 address is undone by hashing
    all four billion. Used only on staff routes: nothing that limits young people is keyed by who they are."""
    message = "\0".join((request.remote_addr or "", *more)).encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256).hexdigest()[:32]


limiter = Limiter(key_func=hashed_client, default_limits=[], headers_enabled=False, key_prefix="vic")


# Blueprints whose pages are young people's (the survey, help, quick exit). Nothing limits them by who is
# asking (the survey's own brakes count per round, in the database): the limiter skips them before it
# looks for limits, so their pages don't pay for the check.
YOUNG_PEOPLES_BLUEPRINTS = frozenset({"survey", "pages"})


@limiter.request_filter
def _young_peoples_pages() -> bool:
    return request.blueprint in YOUNG_PEOPLES_BLUEPRINTS
