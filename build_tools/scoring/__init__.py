"""One scoring spec, two implementations that agree.

`spec` declares the rules as expression trees; `reference` scores answers in Python by
interpreting them; `javascript` compiles them into the module the pages ship; `data`
turns a validated quiz into the scoring key both of them read.
"""

from build_tools.scoring.data import scoring_data
from build_tools.scoring.javascript import scoring_module_source
from build_tools.scoring.reference import score
from build_tools.scoring.spec import RULES, Rule, apply, evaluate

__all__ = ["RULES", "Rule", "apply", "evaluate", "score", "scoring_data", "scoring_module_source"]
