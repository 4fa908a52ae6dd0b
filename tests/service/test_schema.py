"""The API against its own OpenAPI schema: schemathesis generates requests from
`/openapi.json` (valid ones, and invalid ones in every field), and no answer is a server
error, every answer is documented, of its documented type and shape.

The number of examples is bounded so that the suite stays quick (`EXAMPLES` per operation
and mode, about 10 s); schemathesis's coverage phase (every boundary and every wrong type of
every field, deterministic: about 650 requests per operation, 30 s) runs with
`ALINEA_SCHEMA_COVERAGE=1`. Search longer with `ALINEA_SCHEMA_EXAMPLES=500`.
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from alinea.engine import load
from alinea.service import Service, create_app
from tests.service.conftest import TODAY

EXAMPLES = int(os.environ.get("ALINEA_SCHEMA_EXAMPLES", "40"))
PHASES = ["examples", "fuzzing"] + (
    ["coverage"] if os.environ.get("ALINEA_SCHEMA_COVERAGE") else []
)


schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Service(load(), today=lambda: TODAY))
)
schema.config.phases.update(phases=PHASES)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES
)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_is_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
