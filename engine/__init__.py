"""The engine: compile a rule base, evaluate situations at dates, explain every conclusion.

from alinea.engine import load
rules = load()                                    # the bundled rule base
result = rules.evaluate({"age": 34}, date="2026-03-01")
result["mon_soutien_psy.eligible"].value          # True / False / None when unknown
result["mon_soutien_psy.eligible"].missing        # facts that could still decide it
print(result["mon_soutien_psy.eligible"].explain())
"""

from ..dsl.errors import AlineaError as AlineaError
from ..dsl.errors import CompileError as CompileError
from ..dsl.errors import ConflictError as ConflictError
from ..dsl.errors import EvaluationError as EvaluationError
from ..dsl.errors import FactDiagnostic as FactDiagnostic
from ..dsl.errors import PopulationError as PopulationError
from ..dsl.errors import RuleError as RuleError
from ..dsl.errors import RuleSyntaxError as RuleSyntaxError
from ..dsl.errors import SituationError as SituationError
from ..dsl.errors import UsageError as UsageError
from .result import Conclusion as Conclusion
from .result import Question as Question
from .result import Result as Result
from .rulebase import RuleBase as RuleBase
from .rulebase import load as load

__all__ = [
    "AlineaError",
    "CompileError",
    "Conclusion",
    "ConflictError",
    "EvaluationError",
    "FactDiagnostic",
    "PopulationError",
    "Question",
    "Result",
    "RuleBase",
    "RuleError",
    "RuleSyntaxError",
    "SituationError",
    "UsageError",
    "load",
]
