"""issue 14: settings validation errors are translatable Text with unchanged English."""

import pytest

from allocator.errors import InputError
from allocator.optimize.settings import Constraints, Objective
from allocator.text import Text
from tools.i18n import core_templates as _core


def core_templates():
    return {t for t, _f, _l in _core()}


def _message(exc):
    return exc.value.args[0]


def test_objective_error_is_text():
    with pytest.raises(InputError) as exc:
        Objective.parse("nonsense")
    msg = _message(exc)
    assert isinstance(msg, Text)
    assert msg.template in core_templates()
    assert str(msg) == "objective 'nonsense' must be one of max-sharpe, min-variance, target-return, target-vol, max-utility"


def test_fraction_error_nests_translatable_subject():
    with pytest.raises(InputError) as exc:
        Constraints(max_weight=1.5).validate()
    msg = _message(exc)
    assert isinstance(msg, Text)
    assert msg.template in core_templates()
    assert isinstance(msg.params["what"], Text)
    assert str(msg) == "max weight must be between 0 and 1 (a fraction: 0.25 means 25%), got 1.5"


def test_unknown_country_from_diagnose_is_text():
    from allocator.optimize.diagnose import check_names
    from allocator.optimize.problem import Structure
    from allocator.universe import default_universe

    structure = Structure.of(default_universe().assets, ("USD",))
    with pytest.raises(InputError) as exc:
        check_names(structure, Constraints(country_bounds={"DE": (0.0, 0.5)}))
    msg = _message(exc)
    assert isinstance(msg, Text) and msg.template in core_templates()
    assert str(msg) == "unknown country 'DE'; use US or JP"


def test_pipeline_window_error_is_text():
    from allocator.pipeline import EstimationSettings

    with pytest.raises(InputError) as exc:
        EstimationSettings(start="2020-01-01", end="2019-01-01").validate()
    msg = _message(exc)
    assert isinstance(msg, Text) and msg.template in core_templates()
    assert str(msg) == "the estimation window starts (2020-01-01) after it ends (2019-01-01)"
