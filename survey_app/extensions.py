"""Flask extensions, created unbound and initialised in create_app()."""

import hashlib
import hmac

from flask import current_app, request
from flask_compress import Compress
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
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
