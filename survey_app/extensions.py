"""Flask extensions, created unbound and initialised in create_app()."""

import hashlib

from flask import request
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


def hashed_client() -> str:
    """The client's address as a limiter key, hashed so limiter storage never holds an address.
    Used only on staff routes: nothing that limits young people is keyed by who they are."""
    return hashlib.sha256((request.remote_addr or "").encode()).hexdigest()[:20]


limiter = Limiter(key_func=hashed_client, default_limits=[], headers_enabled=False, key_prefix="vic")
