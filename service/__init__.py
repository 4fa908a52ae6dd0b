"""`alinea serve`: the rule base over HTTP, for developers (a JSON API described by OpenAPI)
and for people (a questionnaire in French at `/`).

from alinea.engine import load
from alinea.service import Service, create_app
app = create_app(Service(load(), today=datetime.date.today))   # any ASGI server runs it
"""

from .app import create_app as create_app
from .state import Service as Service

__all__ = ["Service", "create_app"]
