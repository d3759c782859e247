"""Herald's Python package: clients of the server HTTP API (:class:`Client`,
:class:`AsyncClient`), token minting (:mod:`herald.tokens`) and typed results and errors.

    from herald import Client
    herald = Client("http://localhost:8000", api_key="...")
    herald.publish("tasks:list#42", {"id": 7, "done": True})
"""

__version__ = "0.2.0"

from . import commands, webhooks  # noqa: E402
from .aio import AsyncClient  # noqa: E402
from .client import Client  # noqa: E402
from .errors import *  # noqa: E402,F401,F403
from .tokens import TokenMinter, connection_token, subscription_token  # noqa: E402
from .types import *  # noqa: E402,F401,F403

__all__ = [
    "__version__", "Client", "AsyncClient", "commands", "webhooks", "TokenMinter",
    "connection_token",
    "subscription_token",
] + errors.__all__ + types.__all__  # type: ignore[name-defined]  # noqa: F405
