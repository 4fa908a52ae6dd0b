"""`alinea serve [--rules CHEMINS] [--host H] [--port P] [--workers N] [--reload]`: the rule
base over HTTP — the JSON API (`/v1`, `/openapi.json`), the questionnaire (`/`) and the
documentation site (`/doc/`), served by uvicorn.

The rules are read and checked here, before anything listens (errors are reported like
`alinea check`'s), and the socket is bound here too, so that a port already in use is said
in French. One worker serves in this process; with `--workers N` uvicorn starts N processes
that share the socket, each loading the same files (from the parse cache) through
`worker_app`. The clock is read here: the questionnaire and `/doc/` show the law of today.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import json
import os
import socket
import sys
from typing import Any

from ...dsl.errors import Diagnostic, UsageError
from .. import common

ENVIRONMENT = "ALINEA_SERVE"
"""How `alinea serve` tells its worker processes which rules to load: JSON `{paths, reload}`."""


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Sert la base de règles : l'API JSON /v1 (décrite par /openapi.json), le "
        "questionnaire en français à / et le site de documentation à /doc/. Les règles sont "
        "lues au démarrage (et relues à chaque modification avec --reload)."
    )
    parser.add_argument(
        "--rules",
        nargs="+",
        metavar="CHEMINS",
        help="fichiers .alinea ou dossiers (par défaut : ./regles s'il existe, sinon la base "
        "fournie)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port d'écoute (8000 ; 0 : un port libre)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, metavar="N", help="nombre de processus (1)"
    )
    parser.add_argument(
        "--reload",
        action="store_true",
        help="relire les règles quand leurs fichiers changent, sans interrompre les requêtes",
    )
    parser.add_argument(
        "--journal", action="store_true", help="écrire une ligne par requête sur la sortie"
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    if arguments.workers < 1:
        raise UsageError(
            [Diagnostic("U070", f"--workers : au moins 1 processus, pas {arguments.workers}")]
        )
    if not 0 <= arguments.port <= 65535:
        raise UsageError(
            [Diagnostic("U071", f"--port : un port de 0 à 65535, pas {arguments.port}")]
        )
    arguments.paths = arguments.rules
    base = common.rules(arguments)
    listening = bind(arguments.host, arguments.port)

    import uvicorn

    from ...service import Service, create_app

    options: dict[str, Any] = {
        "log_level": "info" if arguments.journal else "warning",
        "access_log": arguments.journal,
        "server_header": False,
        "timeout_graceful_shutdown": 10,
        "ws": "none",  # no WebSocket route: "auto" imported wsproto at each start for nothing
    }
    host, port = listening.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(
        f"alinea : service sur http://{shown}:{port}/ — questionnaire /, API /v1 (schéma "
        f"/openapi.json), documentation /doc/ ; {arguments.workers} processus"
        + (", rechargement des règles" if arguments.reload else "")
        + " ; Ctrl+C pour arrêter",
        file=sys.stderr,
        flush=True,
    )
    if arguments.workers == 1:
        service = Service(
            base, today=datetime.date.today, paths=arguments.rules, reload=arguments.reload
        )
        config = uvicorn.Config(create_app(service), **options)
        uvicorn.Server(config).run(sockets=[listening])
        return 0
    from uvicorn.supervisors import Multiprocess

    os.environ[ENVIRONMENT] = json.dumps({"paths": arguments.rules, "reload": arguments.reload})
    config = uvicorn.Config(
        f"{__name__}:worker_app", factory=True, workers=arguments.workers, **options
    )
    Multiprocess(config, sockets=[listening]).run()
    return 0


_REASONS = {
    errno.EADDRINUSE: "adresse déjà utilisée",
    errno.EACCES: "permission refusée (un port sous 1024 est réservé)",
    errno.EADDRNOTAVAIL: "cette machine n'a pas cette adresse",
}


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the server starts: a refusal is a usage error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
        if isinstance(error, socket.gaierror):
            reason = "adresse inconnue"
        raise UsageError(
            [
                Diagnostic(
                    "U072",
                    f"impossible d'écouter sur {host}:{port} : {reason}",
                    None,
                    "choisissez un autre --port (0 : un port libre), ou arrêtez l'autre service",
                )
            ]
        ) from None
    listening.set_inheritable(True)
    return listening


def worker_app() -> Any:
    """The application of one worker process started by `--workers N`."""
    from ...service import Service, create_app
    from ...service.state import load

    config = json.loads(os.environ[ENVIRONMENT])
    paths = config["paths"]
    service = Service(load(paths), today=datetime.date.today, paths=paths, reload=config["reload"])
    return create_app(service)
